#pragma once

#include <functional>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>

namespace moim::server {

class ClientConnection;
class DatabasePool;
class Fanout;
class RequestRouter;
class Responder;
class RoomStore;

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
    void listMembers(ClientConnection& connection, protocol::ListRoomMembers request,
                     Responder responder);
    // People of a room the sender may read, as list picks them.
    void listReadableRoom(ClientConnection& connection, quint64 roomId, Responder responder,
                          std::function<QList<protocol::MemberInfo>(RoomStore&)> list);
    void mentionCandidates(ClientConnection& connection, protocol::MentionCandidates request,
                           Responder responder);

    DatabasePool& m_database;
    Fanout& m_fanout;
};

} // namespace moim::server
