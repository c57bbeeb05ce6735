#include "protocol/BlobMessages.h"

#include "protocol/BodyReader.h"

namespace moim::protocol {

QCborMap BeginUpload::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("size"), qint64(size)},
            {QStringLiteral("hash"), hash}};
}

std::optional<BeginUpload> BeginUpload::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    BeginUpload message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.size = reader.unsignedInteger(QStringLiteral("size"));
    message.hash = reader.bytes(QStringLiteral("hash"));
    reader.checkSize(QStringLiteral("hash"), message.hash, kBlobIdBytes, kBlobIdBytes);
    if (reader.ok() && message.size == 0)
        reader.fail(QStringLiteral("size"), QStringLiteral("at least 1"));
    return reader.finish(message, error);
}

QCborMap UploadState::toCbor() const
{
    QCborMap body{{QStringLiteral("upload_id"), uploadId},
                  {QStringLiteral("offset"), qint64(offset)},
                  {QStringLiteral("size"), qint64(size)},
                  {QStringLiteral("complete"), complete}};
    if (!blobId.isEmpty())
        body.insert(QStringLiteral("blob_id"), blobId);
    return body;
}

std::optional<UploadState> UploadState::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    UploadState message;
    message.uploadId = reader.bytes(QStringLiteral("upload_id"));
    message.offset = reader.unsignedInteger(QStringLiteral("offset"));
    message.size = reader.unsignedInteger(QStringLiteral("size"));
    message.complete = reader.boolean(QStringLiteral("complete"), false);
    message.blobId = reader.optionalBytes(QStringLiteral("blob_id")).value_or(QByteArray());
    reader.checkSize(QStringLiteral("upload_id"), message.uploadId, 0, kUploadIdBytes);
    if (reader.ok() && !message.blobId.isEmpty() && message.blobId.size() != kBlobIdBytes)
        reader.fail(QStringLiteral("blob_id"),
                    QStringLiteral("exactly %1 bytes").arg(kBlobIdBytes));
    return reader.finish(message, error);
}

QCborMap UploadChunk::toCbor() const
{
    return {{QStringLiteral("upload_id"), uploadId},
            {QStringLiteral("offset"), qint64(offset)},
            {QStringLiteral("data"), data}};
}

std::optional<UploadChunk> UploadChunk::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    UploadChunk message;
    message.uploadId = reader.bytes(QStringLiteral("upload_id"));
    message.offset = reader.unsignedInteger(QStringLiteral("offset"));
    message.data = reader.bytes(QStringLiteral("data"));
    reader.checkSize(QStringLiteral("upload_id"), message.uploadId, kUploadIdBytes, kUploadIdBytes);
    reader.checkSize(QStringLiteral("data"), message.data, 1, kMaxBlobChunkBytes);
    return reader.finish(message, error);
}

QCborMap Download::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("blob_id"), blobId},
            {QStringLiteral("offset"), qint64(offset)},
            {QStringLiteral("length"), qint64(length)}};
}

std::optional<Download> Download::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Download message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.blobId = reader.bytes(QStringLiteral("blob_id"));
    message.offset = reader.unsignedInteger(QStringLiteral("offset"));
    message.length = reader.optionalUnsignedInteger(QStringLiteral("length"))
                         .value_or(quint64(kMaxBlobChunkBytes));
    reader.checkSize(QStringLiteral("blob_id"), message.blobId, kBlobIdBytes, kBlobIdBytes);
    if (reader.ok() && (message.length < 1 || message.length > quint64(kMaxBlobChunkBytes)))
        reader.fail(QStringLiteral("length"), QStringLiteral("1 to %1").arg(kMaxBlobChunkBytes));
    return reader.finish(message, error);
}

QCborMap BlobChunk::toCbor() const
{
    return {{QStringLiteral("blob_id"), blobId},
            {QStringLiteral("offset"), qint64(offset)},
            {QStringLiteral("size"), qint64(size)},
            {QStringLiteral("data"), data}};
}

std::optional<BlobChunk> BlobChunk::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    BlobChunk message;
    message.blobId = reader.bytes(QStringLiteral("blob_id"));
    message.offset = reader.unsignedInteger(QStringLiteral("offset"));
    message.size = reader.unsignedInteger(QStringLiteral("size"));
    message.data = reader.bytes(QStringLiteral("data"));
    reader.checkSize(QStringLiteral("blob_id"), message.blobId, kBlobIdBytes, kBlobIdBytes);
    reader.checkSize(QStringLiteral("data"), message.data, 0, kMaxBlobChunkBytes);
    return reader.finish(message, error);
}

} // namespace moim::protocol
