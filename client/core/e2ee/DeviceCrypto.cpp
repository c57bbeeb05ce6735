#include "e2ee/DeviceCrypto.h"

#include <QDir>
#include <keystore/KeychainKeySource.h>
#include <keystore/PassphraseKeySource.h>
#include <keystore/RememberingKeySource.h>
#include <util/LogCategories.h>

namespace moim::e2ee {

using protocol::ErrorCode;
using protocol::Result;

DeviceCrypto::DeviceCrypto(const QString& profileDirectory, KeyProtectionChoice choice,
                           client::Connection& connection)
    : m_choice(std::move(choice))
    , m_profileId(m_choice.application + QLatin1Char(':') + QDir(profileDirectory).absolutePath())
    , m_connection(connection)
    , m_file(profileDirectory)
{}

DeviceCrypto::~DeviceCrypto() = default;

template <typename T> Result<T> DeviceCrypto::keystoreFailure(const keystore::Failure& failure)
{
    m_keyStoreError = failure.code;
    QString message = failure.message;
    if (failure.code == keystore::KeyStoreError::KeychainUnavailable &&
        !m_choice.passphraseHint.isEmpty())
        message += QStringLiteral(" (%1)").arg(m_choice.passphraseHint);
    return Result<T>::failure(ErrorCode::Forbidden, QStringLiteral("device keys: ") + message);
}

Result<protocol::Done> DeviceCrypto::chooseSource(bool fileExists)
{
    const QString& passphrase = m_choice.passphrase;
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
        if (passphrase.isEmpty()) {
            m_keyStoreError = keystore::KeyStoreError::WrongProtection;
            QString message =
                QStringLiteral("this profile's device keys are protected by a passphrase");
            if (!m_choice.passphraseHint.isEmpty())
                message += QStringLiteral(": ") + m_choice.passphraseHint;
            return Result<protocol::Done>::failure(ErrorCode::Forbidden, message);
        }
        inner = std::make_unique<keystore::PassphraseKeySource>(
            passphrase, m_choice.cheapPassphrase ? keystore::PassphraseCost::interactive()
                                                 : keystore::PassphraseCost::moderate());
    } else {
        inner = std::make_unique<keystore::KeychainKeySource>(m_profileId);
    }
    m_source = std::make_unique<keystore::RememberingKeySource>(std::move(inner));
    return protocol::Done{};
}

Result<protocol::Done> DeviceCrypto::load(quint64 userId, quint64 deviceId)
{
    if (m_session)
        return protocol::Done{};
    m_keyStoreError.reset();
    const bool exists = m_file.exists();
    if (const auto chosen = chooseSource(exists); !chosen)
        return chosen.error();
    if (exists) {
        const auto secrets = m_file.loadAndWait(*m_source);
        if (!secrets)
            return keystoreFailure<protocol::Done>(secrets.error());
        auto engine = CryptoEngine::deserialize(secrets.value());
        if (!engine)
            return Result<protocol::Done>::failure(ErrorCode::Internal,
                                                   QStringLiteral("device keys: the stored state "
                                                                  "is unreadable"));
        // Keys of a device this profile no longer is (logged in again since) are dropped.
        if (engine->userId() == userId && engine->deviceId() == deviceId)
            m_engine = std::move(*engine);
    }
    if (!m_engine.hasIdentity()) {
        m_engine.createIdentity(userId, deviceId);
        if (const auto saved = save(); !saved)
            return saved.error();
    }
    m_session = std::make_unique<E2eeSession>(m_connection, m_engine, [this] {
        if (const auto saved = save(); !saved)
            qCWarning(lcCrypto) << "could not keep the encryption state:" << saved.error().message;
    });
    return protocol::Done{};
}

Result<e2ee::E2eeSession::DeviceState> DeviceCrypto::open(quint64 userId, quint64 deviceId)
{
    if (const auto loaded = load(userId, deviceId); !loaded)
        return loaded.error();
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

} // namespace moim::e2ee
