#include "server/BlobService.h"

#include "server/BlobMetadataStore.h"
#include "server/Clock.h"
#include "server/DatabaseRequest.h"
#include "server/RequestRouter.h"
#include "server/RoomStore.h"
#include "server/SqlTransaction.h"

#include <crypto/Sodium.h>
#include <util/LogCategories.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::Result;
using protocol::UploadState;

namespace {

const QString kNoRoom = QStringLiteral("no such room");
// One answer for a blob that does not exist, was not uploaded to the room, or a room the
// asker is not in: a non-member learns nothing about the room's files.
const QString kNoFile = QStringLiteral("no such file in this room");
const QString kNoUpload = QStringLiteral("no such upload");

// Uploads are for those who may send to the room, with the answers send gives: a public
// channel's non-members may read its history but not add files to it, and an archived room
// takes no new messages to refer to them.
std::optional<protocol::ErrorReply> uploadProblem(RoomStore rooms, quint64 roomId, quint64 userId)
{
    const auto access = rooms.access(roomId, userId);
    if (!access || !access->canRead())
        return protocol::ErrorReply{ErrorCode::NotFound, kNoRoom, std::nullopt};
    if (!access->member)
        return protocol::ErrorReply{ErrorCode::Forbidden, QStringLiteral("join the room first"),
                                    std::nullopt};
    if (access->archived)
        return protocol::ErrorReply{ErrorCode::Forbidden, QStringLiteral("this room is archived"),
                                    std::nullopt};
    return std::nullopt;
}

UploadState completed(const QByteArray& uploadId, const QByteArray& blobId, quint64 size)
{
    return UploadState{uploadId, size, size, true, blobId};
}

} // namespace

BlobService::BlobService(DatabasePool& database, BlobStore files, qint64 maxFileSize,
                         qint64 userQuota)
    : m_database(database)
    , m_files(std::move(files))
    , m_maxFileSize(maxFileSize)
    , m_userQuota(userQuota)
{}

void BlobService::registerRoutes(RequestRouter& router)
{
    using namespace protocol;
    router.on<BeginUpload>(Access::Member,
                           [this](auto& c, auto r, auto p) { beginUpload(c, r, p); });
    router.on<UploadChunk>(Access::Member,
                           [this](auto& c, auto r, auto p) { uploadChunk(c, r, p); });
    router.on<Download>(Access::Member, [this](auto& c, auto r, auto p) { download(c, r, p); });
}

void BlobService::beginUpload(ClientConnection& connection, protocol::BeginUpload request,
                              Responder responder)
{
    if (request.size > quint64(m_maxFileSize))
        return responder.fail(
            ErrorCode::BadRequest,
            QStringLiteral("a file has at most %1 bytes on this server").arg(m_maxFileSize));
    const quint64 userId = connection.session()->userId;
    const quint64 quota = quint64(m_userQuota);
    const BlobStore files = m_files;
    runForRequest<UploadState>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<UploadState> {
            if (auto problem = uploadProblem(RoomStore(context), request.roomId, userId))
                return *problem;
            BlobMetadataStore blobs(context);
            const qint64 now = nowMs();
            SqlTransaction transaction(context);
            // One user's uploads begin one after the other, so two cannot both fit the quota.
            blobs.lockUser(userId);
            // Content that is stored already (the same ciphertext, so the same file sent
            // again) is offered to this room too, without a byte travelling.
            if (const auto size = blobs.blobSize(request.hash, true);
                size && files.hasBlob(request.hash)) {
                blobs.addToRoom(request.hash, request.roomId, now);
                transaction.commit();
                return completed(QByteArray(), request.hash, *size);
            }
            if (const auto upload =
                    blobs.findUpload(userId, request.roomId, request.hash, request.size)) {
                transaction.commit();
                // All bytes were in but the upload was never finished (the server stopped, or
                // the answer was lost): finish it now.
                if (upload->received == upload->size)
                    return finish(context, files, upload->uploadId);
                return UploadState{upload->uploadId, upload->received, upload->size, false, {}};
            }
            const quint64 used = blobs.usedBytes(userId);
            if (used + request.size > quota)
                return refuse<UploadState>(
                    ErrorCode::Forbidden,
                    QStringLiteral("quota exceeded: %1 of %2 bytes used").arg(used).arg(quota));
            BlobMetadataStore::Upload upload;
            upload.uploadId = crypto::randomBytes(protocol::kUploadIdBytes);
            upload.userId = userId;
            upload.roomId = request.roomId;
            upload.hash = request.hash;
            upload.size = request.size;
            blobs.createUpload(upload, now);
            transaction.commit();
            return UploadState{upload.uploadId, 0, upload.size, false, {}};
        },
        [responder](const UploadState& state) { responder.reply(state); });
}

void BlobService::uploadChunk(ClientConnection& connection, protocol::UploadChunk request,
                              Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const BlobStore files = m_files;
    runForRequest<UploadState>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<UploadState> {
            BlobMetadataStore blobs(context);
            quint64 received = 0;
            quint64 size = 0;
            {
                // The row lock (PostgreSQL) or the write lock (SQLite) orders the chunks of
                // one upload: two requests for the same offset cannot both append.
                SqlTransaction transaction(context);
                const auto upload = blobs.upload(request.uploadId, true);
                // Another user's upload looks like none at all.
                if (!upload || upload->userId != userId)
                    return refuse<UploadState>(ErrorCode::NotFound, kNoUpload);
                if (request.offset != upload->received)
                    return refuse<UploadState>(
                        ErrorCode::Conflict,
                        QStringLiteral("the upload continues at offset %1").arg(upload->received));
                const quint64 end = request.offset + quint64(request.data.size());
                if (end > upload->size)
                    return refuse<UploadState>(
                        ErrorCode::BadRequest,
                        QStringLiteral("the chunk ends past the upload's %1 bytes")
                            .arg(upload->size));
                if (!files.writePart(request.uploadId, request.offset, request.data))
                    return refuse<UploadState>(ErrorCode::Internal,
                                               QStringLiteral("cannot store the upload"));
                blobs.setReceived(request.uploadId, end, nowMs());
                transaction.commit();
                received = end;
                size = upload->size;
            }
            if (received < size)
                return UploadState{request.uploadId, received, size, false, {}};
            return finish(context, files, request.uploadId);
        },
        [responder](const UploadState& state) { responder.reply(state); });
}

Result<UploadState> BlobService::finish(DbContext& context, const BlobStore& files,
                                        const QByteArray& uploadId)
{
    BlobMetadataStore blobs(context);
    const auto before = blobs.upload(uploadId, false);
    if (!before)
        return refuse<UploadState>(ErrorCode::NotFound, kNoUpload);
    const QByteArray hash = files.hashPart(uploadId, before->size);
    if (hash.isEmpty())
        return refuse<UploadState>(ErrorCode::Internal, QStringLiteral("cannot read the upload"));

    SqlTransaction transaction(context);
    const auto upload = blobs.upload(uploadId, true);
    if (!upload) {
        // Another request finished it while this one hashed.
        if (const auto size = blobs.sizeInRoom(before->hash, before->roomId))
            return completed(uploadId, before->hash, *size);
        return refuse<UploadState>(ErrorCode::NotFound, kNoUpload);
    }
    if (hash != upload->hash) {
        blobs.deleteUpload(uploadId);
        transaction.commit();
        files.removePart(uploadId);
        return refuse<UploadState>(ErrorCode::BadRequest,
                                   QStringLiteral("the upload does not match its hash"));
    }
    const qint64 now = nowMs();
    const bool inserted = blobs.insertBlob(hash, upload->size, upload->userId, now);
    // The file moves in before the commit: the collector deletes a blob's file inside the
    // transaction that deletes its row, so the two cannot pass each other.
    const bool move = inserted || !files.hasBlob(hash);
    if (move && !files.promote(uploadId, hash))
        return refuse<UploadState>(ErrorCode::Internal, QStringLiteral("cannot store the upload"));
    blobs.addToRoom(hash, upload->roomId, now);
    blobs.deleteUpload(uploadId);
    transaction.commit();
    if (!move)
        files.removePart(uploadId);
    qCInfo(lcServer) << "user" << upload->userId << "stored a file of" << upload->size
                     << "bytes in room" << upload->roomId;
    return completed(uploadId, hash, upload->size);
}

void BlobService::download(ClientConnection& connection, protocol::Download request,
                           Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const BlobStore files = m_files;
    runForRequest<protocol::BlobChunk>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::BlobChunk> {
            const auto access = RoomStore(context).access(request.roomId, userId);
            const auto size =
                access && access->member
                    ? BlobMetadataStore(context).sizeInRoom(request.blobId, request.roomId)
                    : std::nullopt;
            if (!size)
                return refuse<protocol::BlobChunk>(ErrorCode::NotFound, kNoFile);
            protocol::BlobChunk chunk{request.blobId, request.offset, *size, {}};
            if (request.offset >= *size)
                return chunk;
            const qint64 length = qint64(std::min(request.length, *size - request.offset));
            const auto data = files.read(request.blobId, request.offset, length);
            // Collected between the lookup and the read.
            if (!data)
                return refuse<protocol::BlobChunk>(ErrorCode::NotFound, kNoFile);
            chunk.data = *data;
            return chunk;
        },
        [responder](const protocol::BlobChunk& chunk) { responder.reply(chunk); });
}

} // namespace moim::server
