#pragma once

#include "keystore/LocalKeySource.h"

#include <QString>
#include <memory>

namespace moim::keystore {

// Argon2id cost for deriving a local key from a passphrase. Recorded in each file's header,
// so a file keeps opening when the default changes.
struct PassphraseCost {
    quint64 opsLimit;
    size_t memLimitBytes;

    // libsodium's "moderate" limits (3 passes, 256 MiB): the default.
    static PassphraseCost moderate();
    // libsodium's "interactive" limits (2 passes, 64 MiB): the cheapest a file may ask for.
    static PassphraseCost interactive();
};

// The local key is derived from a passphrase with Argon2id (libsodium crypto_pwhash) and a
// random salt kept in the file's header. Where no system keychain exists, the user may choose
// this instead. The passphrase is hashed as its UTF-8 bytes (no Unicode normalization).
//
// Derivation takes a second or so and runs on QThreadPool::globalInstance(), not on the
// caller's thread. Open and Create derive the same way; a wrong passphrase shows when the
// file is opened (WrongPassphrase).
class PassphraseKeySource final : public LocalKeySource {
public:
    explicit PassphraseKeySource(const QString& passphrase,
                                 PassphraseCost cost = PassphraseCost::moderate());
    ~PassphraseKeySource() override;

    Protection protection() const override { return Protection::Passphrase; }
    // A new random salt each time, with this source's cost.
    QByteArray newParameters() const override;
    void obtainKey(Purpose purpose, const QByteArray& parameters, QObject* context,
                   KeyCallback done) override;

    struct Secret; // the passphrase's UTF-8 bytes, wiped when the last user is done

private:
    std::shared_ptr<const Secret> m_passphrase;
    PassphraseCost m_cost;
};

} // namespace moim::keystore
