#pragma once

#include <QHash>
#include <QTcpServer>
#include <chrono>

class QTimer;

namespace moim::server {

// The listening socket in front of QtHttpServer. It reads each connection's first request
// head itself: a WebSocket upgrade is answered here and handed out through webSocketAccepted
// (or refused with an HTTP error), every other request goes on to QtHttpServer as a pending
// connection. Our WebSockets therefore never pass through QWebSocket: a connection costs a
// QTcpSocket and our framing, not QWebSocket's objects and signal connections (about 4 KB of
// the 11 KB per idle connection; docs/benchmarks.md).
//
// It also cuts connections that have not become WebSockets within a deadline: QtHttpServer 6.4
// has no timeout of its own, so a peer that connects and sends nothing (or an HTTP client that
// keeps the connection idle) would hold a descriptor forever.
class GuardedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    GuardedTcpServer(std::chrono::milliseconds deadline, QObject* parent = nullptr);

    int watchedCount() const { return int(m_pending.size()); }

Q_SIGNALS:
    // The 101 answer is written. The slot takes the socket (a child of this server until it is
    // given another parent) and speaks WebSocket on it; origin is empty for native clients.
    void webSocketAccepted(QTcpSocket* socket, const QString& origin);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void inspectRequest(QTcpSocket* socket);
    void stopWatching(QTcpSocket* socket);

    // A socket whose first request head is still being read.
    struct Pending {
        QTimer* watchdog = nullptr;
        QByteArray head; // read so far, inside a read transaction that gives it back
    };

    std::chrono::milliseconds m_deadline;
    QHash<QTcpSocket*, Pending> m_pending;
};

} // namespace moim::server
