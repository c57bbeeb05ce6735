#pragma once

#include "server/ServerConfig.h"

#include <QObject>
#include <functional>
#include <memory>

namespace moim::server {

class AccountService;
class BlobCollector;
class BlobService;
class EventService;
class RoomAudienceCache;
class KeyService;
class Fanout;
class RoomService;
class SocialService;
class TeamService;
class ConnectionRegistry;
class DatabasePool;
class LastSeenWriter;
class HealthMonitor;
class HttpFrontend;
class LoginThrottle;
class PasswordWorkers;
class RequestRouter;
class RetentionJob;
class StatisticsKeeper;
class PushGateway;
class SocketThreads;

// The whole of moimd, built from its parts. main() only parses the configuration, starts this
// and waits for a signal.
class Server : public QObject {
    Q_OBJECT
public:
    enum class StartError { None, Database, Listen, DataDir };

    explicit Server(ServerConfig config, QObject* parent = nullptr);
    ~Server() override;

    StartError start(QString* error);
    quint16 port() const;
    // Stops accepting, closes every socket with 1001, lets database work finish, then calls
    // done on this object's thread.
    void shutdown(std::function<void()> done);

private:
    ServerConfig m_config;
    // Before the pool: the pool's last queued jobs may still write through it.
    std::unique_ptr<LastSeenWriter> m_lastSeen;
    std::unique_ptr<DatabasePool> m_database;
    std::unique_ptr<PasswordWorkers> m_passwords;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<ConnectionRegistry> m_registry;
    std::unique_ptr<RequestRouter> m_router;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<Fanout> m_fanout;
    std::unique_ptr<TeamService> m_teams;
    std::unique_ptr<RoomService> m_rooms;
    std::unique_ptr<RoomAudienceCache> m_audiences;
    std::unique_ptr<EventService> m_events;
    std::unique_ptr<SocialService> m_social;
    std::unique_ptr<KeyService> m_keys;
    std::unique_ptr<BlobService> m_blobs;
    std::unique_ptr<SocketThreads> m_threads;
    std::unique_ptr<HealthMonitor> m_health;
    std::unique_ptr<HttpFrontend> m_frontend;
    std::unique_ptr<BlobCollector> m_blobCollector;
    std::unique_ptr<RetentionJob> m_retention;
    std::unique_ptr<StatisticsKeeper> m_statistics;
    std::unique_ptr<PushGateway> m_push;
};

} // namespace moim::server
