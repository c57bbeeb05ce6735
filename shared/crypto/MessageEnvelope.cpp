#include "crypto/MessageEnvelope.h"

#include "crypto/CborBytes.h"
#include "crypto/SigningKeyPair.h"
#include "crypto/Sodium.h"
#include "protocol/BodyReader.h"

#include <QCborStreamWriter>
#include <sodium.h>

namespace moim::crypto {

namespace {

const QByteArray kContext = QByteArrayLiteral("moim message v1");
constexpr int kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr int kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

// Written with QCborStreamWriter rather than built as a QCborMap: the same bytes (key order
// as written, definite lengths), without a QString and a map entry per key. Sealing is on the
// path of every message sent (docs/benchmarks.md, "End-to-end encryption").
QByteArray encodeHeader(const MessageHeader& header)
{
    QByteArray bytes;
    bytes.reserve(160);
    QCborStreamWriter writer(&bytes);
    writer.startMap(11);
    const auto field = [&writer](QLatin1StringView key, quint64 value) {
        writer.append(key);
        writer.append(value);
    };
    field(QLatin1StringView("v"), MessageEnvelope::kVersion);
    field(QLatin1StringView("room"), header.roomId);
    field(QLatin1StringView("sender_user"), header.senderUserId);
    field(QLatin1StringView("sender_device"), header.senderDeviceId);
    field(QLatin1StringView("epoch"), header.epoch);
    field(QLatin1StringView("index"), header.index);
    writer.append(QLatin1StringView("client_id"));
    writer.append(header.clientId);
    field(QLatin1StringView("kind"), header.kind);
    field(QLatin1StringView("ref_seq"), header.refSeq);
    field(QLatin1StringView("thread_root"), header.threadRoot);
    writer.append(QLatin1StringView("sent_ms"));
    writer.append(header.sentMs);
    writer.endMap();
    return bytes;
}

QByteArray signedPart(const SealedMessage& message)
{
    return littleEndian64(quint64(message.headerBytes.size())) + message.headerBytes +
           message.nonce + message.ciphertext;
}

Checked<SealedMessage> malformed(const QString& why)
{
    return Checked<SealedMessage>::failure(CryptoFailure::Malformed,
                                           QStringLiteral("envelope: ") + why);
}

} // namespace

QByteArray MessageEnvelope::seal(const MessageHeader& header, const QByteArray& plaintext,
                                 const QByteArray& messageKey, const SigningKeyPair& sender)
{
    Q_ASSERT(messageKey.size() == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    SealedMessage message;
    message.header = header;
    message.headerBytes = encodeHeader(header);
    message.nonce = randomBytes(kNonceBytes);

    const size_t maxPadded = size_t(plaintext.size()) + kPadBlock;
    QByteArray padded(int(maxPadded), Qt::Uninitialized);
    std::copy(plaintext.cbegin(), plaintext.cend(), padded.begin());
    size_t paddedLength = 0;
    sodium_pad(&paddedLength, reinterpret_cast<unsigned char*>(padded.data()),
               size_t(plaintext.size()), kPadBlock, maxPadded);
    padded.truncate(int(paddedLength));

    message.ciphertext.resize(padded.size() + kTagBytes);
    unsigned long long cipherLength = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(message.ciphertext.data()), &cipherLength,
        reinterpret_cast<const unsigned char*>(padded.constData()), quint64(padded.size()),
        reinterpret_cast<const unsigned char*>(message.headerBytes.constData()),
        quint64(message.headerBytes.size()), nullptr,
        reinterpret_cast<const unsigned char*>(message.nonce.constData()),
        reinterpret_cast<const unsigned char*>(messageKey.constData()));
    wipe(padded);

    const QByteArray signature = sender.sign(kContext, signedPart(message));
    QByteArray envelope;
    envelope.reserve(message.headerBytes.size() + message.ciphertext.size() + 128);
    QCborStreamWriter writer(&envelope);
    writer.startMap(5);
    writer.append(QLatin1StringView("v"));
    writer.append(quint64(kVersion));
    writer.append(QLatin1StringView("h"));
    writer.append(message.headerBytes);
    writer.append(QLatin1StringView("n"));
    writer.append(message.nonce);
    writer.append(QLatin1StringView("c"));
    writer.append(message.ciphertext);
    writer.append(QLatin1StringView("s"));
    writer.append(signature);
    writer.endMap();
    return envelope;
}

Checked<SealedMessage> MessageEnvelope::parse(const QByteArray& envelope)
{
    const auto outer = decodeCborMap(envelope);
    if (!outer)
        return malformed(QStringLiteral("not a CBOR map"));
    protocol::BodyReader reader(*outer);
    const quint64 version = reader.unsignedInteger(QStringLiteral("v"));
    SealedMessage message;
    message.headerBytes = reader.bytes(QStringLiteral("h"));
    message.nonce = reader.bytes(QStringLiteral("n"));
    message.ciphertext = reader.bytes(QStringLiteral("c"));
    message.signature = reader.bytes(QStringLiteral("s"));
    if (!reader.ok())
        return malformed(reader.error());
    if (version != kVersion)
        return Checked<SealedMessage>::failure(
            CryptoFailure::Unsupported,
            QStringLiteral("envelope version %1 is not spoken here").arg(version));
    if (message.nonce.size() != kNonceBytes || message.ciphertext.size() < kTagBytes ||
        message.signature.size() != SigningKeyPair::kSignatureBytes)
        return malformed(QStringLiteral("a field has the wrong size"));

    const auto headerMap = decodeCborMap(message.headerBytes);
    if (!headerMap)
        return malformed(QStringLiteral("header is not a CBOR map"));
    protocol::BodyReader header(*headerMap);
    const quint64 headerVersion = header.unsignedInteger(QStringLiteral("v"));
    MessageHeader& h = message.header;
    h.roomId = header.unsignedInteger(QStringLiteral("room"));
    h.senderUserId = header.unsignedInteger(QStringLiteral("sender_user"));
    h.senderDeviceId = header.unsignedInteger(QStringLiteral("sender_device"));
    h.epoch = header.unsignedInteger(QStringLiteral("epoch"));
    const quint64 index = header.unsignedInteger(QStringLiteral("index"));
    h.clientId = header.bytes(QStringLiteral("client_id"));
    const quint64 kind = header.unsignedInteger(QStringLiteral("kind"));
    h.refSeq = header.unsignedInteger(QStringLiteral("ref_seq"));
    h.threadRoot = header.unsignedInteger(QStringLiteral("thread_root"));
    h.sentMs = header.integer(QStringLiteral("sent_ms"));
    if (!header.ok())
        return malformed(QStringLiteral("header: ") + header.error());
    if (headerVersion != kVersion || index > 0xffffffffu || kind > 0xffffffffu)
        return malformed(QStringLiteral("header field out of range"));
    h.index = quint32(index);
    h.kind = quint32(kind);
    return message;
}

bool MessageEnvelope::verify(const SealedMessage& message, const QByteArray& senderSigningKey)
{
    return SigningKeyPair::verify(senderSigningKey, kContext, signedPart(message),
                                  message.signature);
}

Checked<QByteArray> MessageEnvelope::decrypt(const SealedMessage& message,
                                             const QByteArray& messageKey)
{
    if (messageKey.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
        return Checked<QByteArray>::failure(CryptoFailure::UnknownKey,
                                            QStringLiteral("no message key"));
    QByteArray padded(message.ciphertext.size() - kTagBytes, Qt::Uninitialized);
    unsigned long long plainLength = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(padded.data()), &plainLength, nullptr,
            reinterpret_cast<const unsigned char*>(message.ciphertext.constData()),
            quint64(message.ciphertext.size()),
            reinterpret_cast<const unsigned char*>(message.headerBytes.constData()),
            quint64(message.headerBytes.size()),
            reinterpret_cast<const unsigned char*>(message.nonce.constData()),
            reinterpret_cast<const unsigned char*>(messageKey.constData())) != 0)
        return Checked<QByteArray>::failure(
            CryptoFailure::Undecryptable,
            QStringLiteral("the message does not decrypt: tampered or under another key"));
    size_t unpadded = 0;
    if (sodium_unpad(&unpadded, reinterpret_cast<const unsigned char*>(padded.constData()),
                     size_t(plainLength), kPadBlock) != 0) {
        wipe(padded);
        return Checked<QByteArray>::failure(CryptoFailure::Malformed,
                                            QStringLiteral("bad padding"));
    }
    padded.truncate(int(unpadded));
    return padded;
}

} // namespace moim::crypto
