#pragma once

#include <QByteArray>
#include <QList>
#include <optional>

namespace moim::server {

class DbContext;

// SQL of encrypted attachments: stored blobs (by the BLAKE2b-256 of their ciphertext), the
// rooms each blob was uploaded to, uploads in progress, and which events refer to which blobs.
// The files themselves are BlobStore's. Callers that combine several of these statements hold
// a transaction around them.
class BlobMetadataStore {
public:
    explicit BlobMetadataStore(DbContext& context);

    struct Upload {
        QByteArray uploadId;
        quint64 userId = 0;
        quint64 roomId = 0;
        QByteArray hash;
        quint64 size = 0;
        quint64 received = 0;
    };

    // PostgreSQL: the user's row lock, which orders one user's quota checks. SQLite's
    // transactions are serial already.
    void lockUser(quint64 userId);
    // The size of a stored blob. On PostgreSQL with `keep`, it also takes a key-share lock on
    // the row, so the collector cannot delete the blob before the caller's transaction ends.
    std::optional<quint64> blobSize(const QByteArray& blobId, bool keep = false);
    // The size of a blob uploaded to the room.
    std::optional<quint64> sizeInRoom(const QByteArray& blobId, quint64 roomId);
    // Records (again) that the blob was offered to the room: its grace period starts anew.
    void addToRoom(const QByteArray& blobId, quint64 roomId, qint64 nowMs);
    // Inserts the blob unless it is stored already; true when inserted.
    bool insertBlob(const QByteArray& blobId, quint64 size, quint64 uploaderUserId, qint64 nowMs);

    // Bytes the user has stored: blobs they uploaded and the declared sizes of their
    // unfinished uploads.
    quint64 usedBytes(quint64 userId);
    std::optional<Upload> findUpload(quint64 userId, quint64 roomId, const QByteArray& hash,
                                     quint64 size);
    // With `lock`, on PostgreSQL, the row lock that orders the chunks of one upload.
    std::optional<Upload> upload(const QByteArray& uploadId, bool lock);
    void createUpload(const Upload& upload, qint64 nowMs);
    void setReceived(const QByteArray& uploadId, quint64 received, qint64 nowMs);
    void deleteUpload(const QByteArray& uploadId);

    // Send: whether every blob was uploaded to the room (and, on PostgreSQL, key-share locks
    // on them until the transaction ends); then the references of the stored event.
    bool allInRoom(quint64 roomId, const QList<QByteArray>& blobIds);
    void attachToEvent(quint64 roomId, quint64 seq, const QList<QByteArray>& blobIds);
    // A deleted message refers to nothing any more, nor do its edits.
    void detachMessage(quint64 roomId, quint64 seq);

    // The collector, in batches. References whose event is gone (retention); returns how many
    // were dropped.
    int dropOrphanReferences(int batch);
    // Blobs no live event refers to, stored and last offered to a room before cutoffMs.
    QList<QByteArray> unreferencedBlobs(qint64 cutoffMs, int batch);
    // Deletes the rows of the blob if it is still unreferenced (checked again under its row
    // lock on PostgreSQL); true when deleted. Inside the caller's transaction.
    bool deleteIfUnreferenced(const QByteArray& blobId, qint64 cutoffMs);
    // Uploads nobody has added to since before cutoffMs.
    QList<QByteArray> staleUploads(qint64 cutoffMs, int batch);
    // Deletes the upload if it is still stale; true when deleted.
    bool deleteIfStale(const QByteArray& uploadId, qint64 cutoffMs);

private:
    DbContext& m_context;
};

} // namespace moim::server
