#include "keystore/DeviceSecretsFile.h"

#include "crypto/Sodium.h"
#include "keystore/Wait.h"
#include "util/LogCategories.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QtEndian>
#include <sodium.h>

namespace moim::keystore {

namespace {

constexpr char kMagic[] = "MOIMDSEC";
constexpr int kMagicSize = 8;
constexpr quint8 kVersion = 1;
constexpr int kFixedHeaderSize = kMagicSize + 1 + 1 + 2;
constexpr int kCheckSize = 16;
constexpr int kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr int kTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "moimdsec";
constexpr quint64 kEncryptionSubkeyId = 1;
constexpr quint64 kCheckSubkeyId = 2;

static_assert(sizeof(kMagic) == kMagicSize + 1);
static_assert(LocalKey::Size == crypto_kdf_KEYBYTES);
static_assert(LocalKey::Size == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kCheckSize >= crypto_kdf_BYTES_MIN);

quint8 protectionByte(Protection protection)
{
    return protection == Protection::Keychain ? 1 : 2;
}

std::optional<Protection> protectionFromByte(quint8 byte)
{
    if (byte == 1)
        return Protection::Keychain;
    if (byte == 2)
        return Protection::Passphrase;
    return std::nullopt;
}

// A parsed file, before any key is involved.
struct Envelope {
    Protection protection = Protection::Keychain;
    QByteArray parameters;
    QByteArray keyCheck;
    QByteArray nonce;
    QByteArray ciphertext;
    QByteArray associatedData; // the header without the key check, then the nonce
};

QByteArray headerPrefix(Protection protection, const QByteArray& parameters)
{
    QByteArray bytes(kMagic, kMagicSize);
    bytes.append(char(kVersion));
    bytes.append(char(protectionByte(protection)));
    uchar length[2];
    qToBigEndian(quint16(parameters.size()), length);
    bytes.append(reinterpret_cast<const char*>(length), 2);
    bytes.append(parameters);
    return bytes;
}

Failure corrupt(const QString& path, const QString& detail)
{
    return Failure{KeyStoreError::Corrupt,
                   QStringLiteral("The device secrets file %1 is damaged (%2).").arg(path, detail)};
}

Result<Envelope> parse(const QByteArray& bytes, const QString& path)
{
    if (bytes.size() < kFixedHeaderSize)
        return corrupt(path, QStringLiteral("too short"));
    if (!bytes.startsWith(QByteArray::fromRawData(kMagic, kMagicSize)))
        return corrupt(path, QStringLiteral("not a Moim secrets file"));
    const auto* raw = reinterpret_cast<const uchar*>(bytes.constData());
    if (raw[kMagicSize] != kVersion) {
        return corrupt(path, QStringLiteral("format version %1, this Moim reads version %2")
                                 .arg(raw[kMagicSize])
                                 .arg(kVersion));
    }
    const std::optional<Protection> protection = protectionFromByte(raw[kMagicSize + 1]);
    if (!protection)
        return corrupt(path, QStringLiteral("unknown protection"));
    const qsizetype parametersSize = qFromBigEndian<quint16>(raw + kMagicSize + 2);
    const qsizetype checkOffset = kFixedHeaderSize + parametersSize;
    const qsizetype nonceOffset = checkOffset + kCheckSize;
    const qsizetype ciphertextOffset = nonceOffset + kNonceSize;
    if (bytes.size() < ciphertextOffset + kTagSize)
        return corrupt(path, QStringLiteral("truncated"));
    Envelope envelope;
    envelope.protection = *protection;
    envelope.parameters = bytes.mid(kFixedHeaderSize, parametersSize);
    envelope.keyCheck = bytes.mid(checkOffset, kCheckSize);
    envelope.nonce = bytes.mid(nonceOffset, kNonceSize);
    envelope.ciphertext = bytes.mid(ciphertextOffset);
    envelope.associatedData = bytes.left(checkOffset) + envelope.nonce;
    return envelope;
}

// The two subkeys of a local key: one encrypts, the other is the key check.
struct Subkeys {
    LocalKey encryption;
    QByteArray check;
};

Subkeys deriveSubkeys(const LocalKey& key)
{
    Subkeys subkeys;
    subkeys.check = QByteArray(kCheckSize, '\0');
    crypto_kdf_derive_from_key(subkeys.encryption.data(), LocalKey::Size, kEncryptionSubkeyId,
                               kKdfContext, key.data());
    crypto_kdf_derive_from_key(reinterpret_cast<uchar*>(subkeys.check.data()), kCheckSize,
                               kCheckSubkeyId, kKdfContext, key.data());
    return subkeys;
}

std::optional<QByteArray> decrypt(const Envelope& envelope, const LocalKey& key)
{
    QByteArray plaintext(envelope.ciphertext.size() - kTagSize, Qt::Uninitialized);
    unsigned long long plaintextSize = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<uchar*>(plaintext.data()), &plaintextSize, nullptr,
        reinterpret_cast<const uchar*>(envelope.ciphertext.constData()),
        quint64(envelope.ciphertext.size()),
        reinterpret_cast<const uchar*>(envelope.associatedData.constData()),
        quint64(envelope.associatedData.size()),
        reinterpret_cast<const uchar*>(envelope.nonce.constData()), key.data());
    if (rc != 0) {
        sodium_memzero(plaintext.data(), size_t(plaintext.size()));
        return std::nullopt;
    }
    return plaintext;
}

Result<QByteArray> openEnvelope(const Envelope& envelope, const LocalKey& key, const QString& path)
{
    const Subkeys subkeys = deriveSubkeys(key);
    const bool checkMatches = crypto::constantTimeEquals(subkeys.check, envelope.keyCheck);
    std::optional<QByteArray> plaintext = decrypt(envelope, subkeys.encryption);
    if (plaintext && checkMatches)
        return *plaintext;
    if (plaintext) {
        // The key is right (the ciphertext authenticates) but the key check was altered.
        sodium_memzero(plaintext->data(), size_t(plaintext->size()));
        return corrupt(path, QStringLiteral("key check altered"));
    }
    if (checkMatches)
        return corrupt(path, QStringLiteral("authentication failed"));
    if (envelope.protection == Protection::Passphrase) {
        return Result<QByteArray>::failure(
            KeyStoreError::WrongPassphrase,
            QStringLiteral("Wrong passphrase for this device's keys."));
    }
    qCWarning(lcCrypto) << "keystore: the keychain's key does not open the secrets file";
    return Result<QByteArray>::failure(
        KeyStoreError::KeyLost,
        QStringLiteral("The key in the system keychain is not the one that protects this "
                       "device's keys (the keychain entry was replaced), so they cannot be "
                       "opened. Sign this device in again."));
}

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.exists()) {
        return Result<QByteArray>::failure(KeyStoreError::NotFound,
                                           QStringLiteral("This profile has no device keys yet."));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QByteArray>::failure(
            KeyStoreError::Io, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    }
    if (file.size() > kMaxFileSize)
        return corrupt(path, QStringLiteral("too large"));
    QByteArray bytes = file.read(kMaxFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        return Result<QByteArray>::failure(
            KeyStoreError::Io, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    }
    if (bytes.size() > kMaxFileSize)
        return corrupt(path, QStringLiteral("too large"));
    return bytes;
}

Result<Done> ensureDirectory(const QString& directory)
{
    if (QDir(directory).exists())
        return Done{};
    if (!QDir().mkpath(directory) ||
        !QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        return Result<Done>::failure(
            KeyStoreError::Io,
            QStringLiteral("Cannot create the profile directory %1.").arg(directory));
    }
    return Done{};
}

Result<Done> writeEncrypted(const QString& directory, const QString& path, Protection protection,
                            const QByteArray& parameters, const QByteArray& secrets,
                            const LocalKey& key)
{
    if (const Result<Done> made = ensureDirectory(directory); !made)
        return made;
    const Subkeys subkeys = deriveSubkeys(key);
    const QByteArray prefix = headerPrefix(protection, parameters);
    const QByteArray nonce = crypto::randomBytes(kNonceSize);
    const QByteArray associatedData = prefix + nonce;
    QByteArray ciphertext(secrets.size() + kTagSize, Qt::Uninitialized);
    unsigned long long ciphertextSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<uchar*>(ciphertext.data()), &ciphertextSize,
        reinterpret_cast<const uchar*>(secrets.constData()), quint64(secrets.size()),
        reinterpret_cast<const uchar*>(associatedData.constData()), quint64(associatedData.size()),
        nullptr, reinterpret_cast<const uchar*>(nonce.constData()), subkeys.encryption.data());
    const QByteArray bytes = prefix + subkeys.check + nonce + ciphertext;

    QSaveFile file(path);
    const auto failed = [&file, &path]() {
        return Result<Done>::failure(
            KeyStoreError::Io, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return failed();
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return failed();
    }
    if (!file.commit())
        return failed();
    return Done{};
}

} // namespace

QString DeviceSecretsFile::fileName()
{
    return QStringLiteral("device-secrets");
}

DeviceSecretsFile::DeviceSecretsFile(QString directory)
    : m_directory(std::move(directory))
{
    crypto::initializeSodium();
}

QString DeviceSecretsFile::path() const
{
    return QDir(m_directory).filePath(fileName());
}

bool DeviceSecretsFile::exists() const
{
    return QFile::exists(path());
}

Result<Protection> DeviceSecretsFile::protection() const
{
    const Result<QByteArray> bytes = readFile(path());
    if (!bytes)
        return bytes.error();
    const Result<Envelope> envelope = parse(bytes.value(), path());
    if (!envelope)
        return envelope.error();
    return envelope->protection;
}

void DeviceSecretsFile::save(const QByteArray& secrets, LocalKeySource& source, QObject* context,
                             DoneCallback done) const
{
    const Protection protection = source.protection();
    const QByteArray parameters = source.newParameters();
    if (parameters.size() > 0xffff) {
        detail::post<Done>(context, std::move(done),
                           Failure{KeyStoreError::Io,
                                   QStringLiteral("The key source's parameters are too long.")});
        return;
    }
    source.obtainKey(
        LocalKeySource::Purpose::Create, parameters, context,
        [directory = m_directory, path = path(), protection, parameters, secrets,
         done = std::move(done)](const Result<LocalKey>& key) {
            if (!key) {
                done(key.error());
                return;
            }
            done(writeEncrypted(directory, path, protection, parameters, secrets, key.value()));
        });
}

void DeviceSecretsFile::load(LocalKeySource& source, QObject* context, SecretsCallback done) const
{
    const Result<QByteArray> bytes = readFile(path());
    if (!bytes) {
        detail::post<QByteArray>(context, std::move(done), bytes.error());
        return;
    }
    Result<Envelope> envelope = parse(bytes.value(), path());
    if (!envelope) {
        detail::post<QByteArray>(context, std::move(done), envelope.error());
        return;
    }
    if (envelope->protection != source.protection()) {
        const QString message =
            envelope->protection == Protection::Passphrase
                ? QStringLiteral("This profile is protected by a passphrase.")
                : QStringLiteral("This profile is protected by the system keychain.");
        detail::post<QByteArray>(context, std::move(done),
                                 Failure{KeyStoreError::WrongProtection, message});
        return;
    }
    const QByteArray parameters = envelope->parameters;
    source.obtainKey(LocalKeySource::Purpose::Open, parameters, context,
                     [envelope = std::move(envelope.value()), path = path(),
                      done = std::move(done)](const Result<LocalKey>& key) {
                         if (!key) {
                             done(key.error());
                             return;
                         }
                         done(openEnvelope(envelope, key.value(), path));
                     });
}

Result<Done> DeviceSecretsFile::saveAndWait(const QByteArray& secrets, LocalKeySource& source,
                                            std::chrono::milliseconds timeout) const
{
    return detail::waitFor<Done>(
        [this, &secrets, &source](QObject* context, DoneCallback done) {
            save(secrets, source, context, std::move(done));
        },
        timeout, detail::waitSubject(source.protection()));
}

Result<QByteArray> DeviceSecretsFile::loadAndWait(LocalKeySource& source,
                                                  std::chrono::milliseconds timeout) const
{
    return detail::waitFor<QByteArray>(
        [this, &source](QObject* context, SecretsCallback done) {
            load(source, context, std::move(done));
        },
        timeout, detail::waitSubject(source.protection()));
}

Result<Done> DeviceSecretsFile::remove() const
{
    QFile file(path());
    if (file.exists() && !file.remove()) {
        return Result<Done>::failure(
            KeyStoreError::Io,
            QStringLiteral("Cannot remove %1: %2").arg(path(), file.errorString()));
    }
    return Done{};
}

} // namespace moim::keystore
