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
#include <moim/MoimVersion.h>
#include <util/LogCategories.h>
#include <websocket/WebSocketFrames.h>

namespace moim::server {
namespace {
// HTTP requests (not WebSockets) wait for QtHttpServer in a queue of this length; at Qt's
// default of 30 the server would stop accepting while it is full.
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
{}

bool HttpFrontend::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
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
    connect(m_tcp, &GuardedTcpServer::webSocketAccepted, this, &HttpFrontend::acceptWebSocket);
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

void HttpFrontend::acceptWebSocket(QTcpSocket* socket, const QString& origin)
{
    if (!origin.isEmpty() && !m_config.allowedOrigins.contains(origin)) {
        qCInfo(lcNet) << "refused origin" << origin << "from" << socket->peerAddress().toString();
        // A close frame, not an HTTP error, so that a browser's script learns why.
        socket->write(
            websocket::encodeFrame(websocket::Opcode::Close,
                                   websocket::closePayload(websocket::CloseStatus::PolicyViolated,
                                                           QStringLiteral("origin not allowed"))));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    auto* connection = new ClientConnection(socket, m_config, m_router, m_registry);
    // We are inside the socket's readyRead (GuardedTcpServer read the handshake there), and Qt
    // goes on with the socket after this returns, re-enabling its read notifier. Moved now, that
    // would happen from the wrong thread, where QSocketNotifier marks itself enabled but does
    // not register, and the connection may hear nothing more: about 1 TestBlobs run in 6 had a
    // sign-in that got no answer, none in 20 with the move deferred until the stack unwinds.
    QMetaObject::invokeMethod(
        this,
        [connection = QPointer<ClientConnection>(connection), thread = m_threads.next()] {
            if (!connection)
                return;
            // The socket is the connection's child now, so moveToThread carries it along.
            connection->moveToThread(thread);
            QMetaObject::invokeMethod(connection, &ClientConnection::start, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace moim::server
