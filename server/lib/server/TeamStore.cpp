#include "server/TeamStore.h"

#include "server/DbContext.h"
#include "server/SqlTransaction.h"

namespace moim::server {

using protocol::TeamRole;

TeamStore::TeamStore(DbContext& context)
    : m_context(context)
{}

std::optional<quint64> TeamStore::createTeam(const QString& handle, const QString& name,
                                             quint64 userId, qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    QSqlQuery& insert = m_context.exec(
        QStringLiteral(
            "INSERT INTO teams (handle, name, created_by, created_ms) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (handle) DO NOTHING RETURNING id"),
        {handle, name, qint64(userId), nowMs});
    if (!insert.next())
        return std::nullopt;
    const quint64 teamId = insert.value(0).toULongLong();
    insert.finish();
    m_context.exec(QStringLiteral("INSERT INTO team_members (team_id, user_id, role, joined_ms) "
                                  "VALUES (?, ?, ?, ?)"),
                   {qint64(teamId), qint64(userId), qint64(TeamRole::Owner), nowMs});
    QSqlQuery& room = m_context.exec(
        QStringLiteral("INSERT INTO rooms (team_id, kind, name, created_by, created_ms) "
                       "VALUES (?, 0, 'general', ?, ?) RETURNING id"),
        {qint64(teamId), qint64(userId), nowMs});
    room.next();
    const qint64 roomId = room.value(0).toLongLong();
    room.finish();
    m_context.exec(QStringLiteral("INSERT INTO room_members (room_id, user_id, joined_ms) "
                                  "VALUES (?, ?, ?)"),
                   {roomId, qint64(userId), nowMs});
    transaction.commit();
    return teamId;
}

std::optional<TeamRole> TeamStore::role(quint64 teamId, quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT role FROM team_members WHERE team_id = ? AND user_id = ?"),
        {qint64(teamId), qint64(userId)});
    if (!query.next())
        return std::nullopt;
    return TeamRole(query.value(0).toUInt());
}

namespace {

// Unread and mention counts over the rooms of a team (or all DMs) that the user is in.
const QString kTeamSelect = QStringLiteral(
    "SELECT t.id, t.handle, t.name, tm.role, tm.muted,"
    " (SELECT COUNT(*) FROM room_members rm JOIN events e ON e.room_id = rm.room_id"
    "   JOIN rooms r ON r.id = rm.room_id"
    "   WHERE rm.user_id = tm.user_id AND r.team_id = t.id AND e.seq > rm.read_seq"
    "   AND e.kind = 1 AND e.deleted = 0 AND e.sender_user <> tm.user_id),"
    " (SELECT COUNT(*) FROM room_members rm JOIN events e ON e.room_id = rm.room_id"
    "   JOIN rooms r ON r.id = rm.room_id"
    "   WHERE rm.user_id = tm.user_id AND r.team_id = t.id AND e.seq > rm.read_seq"
    "   AND e.kind = 1 AND e.deleted = 0 AND e.sender_user <> tm.user_id AND (e.mention_all = 1"
    "   OR EXISTS (SELECT 1 FROM event_mentions m WHERE m.user_id = tm.user_id"
    "   AND m.room_id = e.room_id AND m.seq = e.seq)))"
    " FROM teams t JOIN team_members tm ON tm.team_id = t.id ");

protocol::TeamInfo readTeam(QSqlQuery& query)
{
    protocol::TeamInfo team;
    team.teamId = query.value(0).toULongLong();
    team.handle = query.value(1).toString();
    team.name = query.value(2).toString();
    team.role = TeamRole(query.value(3).toUInt());
    team.muted = query.value(4).toInt() != 0;
    team.unread = query.value(5).toULongLong();
    team.mentions = query.value(6).toULongLong();
    return team;
}

} // namespace

std::optional<protocol::TeamInfo> TeamStore::teamInfo(quint64 teamId, quint64 userId)
{
    QSqlQuery& query =
        m_context.exec(kTeamSelect + QStringLiteral("WHERE t.id = ? AND tm.user_id = ?"),
                       {qint64(teamId), qint64(userId)});
    if (!query.next())
        return std::nullopt;
    return readTeam(query);
}

QList<protocol::TeamInfo> TeamStore::teamsOf(quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        kTeamSelect + QStringLiteral("WHERE tm.user_id = ? ORDER BY t.handle"), {qint64(userId)});
    QList<protocol::TeamInfo> teams;
    while (query.next())
        teams.append(readTeam(query));
    return teams;
}

QList<protocol::MemberInfo> TeamStore::members(quint64 teamId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "SELECT u.id, u.username, u.display_name, tm.role FROM team_members tm "
            "JOIN users u ON u.id = tm.user_id WHERE tm.team_id = ? ORDER BY u.username"),
        {qint64(teamId)});
    QList<protocol::MemberInfo> members;
    while (query.next())
        members.append({query.value(0).toULongLong(), query.value(1).toString(),
                        query.value(2).toString(), TeamRole(query.value(3).toUInt())});
    return members;
}

std::optional<quint64> TeamStore::generalChannel(quint64 teamId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT id FROM rooms WHERE team_id = ? AND name = 'general'"),
        {qint64(teamId)});
    if (!query.next())
        return std::nullopt;
    return query.value(0).toULongLong();
}

void TeamStore::createInvite(const QString& code, quint64 teamId, quint64 userId, qint64 nowMs,
                             std::optional<qint64> expiresMs, std::optional<quint64> maxUses)
{
    m_context.exec(
        QStringLiteral("INSERT INTO team_invites (code, team_id, created_by, created_ms, "
                       "expires_ms, max_uses) VALUES (?, ?, ?, ?, ?, ?)"),
        {code, qint64(teamId), qint64(userId), nowMs,
         expiresMs ? QVariant(*expiresMs) : QVariant(QMetaType::fromType<qint64>()),
         maxUses ? QVariant(qint64(*maxUses)) : QVariant(QMetaType::fromType<qint64>())});
}

InviteOutcome TeamStore::redeemInvite(const QString& code, quint64 userId, qint64 nowMs,
                                      quint64* teamId)
{
    // Counting the use in the same statement that checks the limits keeps two redeemers from
    // both taking the last use.
    QSqlQuery& use = m_context.exec(
        QStringLiteral("UPDATE team_invites SET uses = uses + 1 WHERE code = ? "
                       "AND (expires_ms IS NULL OR expires_ms > ?) "
                       "AND (max_uses IS NULL OR uses < max_uses) RETURNING team_id"),
        {code, nowMs});
    if (!use.next())
        return InviteOutcome::Invalid;
    *teamId = use.value(0).toULongLong();
    use.finish();
    if (role(*teamId, userId))
        return InviteOutcome::AlreadyMember;
    m_context.exec(QStringLiteral("INSERT INTO team_members (team_id, user_id, role, joined_ms) "
                                  "VALUES (?, ?, ?, ?)"),
                   {qint64(*teamId), qint64(userId), qint64(TeamRole::Member), nowMs});
    return InviteOutcome::Joined;
}

void TeamStore::setRole(quint64 teamId, quint64 userId, TeamRole newRole)
{
    m_context.exec(
        QStringLiteral("UPDATE team_members SET role = ? WHERE team_id = ? AND user_id = ?"),
        {qint64(newRole), qint64(teamId), qint64(userId)});
}

int TeamStore::ownerCount(quint64 teamId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT COUNT(*) FROM team_members WHERE team_id = ? AND role = ?"),
        {qint64(teamId), qint64(TeamRole::Owner)});
    query.next();
    return query.value(0).toInt();
}

QList<quint64> TeamStore::removeMember(quint64 teamId, quint64 userId)
{
    QSqlQuery& rooms = m_context.exec(
        QStringLiteral("SELECT rm.room_id FROM room_members rm JOIN rooms r ON r.id = rm.room_id "
                       "WHERE r.team_id = ? AND rm.user_id = ?"),
        {qint64(teamId), qint64(userId)});
    QList<quint64> left;
    while (rooms.next())
        left.append(rooms.value(0).toULongLong());
    rooms.finish();
    m_context.exec(QStringLiteral("DELETE FROM room_members WHERE user_id = ? AND room_id IN "
                                  "(SELECT id FROM rooms WHERE team_id = ?)"),
                   {qint64(userId), qint64(teamId)});
    m_context.exec(QStringLiteral("DELETE FROM team_members WHERE team_id = ? AND user_id = ?"),
                   {qint64(teamId), qint64(userId)});
    return left;
}

bool TeamStore::setMuted(quint64 teamId, quint64 userId, bool muted)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("UPDATE team_members SET muted = ? WHERE team_id = ? AND user_id = ?"),
        {muted ? 1 : 0, qint64(teamId), qint64(userId)});
    return DbContext::affectedRows(query) == 1;
}

bool TeamStore::shareATeam(quint64 a, quint64 b)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id "
                       "WHERE x.user_id = ? AND y.user_id = ? LIMIT 1"),
        {qint64(a), qint64(b)});
    return query.next();
}

} // namespace moim::server
