#include "server/RoomService.h"

#include "server/Clock.h"
#include "server/DatabaseRequest.h"
#include "server/EventStore.h"
#include "server/Fanout.h"
#include "server/RequestRouter.h"
#include "server/RoomStore.h"
#include "server/SocialStore.h"
#include "server/SqlTransaction.h"
#include "server/TeamStore.h"

#include <QDateTime>
#include <protocol/AccountRules.h>
#include <protocol/EmptyMessage.h>
#include <protocol/Limits.h>
#include <protocol/TeamMessages.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::EventKind;
using protocol::Result;
using protocol::RoomInfo;
using protocol::RoomKind;

namespace {

const QString kNoRoom = QStringLiteral("no such room");

// A membership change, its event, and who hears of it.
struct MembershipChange {
    RoomInfo room;
    std::optional<protocol::RoomEvent> event;
    QList<quint64> recipients;
};

} // namespace

RoomService::RoomService(DatabasePool& database, Fanout& fanout)
    : m_database(database)
    , m_fanout(fanout)
{}

void RoomService::registerRoutes(RequestRouter& router)
{
    using namespace protocol;
    router.on<CreateChannel>(Access::Member,
                             [this](auto& c, auto r, auto p) { createChannel(c, r, p); });
    router.on<ListRooms>(Access::Member, [this](auto& c, auto r, auto p) { listRooms(c, r, p); });
    router.on<JoinChannel>(Access::Member,
                           [this](auto& c, auto r, auto p) { joinChannel(c, r, p); });
    router.on<LeaveRoom>(Access::Member, [this](auto& c, auto r, auto p) { leaveRoom(c, r, p); });
    router.on<UpdateChannel>(Access::Member,
                             [this](auto& c, auto r, auto p) { updateChannel(c, r, p); });
    router.on<AddToChannel>(Access::Member,
                            [this](auto& c, auto r, auto p) { addToChannel(c, r, p); });
    router.on<OpenDirect>(Access::Member, [this](auto& c, auto r, auto p) { openDirect(c, r, p); });
    router.on<FindUsers>(Access::Member, [this](auto& c, auto r, auto p) { findUsers(c, r, p); });
    router.on<ListRoomMembers>(Access::Member,
                               [this](auto& c, auto r, auto p) { listMembers(c, r, p); });
    router.on<MentionCandidates>(Access::Member,
                                 [this](auto& c, auto r, auto p) { mentionCandidates(c, r, p); });
}

void RoomService::createChannel(ClientConnection& connection, protocol::CreateChannel request,
                                Responder responder)
{
    const QString name = protocol::normalizeUsername(request.name);
    if (auto problem = protocol::channelNameProblem(name))
        return responder.fail(ErrorCode::BadRequest, *problem);
    if (auto problem = protocol::topicProblem(request.topic))
        return responder.fail(ErrorCode::BadRequest, *problem);
    const quint64 userId = connection.session()->userId;
    runForRequest<RoomInfo>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<RoomInfo> {
            if (!TeamStore(context).role(request.teamId, userId))
                return refuse<RoomInfo>(ErrorCode::NotFound,
                                        QStringLiteral("no such team, or you are not in it"));
            RoomStore rooms(context);
            const auto roomId = rooms.createChannel(request.teamId, name, request.isPrivate,
                                                    request.topic, userId, nowMs());
            if (!roomId)
                return refuse<RoomInfo>(
                    ErrorCode::Conflict,
                    QStringLiteral("a channel of that name exists in the team"));
            return *rooms.roomInfo(*roomId, userId);
        },
        [=, this, &connection](const RoomInfo& room) {
            responder.reply(room);
            m_fanout.push(room, {userId}, &connection);
        });
}

void RoomService::listRooms(ClientConnection& connection, protocol::ListRooms request,
                            Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::RoomList>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::RoomList> {
            RoomStore rooms(context);
            if (!request.teamId)
                return protocol::RoomList{rooms.directRooms(userId)};
            if (!TeamStore(context).role(*request.teamId, userId))
                return refuse<protocol::RoomList>(
                    ErrorCode::NotFound, QStringLiteral("no such team, or you are not in it"));
            return protocol::RoomList{rooms.channels(*request.teamId, userId)};
        },
        [responder](const protocol::RoomList& list) { responder.reply(list); });
}

void RoomService::joinChannel(ClientConnection& connection, protocol::JoinChannel request,
                              Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<MembershipChange>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<MembershipChange> {
            RoomStore rooms(context);
            const auto access = rooms.access(request.roomId, userId);
            if (!access || !access->canRead())
                return refuse<MembershipChange>(ErrorCode::NotFound, kNoRoom);
            if (access->kind != RoomKind::PublicChannel && !access->member)
                return refuse<MembershipChange>(
                    ErrorCode::Forbidden, QStringLiteral("private rooms are joined by invitation"));
            if (access->archived)
                return refuse<MembershipChange>(ErrorCode::Forbidden,
                                                QStringLiteral("this channel is archived"));
            MembershipChange change;
            SqlTransaction transaction(context);
            const qint64 now = nowMs();
            if (rooms.addMember(request.roomId, userId, now)) {
                change.event = EventStore(context).appendServerEvent(
                    request.roomId, EventKind::MemberJoined, userId, userId, now);
                change.recipients = rooms.memberIds(request.roomId);
            }
            transaction.commit();
            change.room = *rooms.roomInfo(request.roomId, userId);
            return change;
        },
        [=, this, &connection](const MembershipChange& change) {
            responder.reply(change.room);
            m_fanout.push(change.room, {userId}, &connection);
            if (change.event)
                m_fanout.push(*change.event, change.recipients);
        });
}

void RoomService::leaveRoom(ClientConnection& connection, protocol::LeaveRoom request,
                            Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<MembershipChange>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<MembershipChange> {
            RoomStore rooms(context);
            const auto access = rooms.access(request.roomId, userId);
            if (!access || !access->member)
                return refuse<MembershipChange>(ErrorCode::NotFound,
                                                QStringLiteral("you are not in this room"));
            MembershipChange change;
            SqlTransaction transaction(context);
            const qint64 now = nowMs();
            rooms.removeMember(request.roomId, userId);
            change.event = EventStore(context).appendServerEvent(
                request.roomId, EventKind::MemberLeft, userId, userId, now);
            change.recipients = rooms.memberIds(request.roomId) + QList<quint64>{userId};
            transaction.commit();
            return change;
        },
        [=, this](const MembershipChange& change) {
            responder.reply(protocol::Ok{});
            m_fanout.push(*change.event, change.recipients);
        });
}

void RoomService::updateChannel(ClientConnection& connection, protocol::UpdateChannel request,
                                Responder responder)
{
    std::optional<QString> name;
    if (request.name) {
        name = protocol::normalizeUsername(*request.name);
        if (auto problem = protocol::channelNameProblem(*name))
            return responder.fail(ErrorCode::BadRequest, *problem);
    }
    if (request.topic) {
        if (auto problem = protocol::topicProblem(*request.topic))
            return responder.fail(ErrorCode::BadRequest, *problem);
    }
    const quint64 userId = connection.session()->userId;
    runForRequest<MembershipChange>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<MembershipChange> {
            RoomStore rooms(context);
            const auto access = rooms.access(request.roomId, userId);
            if (!access || !access->canRead())
                return refuse<MembershipChange>(ErrorCode::NotFound, kNoRoom);
            if (access->kind == RoomKind::Direct)
                return refuse<MembershipChange>(
                    ErrorCode::BadRequest, QStringLiteral("direct messages have no name or topic"));
            if (!access->member)
                return refuse<MembershipChange>(ErrorCode::Forbidden,
                                                QStringLiteral("join the channel first"));
            const bool canArchive = access->isAdmin() || access->createdBy == userId;
            if (request.archived && !canArchive)
                return refuse<MembershipChange>(
                    ErrorCode::Forbidden,
                    QStringLiteral("team admins and the channel's creator archive it"));
            if (access->archived && !request.archived.has_value())
                return refuse<MembershipChange>(ErrorCode::Forbidden,
                                                QStringLiteral("this channel is archived"));
            MembershipChange change;
            SqlTransaction transaction(context);
            const qint64 now = nowMs();
            if (!rooms.update(request.roomId, name, request.topic, request.archived, now))
                return refuse<MembershipChange>(
                    ErrorCode::Conflict,
                    QStringLiteral("a channel of that name exists in the team"));
            change.event = EventStore(context).appendServerEvent(
                request.roomId, EventKind::RoomUpdated, userId, std::nullopt, now);
            change.recipients = rooms.memberIds(request.roomId);
            transaction.commit();
            change.room = *rooms.roomInfo(request.roomId, userId);
            return change;
        },
        [=, this](const MembershipChange& change) {
            responder.reply(change.room);
            m_fanout.push(*change.event, change.recipients);
        });
}

void RoomService::addToChannel(ClientConnection& connection, protocol::AddToChannel request,
                               Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<MembershipChange>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<MembershipChange> {
            RoomStore rooms(context);
            const auto access = rooms.access(request.roomId, userId);
            if (!access || !access->canRead())
                return refuse<MembershipChange>(ErrorCode::NotFound, kNoRoom);
            if (access->kind == RoomKind::Direct)
                return refuse<MembershipChange>(
                    ErrorCode::BadRequest, QStringLiteral("open a new direct message instead"));
            if (!access->member)
                return refuse<MembershipChange>(ErrorCode::Forbidden,
                                                QStringLiteral("only members add people"));
            if (access->archived)
                return refuse<MembershipChange>(ErrorCode::Forbidden,
                                                QStringLiteral("this channel is archived"));
            if (!TeamStore(context).role(*access->teamId, request.userId))
                return refuse<MembershipChange>(ErrorCode::NotFound,
                                                QStringLiteral("that user is not in the team"));
            MembershipChange change;
            SqlTransaction transaction(context);
            const qint64 now = nowMs();
            if (rooms.addMember(request.roomId, request.userId, now)) {
                change.event = EventStore(context).appendServerEvent(
                    request.roomId, EventKind::MemberJoined, userId, request.userId, now);
                change.recipients = rooms.memberIds(request.roomId);
            }
            transaction.commit();
            change.room = *rooms.roomInfo(request.roomId, request.userId);
            return change;
        },
        [=, this](const MembershipChange& change) {
            responder.reply(protocol::Ok{});
            m_fanout.push(change.room, {request.userId});
            if (change.event)
                m_fanout.push(*change.event, change.recipients);
        });
}

void RoomService::openDirect(ClientConnection& connection, protocol::OpenDirect request,
                             Responder responder)
{
    const quint64 userId = connection.session()->userId;
    QList<quint64> others = request.userIds;
    others.removeAll(userId);
    if (others.isEmpty() || others.size() > protocol::kMaxDirectMembers)
        return responder.fail(ErrorCode::BadRequest,
                              QStringLiteral("a direct message has 1 to %1 other people")
                                  .arg(protocol::kMaxDirectMembers));
    runForRequest<MembershipChange>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<MembershipChange> {
            TeamStore teams(context);
            SocialStore social(context);
            for (const quint64 other : others) {
                if (!teams.shareATeam(userId, other))
                    return refuse<MembershipChange>(
                        ErrorCode::Forbidden,
                        QStringLiteral("direct messages are between people who share a team"));
                if (social.blockedEitherWay(userId, other))
                    return refuse<MembershipChange>(
                        ErrorCode::Forbidden, QStringLiteral("you cannot message this person"));
            }
            SqlTransaction transaction(context);
            RoomStore rooms(context);
            const quint64 roomId =
                rooms.openDirect(others + QList<quint64>{userId}, userId, nowMs());
            transaction.commit();
            MembershipChange change;
            change.room = *rooms.roomInfo(roomId, userId);
            return change;
        },
        [=, this, &connection](const MembershipChange& change) {
            responder.reply(change.room);
            // Other members learn of the room (their own view of it comes with room_info).
            m_fanout.push(change.room, {userId}, &connection);
        });
}

void RoomService::findUsers(ClientConnection& connection, protocol::FindUsers request,
                            Responder responder)
{
    const quint64 userId = connection.session()->userId;
    QStringList names;
    for (const QString& name : std::as_const(request.usernames))
        names.append(protocol::normalizeUsername(name));
    runForRequest<protocol::MemberList>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::MemberList> {
            // Only people one shares a team with are found: no enumeration of the server.
            TeamStore teams(context);
            protocol::MemberList list;
            for (const protocol::MemberInfo& user : RoomStore(context).usersByName(names)) {
                if (user.userId == userId || teams.shareATeam(userId, user.userId))
                    list.members.append(user);
            }
            return list;
        },
        [responder](const protocol::MemberList& list) { responder.reply(list); });
}

void RoomService::listMembers(ClientConnection& connection, protocol::ListRoomMembers request,
                              Responder responder)
{
    if (request.limit == 0 || request.limit > protocol::ListRoomMembers::kMaxLimit)
        return responder.fail(ErrorCode::BadRequest, QStringLiteral("limit is 1 to 500"));
    if (request.after && request.after->size() > protocol::kMaxUsernameLength)
        return responder.fail(ErrorCode::BadRequest, QStringLiteral("after is not a username"));
    listReadableRoom(connection, request.roomId, responder, [request](RoomStore& rooms) {
        return rooms.members(request.roomId, request.after, int(request.limit));
    });
}

void RoomService::mentionCandidates(ClientConnection& connection,
                                    protocol::MentionCandidates request, Responder responder)
{
    if (request.limit == 0 || request.limit > 50)
        return responder.fail(ErrorCode::BadRequest, QStringLiteral("limit is 1 to 50"));
    if (request.prefix.size() > protocol::kMaxDisplayNameLength)
        return responder.fail(ErrorCode::BadRequest, QStringLiteral("prefix too long"));
    listReadableRoom(connection, request.roomId, responder, [request](RoomStore& rooms) {
        return rooms.mentionCandidates(request.roomId, request.prefix, int(request.limit));
    });
}

void RoomService::listReadableRoom(ClientConnection& connection, quint64 roomId,
                                   Responder responder,
                                   std::function<QList<protocol::MemberInfo>(RoomStore&)> list)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::MemberList>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::MemberList> {
            RoomStore rooms(context);
            const auto access = rooms.access(roomId, userId);
            if (!access || !access->canRead())
                return refuse<protocol::MemberList>(ErrorCode::NotFound, kNoRoom);
            return protocol::MemberList{list(rooms)};
        },
        [responder](const protocol::MemberList& found) { responder.reply(found); });
}

} // namespace moim::server
