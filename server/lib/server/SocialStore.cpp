#include "server/SocialStore.h"

#include "server/DbContext.h"
#include "server/PgArrays.h"

namespace moim::server {

using protocol::NotifyLevel;

SocialStore::SocialStore(DbContext& context)
    : m_context(context)
{}

void SocialStore::setRelation(const protocol::SetRelation& change, quint64 userId)
{
    // Only setting a flag makes a row: clearing flags never set, for any user id, even one
    // that does not exist, changes nothing.
    if (change.favourite.value_or(false) || change.hidden.value_or(false) ||
        change.blocked.value_or(false))
        m_context.exec(
            QStringLiteral("INSERT INTO user_relations (user_id, other_id) VALUES (?, ?) "
                           "ON CONFLICT (user_id, other_id) DO NOTHING"),
            {qint64(userId), qint64(change.userId)});
    const std::pair<const char*, std::optional<bool>> fields[] = {
        {"favourite", change.favourite}, {"hidden", change.hidden}, {"blocked", change.blocked}};
    for (const auto& [column, value] : fields) {
        if (!value)
            continue;
        m_context.exec(
            QStringLiteral("UPDATE user_relations SET %1 = ? WHERE user_id = ? AND other_id = ?")
                .arg(QString::fromLatin1(column)),
            {*value ? 1 : 0, qint64(userId), qint64(change.userId)});
    }
}

QList<protocol::RelationInfo> SocialStore::relations(quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "SELECT u.id, u.username, u.display_name, r.favourite, r.hidden, r.blocked "
            "FROM user_relations r JOIN users u ON u.id = r.other_id WHERE r.user_id = ? "
            "AND (r.favourite = 1 OR r.hidden = 1 OR r.blocked = 1) ORDER BY u.username"),
        {qint64(userId)});
    QList<protocol::RelationInfo> list;
    while (query.next())
        list.append({query.value(0).toULongLong(), query.value(1).toString(),
                     query.value(2).toString(), query.value(3).toInt() != 0,
                     query.value(4).toInt() != 0, query.value(5).toInt() != 0});
    return list;
}

bool SocialStore::blockedEitherWay(quint64 a, quint64 b)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "SELECT 1 FROM user_relations WHERE blocked = 1 AND "
            "((user_id = ? AND other_id = ?) OR (user_id = ? AND other_id = ?)) LIMIT 1"),
        {qint64(a), qint64(b), qint64(b), qint64(a)});
    return query.next();
}

QList<quint64> SocialStore::presenceWatchers(quint64 userId)
{
    // My team mates, less those I blocked: they may see my presence.
    return teamMatesWhere(userId,
                          QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM user_relations r WHERE "
                                         "r.user_id = ? AND r.other_id = y.user_id AND "
                                         "r.blocked = 1)"),
                          {qint64(userId)});
}

QList<quint64> SocialStore::teamMates(quint64 userId)
{
    return teamMatesWhere(userId, {}, {});
}

QList<quint64> SocialStore::teamMatesWhere(quint64 userId, const QString& condition,
                                           const QVariantList& conditionValues)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("SELECT DISTINCT y.user_id FROM team_members x "
                                      "JOIN team_members y ON y.team_id = x.team_id "
                                      "WHERE x.user_id = ? AND y.user_id <> ?") +
                           condition,
                       QVariantList{qint64(userId), qint64(userId)} + conditionValues);
    QList<quint64> ids;
    while (query.next())
        ids.append(query.value(0).toULongLong());
    return ids;
}

QList<quint64> SocialStore::visiblePresence(quint64 viewerId, const QList<quint64>& userIds)
{
    QList<quint64> visible;
    for (const quint64 userId : userIds) {
        if (userId == viewerId) {
            visible.append(userId);
            continue;
        }
        QSqlQuery& query = m_context.exec(
            QStringLiteral(
                "SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id "
                "WHERE x.user_id = ? AND y.user_id = ? AND NOT EXISTS (SELECT 1 FROM "
                "user_relations r WHERE r.user_id = ? AND r.other_id = ? AND r.blocked = 1) "
                "LIMIT 1"),
            {qint64(userId), qint64(viewerId), qint64(userId), qint64(viewerId)});
        if (query.next())
            visible.append(userId);
    }
    return visible;
}

bool SocialStore::setNotifyLevel(quint64 roomId, quint64 userId, NotifyLevel level)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "UPDATE room_members SET notify_level = ? WHERE room_id = ? AND user_id = ?"),
        {qint64(level), qint64(roomId), qint64(userId)});
    return DbContext::affectedRows(query) == 1;
}

void SocialStore::setDoNotDisturb(quint64 userId, qint64 untilMs)
{
    m_context.exec(QStringLiteral("UPDATE users SET dnd_until_ms = ? WHERE id = ?"),
                   {untilMs, qint64(userId)});
}

QList<RoomAudience::Listener> SocialStore::listeners(quint64 roomId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT rm.user_id, rm.notify_level, COALESCE(tm.muted, 0), u.dnd_until_ms"
                       " FROM room_members rm JOIN users u ON u.id = rm.user_id"
                       " JOIN rooms r ON r.id = rm.room_id"
                       " LEFT JOIN team_members tm ON tm.team_id = r.team_id"
                       " AND tm.user_id = rm.user_id"
                       " WHERE rm.room_id = ? ORDER BY rm.user_id"),
        {qint64(roomId)});
    QList<RoomAudience::Listener> listeners;
    while (query.next()) {
        listeners.append({query.value(0).toULongLong(), NotifyLevel(query.value(1).toUInt()),
                          query.value(2).toInt() != 0, query.value(3).toLongLong()});
    }
    query.finish();
    return listeners;
}

QSet<std::pair<quint64, quint64>> SocialStore::blocksByMembers(quint64 roomId)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("SELECT ur.user_id, ur.other_id FROM user_relations ur"
                                      " JOIN room_members rm ON rm.user_id = ur.user_id"
                                      " WHERE rm.room_id = ? AND ur.blocked <> 0"),
                       {qint64(roomId)});
    QSet<std::pair<quint64, quint64>> blocks;
    while (query.next())
        blocks.insert({query.value(0).toULongLong(), query.value(1).toULongLong()});
    query.finish();
    return blocks;
}

QHash<quint64, QList<protocol::MissedRoom>>
SocialStore::missedRoomsOf(const QList<quint64>& userIds, qint64 nowMs)
{
    // PostgreSQL takes the users as one array (a reconnection storm asks for thousands);
    // SQLite, in process, one at a time.
    const bool together = m_context.isPostgres() && userIds.size() > 1;
    const QString sql =
        QStringLiteral(
            "SELECT r.id, r.kind, r.last_seq, rm.notify_level,"
            " (SELECT COUNT(*) FROM events e WHERE e.room_id = r.id AND e.seq > rm.read_seq"
            "  AND e.kind = 1 AND e.deleted = 0 AND e.sender_user <> rm.user_id),"
            " (SELECT COUNT(*) FROM events e WHERE e.room_id = r.id AND e.seq > rm.read_seq"
            "  AND e.kind = 1 AND e.deleted = 0 AND e.sender_user <> rm.user_id AND (e.mention_all "
            "= 1"
            "  OR EXISTS (SELECT 1 FROM event_mentions m WHERE m.user_id = rm.user_id"
            "  AND m.room_id = e.room_id AND m.seq = e.seq))), rm.user_id"
            " FROM room_members rm JOIN rooms r ON r.id = rm.room_id JOIN users u ON u.id = "
            "rm.user_id"
            " LEFT JOIN team_members tm ON tm.team_id = r.team_id AND tm.user_id = rm.user_id"
            " WHERE %1 AND r.last_seq > rm.read_seq AND rm.notify_level <> 2"
            " AND COALESCE(tm.muted, 0) = 0 AND u.dnd_until_ms <= ? ORDER BY r.id")
            .arg(together ? QStringLiteral("rm.user_id = ANY(?::bigint[])")
                          : QStringLiteral("rm.user_id = ?"));
    QHash<quint64, QList<protocol::MissedRoom>> missed;
    const auto read = [&](const QVariant& users) {
        QSqlQuery& query = m_context.exec(sql, {users, nowMs});
        while (query.next()) {
            protocol::MissedRoom room{query.value(0).toULongLong(), query.value(2).toULongLong(),
                                      query.value(4).toULongLong(), query.value(5).toULongLong(),
                                      query.value(1).toUInt() == uint(protocol::RoomKind::Direct)};
            const bool mentionsOnly = NotifyLevel(query.value(3).toUInt()) == NotifyLevel::Mentions;
            if ((room.direct && room.unread > 0 && !mentionsOnly) || room.mentions > 0)
                missed[query.value(6).toULongLong()].append(room);
        }
        query.finish();
    };
    if (together) {
        read(pg::bigintArray(userIds));
    } else {
        for (const quint64 id : userIds)
            read(qint64(id));
    }
    return missed;
}

} // namespace moim::server
