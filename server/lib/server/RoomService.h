#pragma once

#include <protocol/RoomMessages.h>

namespace moim::server {

class ClientConnection;
class DatabasePool;
class Fanout;
class RequestRouter;
class Responder;

// Channels and direct messages: creating, listing, joining, leaving, updating.
class RoomService {
public:
    RoomService(DatabasePool& database, Fanout& fanout);
    void registerRoutes(RequestRouter& router);

private:
    void createChannel(ClientConnection& connection, protocol::CreateChannel request,
                       Responder responder);
    void listRooms(ClientConnection& connection, protocol::ListRooms request, Responder responder);
    void joinChannel(ClientConnection& connection, protocol::JoinChannel request,
                     Responder responder);
    void leaveRoom(ClientConnection& connection, protocol::LeaveRoom request, Responder responder);
    void updateChannel(ClientConnection& connection, protocol::UpdateChannel request,
                       Responder responder);
    void addToChannel(ClientConnection& connection, protocol::AddToChannel request,
                      Responder responder);
    void openDirect(ClientConnection& connection, protocol::OpenDirect request,
                    Responder responder);
    void findUsers(ClientConnection& connection, protocol::FindUsers request, Responder responder);
    void mentionCandidates(ClientConnection& connection, protocol::MentionCandidates request,
                           Responder responder);

    DatabasePool& m_database;
    Fanout& m_fanout;
};

} // namespace moim::server
