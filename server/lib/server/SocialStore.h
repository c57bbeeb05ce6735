#pragma once

#include <QList>
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
    // Of these users, the ones whose presence the viewer may see.
    QList<quint64> visiblePresence(quint64 viewerId, const QList<quint64>& userIds);

    bool setNotifyLevel(quint64 roomId, quint64 userId, protocol::NotifyLevel level);
    void setDoNotDisturb(quint64 userId, qint64 untilMs);
    // Who to alert for a new message, after levels, team mute, do-not-disturb and blocks.
    QList<std::pair<quint64, protocol::Notification>>
    notificationsFor(quint64 roomId, quint64 seq, quint64 senderId, const QList<quint64>& mentions,
                     bool mentionAll, bool direct, qint64 nowMs);
    QList<protocol::MissedRoom> missedRooms(quint64 userId, qint64 nowMs);

private:
    DbContext& m_context;
};

} // namespace moim::server
