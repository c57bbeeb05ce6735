#pragma once

#include <QList>
#include <QObject>
#include <QWebSocketServer>

class QWebSocket;

namespace moim::bench {

// The baseline: a stock QWebSocketServer on one thread with Qt's default event dispatcher
// that sends every binary message it receives to every other client. No sessions, no
// database, nothing stored: what Qt alone costs for the same fan-out.
class BareBroadcastServer : public QObject {
    Q_OBJECT
public:
    explicit BareBroadcastServer(QObject* parent = nullptr);
    bool listen(quint16 port, QString* error);

private:
    void takeConnections();

    QWebSocketServer m_server;
    QList<QWebSocket*> m_clients;
};

} // namespace moim::bench
