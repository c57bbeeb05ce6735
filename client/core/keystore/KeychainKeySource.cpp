#include "keystore/KeychainKeySource.h"

#include "keystore/Wait.h"
#include "util/LogCategories.h"

#include <qt6keychain/keychain.h>

namespace moim::keystore {

namespace {

QString unavailableMessage(const QKeychain::Job& job)
{
    return QStringLiteral("The system keychain is not available (%1). Moim never keeps device "
                          "keys unprotected on disk: unlock or install a keychain (such as "
                          "GNOME Keyring or KWallet), or protect this device with a passphrase.")
        .arg(job.errorString());
}

template <typename Job> Job* newJob(const QString& profileId)
{
    auto* job = new Job(KeychainKeySource::serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(profileId);
    return job;
}

} // namespace

QString KeychainKeySource::serviceName()
{
    return QStringLiteral("moim");
}

KeychainKeySource::KeychainKeySource(QString profileId)
    : m_profileId(std::move(profileId))
    , m_receiver(std::make_unique<QObject>())
{}

KeychainKeySource::~KeychainKeySource() = default;

QByteArray KeychainKeySource::newParameters() const
{
    return m_profileId.toUtf8();
}

void KeychainKeySource::obtainKey(Purpose purpose, const QByteArray& parameters, QObject* context,
                                  KeyCallback done)
{
    const QPointer<QObject> guard(context);
    if (purpose == Purpose::Open && parameters != m_profileId.toUtf8()) {
        detail::post<LocalKey>(
            guard, std::move(done),
            Failure{KeyStoreError::KeyLost,
                    QStringLiteral("This file's key is kept in the keychain for profile \"%1\", "
                                   "not \"%2\".")
                        .arg(QString::fromUtf8(parameters), m_profileId)});
        return;
    }
    auto* job = newJob<QKeychain::ReadPasswordJob>(m_profileId);
    QObject::connect(
        job, &QKeychain::Job::finished, m_receiver.get(),
        [this, guard, purpose, done = std::move(done)](QKeychain::Job* finished) {
            if (!guard)
                return;
            const auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
            switch (read->error()) {
            case QKeychain::NoError: {
                const std::optional<LocalKey> key = LocalKey::fromBytes(read->binaryData());
                if (!key) {
                    detail::post<LocalKey>(
                        guard, done,
                        Failure{KeyStoreError::Corrupt,
                                QStringLiteral("The keychain entry for profile \"%1\" is not "
                                               "a Moim key.")
                                    .arg(m_profileId)});
                    return;
                }
                detail::post<LocalKey>(guard, done, *key);
                return;
            }
            case QKeychain::EntryNotFound:
                if (purpose == Purpose::Create) {
                    createKey(guard, done);
                    return;
                }
                qCWarning(lcCrypto) << "keystore: the keychain holds no key for this profile";
                detail::post<LocalKey>(
                    guard, done,
                    Failure{KeyStoreError::KeyLost,
                            QStringLiteral("The system keychain no longer holds the key of "
                                           "profile \"%1\" (the entry was deleted or the "
                                           "keychain was reset), so this device's keys cannot "
                                           "be opened. Sign this device in again.")
                                .arg(m_profileId)});
                return;
            default:
                qCWarning(lcCrypto)
                    << "keystore: keychain read failed:" << read->error() << read->errorString();
                detail::post<LocalKey>(
                    guard, done,
                    Failure{KeyStoreError::KeychainUnavailable, unavailableMessage(*read)});
                return;
            }
        });
    job->start();
}

void KeychainKeySource::createKey(QObject* context, KeyCallback done)
{
    const QPointer<QObject> guard(context);
    const LocalKey key = LocalKey::random();
    auto* job = newJob<QKeychain::WritePasswordJob>(m_profileId);
    // The job keeps (and frees, unwiped) its own copy; ours is dropped right here.
    job->setBinaryData(key.toByteArray());
    QObject::connect(job, &QKeychain::Job::finished, m_receiver.get(),
                     [guard, key, done = std::move(done)](QKeychain::Job* finished) {
                         if (finished->error() != QKeychain::NoError) {
                             qCWarning(lcCrypto)
                                 << "keystore: keychain write failed:" << finished->error()
                                 << finished->errorString();
                             detail::post<LocalKey>(guard, done,
                                                    Failure{KeyStoreError::KeychainUnavailable,
                                                            unavailableMessage(*finished)});
                             return;
                         }
                         qCInfo(lcCrypto) << "keystore: stored a new local key in the keychain";
                         detail::post<LocalKey>(guard, done, key);
                     });
    job->start();
}

void KeychainKeySource::removeKey(QObject* context, std::function<void(Result<Done>)> done)
{
    const QPointer<QObject> guard(context);
    auto* job = newJob<QKeychain::DeletePasswordJob>(m_profileId);
    QObject::connect(job, &QKeychain::Job::finished, m_receiver.get(),
                     [guard, done = std::move(done)](QKeychain::Job* finished) {
                         const QKeychain::Error error = finished->error();
                         if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
                             detail::post<Done>(guard, done, Done{});
                             return;
                         }
                         detail::post<Done>(guard, done,
                                            Failure{KeyStoreError::KeychainUnavailable,
                                                    unavailableMessage(*finished)});
                     });
    job->start();
}

Result<Done> KeychainKeySource::removeKeyAndWait(std::chrono::milliseconds timeout)
{
    return detail::waitFor<Done>(
        [this](QObject* context, std::function<void(Result<Done>)> done) {
            removeKey(context, std::move(done));
        },
        timeout, detail::waitSubject(Protection::Keychain));
}

} // namespace moim::keystore
