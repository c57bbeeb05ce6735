#include "server/TeamService.h"

#include "server/Clock.h"
#include "server/DatabaseRequest.h"
#include "server/EventStore.h"
#include "server/Fanout.h"
#include "server/RequestRouter.h"
#include "server/RoomStore.h"
#include "server/SqlTransaction.h"
#include "server/TeamStore.h"

#include <QDateTime>
#include <crypto/Base32.h>
#include <crypto/Sodium.h>
#include <protocol/AccountRules.h>
#include <protocol/Limits.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::EventKind;
using protocol::Result;
using protocol::TeamRole;

namespace {

constexpr quint64 kMaxInviteLifetimeMs = 366ULL * 24 * 3600 * 1000;
constexpr quint64 kMaxInviteUses = 100'000;
const QString kNotInTeam = QStringLiteral("no such team, or you are not in it");

struct RoomEvents {
    QList<protocol::RoomEvent> events;
    QList<QList<quint64>> recipients; // per event
};

} // namespace

TeamService::TeamService(DatabasePool& database, Fanout& fanout)
    : m_database(database)
    , m_fanout(fanout)
{}

void TeamService::registerRoutes(RequestRouter& router)
{
    using namespace protocol;
    router.on<CreateTeam>(Access::Member, [this](auto& c, auto r, auto p) { createTeam(c, r, p); });
    router.on<ListTeams>(Access::Member, [this](auto& c, auto, auto p) { listTeams(c, p); });
    router.on<CreateInvite>(Access::Member,
                            [this](auto& c, auto r, auto p) { createInvite(c, r, p); });
    router.on<JoinTeam>(Access::Member, [this](auto& c, auto r, auto p) { joinTeam(c, r, p); });
    router.on<LeaveTeam>(Access::Member, [this](auto& c, auto r, auto p) { leaveTeam(c, r, p); });
    router.on<ListTeamMembers>(Access::Member,
                               [this](auto& c, auto r, auto p) { listMembers(c, r, p); });
    router.on<SetMemberRole>(Access::Member,
                             [this](auto& c, auto r, auto p) { setMemberRole(c, r, p); });
    router.on<RemoveMember>(Access::Member,
                            [this](auto& c, auto r, auto p) { removeMember(c, r, p); });
    router.on<SetTeamMuted>(Access::Member, [this](auto& c, auto r, auto p) { setMuted(c, r, p); });
}

void TeamService::createTeam(ClientConnection& connection, protocol::CreateTeam request,
                             Responder responder)
{
    const QString handle = protocol::normalizeUsername(request.handle);
    const QString name = request.name.isEmpty() ? handle : request.name;
    if (auto problem = protocol::teamHandleProblem(handle))
        return responder.fail(ErrorCode::BadRequest, *problem);
    if (auto problem = protocol::displayNameProblem(name))
        return responder.fail(ErrorCode::BadRequest, *problem);
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::TeamInfo>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::TeamInfo> {
            TeamStore teams(context);
            const auto teamId = teams.createTeam(handle, name, userId, nowMs());
            if (!teamId)
                return refuse<protocol::TeamInfo>(ErrorCode::Conflict,
                                                  QStringLiteral("that team handle is taken"));
            return *teams.teamInfo(*teamId, userId);
        },
        [=, this, &connection](const protocol::TeamInfo& team) {
            responder.reply(team);
            m_fanout.push(team, {userId}, &connection);
        });
}

void TeamService::listTeams(ClientConnection& connection, Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::TeamList>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::TeamList> {
            return protocol::TeamList{TeamStore(context).teamsOf(userId)};
        },
        [responder](const protocol::TeamList& list) { responder.reply(list); });
}

void TeamService::createInvite(ClientConnection& connection, protocol::CreateInvite request,
                               Responder responder)
{
    if (request.expiresInMs &&
        (*request.expiresInMs == 0 || *request.expiresInMs > kMaxInviteLifetimeMs))
        return responder.fail(ErrorCode::BadRequest,
                              QStringLiteral("an invite lasts from 1 ms to 366 days"));
    if (request.maxUses && (*request.maxUses == 0 || *request.maxUses > kMaxInviteUses))
        return responder.fail(ErrorCode::BadRequest,
                              QStringLiteral("an invite has 1 to %1 uses").arg(kMaxInviteUses));
    const quint64 userId = connection.session()->userId;
    // Base32, not base64url: a code is typed and pasted into command lines, where one that
    // began with '-' was taken for options (moim-cli refused about 1 code in 64).
    const QString code = crypto::base32Encode(crypto::randomBytes(protocol::kInviteCodeBytes));
    runForRequest<protocol::Invite>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::Invite> {
            TeamStore teams(context);
            const auto role = teams.role(request.teamId, userId);
            if (!role)
                return refuse<protocol::Invite>(ErrorCode::NotFound, kNotInTeam);
            if (*role < TeamRole::Admin)
                return refuse<protocol::Invite>(ErrorCode::Forbidden,
                                                QStringLiteral("only team admins invite"));
            const qint64 now = nowMs();
            const std::optional<qint64> expires =
                request.expiresInMs ? std::optional<qint64>(now + qint64(*request.expiresInMs))
                                    : std::nullopt;
            teams.createInvite(code, request.teamId, userId, now, expires, request.maxUses);
            return protocol::Invite{code, request.teamId, expires, request.maxUses};
        },
        [responder](const protocol::Invite& invite) { responder.reply(invite); });
}

void TeamService::joinTeam(ClientConnection& connection, protocol::JoinTeam request,
                           Responder responder)
{
    if (request.code.isEmpty() || request.code.size() > 64)
        return responder.fail(ErrorCode::NotFound, QStringLiteral("unknown invite"));
    const quint64 userId = connection.session()->userId;
    struct Joined {
        protocol::TeamInfo team;
        std::optional<protocol::RoomEvent> event;
        QList<quint64> generalMembers;
    };
    runForRequest<Joined>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<Joined> {
            TeamStore teams(context);
            quint64 teamId = 0;
            const qint64 now = nowMs();
            SqlTransaction transaction(context);
            const InviteOutcome outcome = teams.redeemInvite(request.code, userId, now, &teamId);
            if (outcome == InviteOutcome::Invalid)
                return refuse<Joined>(ErrorCode::NotFound,
                                      QStringLiteral("this invite is unknown, expired or used up"));
            Joined joined;
            if (outcome == InviteOutcome::Joined) {
                if (const auto general = teams.generalChannel(teamId)) {
                    RoomStore rooms(context);
                    if (rooms.addMember(*general, userId, now)) {
                        joined.event = EventStore(context).appendServerEvent(
                            *general, EventKind::MemberJoined, userId, userId, now);
                        joined.generalMembers = rooms.memberIds(*general);
                    }
                }
                transaction.commit();
            }
            // Already a member: the transaction rolls back, so the use is not spent.
            joined.team = *teams.teamInfo(teamId, userId);
            return joined;
        },
        [=, this, &connection](const Joined& joined) {
            responder.reply(joined.team);
            m_fanout.push(joined.team, {userId}, &connection);
            if (joined.event)
                m_fanout.push(*joined.event, joined.generalMembers);
        });
}

void TeamService::removeFromTeam(ClientConnection& connection, Responder responder, quint64 teamId,
                                 quint64 userId, quint64 actorId, RemovalCheck check)
{
    runForRequest<RoomEvents>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<RoomEvents> {
            SqlTransaction transaction(context);
            // The rights are checked in the transaction that removes: two owners leaving at
            // once must not both see the other one still there. SQLite's write lock already
            // orders these transactions; on PostgreSQL the team row does.
            if (context.isPostgres())
                context.exec(QStringLiteral("SELECT id FROM teams WHERE id = ? FOR UPDATE"),
                             {qint64(teamId)});
            TeamStore teams(context);
            if (auto refusal = check(teams))
                return *refusal;
            const QList<quint64> left = teams.removeMember(teamId, userId);
            RoomEvents result;
            const qint64 now = nowMs();
            for (const quint64 roomId : left) {
                result.events.append(EventStore(context).appendServerEvent(
                    roomId, EventKind::MemberLeft, actorId, userId, now));
                // The one who left hears of it too, on every device.
                result.recipients.append(RoomStore(context).memberIds(roomId) +
                                         QList<quint64>{userId});
            }
            transaction.commit();
            return result;
        },
        [=, this](const RoomEvents& result) {
            responder.reply(protocol::Ok{});
            for (qsizetype i = 0; i < result.events.size(); ++i)
                m_fanout.push(result.events[i], result.recipients[i]);
        });
}

void TeamService::leaveTeam(ClientConnection& connection, protocol::LeaveTeam request,
                            Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const quint64 teamId = request.teamId;
    removeFromTeam(connection, responder, teamId, userId, userId,
                   [=](TeamStore& teams) -> std::optional<protocol::ErrorReply> {
                       const auto role = teams.role(teamId, userId);
                       if (!role)
                           return protocol::ErrorReply{ErrorCode::NotFound, kNotInTeam, {}};
                       if (*role == TeamRole::Owner && teams.ownerCount(teamId) == 1)
                           return protocol::ErrorReply{
                               ErrorCode::Conflict,
                               QStringLiteral("you are the only owner: make another member "
                                              "owner first"),
                               {}};
                       return std::nullopt;
                   });
}

void TeamService::listMembers(ClientConnection& connection, protocol::ListTeamMembers request,
                              Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::MemberList>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::MemberList> {
            TeamStore teams(context);
            if (!teams.role(request.teamId, userId))
                return refuse<protocol::MemberList>(ErrorCode::NotFound, kNotInTeam);
            return protocol::MemberList{teams.members(request.teamId)};
        },
        [responder](const protocol::MemberList& list) { responder.reply(list); });
}

void TeamService::setMemberRole(ClientConnection& connection, protocol::SetMemberRole request,
                                Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            TeamStore teams(context);
            const auto role = teams.role(request.teamId, userId);
            if (!role)
                return refuse<bool>(ErrorCode::NotFound, kNotInTeam);
            if (*role != TeamRole::Owner)
                return refuse<bool>(ErrorCode::Forbidden,
                                    QStringLiteral("only owners change roles"));
            const auto current = teams.role(request.teamId, request.userId);
            if (!current)
                return refuse<bool>(ErrorCode::NotFound, QStringLiteral("no such member"));
            if (*current == TeamRole::Owner && request.role != TeamRole::Owner &&
                teams.ownerCount(request.teamId) == 1)
                return refuse<bool>(ErrorCode::Conflict,
                                    QStringLiteral("a team keeps at least one owner"));
            teams.setRole(request.teamId, request.userId, request.role);
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

void TeamService::removeMember(ClientConnection& connection, protocol::RemoveMember request,
                               Responder responder)
{
    const quint64 userId = connection.session()->userId;
    if (request.userId == userId)
        return responder.fail(ErrorCode::BadRequest, QStringLiteral("to leave, use leave_team"));
    const quint64 teamId = request.teamId;
    const quint64 targetId = request.userId;
    removeFromTeam(connection, responder, teamId, targetId, userId,
                   [=](TeamStore& teams) -> std::optional<protocol::ErrorReply> {
                       const auto role = teams.role(teamId, userId);
                       if (!role)
                           return protocol::ErrorReply{ErrorCode::NotFound, kNotInTeam, {}};
                       const auto target = teams.role(teamId, targetId);
                       if (!target)
                           return protocol::ErrorReply{
                               ErrorCode::NotFound, QStringLiteral("no such member"), {}};
                       if (*role < TeamRole::Admin || *target >= *role)
                           return protocol::ErrorReply{
                               ErrorCode::Forbidden,
                               QStringLiteral("admins remove members; owners remove admins"),
                               {}};
                       return std::nullopt;
                   });
}

void TeamService::setMuted(ClientConnection& connection, protocol::SetTeamMuted request,
                           Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            if (!TeamStore(context).setMuted(request.teamId, userId, request.muted))
                return refuse<bool>(ErrorCode::NotFound, kNotInTeam);
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

} // namespace moim::server
