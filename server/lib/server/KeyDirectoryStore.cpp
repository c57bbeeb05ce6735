#include "server/KeyDirectoryStore.h"

#include "server/DbContext.h"
#include "server/SqlTransaction.h"

#include <QHash>
#include <QSqlQuery>

namespace moim::server {

KeyDirectoryStore::KeyDirectoryStore(DbContext& context)
    : m_context(context)
{}

KeyDirectoryStore::Published KeyDirectoryStore::publishList(const NewList& list, qint64 nowMs)
{
    const qint64 userId = qint64(list.userId);
    SqlTransaction transaction(m_context);
    if (m_context.isPostgres())
        m_context.exec(QStringLiteral("SELECT id FROM users WHERE id = ? FOR UPDATE"), {userId});
    QSqlQuery& stored = m_context.exec(
        QStringLiteral("SELECT master_key, version FROM device_lists WHERE user_id = ?"), {userId});
    if (stored.next()) {
        const QByteArray masterKey = stored.value(0).toByteArray();
        const quint64 version = stored.value(1).toULongLong();
        stored.finish();
        if (masterKey != list.masterKey && !list.replaceMaster)
            return Published::OtherMaster;
        if (list.version <= version)
            return Published::OldVersion;
    }
    QSqlQuery& devices = m_context.exec(
        QStringLiteral("SELECT id, revoked_ms IS NOT NULL FROM devices WHERE user_id = ?"),
        {userId});
    QHash<quint64, bool> revokedById;
    while (devices.next())
        revokedById.insert(devices.value(0).toULongLong(), devices.value(1).toBool());
    for (const quint64 deviceId : list.devices) {
        const auto found = revokedById.constFind(deviceId);
        if (found == revokedById.constEnd())
            return Published::UnknownDevice;
        if (found.value())
            return Published::RevokedDevice;
    }
    m_context.exec(QStringLiteral("DELETE FROM device_lists WHERE user_id = ?"), {userId});
    m_context.exec(QStringLiteral("INSERT INTO device_lists (user_id, master_key, version, "
                                  "document, updated_ms) VALUES (?, ?, ?, ?, ?)"),
                   {userId, list.masterKey, qint64(list.version), list.document, nowMs});
    m_context.exec(QStringLiteral("DELETE FROM listed_devices WHERE user_id = ?"), {userId});
    for (const quint64 deviceId : list.devices)
        m_context.exec(
            QStringLiteral("INSERT INTO listed_devices (user_id, device_id) VALUES (?, ?)"),
            {userId, qint64(deviceId)});
    transaction.commit();
    return Published::Stored;
}

QList<protocol::UserDeviceList> KeyDirectoryStore::documents(const QList<quint64>& userIds)
{
    QList<protocol::UserDeviceList> lists;
    for (const quint64 userId : userIds) {
        QSqlQuery& query =
            m_context.exec(QStringLiteral("SELECT document FROM device_lists WHERE user_id = ?"),
                           {qint64(userId)});
        lists.append({userId, query.next() ? query.value(0).toByteArray() : QByteArray()});
    }
    return lists;
}

QList<protocol::RecipientUser> KeyDirectoryStore::recipients(quint64 roomId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT m.user_id, COALESCE(l.version, 0), d.id FROM room_members m "
                       "LEFT JOIN device_lists l ON l.user_id = m.user_id "
                       "LEFT JOIN (listed_devices ld JOIN devices d ON d.id = ld.device_id "
                       "AND d.revoked_ms IS NULL) ON ld.user_id = m.user_id "
                       "WHERE m.room_id = ? ORDER BY m.user_id, d.id"),
        {qint64(roomId)});
    QList<protocol::RecipientUser> members;
    while (query.next()) {
        const quint64 userId = query.value(0).toULongLong();
        if (members.isEmpty() || members.constLast().userId != userId)
            members.append({userId, query.value(1).toULongLong(), {}});
        if (!query.value(2).isNull())
            members.last().devices.append(query.value(2).toULongLong());
    }
    return members;
}

QList<protocol::KeyShare> KeyDirectoryStore::addShares(quint64 roomId, quint64 senderUserId,
                                                       quint64 senderDeviceId,
                                                       const QList<protocol::ShareItem>& shares,
                                                       qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    QList<protocol::KeyShare> stored;
    for (const protocol::ShareItem& share : shares) {
        QSqlQuery& query = m_context.exec(
            QStringLiteral("INSERT INTO key_shares (recipient_device, room_id, sender_user, "
                           "sender_device, sealed, created_ms) VALUES (?, ?, ?, ?, ?, ?) "
                           "RETURNING id"),
            {qint64(share.deviceId), qint64(roomId), qint64(senderUserId), qint64(senderDeviceId),
             share.sealed, nowMs});
        query.next();
        stored.append({query.value(0).toULongLong(), roomId, senderUserId, senderDeviceId,
                       share.sealed, nowMs});
        query.finish();
    }
    transaction.commit();
    return stored;
}

protocol::KeyShares KeyDirectoryStore::pendingShares(quint64 deviceId, int limit)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT id, room_id, sender_user, sender_device, sealed, created_ms "
                       "FROM key_shares WHERE recipient_device = ? ORDER BY id LIMIT ?"),
        {qint64(deviceId), limit + 1});
    protocol::KeyShares page;
    while (query.next()) {
        if (page.shares.size() == limit) {
            page.hasMore = true;
            break;
        }
        page.shares.append({query.value(0).toULongLong(), query.value(1).toULongLong(),
                            query.value(2).toULongLong(), query.value(3).toULongLong(),
                            query.value(4).toByteArray(), query.value(5).toLongLong()});
    }
    query.finish();
    return page;
}

void KeyDirectoryStore::acknowledgeShares(quint64 deviceId, const QList<quint64>& ids)
{
    SqlTransaction transaction(m_context);
    for (const quint64 id : ids)
        m_context.exec(
            QStringLiteral("DELETE FROM key_shares WHERE recipient_device = ? AND id = ?"),
            {qint64(deviceId), qint64(id)});
    transaction.commit();
}

void KeyDirectoryStore::putBackup(quint64 userId, const QList<protocol::BackupItem>& items,
                                  qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    for (const protocol::BackupItem& item : items)
        m_context.exec(QStringLiteral("INSERT INTO key_backup (user_id, slot, box, created_ms) "
                                      "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, slot) DO NOTHING"),
                       {qint64(userId), item.slot, item.box, nowMs});
    transaction.commit();
}

protocol::KeyBackupPage KeyDirectoryStore::backupPage(quint64 userId, const QByteArray& after,
                                                      int limit)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT slot, box FROM key_backup WHERE user_id = ? AND slot > ? "
                       "ORDER BY slot LIMIT ?"),
        {qint64(userId), after, limit + 1});
    protocol::KeyBackupPage page;
    while (query.next()) {
        if (page.items.size() == limit) {
            page.hasMore = true;
            break;
        }
        page.items.append({query.value(0).toByteArray(), query.value(1).toByteArray()});
    }
    query.finish();
    return page;
}

void KeyDirectoryStore::setRecovery(quint64 userId, const QByteArray& blob, qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    m_context.exec(QStringLiteral("DELETE FROM recovery_blobs WHERE user_id = ?"),
                   {qint64(userId)});
    if (!blob.isEmpty())
        m_context.exec(QStringLiteral("INSERT INTO recovery_blobs (user_id, blob, updated_ms) "
                                      "VALUES (?, ?, ?)"),
                       {qint64(userId), blob, nowMs});
    transaction.commit();
}

QByteArray KeyDirectoryStore::recovery(quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT blob FROM recovery_blobs WHERE user_id = ?"), {qint64(userId)});
    return query.next() ? query.value(0).toByteArray() : QByteArray();
}

bool KeyDirectoryStore::offerLink(const QByteArray& linkId, quint64 userId, quint64 deviceId,
                                  const QByteArray& offer, qint64 expiresMs, qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    m_context.exec(QStringLiteral("DELETE FROM link_offers WHERE expires_ms <= ?"), {nowMs});
    QSqlQuery& insert = m_context.exec(
        QStringLiteral("INSERT INTO link_offers (link_id, user_id, device_id, offer, expires_ms) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (link_id) DO NOTHING"),
        {linkId, qint64(userId), qint64(deviceId), offer, expiresMs});
    const bool inserted = DbContext::affectedRows(insert) == 1;
    transaction.commit();
    return inserted;
}

std::optional<KeyDirectoryStore::LinkRow> KeyDirectoryStore::link(const QByteArray& linkId,
                                                                  qint64 nowMs)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("SELECT user_id, device_id, offer, answer FROM link_offers "
                                      "WHERE link_id = ? AND expires_ms > ?"),
                       {linkId, nowMs});
    if (!query.next())
        return std::nullopt;
    return LinkRow{query.value(0).toULongLong(), query.value(1).toULongLong(),
                   query.value(2).toByteArray(),
                   query.value(3).isNull() ? QByteArray() : query.value(3).toByteArray()};
}

bool KeyDirectoryStore::answerLink(const QByteArray& linkId, const QByteArray& answer, qint64 nowMs)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("UPDATE link_offers SET answer = ? WHERE link_id = ? AND expires_ms > ? "
                       "AND answer IS NULL"),
        {answer, linkId, nowMs});
    return DbContext::affectedRows(query) == 1;
}

} // namespace moim::server
