#pragma once

#include <functional>
#include <optional>
#include <protocol/EmptyMessage.h>
#include <protocol/ErrorReply.h>
#include <protocol/TeamMessages.h>

namespace moim::server {

class ClientConnection;
class DatabasePool;
class Fanout;
class RequestRouter;
class Responder;
class TeamStore;

// Teams: creation, invites, membership and roles.
class TeamService {
public:
    TeamService(DatabasePool& database, Fanout& fanout);
    void registerRoutes(RequestRouter& router);

private:
    void createTeam(ClientConnection& connection, protocol::CreateTeam request,
                    Responder responder);
    void listTeams(ClientConnection& connection, Responder responder);
    void createInvite(ClientConnection& connection, protocol::CreateInvite request,
                      Responder responder);
    void joinTeam(ClientConnection& connection, protocol::JoinTeam request, Responder responder);
    void leaveTeam(ClientConnection& connection, protocol::LeaveTeam request, Responder responder);
    void listMembers(ClientConnection& connection, protocol::ListTeamMembers request,
                     Responder responder);
    void setMemberRole(ClientConnection& connection, protocol::SetMemberRole request,
                       Responder responder);
    void removeMember(ClientConnection& connection, protocol::RemoveMember request,
                      Responder responder);
    void setMuted(ClientConnection& connection, protocol::SetTeamMuted request,
                  Responder responder);
    // Takes a user out of a team, telling the rooms they leave, if check (run in the same
    // transaction) finds nothing to refuse.
    using RemovalCheck = std::function<std::optional<protocol::ErrorReply>(TeamStore&)>;
    void removeFromTeam(ClientConnection& connection, Responder responder, quint64 teamId,
                        quint64 userId, quint64 actorId, RemovalCheck check);

    DatabasePool& m_database;
    Fanout& m_fanout;
};

} // namespace moim::server
