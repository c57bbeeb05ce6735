#pragma once

#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>

namespace moim::server {

class ClientConnection;
class DatabasePool;
class ConnectionRegistry;
class Fanout;
class PushGateway;
class RequestRouter;
class RoomAudienceCache;
class Responder;

// Sending into rooms, reading history, and read markers.
class EventService {
public:
    // gateway may be null (push disabled).
    EventService(DatabasePool& database, RoomAudienceCache& audiences, Fanout& fanout,
                 ConnectionRegistry& registry, PushGateway* gateway);
    void registerRoutes(RequestRouter& router);

private:
    void send(ClientConnection& connection, protocol::Send request, Responder responder);
    void history(ClientConnection& connection, protocol::History request, Responder responder);
    void threadHistory(ClientConnection& connection, protocol::ThreadHistory request,
                       Responder responder);
    void listPins(ClientConnection& connection, protocol::ListPins request, Responder responder);
    void markRead(ClientConnection& connection, protocol::MarkRead request, Responder responder);
    void markUnread(ClientConnection& connection, protocol::MarkUnread request,
                    Responder responder);

    DatabasePool& m_database;
    RoomAudienceCache& m_audiences;
    Fanout& m_fanout;
    ConnectionRegistry& m_registry;
    PushGateway* m_gateway;
};

} // namespace moim::server
