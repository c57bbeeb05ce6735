#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>
#include <QString>

namespace moim::crypto {

// What a user needs to become whole again on a new device with no other device left: the
// user master key (to sign the new device into the list) and the backup key (to read history).
struct RecoveryContents {
    QByteArray masterSecretKey; // Ed25519, 64 bytes
    QByteArray backupKey;       // 32 bytes

    bool operator==(const RecoveryContents&) const = default;
};

struct RecoveryCost {
    quint64 opsLimit = 3;
    size_t memLimitBytes = 64 * 1024 * 1024;
};

// The recovery blob the server keeps: the contents under a key stretched from the recovery
// passphrase with Argon2id. The server can try passphrases offline against it, so passphrases
// we generate carry 120 bits and ones people choose must be long.
class RecoverySecret {
public:
    static constexpr int kMinPassphraseLength = 12;

    static QString generatePassphrase();
    // Empty when the passphrase is acceptable, else why not.
    static QString passphraseProblem(const QString& passphrase);

    static QByteArray seal(const RecoveryContents& contents, const QString& passphrase,
                           RecoveryCost cost = {});
    // Refuses costs outside sane bounds, so a hostile server cannot make us burn gigabytes.
    static Checked<RecoveryContents> open(const QByteArray& blob, const QString& passphrase);
};

} // namespace moim::crypto
