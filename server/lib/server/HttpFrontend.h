#pragma once

#include "server/ServerConfig.h"

#include <QHttpServer>
#include <QObject>

namespace moim::server {

class ConnectionRegistry;
class HealthMonitor;
class RequestRouter;
class SocketThreads;

// One port for HTTP and WebSocket: /healthz, /readyz, /version, /time over HTTP, and every
// upgrade request becomes a ClientConnection on a socket thread.
class HttpFrontend : public QObject {
    Q_OBJECT
public:
    HttpFrontend(const ServerConfig& config, const HealthMonitor& health,
                 const RequestRouter& router, ConnectionRegistry& registry,
                 SocketThreads& threads, QObject* parent = nullptr);

    bool listen(QString* error);
    quint16 port() const;
    void stopListening();

private:
    void addRoutes();
    void acceptWebSockets();

    const ServerConfig& m_config;
    const HealthMonitor& m_health;
    const RequestRouter& m_router;
    ConnectionRegistry& m_registry;
    SocketThreads& m_threads;
    QHttpServer m_http;
    QTcpServer* m_tcp = nullptr;
};

} // namespace moim::server
