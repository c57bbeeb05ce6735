#pragma once

#include "server/ServerConfig.h"

#include <QAbstractHttpServer>
#include <QObject>

namespace moim::server {

class ConnectionRegistry;
class GuardedTcpServer;
class HealthMonitor;
class RequestRouter;
class SocketThreads;

// One port for HTTP and WebSocket: /healthz, /readyz, /version, /time over HTTP, and every
// WebSocket upgrade (answered by GuardedTcpServer, in front) becomes a ClientConnection on a
// socket thread.
class HttpFrontend : public QAbstractHttpServer {
    Q_OBJECT
public:
    HttpFrontend(const ServerConfig& config, const HealthMonitor& health,
                 const RequestRouter& router, ConnectionRegistry& registry, SocketThreads& threads,
                 QObject* parent = nullptr);

    bool listen(QString* error);
    quint16 port() const;
    void stopListening();

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    void acceptWebSocket(QTcpSocket* socket, const QString& origin);

    const ServerConfig& m_config;
    const HealthMonitor& m_health;
    const RequestRouter& m_router;
    ConnectionRegistry& m_registry;
    SocketThreads& m_threads;
    GuardedTcpServer* m_tcp = nullptr;
};

} // namespace moim::server
