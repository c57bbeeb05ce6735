#pragma once

#include <QString>
#include <e2ee/CryptoEngine.h>
#include <e2ee/E2eeSession.h>
#include <keystore/DeviceSecretsFile.h>
#include <keystore/KeyStoreResult.h>
#include <memory>
#include <optional>
#include <protocol/Result.h>

namespace moim::client {
class Connection;
}

namespace moim::e2ee {

// How a profile's device keys are protected at rest, as the user chose.
struct KeyProtectionChoice {
    // Names the keychain entry: "<application>:<profile path>".
    QString application;
    // Empty: the system keychain. Otherwise the passphrase that derives the local key.
    QString passphrase;
    // Tests and scripts that make many profiles may ask for the cheapest allowed cost.
    bool cheapPassphrase = false;
    // Appended to "no keychain" errors: how this front end lets the user choose a passphrase.
    QString passphraseHint;
};

// This profile's device keys and encryption state, kept in the profile directory encrypted
// under a key from the system keychain, or from a passphrase where the user chose one (or
// there is no keychain). Never in plaintext.
class DeviceCrypto {
public:
    DeviceCrypto(const QString& profileDirectory, KeyProtectionChoice choice,
                 client::Connection& connection);
    ~DeviceCrypto();

    // Loads the state (new keys for a device seen for the first time) and saves it once to be
    // sure it can be kept; no network. Done once; later calls return at once.
    protocol::Result<protocol::Done> load(quint64 userId, quint64 deviceId);
    // load(), then sets encryption up with the server.
    protocol::Result<E2eeSession::DeviceState> open(quint64 userId, quint64 deviceId);
    // Why the last open() failed in the key store, if that is where it failed: lets a front
    // end offer a passphrase when there is no keychain, or ask again after a wrong one.
    std::optional<keystore::KeyStoreError> keyStoreError() const { return m_keyStoreError; }
    E2eeSession& session() { return *m_session; }
    // Forgets this device's keys (after log-out: the device is revoked).
    void forget();

private:
    protocol::Result<protocol::Done> save();
    protocol::Result<protocol::Done> chooseSource(bool fileExists);
    template <typename T> protocol::Result<T> keystoreFailure(const keystore::Failure& failure);

    KeyProtectionChoice m_choice;
    QString m_profileId;
    client::Connection& m_connection;
    keystore::DeviceSecretsFile m_file;
    std::unique_ptr<keystore::LocalKeySource> m_source;
    CryptoEngine m_engine;
    std::unique_ptr<E2eeSession> m_session;
    std::optional<keystore::KeyStoreError> m_keyStoreError;
};

} // namespace moim::e2ee
