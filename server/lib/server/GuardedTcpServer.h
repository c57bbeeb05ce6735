#pragma once

#include <QHash>
#include <QPointer>
#include <QTcpServer>
#include <chrono>

class QTimer;

namespace moim::server {

// A QTcpServer that cuts connections which have not become WebSockets within a deadline.
// QtHttpServer 6.4 has no timeout of its own before the upgrade, so a peer that connects and
// sends nothing (or an HTTP client that keeps the connection idle) would hold a descriptor
// forever.
class GuardedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    GuardedTcpServer(std::chrono::milliseconds deadline, QObject* parent = nullptr);

    // The socket became a WebSocket: stop watching it. Call on this server's thread.
    void release(QTcpSocket* socket);
    int watchedCount() const { return int(m_watchdogs.size()); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::chrono::milliseconds m_deadline;
    QHash<QTcpSocket*, QTimer*> m_watchdogs;
};

} // namespace moim::server
