#include "client/RoomResolver.h"

#include "client/Connection.h"

#include <protocol/AccountRules.h>
#include <protocol/EmptyMessage.h>
#include <protocol/TeamMessages.h>

namespace moim::client {

using protocol::ErrorCode;
using protocol::Result;

RoomResolver::RoomResolver(Connection& connection)
    : m_connection(connection)
{}

Result<quint64> RoomResolver::teamId(const QString& handle)
{
    const auto teams = m_connection.callAndWait<protocol::TeamList>(protocol::ListTeams{});
    if (!teams)
        return teams.error();
    const QString wanted = protocol::normalizeUsername(handle);
    for (const protocol::TeamInfo& team : teams->teams) {
        if (team.handle == wanted)
            return team.teamId;
    }
    return Result<quint64>::failure(ErrorCode::NotFound,
                                    QStringLiteral("you are not in a team '%1'").arg(handle));
}

Result<QList<quint64>> RoomResolver::userIds(const QStringList& usernames)
{
    const auto found =
        m_connection.callAndWait<protocol::MemberList>(protocol::FindUsers{usernames});
    if (!found)
        return found.error();
    QList<quint64> ids;
    for (const QString& name : usernames) {
        const QString wanted = protocol::normalizeUsername(name);
        const auto it = std::find_if(found->members.begin(), found->members.end(),
                                     [&](const auto& user) { return user.username == wanted; });
        if (it == found->members.end())
            return Result<QList<quint64>>::failure(
                ErrorCode::NotFound, QStringLiteral("no user '%1' in your teams").arg(name));
        ids.append(it->userId);
    }
    return ids;
}

Result<protocol::RoomInfo> RoomResolver::channel(const QString& handle, const QString& name)
{
    const auto team = teamId(handle);
    if (!team)
        return team.error();
    const auto rooms =
        m_connection.callAndWait<protocol::RoomList>(protocol::ListRooms{team.value()});
    if (!rooms)
        return rooms.error();
    const QString wanted = protocol::normalizeUsername(name);
    for (const protocol::RoomInfo& room : rooms->rooms) {
        if (room.name == wanted)
            return room;
    }
    return Result<protocol::RoomInfo>::failure(
        ErrorCode::NotFound, QStringLiteral("no channel '%1' in team '%2'").arg(name, handle));
}

Result<protocol::RoomInfo> RoomResolver::resolve(const QString& address)
{
    if (address.startsWith(QLatin1Char('@'))) {
        const auto ids = userIds(address.mid(1).split(QLatin1Char(','), Qt::SkipEmptyParts));
        if (!ids)
            return ids.error();
        return m_connection.callAndWait<protocol::RoomInfo>(protocol::OpenDirect{ids.value()});
    }
    if (address.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const quint64 roomId = address.mid(1).toULongLong(&ok);
        if (ok) {
            protocol::RoomInfo room;
            room.roomId = roomId;
            return room;
        }
    }
    const qsizetype slash = address.indexOf(QLatin1Char('/'));
    if (slash > 0 && slash < address.size() - 1)
        return channel(address.left(slash), address.mid(slash + 1));
    return Result<protocol::RoomInfo>::failure(
        ErrorCode::BadRequest,
        QStringLiteral("a room is team/channel, @user, @user1,user2 or #id, not '%1'")
            .arg(address));
}

} // namespace moim::client
