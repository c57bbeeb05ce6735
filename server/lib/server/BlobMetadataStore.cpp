#include "server/BlobMetadataStore.h"

#include "server/DbContext.h"

#include <QSqlQuery>

namespace moim::server {

namespace {

// A blob is kept while an event that is not deleted refers to it, and for the grace period
// after it was stored or last offered to a room (begin_upload of content already stored).
const QString kUnreferenced = QStringLiteral(
    "b.created_ms < ? "
    "AND NOT EXISTS (SELECT 1 FROM blob_rooms r WHERE r.blob_id = b.id AND r.added_ms >= ?) "
    "AND NOT EXISTS (SELECT 1 FROM event_blobs eb JOIN events e ON e.room_id = eb.room_id "
    "AND e.seq = eb.seq WHERE eb.blob_id = b.id AND e.deleted = 0)");

BlobMetadataStore::Upload readUpload(QSqlQuery& query)
{
    BlobMetadataStore::Upload upload;
    upload.uploadId = query.value(0).toByteArray();
    upload.userId = query.value(1).toULongLong();
    upload.roomId = query.value(2).toULongLong();
    upload.hash = query.value(3).toByteArray();
    upload.size = query.value(4).toULongLong();
    upload.received = query.value(5).toULongLong();
    return upload;
}

const QString kUploadColumns =
    QStringLiteral("SELECT upload_id, user_id, room_id, hash, size, received FROM uploads ");

} // namespace

BlobMetadataStore::BlobMetadataStore(DbContext& context)
    : m_context(context)
{}

void BlobMetadataStore::lockUser(quint64 userId)
{
    if (m_context.isPostgres())
        m_context.exec(QStringLiteral("SELECT id FROM users WHERE id = ? FOR UPDATE"),
                       {qint64(userId)});
}

std::optional<quint64> BlobMetadataStore::blobSize(const QByteArray& blobId, bool keep)
{
    const QString sql = keep && m_context.isPostgres()
                            ? QStringLiteral("SELECT size FROM blobs WHERE id = ? FOR KEY SHARE")
                            : QStringLiteral("SELECT size FROM blobs WHERE id = ?");
    QSqlQuery& query = m_context.exec(sql, {blobId});
    if (!query.next())
        return std::nullopt;
    const quint64 size = query.value(0).toULongLong();
    query.finish();
    return size;
}

std::optional<quint64> BlobMetadataStore::sizeInRoom(const QByteArray& blobId, quint64 roomId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT b.size FROM blobs b JOIN blob_rooms r ON r.blob_id = b.id "
                       "WHERE b.id = ? AND r.room_id = ?"),
        {blobId, qint64(roomId)});
    if (!query.next())
        return std::nullopt;
    const quint64 size = query.value(0).toULongLong();
    query.finish();
    return size;
}

void BlobMetadataStore::addToRoom(const QByteArray& blobId, quint64 roomId, qint64 nowMs)
{
    m_context.exec(QStringLiteral("INSERT INTO blob_rooms (blob_id, room_id, added_ms) "
                                  "VALUES (?, ?, ?) ON CONFLICT (blob_id, room_id) "
                                  "DO UPDATE SET added_ms = excluded.added_ms"),
                   {blobId, qint64(roomId), nowMs});
}

bool BlobMetadataStore::insertBlob(const QByteArray& blobId, quint64 size, quint64 uploaderUserId,
                                   qint64 nowMs)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("INSERT INTO blobs (id, size, uploader_user, created_ms) "
                                      "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"),
                       {blobId, qint64(size), qint64(uploaderUserId), nowMs});
    return DbContext::affectedRows(query) == 1;
}

quint64 BlobMetadataStore::usedBytes(quint64 userId)
{
    // SUM of BIGINT is NUMERIC on PostgreSQL: cast back so both drivers give an integer.
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "SELECT CAST((SELECT COALESCE(SUM(size), 0) FROM blobs WHERE uploader_user = ?) "
            "+ (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE user_id = ?) AS BIGINT)"),
        {qint64(userId), qint64(userId)});
    const quint64 used = query.next() ? query.value(0).toULongLong() : 0;
    query.finish();
    return used;
}

std::optional<BlobMetadataStore::Upload>
BlobMetadataStore::findUpload(quint64 userId, quint64 roomId, const QByteArray& hash, quint64 size)
{
    QSqlQuery& query = m_context.exec(
        kUploadColumns + QStringLiteral("WHERE user_id = ? AND room_id = ? AND hash = ? "
                                        "AND size = ? ORDER BY created_ms LIMIT 1"),
        {qint64(userId), qint64(roomId), hash, qint64(size)});
    if (!query.next())
        return std::nullopt;
    const Upload upload = readUpload(query);
    query.finish();
    return upload;
}

std::optional<BlobMetadataStore::Upload> BlobMetadataStore::upload(const QByteArray& uploadId,
                                                                   bool lock)
{
    const QString sql = kUploadColumns + (lock && m_context.isPostgres()
                                              ? QStringLiteral("WHERE upload_id = ? FOR UPDATE")
                                              : QStringLiteral("WHERE upload_id = ?"));
    QSqlQuery& query = m_context.exec(sql, {uploadId});
    if (!query.next())
        return std::nullopt;
    const Upload upload = readUpload(query);
    query.finish();
    return upload;
}

void BlobMetadataStore::createUpload(const Upload& upload, qint64 nowMs)
{
    m_context.exec(
        QStringLiteral("INSERT INTO uploads (upload_id, user_id, room_id, hash, size, received, "
                       "created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {upload.uploadId, qint64(upload.userId), qint64(upload.roomId), upload.hash,
         qint64(upload.size), qint64(upload.received), nowMs, nowMs});
}

void BlobMetadataStore::setReceived(const QByteArray& uploadId, quint64 received, qint64 nowMs)
{
    m_context.exec(
        QStringLiteral("UPDATE uploads SET received = ?, updated_ms = ? WHERE upload_id = ?"),
        {qint64(received), nowMs, uploadId});
}

void BlobMetadataStore::deleteUpload(const QByteArray& uploadId)
{
    m_context.exec(QStringLiteral("DELETE FROM uploads WHERE upload_id = ?"), {uploadId});
}

bool BlobMetadataStore::allInRoom(quint64 roomId, const QList<QByteArray>& blobIds)
{
    const QString sql =
        QStringLiteral("SELECT 1 FROM blobs b JOIN blob_rooms r ON r.blob_id = b.id "
                       "WHERE b.id = ? AND r.room_id = ?") +
        (m_context.isPostgres() ? QStringLiteral(" FOR KEY SHARE OF b") : QString());
    for (const QByteArray& blobId : blobIds) {
        QSqlQuery& query = m_context.exec(sql, {blobId, qint64(roomId)});
        const bool found = query.next();
        query.finish();
        if (!found)
            return false;
    }
    return true;
}

void BlobMetadataStore::attachToEvent(quint64 roomId, quint64 seq, const QList<QByteArray>& blobIds)
{
    for (const QByteArray& blobId : blobIds)
        m_context.exec(QStringLiteral("INSERT INTO event_blobs (room_id, seq, blob_id) "
                                      "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                       {qint64(roomId), qint64(seq), blobId});
}

void BlobMetadataStore::detachMessage(quint64 roomId, quint64 seq)
{
    m_context.exec(QStringLiteral("DELETE FROM event_blobs WHERE room_id = ? AND (seq = ? OR seq "
                                  "IN (SELECT seq FROM events WHERE room_id = ? AND ref_seq = ? "
                                  "AND kind = 2))"),
                   {qint64(roomId), qint64(seq), qint64(roomId), qint64(seq)});
}

int BlobMetadataStore::dropOrphanReferences(int batch)
{
    // The events table is partitioned on PostgreSQL and cannot be a foreign key's target, so
    // nothing cascades when retention deletes events or drops a month.
    QSqlQuery& orphans = m_context.exec(
        QStringLiteral("SELECT eb.room_id, eb.seq, eb.blob_id FROM event_blobs eb "
                       "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.room_id = eb.room_id "
                       "AND e.seq = eb.seq) LIMIT ?"),
        {batch});
    QList<QVariantList> keys;
    while (orphans.next())
        keys.append({orphans.value(0), orphans.value(1), orphans.value(2)});
    orphans.finish();
    for (const QVariantList& key : std::as_const(keys))
        m_context.exec(QStringLiteral("DELETE FROM event_blobs WHERE room_id = ? AND seq = ? "
                                      "AND blob_id = ?"),
                       key);
    return int(keys.size());
}

QList<QByteArray> BlobMetadataStore::unreferencedBlobs(qint64 cutoffMs, int batch)
{
    QSqlQuery& query = m_context.exec(QStringLiteral("SELECT b.id FROM blobs b WHERE ") +
                                          kUnreferenced + QStringLiteral(" LIMIT ?"),
                                      {cutoffMs, cutoffMs, batch});
    QList<QByteArray> ids;
    while (query.next())
        ids.append(query.value(0).toByteArray());
    query.finish();
    return ids;
}

bool BlobMetadataStore::deleteIfUnreferenced(const QByteArray& blobId, qint64 cutoffMs)
{
    if (m_context.isPostgres()) {
        // Waits for a send or begin_upload that holds the blob, then checks again with what
        // they committed: this statement's lock, the next statement's fresh snapshot.
        QSqlQuery& lock = m_context.exec(
            QStringLiteral("SELECT id FROM blobs WHERE id = ? FOR UPDATE"), {blobId});
        const bool exists = lock.next();
        lock.finish();
        if (!exists)
            return false;
    }
    QSqlQuery& check =
        m_context.exec(QStringLiteral("SELECT 1 FROM blobs b WHERE b.id = ? AND ") + kUnreferenced,
                       {blobId, cutoffMs, cutoffMs});
    const bool unreferenced = check.next();
    check.finish();
    if (!unreferenced)
        return false;
    m_context.exec(QStringLiteral("DELETE FROM event_blobs WHERE blob_id = ?"), {blobId});
    m_context.exec(QStringLiteral("DELETE FROM blob_rooms WHERE blob_id = ?"), {blobId});
    m_context.exec(QStringLiteral("DELETE FROM blobs WHERE id = ?"), {blobId});
    return true;
}

QList<QByteArray> BlobMetadataStore::staleUploads(qint64 cutoffMs, int batch)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("SELECT upload_id FROM uploads WHERE updated_ms < ? LIMIT ?"),
                       {cutoffMs, batch});
    QList<QByteArray> ids;
    while (query.next())
        ids.append(query.value(0).toByteArray());
    query.finish();
    return ids;
}

bool BlobMetadataStore::deleteIfStale(const QByteArray& uploadId, qint64 cutoffMs)
{
    // On PostgreSQL this waits for a chunk being written and then sees its new updated_ms.
    QSqlQuery& query =
        m_context.exec(QStringLiteral("DELETE FROM uploads WHERE upload_id = ? AND updated_ms < ?"),
                       {uploadId, cutoffMs});
    return DbContext::affectedRows(query) == 1;
}

} // namespace moim::server
