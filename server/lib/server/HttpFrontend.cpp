#include "server/HttpFrontend.h"

#include "server/ClientConnection.h"
#include "server/GuardedTcpServer.h"
#include "server/HealthMonitor.h"
#include "server/SocketThreads.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>
#include <moim/MoimVersion.h>
#include <util/LogCategories.h>

namespace moim::server {
namespace {
// Completed handshakes wait in a queue of this length; Qt's default of 30 drops the rest.
constexpr int kPendingConnections = 4096;
constexpr int kListenBacklog = 4096;
} // namespace

HttpFrontend::HttpFrontend(const ServerConfig& config, const HealthMonitor& health,
                           const RequestRouter& router, ConnectionRegistry& registry,
                           SocketThreads& threads, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_config(config)
    , m_health(health)
    , m_router(router)
    , m_registry(registry)
    , m_threads(threads)
{
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this,
            &HttpFrontend::acceptWebSockets);
}

bool HttpFrontend::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    if (request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0)
        return true; // QAbstractHttpServer hands the socket to its WebSocket server
    if (request.method() != QHttpServerRequest::Method::Get)
        return false;
    const QString path = request.url().path();
    QJsonObject body;
    auto status = QHttpServerResponder::StatusCode::Ok;
    if (path == QLatin1String("/healthz")) {
        body = {{QStringLiteral("status"), QStringLiteral("ok")}};
    } else if (path == QLatin1String("/readyz")) {
        const bool ready = m_health.ready();
        body = {{QStringLiteral("status"),
                 ready ? QStringLiteral("ready") : QStringLiteral("not ready")},
                {QStringLiteral("reason"), m_health.reason()}};
        if (!ready)
            status = QHttpServerResponder::StatusCode::ServiceUnavailable;
    } else if (path == QLatin1String("/version")) {
        body = {{QStringLiteral("server"), QString::fromLatin1(kAppVersion)},
                {QStringLiteral("protocol"), kProtocolVersion}};
    } else if (path == QLatin1String("/time")) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        body = {{QStringLiteral("time_ms"), double(now.toMSecsSinceEpoch())},
                {QStringLiteral("iso"), now.toString(Qt::ISODateWithMs)}};
    } else {
        return false;
    }
    makeResponder(request, socket).write(QJsonDocument(body), status);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    makeResponder(request, socket)
        .write(QJsonDocument(QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}}),
               QHttpServerResponder::StatusCode::NotFound);
}

bool HttpFrontend::listen(QString* error)
{
    m_tcp = new GuardedTcpServer(m_config.helloTimeout, this);
    m_tcp->setMaxPendingConnections(kPendingConnections);
    m_tcp->setListenBacklogSize(kListenBacklog);
    if (!m_tcp->listen(m_config.listenAddress, m_config.listenPort)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.listenAddress.toString())
                     .arg(m_config.listenPort)
                     .arg(m_tcp->errorString());
        delete m_tcp;
        m_tcp = nullptr;
        return false;
    }
    bind(m_tcp);
    return true;
}

quint16 HttpFrontend::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

void HttpFrontend::stopListening()
{
    if (m_tcp)
        m_tcp->close();
}

QTcpSocket* HttpFrontend::findTransport(const QWebSocket& socket) const
{
    const auto candidates = m_tcp->findChildren<QTcpSocket*>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket* candidate : candidates) {
        if (candidate->peerPort() == socket.peerPort() &&
            candidate->peerAddress() == socket.peerAddress() &&
            candidate->localPort() == socket.localPort())
            return candidate;
    }
    return nullptr;
}

void HttpFrontend::acceptWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            break;
        const QString origin = socket->origin();
        if (!origin.isEmpty() && !m_config.allowedOrigins.contains(origin)) {
            qCInfo(lcNet) << "refused origin" << origin << "from"
                          << socket->peerAddress().toString();
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("origin not allowed"));
            QWebSocket* closing = socket.release();
            connect(closing, &QWebSocket::disconnected, closing, &QObject::deleteLater);
            QTimer::singleShot(2000, closing, [closing] { closing->abort(); });
            continue;
        }
        QTcpSocket* transport = findTransport(*socket);
        if (!transport) {
            qCWarning(lcNet) << "no transport socket found for a WebSocket; dropping it";
            continue;
        }
        m_tcp->release(transport);
        auto* connection = new ClientConnection(socket.release(), m_config, m_router, m_registry);
        // In Qt 6.4 the TCP socket under an upgraded QWebSocket stays a child of the QTcpServer,
        // so moving the QWebSocket alone would leave its I/O on this thread. Adopting it makes
        // moveToThread carry both; it is adopted after the QWebSocket, so it is destroyed after
        // it too.
        transport->setParent(connection);
        // Qt 6.4 leaves two handlers on the socket's `disconnected` after the upgrade:
        // QAbstractHttpServer's, which makes it delete itself, and QWebSocketServer's, queued
        // to this thread, which reads the sender (by then deleted with its connection, on its
        // socket thread) and deletes it again. Found by valgrind as a use after free that
        // crashed moimd when many clients left at once. The QWebSocket does not use this
        // signal (it follows stateChanged), and the connection alone decides when the socket
        // goes.
        QObject::disconnect(transport, &QTcpSocket::disconnected, nullptr, nullptr);
        // Qt 6.4 writes the handshake response after this slot returns (a QTextStream flushed
        // at the end of QWebSocketServerPrivate::handshakeReceived), so the move must wait
        // until the stack has unwound. Frames that arrive meanwhile are kept by the connection.
        QMetaObject::invokeMethod(
            this,
            [connection = QPointer<ClientConnection>(connection), thread = m_threads.next()] {
                if (!connection)
                    return;
                connection->moveToThread(thread);
                QMetaObject::invokeMethod(connection, &ClientConnection::start,
                                          Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }
}

} // namespace moim::server
