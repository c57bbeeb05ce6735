#include "cli/DeviceCrypto.h"

#include <QDir>
#include <keystore/KeychainKeySource.h>
#include <keystore/PassphraseKeySource.h>
#include <keystore/RememberingKeySource.h>
#include <util/LogCategories.h>

namespace moim::cli {

using protocol::ErrorCode;
using protocol::Result;

namespace {

const QString kPassphraseVariable = QStringLiteral("MOIM_KEYSTORE_PASSPHRASE");

template <typename T> Result<T> keystoreFailure(const keystore::Failure& failure)
{
    QString message = failure.message;
    if (failure.code == keystore::KeyStoreError::KeychainUnavailable)
        message += QStringLiteral(" (set %1 to protect this device's keys with a passphrase "
                                  "instead)")
                       .arg(kPassphraseVariable);
    return Result<T>::failure(ErrorCode::Forbidden, QStringLiteral("device keys: ") + message);
}

} // namespace

DeviceCrypto::DeviceCrypto(const QString& profileDirectory, const QProcessEnvironment& environment,
                           client::Connection& connection)
    : m_profileId(QStringLiteral("moim-cli:") + QDir(profileDirectory).absolutePath())
    , m_environment(environment)
    , m_connection(connection)
    , m_file(profileDirectory)
{}

DeviceCrypto::~DeviceCrypto() = default;

Result<protocol::Done> DeviceCrypto::chooseSource(bool fileExists)
{
    const QString passphrase = m_environment.value(kPassphraseVariable);
    keystore::Protection protection =
        passphrase.isEmpty() ? keystore::Protection::Keychain : keystore::Protection::Passphrase;
    if (fileExists) {
        const auto stored = m_file.protection();
        if (!stored)
            return keystoreFailure<protocol::Done>(stored.error());
        protection = stored.value();
    }
    std::unique_ptr<keystore::LocalKeySource> inner;
    if (protection == keystore::Protection::Passphrase) {
        if (passphrase.isEmpty())
            return Result<protocol::Done>::failure(
                ErrorCode::Forbidden,
                QStringLiteral("this profile's device keys are protected by a passphrase: set %1")
                    .arg(kPassphraseVariable));
        // Tests and scripts that make many profiles may ask for the cheapest allowed cost.
        const bool cheap = m_environment.value(QStringLiteral("MOIM_KEYSTORE_COST")) ==
                           QLatin1String("interactive");
        inner = std::make_unique<keystore::PassphraseKeySource>(
            passphrase,
            cheap ? keystore::PassphraseCost::interactive() : keystore::PassphraseCost::moderate());
    } else {
        inner = std::make_unique<keystore::KeychainKeySource>(m_profileId);
    }
    m_source = std::make_unique<keystore::RememberingKeySource>(std::move(inner));
    return protocol::Done{};
}

Result<e2ee::E2eeSession::DeviceState> DeviceCrypto::open(quint64 userId, quint64 deviceId)
{
    using State = e2ee::E2eeSession::DeviceState;
    const bool exists = m_file.exists();
    if (const auto chosen = chooseSource(exists); !chosen)
        return chosen.error();
    if (exists) {
        const auto secrets = m_file.loadAndWait(*m_source);
        if (!secrets)
            return keystoreFailure<State>(secrets.error());
        auto engine = e2ee::CryptoEngine::deserialize(secrets.value());
        if (!engine)
            return Result<State>::failure(ErrorCode::Internal,
                                          QStringLiteral("device keys: the stored state is "
                                                         "unreadable"));
        // Keys of a device this profile no longer is (logged in again since) are dropped.
        if (engine->userId() == userId && engine->deviceId() == deviceId)
            m_engine = std::move(*engine);
    }
    if (!m_engine.hasIdentity()) {
        m_engine.createIdentity(userId, deviceId);
        if (const auto saved = save(); !saved)
            return saved.error();
    }
    m_session = std::make_unique<e2ee::E2eeSession>(m_connection, m_engine, [this] {
        if (const auto saved = save(); !saved)
            qCWarning(lcCrypto) << "could not keep the encryption state:" << saved.error().message;
    });
    return m_session->setUp(userId, deviceId);
}

Result<protocol::Done> DeviceCrypto::save()
{
    const auto saved = m_file.saveAndWait(m_engine.serialize(), *m_source);
    if (!saved)
        return keystoreFailure<protocol::Done>(saved.error());
    return protocol::Done{};
}

void DeviceCrypto::forget()
{
    m_file.remove();
}

} // namespace moim::cli
