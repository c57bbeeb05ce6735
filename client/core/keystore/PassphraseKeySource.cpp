#include "keystore/PassphraseKeySource.h"

#include "crypto/Sodium.h"
#include "keystore/Wait.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QtEndian>
#include <sodium.h>

namespace moim::keystore {

struct PassphraseKeySource::Secret {
    QByteArray utf8;

    explicit Secret(QByteArray bytes)
        : utf8(std::move(bytes))
    {
        utf8.detach();
    }
    ~Secret() { sodium_memzero(utf8.data(), size_t(utf8.size())); }
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
};

namespace {

// Parameters in a file header: algorithm (1 byte), opsLimit (4 bytes, big-endian),
// memLimit in bytes (8 bytes, big-endian), salt (crypto_pwhash_SALTBYTES).
constexpr int kParametersSize = 1 + 4 + 8 + crypto_pwhash_SALTBYTES;
// Bounds on what a file may ask for, so that a damaged header cannot demand absurd work
// (the most is some 15 seconds of one core and 1 GiB).
constexpr quint64 kMaxOpsLimit = 16;
constexpr quint64 kMaxMemLimit = quint64(1024) * 1024 * 1024;

struct Parameters {
    PassphraseCost cost;
    QByteArray salt;
};

QByteArray encodeParameters(const PassphraseCost& cost, const QByteArray& salt)
{
    QByteArray bytes(kParametersSize, '\0');
    auto* out = reinterpret_cast<uchar*>(bytes.data());
    out[0] = uchar(crypto_pwhash_ALG_ARGON2ID13);
    qToBigEndian(quint32(cost.opsLimit), out + 1);
    qToBigEndian(quint64(cost.memLimitBytes), out + 5);
    std::copy(salt.cbegin(), salt.cend(), bytes.begin() + 13);
    return bytes;
}

std::optional<Parameters> decodeParameters(const QByteArray& bytes)
{
    if (bytes.size() != kParametersSize)
        return std::nullopt;
    const auto* in = reinterpret_cast<const uchar*>(bytes.constData());
    if (in[0] != uchar(crypto_pwhash_ALG_ARGON2ID13))
        return std::nullopt;
    const quint64 ops = qFromBigEndian<quint32>(in + 1);
    const quint64 mem = qFromBigEndian<quint64>(in + 5);
    const PassphraseCost minimum = PassphraseCost::interactive();
    if (ops < minimum.opsLimit || ops > kMaxOpsLimit || mem < minimum.memLimitBytes ||
        mem > kMaxMemLimit || mem > quint64(std::numeric_limits<size_t>::max()))
        return std::nullopt;
    return Parameters{PassphraseCost{ops, size_t(mem)}, bytes.mid(13)};
}

Result<LocalKey> derive(const QByteArray& passphrase, const Parameters& parameters)
{
    LocalKey key;
    const int rc = crypto_pwhash(
        key.data(), LocalKey::Size, passphrase.constData(), quint64(passphrase.size()),
        reinterpret_cast<const uchar*>(parameters.salt.constData()), parameters.cost.opsLimit,
        parameters.cost.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13);
    if (rc != 0) {
        return Result<LocalKey>::failure(
            KeyStoreError::Io,
            QStringLiteral("Not enough memory to derive the key from the passphrase (%1 MiB "
                           "needed).")
                .arg(parameters.cost.memLimitBytes / (1024 * 1024)));
    }
    return key;
}

} // namespace

PassphraseCost PassphraseCost::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PassphraseCost PassphraseCost::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PassphraseKeySource::PassphraseKeySource(const QString& passphrase, PassphraseCost cost)
    : m_passphrase(std::make_shared<const Secret>(passphrase.toUtf8()))
    , m_cost(cost)
{
    crypto::initializeSodium();
}

PassphraseKeySource::~PassphraseKeySource() = default;

QByteArray PassphraseKeySource::newParameters() const
{
    return encodeParameters(m_cost, crypto::randomBytes(crypto_pwhash_SALTBYTES));
}

void PassphraseKeySource::obtainKey(Purpose /*purpose*/, const QByteArray& parameters,
                                    QObject* context, KeyCallback done)
{
    const std::optional<Parameters> decoded = decodeParameters(parameters);
    if (!decoded) {
        detail::post<LocalKey>(
            context, std::move(done),
            Failure{KeyStoreError::Corrupt,
                    QStringLiteral("The passphrase parameters in the secrets file are damaged.")});
        return;
    }
    // The answer comes through a watcher owned by context: destroying context drops it, and
    // the worker never touches context itself.
    auto promise = std::make_shared<QPromise<Result<LocalKey>>>();
    auto* watcher = new QFutureWatcher<Result<LocalKey>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, done = std::move(done)]() {
                         watcher->deleteLater();
                         const QFuture<Result<LocalKey>> future = watcher->future();
                         if (future.resultCount() > 0)
                             done(future.result());
                     });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start(
        [promise, passphrase = m_passphrase, parameters = *decoded]() {
            promise->addResult(derive(passphrase->utf8, parameters));
            promise->finish();
        });
}

} // namespace moim::keystore
