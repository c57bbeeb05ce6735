#include "crypto/RecoverySecret.h"

#include "crypto/AeadBox.h"
#include "crypto/Base32.h"
#include "crypto/CborBytes.h"
#include "crypto/Sodium.h"
#include "protocol/BodyReader.h"

#include <sodium.h>

namespace moim::crypto {

namespace {

const QByteArray kAssociatedData = QByteArrayLiteral("moim recovery v1");
constexpr quint64 kMaxOps = 10;
constexpr quint64 kMaxMemBytes = quint64(1) << 30;
constexpr int kGeneratedBytes = 15;

// Spaces and dashes in a generated passphrase are for reading; the same words typed
// without them, or in lower case, must still open the blob.
QByteArray normalizedPassphrase(const QString& passphrase)
{
    if (const auto code = base32Decode(passphrase, kGeneratedBytes))
        return groupedCode(base32Encode(*code), 4).toUtf8();
    return passphrase.trimmed().normalized(QString::NormalizationForm_C).toUtf8();
}

QByteArray stretch(const QString& passphrase, const QByteArray& salt, quint64 ops, size_t mem)
{
    QByteArray secret = normalizedPassphrase(passphrase);
    QByteArray key(AeadBox::kKeyBytes, Qt::Uninitialized);
    const int rc = crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), quint64(key.size()),
                                 secret.constData(), quint64(secret.size()),
                                 reinterpret_cast<const unsigned char*>(salt.constData()), ops, mem,
                                 crypto_pwhash_ALG_ARGON2ID13);
    wipe(secret);
    if (rc != 0)
        return {};
    return key;
}

} // namespace

QString RecoverySecret::generatePassphrase()
{
    return groupedCode(base32Encode(randomBytes(kGeneratedBytes)), 4);
}

QString RecoverySecret::passphraseProblem(const QString& passphrase)
{
    if (passphrase.trimmed().size() < kMinPassphraseLength)
        return QStringLiteral("a recovery passphrase needs at least %1 characters")
            .arg(kMinPassphraseLength);
    return {};
}

QByteArray RecoverySecret::seal(const RecoveryContents& contents, const QString& passphrase,
                                RecoveryCost cost)
{
    const QByteArray salt = randomBytes(crypto_pwhash_SALTBYTES);
    QByteArray key = stretch(passphrase, salt, cost.opsLimit, cost.memLimitBytes);
    if (key.isEmpty())
        return {};
    QCborMap inner;
    inner.insert(QStringLiteral("master_secret"), contents.masterSecretKey);
    inner.insert(QStringLiteral("backup_key"), contents.backupKey);
    QByteArray plain = encodeCborMap(inner);
    inner = {};
    QCborMap blob;
    blob.insert(QStringLiteral("v"), 1);
    blob.insert(QStringLiteral("salt"), salt);
    blob.insert(QStringLiteral("ops"), qint64(cost.opsLimit));
    blob.insert(QStringLiteral("mem"), qint64(cost.memLimitBytes));
    blob.insert(QStringLiteral("box"), AeadBox::seal(key, plain, kAssociatedData));
    wipe(plain);
    wipe(key);
    return encodeCborMap(blob);
}

Checked<RecoveryContents> RecoverySecret::open(const QByteArray& blob, const QString& passphrase)
{
    using Out = Checked<RecoveryContents>;
    const auto map = decodeCborMap(blob);
    if (!map)
        return Out::failure(CryptoFailure::Malformed, QStringLiteral("recovery blob: not CBOR"));
    protocol::BodyReader reader(*map);
    const quint64 version = reader.unsignedInteger(QStringLiteral("v"));
    const QByteArray salt = reader.bytes(QStringLiteral("salt"));
    const quint64 ops = reader.unsignedInteger(QStringLiteral("ops"));
    const quint64 mem = reader.unsignedInteger(QStringLiteral("mem"));
    const QByteArray box = reader.bytes(QStringLiteral("box"));
    if (!reader.ok())
        return Out::failure(CryptoFailure::Malformed,
                            QStringLiteral("recovery blob: ") + reader.error());
    if (version != 1 || salt.size() != crypto_pwhash_SALTBYTES)
        return Out::failure(CryptoFailure::Unsupported,
                            QStringLiteral("recovery blob of an unknown version"));
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > kMaxOps || mem < crypto_pwhash_MEMLIMIT_MIN ||
        mem > kMaxMemBytes)
        return Out::failure(CryptoFailure::Unsupported,
                            QStringLiteral("recovery blob asks for an unreasonable cost"));
    QByteArray key = stretch(passphrase, salt, ops, size_t(mem));
    if (key.isEmpty())
        return Out::failure(CryptoFailure::Unsupported,
                            QStringLiteral("not enough memory to open the recovery blob"));
    auto plain = AeadBox::open(key, box, kAssociatedData);
    wipe(key);
    if (!plain)
        return Out::failure(CryptoFailure::Undecryptable,
                            QStringLiteral("wrong recovery passphrase"));
    const auto inner = decodeCborMap(plain.value());
    wipe(plain.value());
    if (!inner)
        return Out::failure(CryptoFailure::Malformed, QStringLiteral("recovery contents"));
    protocol::BodyReader contentsReader(*inner);
    RecoveryContents contents;
    contents.masterSecretKey = contentsReader.bytes(QStringLiteral("master_secret"));
    contents.backupKey = contentsReader.bytes(QStringLiteral("backup_key"));
    if (!contentsReader.ok() || contents.masterSecretKey.size() != 64 ||
        contents.backupKey.size() != 32)
        return Out::failure(CryptoFailure::Malformed, QStringLiteral("recovery contents"));
    return contents;
}

} // namespace moim::crypto
