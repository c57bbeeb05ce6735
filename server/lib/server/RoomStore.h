#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSqlQuery>
#include <optional>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>
#include <vector>

namespace moim::server {

class DbContext;

// What a user may do in a room, read in one query before any room request.
struct RoomAccess {
    quint64 roomId = 0;
    protocol::RoomKind kind = protocol::RoomKind::PublicChannel;
    std::optional<quint64> teamId;
    bool member = false;
    std::optional<protocol::TeamRole> teamRole; // channels: the user's role in the team
    bool archived = false;
    quint64 createdBy = 0;
    // Moves whenever who the room's events reach changes (RoomAudienceCache).
    std::optional<quint64> audienceVersion;

    bool inTeam() const { return teamRole.has_value(); }
    bool isAdmin() const { return teamRole && *teamRole >= protocol::TeamRole::Admin; }
    // Members read; in a public channel every member of the team may read too.
    bool canRead() const
    {
        return member || (kind == protocol::RoomKind::PublicChannel && inTeam());
    }
};

// RoomStore::accessForSend: the sender's access, and whether this send was stored before.
struct SendAccess {
    RoomAccess room;
    std::optional<quint64> earlierSeq; // the stored event of this (room, sender, client id)
};

// SQL for rooms (channels and direct messages) and their members.
class RoomStore {
public:
    explicit RoomStore(DbContext& context);

    std::optional<RoomAccess> access(quint64 roomId, quint64 userId);
    // access() and the duplicate check of a send in one statement. Run it after the room's
    // row is locked (lockForSends), so that a send stored by another server that held the
    // lock before us is seen.
    std::optional<SendAccess> accessForSend(quint64 roomId, quint64 userId,
                                            const QByteArray& clientId);
    // PostgreSQL: locks these rooms' rows for sends till the transaction ends; their last
    // sequence numbers. Rooms that do not exist are left out.
    QHash<quint64, quint64> lockForSends(const std::vector<quint64>& roomIds);
    std::optional<quint64> lockForSend(quint64 roomId);
    // nullopt when the name is taken in the team.
    std::optional<quint64> createChannel(quint64 teamId, const QString& name, bool isPrivate,
                                         const QString& topic, quint64 userId, qint64 nowMs);
    std::optional<protocol::RoomInfo> roomInfo(quint64 roomId, quint64 userId);
    QList<protocol::RoomInfo> channels(quint64 teamId, quint64 userId);
    QList<protocol::RoomInfo> directRooms(quint64 userId);
    // True when the user was not in the room before.
    bool addMember(quint64 roomId, quint64 userId, qint64 nowMs);
    bool removeMember(quint64 roomId, quint64 userId);
    QList<quint64> memberIds(quint64 roomId);
    // False when the new name is taken.
    bool update(quint64 roomId, const std::optional<QString>& name,
                const std::optional<QString>& topic, const std::optional<bool>& archived,
                qint64 nowMs);
    // The direct room of exactly these users (me included), created if it does not exist.
    quint64 openDirect(QList<quint64> userIds, quint64 creator, qint64 nowMs);
    QList<protocol::MemberInfo> usersByName(const QStringList& usernames);
    // Members ordered by username, from after `after` (exclusive).
    QList<protocol::MemberInfo> members(quint64 roomId, const std::optional<QString>& after,
                                        int limit);
    QList<protocol::MemberInfo> mentionCandidates(quint64 roomId, const QString& prefix, int limit);

private:
    QList<protocol::RoomInfo> readRooms(QSqlQuery& query);

    DbContext& m_context;
};

} // namespace moim::server
