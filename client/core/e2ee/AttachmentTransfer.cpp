#include "e2ee/AttachmentTransfer.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QTemporaryFile>
#include <client/Connection.h>
#include <crypto/AttachmentCipher.h>
#include <crypto/Sodium.h>
#include <crypto/StreamHash.h>
#include <protocol/BlobMessages.h>

namespace moim::e2ee {

using protocol::ErrorCode;
using protocol::Result;

namespace {

template <typename T> Result<T> failure(ErrorCode code, const QString& message)
{
    return Result<T>::failure(code, message);
}

} // namespace

QString sanitizedFileName(const QString& name)
{
    QString base = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    QString clean;
    for (const QChar c : base) {
        if (c.category() == QChar::Other_Control || c == QLatin1Char(':'))
            continue;
        clean.append(c);
    }
    while (clean.startsWith(QLatin1Char('.')) || clean.startsWith(QLatin1Char(' ')))
        clean.remove(0, 1);
    clean = clean.left(200).trimmed();
    return clean.isEmpty() ? QStringLiteral("attachment") : clean;
}

AttachmentTransfer::AttachmentTransfer(client::Connection& connection)
    : m_connection(connection)
{}

Result<QByteArray>
AttachmentTransfer::uploadCiphertext(quint64 roomId, QIODevice& cipher, qint64 size,
                                     const QByteArray& hash,
                                     const std::function<void(qint64, qint64)>& progress)
{
    auto state = m_connection.callAndWait<protocol::UploadState>(
        protocol::BeginUpload{roomId, quint64(size), hash});
    for (int conflicts = 0; state && !state->complete;) {
        if (!cipher.seek(qint64(state->offset)))
            return failure<QByteArray>(ErrorCode::Internal, QStringLiteral("cannot read back"));
        const QByteArray data = cipher.read(protocol::kMaxBlobChunkBytes);
        if (data.isEmpty())
            return failure<QByteArray>(ErrorCode::Internal,
                                       QStringLiteral("the encrypted file ended early"));
        const QByteArray uploadId = state->uploadId;
        state = m_connection.callAndWait<protocol::UploadState>(
            protocol::UploadChunk{uploadId, state->offset, data});
        if (!state && state.error().code == ErrorCode::Conflict && ++conflicts < 5) {
            // Another attempt moved the offset (or ours was lost): ask where it stands.
            state = m_connection.callAndWait<protocol::UploadState>(
                protocol::BeginUpload{roomId, quint64(size), hash});
            continue;
        }
        if (state && progress)
            progress(qint64(state->offset), size);
    }
    if (!state)
        return state.error();
    return state->blobId.isEmpty() ? hash : state->blobId;
}

Result<AttachmentTransfer::Uploaded>
AttachmentTransfer::upload(quint64 roomId, const QString& path,
                           const std::function<void(qint64, qint64)>& progress)
{
    QFile plain(path);
    if (!plain.open(QIODevice::ReadOnly))
        return failure<Uploaded>(
            ErrorCode::NotFound,
            QStringLiteral("cannot read %1: %2").arg(path, plain.errorString()));
    QTemporaryFile cipher;
    if (!cipher.open())
        return failure<Uploaded>(ErrorCode::Internal, QStringLiteral("no temporary file"));
    QByteArray key = crypto::AttachmentCipher::newKey();
    const auto summary = crypto::AttachmentCipher::encrypt(key, plain, cipher);
    if (!summary)
        return failure<Uploaded>(ErrorCode::Internal, summary.error().message);
    cipher.flush();
    const auto blobId =
        uploadCiphertext(roomId, cipher, summary->cipherSize, summary->cipherHash, progress);
    if (!blobId)
        return blobId.error();

    Uploaded uploaded;
    client::AttachmentRef& file = uploaded.file;
    file.blobId = blobId.value();
    file.key = key;
    file.plainHash = summary->plainHash;
    file.size = summary->plainSize;
    file.name = sanitizedFileName(QFileInfo(path).fileName());
    file.mimeType = QMimeDatabase().mimeTypeForFile(path).name();

    // Images get a small encrypted preview of their own, so a timeline shows them without
    // fetching the whole file.
    QImageReader reader(path);
    reader.setAutoTransform(true);
    if (file.mimeType.startsWith(QLatin1String("image/")) && reader.canRead()) {
        const QImage image = reader.read();
        if (!image.isNull()) {
            file.width = image.width();
            file.height = image.height();
            const QImage small = image.width() > kThumbnailEdge || image.height() > kThumbnailEdge
                                     ? image.scaled(kThumbnailEdge, kThumbnailEdge,
                                                    Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                     : image;
            QByteArray encoded;
            QBuffer buffer(&encoded);
            buffer.open(QIODevice::WriteOnly);
            const bool alpha = small.hasAlphaChannel();
            small.save(&buffer, alpha ? "PNG" : "JPEG", alpha ? -1 : 80);
            QByteArray thumbKey = crypto::AttachmentCipher::newKey();
            QByteArray thumbCipher = crypto::AttachmentCipher::encryptBytes(thumbKey, encoded);
            QBuffer thumbIn(&thumbCipher);
            thumbIn.open(QIODevice::ReadOnly);
            const QByteArray thumbHash = crypto::StreamHash::of(thumbCipher);
            const auto thumbBlob =
                uploadCiphertext(roomId, thumbIn, thumbCipher.size(), thumbHash, {});
            if (!thumbBlob)
                return thumbBlob.error();
            client::AttachmentRef thumb;
            thumb.blobId = thumbBlob.value();
            thumb.key = thumbKey;
            thumb.plainHash = crypto::StreamHash::of(encoded);
            thumb.size = encoded.size();
            thumb.name = QStringLiteral("thumbnail");
            thumb.mimeType = alpha ? QStringLiteral("image/png") : QStringLiteral("image/jpeg");
            thumb.width = small.width();
            thumb.height = small.height();
            uploaded.thumbnail = thumb;
        }
    }
    return uploaded;
}

Result<protocol::Done> AttachmentTransfer::fetchCiphertext(quint64 roomId, const QByteArray& blobId,
                                                           QIODevice& out)
{
    quint64 offset = 0;
    for (;;) {
        const auto chunk = m_connection.callAndWait<protocol::BlobChunk>(
            protocol::Download{roomId, blobId, offset, quint64(protocol::kMaxBlobChunkBytes)});
        if (!chunk)
            return chunk.error();
        if (chunk->offset != offset)
            return failure<protocol::Done>(ErrorCode::BadFrame,
                                           QStringLiteral("the server answered another part"));
        if (!chunk->data.isEmpty() && out.write(chunk->data) != chunk->data.size())
            return failure<protocol::Done>(ErrorCode::Internal,
                                           QStringLiteral("cannot write the download"));
        offset += quint64(chunk->data.size());
        if (offset >= chunk->size || chunk->data.isEmpty())
            break;
    }
    if (crypto::StreamHash::ofDevice(out) != blobId)
        return failure<protocol::Done>(
            ErrorCode::BadRequest,
            QStringLiteral("the file from the server is not the one the message names"));
    out.seek(0);
    return protocol::Done{};
}

Result<QString> AttachmentTransfer::download(quint64 roomId, const client::AttachmentRef& file,
                                             const QString& directory)
{
    QTemporaryFile cipher;
    if (!cipher.open())
        return failure<QString>(ErrorCode::Internal, QStringLiteral("no temporary file"));
    if (const auto fetched = fetchCiphertext(roomId, file.blobId, cipher); !fetched)
        return fetched.error();

    QDir dir(directory);
    if (!dir.exists() && !dir.mkpath(QStringLiteral(".")))
        return failure<QString>(ErrorCode::Internal,
                                QStringLiteral("cannot create %1").arg(directory));
    const QString name = sanitizedFileName(file.name);
    QString target = dir.filePath(name);
    for (int n = 1; QFileInfo::exists(target); ++n) {
        const QFileInfo info(name);
        target = dir.filePath(
            QStringLiteral("%1 (%2)%3")
                .arg(info.completeBaseName())
                .arg(n)
                .arg(info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix()));
    }
    // Written aside and renamed only once the last chunk decrypted and the hash matched, so
    // a tampered or cut file never appears under its name.
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return failure<QString>(
            ErrorCode::Internal,
            QStringLiteral("cannot write %1: %2").arg(target, out.errorString()));
    const auto summary = crypto::AttachmentCipher::decrypt(file.key, cipher, out);
    if (!summary) {
        out.cancelWriting();
        return failure<QString>(ErrorCode::BadRequest,
                                QStringLiteral("the file does not decrypt: ") +
                                    summary.error().message);
    }
    if (summary->plainHash != file.plainHash || summary->plainSize != file.size) {
        out.cancelWriting();
        return failure<QString>(ErrorCode::BadRequest,
                                QStringLiteral("the decrypted file is not the one that was sent"));
    }
    if (!out.commit())
        return failure<QString>(ErrorCode::Internal, out.errorString());
    return target;
}

Result<QByteArray> AttachmentTransfer::downloadBytes(quint64 roomId,
                                                     const client::AttachmentRef& file)
{
    QByteArray cipherBytes;
    QBuffer cipher(&cipherBytes);
    cipher.open(QIODevice::ReadWrite);
    if (const auto fetched = fetchCiphertext(roomId, file.blobId, cipher); !fetched)
        return fetched.error();
    const auto plain = crypto::AttachmentCipher::decryptBytes(file.key, cipherBytes);
    if (!plain)
        return failure<QByteArray>(ErrorCode::BadRequest, plain.error().message);
    if (crypto::StreamHash::of(plain.value()) != file.plainHash)
        return failure<QByteArray>(ErrorCode::BadRequest,
                                   QStringLiteral("the decrypted data is not what was sent"));
    return plain.value();
}

} // namespace moim::e2ee
