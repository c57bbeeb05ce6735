#include "BareBroadcastServer.h"

#include <QWebSocket>

namespace moim::bench {

BareBroadcastServer::BareBroadcastServer(QObject* parent)
    : QObject(parent)
    , m_server(QStringLiteral("moim-bench baseline"), QWebSocketServer::NonSecureMode)
{
    // The default of 30 drops completed handshakes beyond it (qt-facts); the baseline is
    // stock Qt, not a broken one.
    m_server.setMaxPendingConnections(10'000);
    connect(&m_server, &QWebSocketServer::newConnection, this,
            &BareBroadcastServer::takeConnections);
}

bool BareBroadcastServer::listen(quint16 port, QString* error)
{
    if (m_server.listen(QHostAddress::LocalHost, port))
        return true;
    *error = m_server.errorString();
    return false;
}

void BareBroadcastServer::takeConnections()
{
    while (QWebSocket* client = m_server.nextPendingConnection()) {
        client->setParent(this);
        m_clients.append(client);
        connect(client, &QWebSocket::binaryMessageReceived, this,
                [this, client](const QByteArray& message) {
                    for (QWebSocket* other : std::as_const(m_clients)) {
                        if (other != client)
                            other->sendBinaryMessage(message);
                    }
                });
        connect(client, &QWebSocket::disconnected, this, [this, client] {
            m_clients.removeOne(client);
            client->deleteLater();
        });
    }
}

} // namespace moim::bench
