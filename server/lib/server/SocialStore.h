#pragma once

#include "server/RoomAudience.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <optional>
#include <protocol/RoomMessages.h>
#include <protocol/SocialMessages.h>

namespace moim::server {

class DbContext;

// SQL for relations between users (favourite, hidden, blocked), notification settings, and
// the questions notifications and presence ask of them.
class SocialStore {
public:
    explicit SocialStore(DbContext& context);

    void setRelation(const protocol::SetRelation& change, quint64 userId);
    QList<protocol::RelationInfo> relations(quint64 userId);
    // True if either user blocked the other.
    bool blockedEitherWay(quint64 a, quint64 b);
    // People who share a team with the user and whom the user has not blocked: those who
    // may see the user's presence.
    QList<quint64> presenceWatchers(quint64 userId);
    // Everyone who shares a team with the user, blocks or not: names are not private.
    QList<quint64> teamMates(quint64 userId);
    // Of these users, the ones whose presence the viewer may see.
    QList<quint64> visiblePresence(quint64 viewerId, const QList<quint64>& userIds);

    bool setNotifyLevel(quint64 roomId, quint64 userId, protocol::NotifyLevel level);
    void setDoNotDisturb(quint64 userId, qint64 untilMs);
    // The notification settings of every member of the room, by user id.
    QList<RoomAudience::Listener> listeners(quint64 roomId);
    // (member, someone that member blocked) for the members of the room.
    QSet<std::pair<quint64, quint64>> blocksByMembers(quint64 roomId);
    // The rooms where these users missed something (unread direct messages, mentions), by
    // user; users who missed nothing are left out. Many at once for LookupBatcher.
    QHash<quint64, QList<protocol::MissedRoom>> missedRoomsOf(const QList<quint64>& userIds,
                                                              qint64 nowMs);

private:
    // Everyone who shares a team with userId, narrowed by an SQL condition on y.user_id.
    QList<quint64> teamMatesWhere(quint64 userId, const QString& condition,
                                  const QVariantList& conditionValues);

    DbContext& m_context;
};

} // namespace moim::server
