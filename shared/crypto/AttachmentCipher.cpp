#include "crypto/AttachmentCipher.h"

#include "crypto/Sodium.h"
#include "crypto/StreamHash.h"

#include <QBuffer>
#include <QIODevice>
#include <sodium.h>

namespace moim::crypto {

namespace {

static_assert(AttachmentCipher::kHeaderBytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(AttachmentCipher::kChunkOverheadBytes ==
              crypto_secretstream_xchacha20poly1305_ABYTES);

using Out = Checked<AttachmentCipher::Summary>;

// Reads up to `size` bytes, looping over short reads of sockets and pipes.
QByteArray readUpTo(QIODevice& in, qint64 size, bool* failed)
{
    QByteArray chunk(int(size), Qt::Uninitialized);
    qint64 filled = 0;
    while (filled < size) {
        const qint64 got = in.read(chunk.data() + filled, size - filled);
        if (got < 0) {
            *failed = true;
            break;
        }
        if (got == 0 && !in.waitForReadyRead(0))
            break;
        filled += got;
    }
    chunk.truncate(int(filled));
    return chunk;
}

bool writeAll(QIODevice& out, const QByteArray& data)
{
    return out.write(data) == data.size();
}

} // namespace

QByteArray AttachmentCipher::newKey()
{
    return randomBytes(kKeyBytes);
}

qint64 AttachmentCipher::cipherSize(qint64 plainSize)
{
    // At least one chunk, so that an empty file still ends with TAG_FINAL.
    const qint64 chunks =
        std::max<qint64>(1, (plainSize + kPlainChunkBytes - 1) / kPlainChunkBytes);
    return kHeaderBytes + plainSize + chunks * kChunkOverheadBytes;
}

Out AttachmentCipher::encrypt(const QByteArray& key, QIODevice& in, QIODevice& out)
{
    Q_ASSERT(key.size() == kKeyBytes);
    crypto_secretstream_xchacha20poly1305_state state;
    QByteArray header(kHeaderBytes, Qt::Uninitialized);
    crypto_secretstream_xchacha20poly1305_init_push(
        &state, reinterpret_cast<unsigned char*>(header.data()),
        reinterpret_cast<const unsigned char*>(key.constData()));
    Summary summary;
    StreamHash cipherHash;
    StreamHash plainHash;
    if (!writeAll(out, header))
        return Out::failure(CryptoFailure::Malformed, QStringLiteral("cannot write ciphertext"));
    cipherHash.add(header);
    summary.cipherSize = header.size();

    bool failed = false;
    QByteArray chunk = readUpTo(in, kPlainChunkBytes, &failed);
    while (!failed) {
        QByteArray following = chunk.size() == kPlainChunkBytes
                                   ? readUpTo(in, kPlainChunkBytes, &failed)
                                   : QByteArray();
        if (failed)
            break;
        const bool last = following.isEmpty();
        QByteArray cipher(chunk.size() + kChunkOverheadBytes, Qt::Uninitialized);
        crypto_secretstream_xchacha20poly1305_push(
            &state, reinterpret_cast<unsigned char*>(cipher.data()), nullptr,
            reinterpret_cast<const unsigned char*>(chunk.constData()), quint64(chunk.size()),
            nullptr, 0,
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                 : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        plainHash.add(chunk);
        cipherHash.add(cipher);
        summary.plainSize += chunk.size();
        summary.cipherSize += cipher.size();
        if (!writeAll(out, cipher))
            return Out::failure(CryptoFailure::Malformed,
                                QStringLiteral("cannot write ciphertext"));
        if (last)
            break;
        chunk = std::move(following);
    }
    sodium_memzero(&state, sizeof state);
    if (failed)
        return Out::failure(CryptoFailure::Malformed, QStringLiteral("cannot read the file"));
    summary.cipherHash = cipherHash.finish();
    summary.plainHash = plainHash.finish();
    return summary;
}

Out AttachmentCipher::decrypt(const QByteArray& key, QIODevice& in, QIODevice& out)
{
    if (key.size() != kKeyBytes)
        return Out::failure(CryptoFailure::UnknownKey, QStringLiteral("no file key"));
    bool failed = false;
    const QByteArray header = readUpTo(in, kHeaderBytes, &failed);
    if (failed || header.size() != kHeaderBytes)
        return Out::failure(CryptoFailure::Truncated, QStringLiteral("file shorter than a header"));
    crypto_secretstream_xchacha20poly1305_state state;
    if (crypto_secretstream_xchacha20poly1305_init_pull(
            &state, reinterpret_cast<const unsigned char*>(header.constData()),
            reinterpret_cast<const unsigned char*>(key.constData())) != 0)
        return Out::failure(CryptoFailure::Malformed, QStringLiteral("bad stream header"));
    Summary summary;
    StreamHash cipherHash;
    StreamHash plainHash;
    cipherHash.add(header);
    summary.cipherSize = header.size();
    bool finalSeen = false;
    while (!finalSeen) {
        const QByteArray cipher = readUpTo(in, kCipherChunkBytes, &failed);
        if (failed)
            return Out::failure(CryptoFailure::Malformed, QStringLiteral("cannot read the file"));
        if (cipher.isEmpty())
            return Out::failure(CryptoFailure::Truncated,
                                QStringLiteral("the file ends before its final chunk"));
        if (cipher.size() < kChunkOverheadBytes)
            return Out::failure(CryptoFailure::Truncated, QStringLiteral("a cut chunk"));
        QByteArray plain(cipher.size() - kChunkOverheadBytes, Qt::Uninitialized);
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(
                &state, reinterpret_cast<unsigned char*>(plain.data()), nullptr, &tag,
                reinterpret_cast<const unsigned char*>(cipher.constData()), quint64(cipher.size()),
                nullptr, 0) != 0)
            return Out::failure(CryptoFailure::Undecryptable,
                                QStringLiteral("a chunk of the file does not decrypt: tampered"));
        finalSeen = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        if (!finalSeen && cipher.size() != kCipherChunkBytes)
            return Out::failure(CryptoFailure::Truncated,
                                QStringLiteral("the file ends before its final chunk"));
        cipherHash.add(cipher);
        plainHash.add(plain);
        summary.cipherSize += cipher.size();
        summary.plainSize += plain.size();
        if (!writeAll(out, plain))
            return Out::failure(CryptoFailure::Malformed, QStringLiteral("cannot write the file"));
    }
    sodium_memzero(&state, sizeof state);
    if (!readUpTo(in, 1, &failed).isEmpty())
        return Out::failure(CryptoFailure::Malformed,
                            QStringLiteral("data after the final chunk of the file"));
    summary.cipherHash = cipherHash.finish();
    summary.plainHash = plainHash.finish();
    return summary;
}

QByteArray AttachmentCipher::encryptBytes(const QByteArray& key, const QByteArray& plain)
{
    QByteArray source = plain;
    QBuffer in(&source);
    in.open(QIODevice::ReadOnly);
    QByteArray cipher;
    QBuffer out(&cipher);
    out.open(QIODevice::WriteOnly);
    encrypt(key, in, out);
    return cipher;
}

Checked<QByteArray> AttachmentCipher::decryptBytes(const QByteArray& key, const QByteArray& cipher)
{
    QByteArray source = cipher;
    QBuffer in(&source);
    in.open(QIODevice::ReadOnly);
    QByteArray plain;
    QBuffer out(&plain);
    out.open(QIODevice::WriteOnly);
    const auto summary = decrypt(key, in, out);
    if (!summary)
        return summary.error();
    return plain;
}

} // namespace moim::crypto
