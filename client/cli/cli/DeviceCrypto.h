#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <e2ee/CryptoEngine.h>
#include <e2ee/E2eeSession.h>
#include <keystore/DeviceSecretsFile.h>
#include <memory>
#include <protocol/Result.h>

namespace moim::client {
class Connection;
}

namespace moim::cli {

// This profile's device keys and encryption state, kept in the profile directory encrypted
// under a key from the system keychain, or from MOIM_KEYSTORE_PASSPHRASE where the user
// chose a passphrase (or there is no keychain). Never in plaintext.
class DeviceCrypto {
public:
    DeviceCrypto(const QString& profileDirectory, const QProcessEnvironment& environment,
                 client::Connection& connection);
    ~DeviceCrypto();

    // Loads the state (new keys for a device seen for the first time), saves it once to be
    // sure it can be kept, and sets encryption up with the server.
    protocol::Result<e2ee::E2eeSession::DeviceState> open(quint64 userId, quint64 deviceId);
    e2ee::E2eeSession& session() { return *m_session; }
    // Forgets this device's keys (after log-out: the device is revoked).
    void forget();

private:
    protocol::Result<protocol::Done> save();
    protocol::Result<protocol::Done> chooseSource(bool fileExists);

    QString m_profileId;
    QProcessEnvironment m_environment;
    client::Connection& m_connection;
    keystore::DeviceSecretsFile m_file;
    std::unique_ptr<keystore::LocalKeySource> m_source;
    e2ee::CryptoEngine m_engine;
    std::unique_ptr<e2ee::E2eeSession> m_session;
};

} // namespace moim::cli
