#include "server/RoomStore.h"

#include "server/DbContext.h"
#include "server/PgArrays.h"
#include "server/SqlTransaction.h"

#include <QStringList>

namespace moim::server {

using protocol::RoomKind;

RoomStore::RoomStore(DbContext& context)
    : m_context(context)
{}

namespace {

// What access() reads; a query may add columns after these.
const QString kAccessColumns =
    QStringLiteral("SELECT r.kind, r.team_id, r.archived_ms IS NOT NULL, r.created_by,"
                   " (SELECT 1 FROM room_members rm WHERE rm.room_id = r.id AND rm.user_id = ?),"
                   " (SELECT tm.role FROM team_members tm WHERE tm.team_id = r.team_id"
                   "  AND tm.user_id = ?),"
                   " (SELECT a.version FROM room_audience a WHERE a.room_id = r.id)");

RoomAccess readAccess(const QSqlQuery& query, quint64 roomId)
{
    RoomAccess access;
    access.roomId = roomId;
    access.kind = RoomKind(query.value(0).toUInt());
    if (!query.value(1).isNull())
        access.teamId = query.value(1).toULongLong();
    access.archived = query.value(2).toBool();
    access.createdBy = query.value(3).toULongLong();
    access.member = !query.value(4).isNull();
    if (!query.value(5).isNull())
        access.teamRole = protocol::TeamRole(query.value(5).toUInt());
    if (!query.value(6).isNull())
        access.audienceVersion = query.value(6).toULongLong();
    return access;
}

} // namespace

std::optional<RoomAccess> RoomStore::access(quint64 roomId, quint64 userId)
{
    QSqlQuery& query =
        m_context.exec(kAccessColumns + QStringLiteral(" FROM rooms r WHERE r.id = ?"),
                       {qint64(userId), qint64(userId), qint64(roomId)});
    if (!query.next())
        return std::nullopt;
    return readAccess(query, roomId);
}

std::optional<SendAccess> RoomStore::accessForSend(quint64 roomId, quint64 userId,
                                                   const QByteArray& clientId)
{
    QSqlQuery& query = m_context.exec(
        kAccessColumns + QStringLiteral(", (SELECT e.seq FROM events e WHERE e.room_id = r.id"
                                        " AND e.sender_user = ? AND e.client_id = ? LIMIT 1)"
                                        " FROM rooms r WHERE r.id = ?"),
        {qint64(userId), qint64(userId), qint64(userId), clientId, qint64(roomId)});
    if (!query.next())
        return std::nullopt;
    SendAccess found{readAccess(query, roomId), std::nullopt};
    if (!query.value(7).isNull())
        found.earlierSeq = query.value(7).toULongLong();
    return found;
}

QHash<quint64, quint64> RoomStore::lockForSends(const std::vector<quint64>& roomIds)
{
    // In the order of their ids, as every batch takes them: two servers' batches sharing rooms
    // then wait for each other instead of deadlocking. (A cycle with sends that lock one room
    // at a time is still possible; PostgreSQL breaks it, and the group runs again.)
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT id, last_seq FROM rooms WHERE id = ANY(?::bigint[]) ORDER BY id"
                       " FOR UPDATE"),
        {pg::bigintArray(roomIds)});
    QHash<quint64, quint64> lastSeqs;
    while (query.next())
        lastSeqs.insert(query.value(0).toULongLong(), query.value(1).toULongLong());
    query.finish();
    return lastSeqs;
}

std::optional<quint64> RoomStore::lockForSend(quint64 roomId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT last_seq FROM rooms WHERE id = ? FOR UPDATE"), {qint64(roomId)});
    if (!query.next())
        return std::nullopt;
    const quint64 lastSeq = query.value(0).toULongLong();
    query.finish();
    return lastSeq;
}

std::optional<quint64> RoomStore::createChannel(quint64 teamId, const QString& name, bool isPrivate,
                                                const QString& topic, quint64 userId, qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    QSqlQuery& insert = m_context.exec(
        QStringLiteral(
            "INSERT INTO rooms (team_id, kind, name, topic, created_by, created_ms) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (team_id, name) WHERE team_id IS NOT NULL "
            "DO NOTHING RETURNING id"),
        {qint64(teamId), qint64(isPrivate ? RoomKind::PrivateChannel : RoomKind::PublicChannel),
         name, topic, qint64(userId), nowMs});
    if (!insert.next())
        return std::nullopt;
    const quint64 roomId = insert.value(0).toULongLong();
    insert.finish();
    addMember(roomId, userId, nowMs);
    transaction.commit();
    return roomId;
}

namespace {

// Room columns plus my membership, read marker and counts. Parameters: user id three times.
const QString kRoomSelect = QStringLiteral(
    "SELECT r.id, r.team_id, r.kind, r.name, r.topic, r.archived_ms IS NOT NULL, r.last_seq,"
    " rm.user_id IS NOT NULL, COALESCE(rm.read_seq, 0),"
    " CASE WHEN rm.user_id IS NULL THEN 0 ELSE"
    "  (SELECT COUNT(*) FROM events e WHERE e.room_id = r.id AND e.seq > rm.read_seq"
    "   AND e.kind = 1 AND e.deleted = 0 AND e.sender_user <> rm.user_id) END,"
    " CASE WHEN rm.user_id IS NULL THEN 0 ELSE"
    "  (SELECT COUNT(*) FROM events e WHERE e.room_id = r.id AND e.seq > rm.read_seq"
    "   AND e.kind = 1 AND e.deleted = 0 AND e.sender_user <> rm.user_id AND (e.mention_all = 1"
    "   OR EXISTS (SELECT 1 FROM event_mentions m WHERE m.user_id = rm.user_id"
    "   AND m.room_id = e.room_id AND m.seq = e.seq))) END"
    " FROM rooms r LEFT JOIN room_members rm ON rm.room_id = r.id AND rm.user_id = ? ");

} // namespace

QList<protocol::RoomInfo> RoomStore::readRooms(QSqlQuery& query)
{
    QList<protocol::RoomInfo> rooms;
    while (query.next()) {
        protocol::RoomInfo room;
        room.roomId = query.value(0).toULongLong();
        if (!query.value(1).isNull())
            room.teamId = query.value(1).toULongLong();
        room.kind = RoomKind(query.value(2).toUInt());
        room.name = query.value(3).toString();
        room.topic = query.value(4).toString();
        room.archived = query.value(5).toBool();
        room.lastSeq = query.value(6).toULongLong();
        room.member = query.value(7).toBool();
        room.readSeq = query.value(8).toULongLong();
        room.unread = query.value(9).toULongLong();
        room.mentions = query.value(10).toULongLong();
        rooms.append(room);
    }
    query.finish();
    for (protocol::RoomInfo& room : rooms) {
        if (room.kind == RoomKind::Direct)
            room.memberIds = memberIds(room.roomId);
    }
    return rooms;
}

std::optional<protocol::RoomInfo> RoomStore::roomInfo(quint64 roomId, quint64 userId)
{
    QSqlQuery& query = m_context.exec(kRoomSelect + QStringLiteral("WHERE r.id = ?"),
                                      {qint64(userId), qint64(roomId)});
    const auto rooms = readRooms(query);
    if (rooms.isEmpty())
        return std::nullopt;
    return rooms.first();
}

QList<protocol::RoomInfo> RoomStore::channels(quint64 teamId, quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        kRoomSelect +
            QStringLiteral("WHERE r.team_id = ? AND (r.kind = 0 OR rm.user_id IS NOT NULL) "
                           "ORDER BY r.name"),
        {qint64(userId), qint64(teamId)});
    return readRooms(query);
}

QList<protocol::RoomInfo> RoomStore::directRooms(quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        kRoomSelect +
            QStringLiteral("WHERE r.kind = 2 AND rm.user_id IS NOT NULL ORDER BY r.last_seq DESC"),
        {qint64(userId)});
    return readRooms(query);
}

bool RoomStore::addMember(quint64 roomId, quint64 userId, qint64 nowMs)
{
    // A new member starts with everything before now read.
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "INSERT INTO room_members (room_id, user_id, joined_ms, read_seq) "
            "SELECT id, CAST(? AS BIGINT), CAST(? AS BIGINT), last_seq FROM rooms WHERE id = ? "
            "ON CONFLICT (room_id, user_id) DO NOTHING"),
        {qint64(userId), nowMs, qint64(roomId)});
    return DbContext::affectedRows(query) == 1;
}

bool RoomStore::removeMember(quint64 roomId, quint64 userId)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("DELETE FROM room_members WHERE room_id = ? AND user_id = ?"),
                       {qint64(roomId), qint64(userId)});
    return DbContext::affectedRows(query) == 1;
}

QList<quint64> RoomStore::memberIds(quint64 roomId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT user_id FROM room_members WHERE room_id = ? ORDER BY user_id"),
        {qint64(roomId)});
    QList<quint64> ids;
    while (query.next())
        ids.append(query.value(0).toULongLong());
    query.finish();
    return ids;
}

bool RoomStore::update(quint64 roomId, const std::optional<QString>& name,
                       const std::optional<QString>& topic, const std::optional<bool>& archived,
                       qint64 nowMs)
{
    if (name) {
        QSqlQuery& taken = m_context.exec(
            QStringLiteral("SELECT 1 FROM rooms a JOIN rooms b ON b.team_id = a.team_id "
                           "WHERE a.id = ? AND b.name = ? AND b.id <> a.id"),
            {qint64(roomId), *name});
        if (taken.next())
            return false;
        taken.finish();
        m_context.exec(QStringLiteral("UPDATE rooms SET name = ? WHERE id = ?"),
                       {*name, qint64(roomId)});
    }
    if (topic)
        m_context.exec(QStringLiteral("UPDATE rooms SET topic = ? WHERE id = ?"),
                       {*topic, qint64(roomId)});
    if (archived) {
        m_context.exec(QStringLiteral("UPDATE rooms SET archived_ms = ? WHERE id = ?"),
                       {*archived ? QVariant(nowMs) : QVariant(QMetaType::fromType<qint64>()),
                        qint64(roomId)});
    }
    return true;
}

quint64 RoomStore::openDirect(QList<quint64> userIds, quint64 creator, qint64 nowMs)
{
    std::sort(userIds.begin(), userIds.end());
    userIds.erase(std::unique(userIds.begin(), userIds.end()), userIds.end());
    QStringList parts;
    for (const quint64 id : userIds)
        parts.append(QString::number(id));
    const QString key = parts.join(QLatin1Char(','));
    QSqlQuery& insert = m_context.exec(
        QStringLiteral("INSERT INTO rooms (kind, name, created_by, created_ms, direct_key) "
                       "VALUES (2, '', ?, ?, ?) ON CONFLICT (direct_key) DO NOTHING RETURNING id"),
        {qint64(creator), nowMs, key});
    quint64 roomId = 0;
    if (insert.next()) {
        roomId = insert.value(0).toULongLong();
    } else {
        QSqlQuery& existing =
            m_context.exec(QStringLiteral("SELECT id FROM rooms WHERE direct_key = ?"), {key});
        existing.next();
        roomId = existing.value(0).toULongLong();
    }
    // Opening it again brings back anyone who had left it.
    for (const quint64 id : userIds)
        addMember(roomId, id, nowMs);
    return roomId;
}

QList<protocol::MemberInfo> RoomStore::usersByName(const QStringList& usernames)
{
    QList<protocol::MemberInfo> users;
    for (const QString& name : usernames) {
        QSqlQuery& query = m_context.exec(
            QStringLiteral("SELECT id, username, display_name FROM users WHERE username = ?"),
            {name});
        if (query.next())
            users.append({query.value(0).toULongLong(), query.value(1).toString(),
                          query.value(2).toString(), protocol::TeamRole::Member});
        query.finish();
    }
    return users;
}

QList<protocol::MemberInfo> RoomStore::members(quint64 roomId, const std::optional<QString>& after,
                                               int limit)
{
    // The team role is shown for channels; a direct message has no team, hence the LEFT JOIN.
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT u.id, u.username, u.display_name, tm.role FROM room_members rm "
                       "JOIN users u ON u.id = rm.user_id JOIN rooms r ON r.id = rm.room_id "
                       "LEFT JOIN team_members tm ON tm.team_id = r.team_id AND "
                       "tm.user_id = rm.user_id WHERE rm.room_id = ? AND u.username > ? "
                       "ORDER BY u.username LIMIT ?"),
        {qint64(roomId), after.value_or(QString()), limit});
    QList<protocol::MemberInfo> users;
    while (query.next())
        users.append({query.value(0).toULongLong(), query.value(1).toString(),
                      query.value(2).toString(),
                      protocol::TeamRole(query.value(3).isNull() ? 0 : query.value(3).toInt())});
    return users;
}

QList<protocol::MemberInfo> RoomStore::mentionCandidates(quint64 roomId, const QString& prefix,
                                                         int limit)
{
    // LIKE patterns escape their wildcards so that a typed '%' matches itself.
    QString pattern = prefix.toLower();
    pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    pattern += QLatin1Char('%');
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "SELECT u.id, u.username, u.display_name FROM room_members rm "
            "JOIN users u ON u.id = rm.user_id WHERE rm.room_id = ? AND "
            "(u.username LIKE ? ESCAPE '\\' OR LOWER(u.display_name) LIKE ? ESCAPE '\\') "
            "ORDER BY u.username LIMIT ?"),
        {qint64(roomId), pattern, pattern, limit});
    QList<protocol::MemberInfo> users;
    while (query.next())
        users.append({query.value(0).toULongLong(), query.value(1).toString(),
                      query.value(2).toString(), protocol::TeamRole::Member});
    return users;
}

} // namespace moim::server
