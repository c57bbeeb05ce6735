#pragma once

#include <protocol/KeyMessages.h>

namespace moim::server {

class ClientConnection;
class ConnectionRegistry;
class DatabasePool;
class RequestRouter;
class Responder;
class RoomAudienceCache;

// The key directory of end-to-end encryption: device lists, who a room's messages must be
// encrypted for, sealed sender-key shares, the key backup, recovery blobs and device links.
// It checks signatures and shapes; it never holds a key that opens anything.
class KeyService {
public:
    KeyService(DatabasePool& database, RoomAudienceCache& audiences, ConnectionRegistry& registry);
    void registerRoutes(RequestRouter& router);

    // How long a link offer waits for an existing device to take and answer it.
    static constexpr qint64 kLinkLifetimeMs = 10 * 60 * 1000;

private:
    void publishDeviceList(ClientConnection& connection, protocol::PublishDeviceList request,
                           Responder responder);
    void getDeviceLists(ClientConnection& connection, protocol::GetDeviceLists request,
                        Responder responder);
    void roomDevices(ClientConnection& connection, protocol::RoomDevices request,
                     Responder responder);
    void shareKeys(ClientConnection& connection, protocol::ShareKeys request, Responder responder);
    void fetchKeyShares(ClientConnection& connection, protocol::FetchKeyShares request,
                        Responder responder);
    void ackKeyShares(ClientConnection& connection, protocol::AckKeyShares request,
                      Responder responder);
    void putKeyBackup(ClientConnection& connection, protocol::PutKeyBackup request,
                      Responder responder);
    void getKeyBackup(ClientConnection& connection, protocol::GetKeyBackup request,
                      Responder responder);
    void setRecovery(ClientConnection& connection, protocol::SetRecovery request,
                     Responder responder);
    void getRecovery(ClientConnection& connection, Responder responder);
    void offerLink(ClientConnection& connection, protocol::OfferLink request, Responder responder);
    void takeLink(ClientConnection& connection, protocol::TakeLink request, Responder responder);
    void answerLink(ClientConnection& connection, protocol::AnswerLink request,
                    Responder responder);
    void awaitLink(ClientConnection& connection, protocol::AwaitLink request, Responder responder);

    DatabasePool& m_database;
    RoomAudienceCache& m_audiences;
    ConnectionRegistry& m_registry;
};

} // namespace moim::server

namespace moim::server {} // namespace moim::server
