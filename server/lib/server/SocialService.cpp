#include "server/SocialService.h"

#include "server/AccountStore.h"
#include "server/Clock.h"
#include "server/ConnectionRegistry.h"
#include "server/DatabaseRequest.h"
#include "server/Fanout.h"
#include "server/RequestRouter.h"
#include "server/RoomStore.h"
#include "server/SocialStore.h"
#include "server/TeamStore.h"

#include <QDateTime>
#include <protocol/AccountRules.h>
#include <protocol/EmptyMessage.h>
#include <util/LogCategories.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::Result;

namespace {

constexpr qint64 kMaxDoNotDisturbMs = 366LL * 24 * 3600 * 1000;

} // namespace

SocialService::SocialService(DatabasePool& database, Fanout& fanout, ConnectionRegistry& registry)
    : m_database(database)
    , m_missedByUser(database,
                     [](DbContext& context, const QList<quint64>& userIds) {
                         return SocialStore(context).missedRoomsOf(userIds, nowMs());
                     })
    , m_fanout(fanout)
    , m_registry(registry)
{}

void SocialService::registerRoutes(RequestRouter& router)
{
    using namespace protocol;
    router.on<SetPresence>(Access::Member,
                           [this](auto& c, auto r, auto p) { setPresence(c, r, p); });
    router.on<GetPresence>(Access::Member,
                           [this](auto& c, auto r, auto p) { getPresence(c, r, p); });
    router.on<Typing>(Access::Member, [this](auto& c, auto r, auto p) { typing(c, r, p); });
    router.on<SetDisplayName>(Access::Member,
                              [this](auto& c, auto r, auto p) { setDisplayName(c, r, p); });
    router.on<SetRelation>(Access::Member,
                           [this](auto& c, auto r, auto p) { setRelation(c, r, p); });
    router.on<ListRelations>(Access::Member,
                             [this](auto& c, auto, auto p) { listRelations(c, p); });
    router.on<SetNotifyLevel>(Access::Member,
                              [this](auto& c, auto r, auto p) { setNotifyLevel(c, r, p); });
    router.on<SetDoNotDisturb>(Access::Member,
                               [this](auto& c, auto r, auto p) { setDoNotDisturb(c, r, p); });
}

void SocialService::presenceChanged(quint64 userId, protocol::PresenceStatus status)
{
    m_database.post([this, userId, status](DbContext& context) {
        try {
            context.ensureOpen();
            const QList<quint64> watchers = SocialStore(context).presenceWatchers(userId);
            m_fanout.push(protocol::PresenceUpdate{userId, status},
                          watchers + QList<quint64>{userId});
        } catch (const DbError& error) {
            qCWarning(lcDb) << "presence fan-out failed:" << error.what();
        }
    });
}

void SocialService::sendMissedNotifications(ClientConnection& connection)
{
    const quint64 userId = connection.session()->userId;
    m_missedByUser.find(&connection, userId,
                        [&connection](Result<std::optional<QList<protocol::MissedRoom>>> rooms) {
                            if (rooms && connection.session())
                                connection.sendFrame(protocol::makeFrame(
                                    protocol::MissedNotifications{
                                        rooms.value().value_or(QList<protocol::MissedRoom>{})},
                                    connection.protocolVersion()));
                        });
}

void SocialService::setPresence(ClientConnection& connection, protocol::SetPresence request,
                                Responder responder)
{
    m_registry.setPresence(&connection, request.status);
    responder.reply(protocol::Ok{});
}

void SocialService::getPresence(ClientConnection& connection, protocol::GetPresence request,
                                Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<QList<quint64>>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<QList<quint64>> {
            return SocialStore(context).visiblePresence(userId, request.userIds);
        },
        [this, responder, request](const QList<quint64>& visible) {
            protocol::PresenceList list;
            // Those one may not see are reported offline, like people who are.
            for (const quint64 id : request.userIds)
                list.presences.append({id, visible.contains(id)
                                               ? m_registry.presenceOf(id)
                                               : protocol::PresenceStatus::Offline});
            responder.reply(list);
        });
}

bool SocialService::typingAllowed(quint64 userId, quint64 roomId, qint64 now)
{
    std::lock_guard lock(m_typingMutex);
    qint64& last = m_lastTyping[qMakePair(userId, roomId)];
    if (now - last < kTypingIntervalMs)
        return false;
    last = now;
    if (m_lastTyping.size() > 100'000) {
        for (auto it = m_lastTyping.begin(); it != m_lastTyping.end();)
            it = now - it.value() > kTypingIntervalMs ? m_lastTyping.erase(it) : std::next(it);
    }
    return true;
}

void SocialService::typing(ClientConnection& connection, protocol::Typing request,
                           Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<QList<quint64>>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<QList<quint64>> {
            RoomStore rooms(context);
            const auto access = rooms.access(request.roomId, userId);
            if (!access || !access->member)
                return refuse<QList<quint64>>(ErrorCode::NotFound,
                                              QStringLiteral("you are not in this room"));
            if (access->archived)
                return refuse<QList<quint64>>(ErrorCode::Forbidden,
                                              QStringLiteral("this room is archived"));
            QList<quint64> others = rooms.memberIds(request.roomId);
            others.removeAll(userId);
            if (access->kind == protocol::RoomKind::Direct) {
                SocialStore social(context);
                for (const quint64 other : std::as_const(others)) {
                    if (social.blockedEitherWay(userId, other))
                        return refuse<QList<quint64>>(
                            ErrorCode::Forbidden, QStringLiteral("you cannot message this person"));
                }
            }
            return others;
        },
        [=, this](const QList<quint64>& others) {
            responder.reply(protocol::Ok{});
            // Over the rate: acknowledged, not relayed. Nothing is stored either way.
            if (typingAllowed(userId, request.roomId, nowMs()))
                m_fanout.push(protocol::TypingNotice{request.roomId, userId}, others);
        });
}

void SocialService::setDisplayName(ClientConnection& connection, protocol::SetDisplayName request,
                                   Responder responder)
{
    if (auto problem = protocol::displayNameProblem(request.displayName))
        return responder.fail(ErrorCode::BadRequest, *problem);
    const quint64 userId = connection.session()->userId;
    // Who to tell is read with the change, so that nobody who shares a team then misses it.
    runForRequest<std::optional<QList<quint64>>>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<std::optional<QList<quint64>>> {
            if (!AccountStore(context).setDisplayName(userId, request.displayName))
                return std::optional<QList<quint64>>{};
            return std::optional{SocialStore(context).teamMates(userId)};
        },
        [=, this, &connection](const std::optional<QList<quint64>>& mates) {
            responder.reply(protocol::Ok{});
            if (mates)
                m_fanout.push(protocol::UserUpdate{userId, request.displayName},
                              *mates + QList<quint64>{userId}, &connection);
        });
}

void SocialService::setRelation(ClientConnection& connection, protocol::SetRelation request,
                                Responder responder)
{
    const quint64 userId = connection.session()->userId;
    if (request.userId == userId)
        return responder.fail(ErrorCode::BadRequest, QStringLiteral("that is you"));
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            // Flags are set only toward people one shares a team with; clearing them is
            // always possible (a block outlives the shared team).
            const bool clearing = !request.favourite.value_or(false) &&
                                  !request.hidden.value_or(false) &&
                                  !request.blocked.value_or(false);
            if (!clearing && !TeamStore(context).shareATeam(userId, request.userId))
                return refuse<bool>(ErrorCode::NotFound,
                                    QStringLiteral("no such user in your teams"));
            SocialStore(context).setRelation(request, userId);
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

void SocialService::listRelations(ClientConnection& connection, Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::RelationList>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::RelationList> {
            return protocol::RelationList{SocialStore(context).relations(userId)};
        },
        [responder](const protocol::RelationList& list) { responder.reply(list); });
}

void SocialService::setNotifyLevel(ClientConnection& connection, protocol::SetNotifyLevel request,
                                   Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            if (!SocialStore(context).setNotifyLevel(request.roomId, userId, request.level))
                return refuse<bool>(ErrorCode::NotFound,
                                    QStringLiteral("you are not in this room"));
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

void SocialService::setDoNotDisturb(ClientConnection& connection, protocol::SetDoNotDisturb request,
                                    Responder responder)
{
    if (request.untilMs != 0 && request.untilMs > nowMs() + kMaxDoNotDisturbMs)
        return responder.fail(ErrorCode::BadRequest,
                              QStringLiteral("do not disturb lasts at most 366 days"));
    const quint64 userId = connection.session()->userId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            SocialStore(context).setDoNotDisturb(userId, request.untilMs);
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

} // namespace moim::server
