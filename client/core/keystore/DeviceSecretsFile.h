#pragma once

#include "keystore/KeyStoreResult.h"
#include "keystore/LocalKeySource.h"

#include <QByteArray>
#include <QString>

namespace moim::keystore {

// A device's secrets (an opaque blob: its private signing and key-agreement keys), encrypted
// under the local key in "device-secrets" in the profile directory. Written atomically with
// mode 0600. Format, version 1 (integers big-endian):
//
//   0   magic "MOIMDSEC"                     8 bytes
//   8   version = 1                          1 byte
//   9   protection: 1 keychain, 2 passphrase 1 byte
//   10  length n of the parameters           2 bytes
//   12  the key source's parameters          n bytes (profile id, or Argon2id cost and salt)
//   ..  key check                            16 bytes
//   ..  nonce                                24 bytes
//   ..  XChaCha20-Poly1305 ciphertext        secrets + 16 bytes
//
// Two subkeys come from the local key (crypto_kdf): one encrypts, the other gives the key
// check, which tells a wrong key (WrongPassphrase, or KeyLost for the keychain) from a damaged
// file (Corrupt). Everything but the key check is authenticated as associated data.
class DeviceSecretsFile {
public:
    using DoneCallback = std::function<void(Result<Done>)>;
    using SecretsCallback = std::function<void(Result<QByteArray>)>;

    static QString fileName();

    // directory is the profile directory (0700); it is made, owner-only, when missing.
    explicit DeviceSecretsFile(QString directory);

    QString path() const;
    bool exists() const;

    // Reads only the header: how the file is protected, so that the caller knows which key
    // source to make ("this profile is protected by a passphrase"). NotFound, Corrupt or Io.
    Result<Protection> protection() const;

    // Asynchronous, as LocalKeySource::obtainKey(): done is called once, later, on context's
    // thread, unless context is destroyed first. source must outlive the call.
    // save() replaces the file, with a fresh nonce (and salt, for a passphrase).
    void save(const QByteArray& secrets, LocalKeySource& source, QObject* context,
              DoneCallback done) const;
    // NotFound, WrongProtection, Corrupt, Io, KeyLost, WrongPassphrase, KeychainUnavailable.
    void load(LocalKeySource& source, QObject* context, SecretsCallback done) const;

    // Blocking: spin a local event loop; Timeout when the source does not answer in time.
    Result<Done> saveAndWait(const QByteArray& secrets, LocalKeySource& source,
                             std::chrono::milliseconds timeout = kDefaultWaitTimeout) const;
    Result<QByteArray> loadAndWait(LocalKeySource& source,
                                   std::chrono::milliseconds timeout = kDefaultWaitTimeout) const;

    // Deletes the file (a missing file is not an error). Does not touch the keychain.
    Result<Done> remove() const;

private:
    QString m_directory;
};

} // namespace moim::keystore
