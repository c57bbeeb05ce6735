#include "server/HttpFrontend.h"

#include "server/ClientConnection.h"
#include "server/HealthMonitor.h"
#include "server/SocketThreads.h"

#include <moim/MoimVersion.h>
#include <util/LogCategories.h>

#include <QDateTime>
#include <QJsonObject>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>

namespace moim::server {
namespace {
// Completed handshakes wait in a queue of this length; Qt's default of 30 drops the rest.
constexpr int kPendingConnections = 4096;
constexpr int kListenBacklog = 4096;
} // namespace

HttpFrontend::HttpFrontend(const ServerConfig& config, const HealthMonitor& health,
                           const RequestRouter& router, ConnectionRegistry& registry,
                           SocketThreads& threads, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_health(health)
    , m_router(router)
    , m_registry(registry)
    , m_threads(threads)
{
    addRoutes();
    connect(&m_http, &QAbstractHttpServer::newWebSocketConnection, this,
            &HttpFrontend::acceptWebSockets);
}

void HttpFrontend::addRoutes()
{
    m_http.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    m_http.route(QStringLiteral("/readyz"), QHttpServerRequest::Method::Get, [this] {
        const bool ready = m_health.ready();
        return QHttpServerResponse(
            QJsonObject{{QStringLiteral("status"),
                         ready ? QStringLiteral("ready") : QStringLiteral("not ready")},
                        {QStringLiteral("reason"), m_health.reason()}},
            ready ? QHttpServerResponse::StatusCode::Ok
                  : QHttpServerResponse::StatusCode::ServiceUnavailable);
    });
    m_http.route(QStringLiteral("/version"), QHttpServerRequest::Method::Get, [] {
        return QHttpServerResponse(
            QJsonObject{{QStringLiteral("server"), QString::fromLatin1(kAppVersion)},
                        {QStringLiteral("protocol"), kProtocolVersion}});
    });
    m_http.route(QStringLiteral("/time"), QHttpServerRequest::Method::Get, [] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return QHttpServerResponse(
            QJsonObject{{QStringLiteral("time_ms"), double(now.toMSecsSinceEpoch())},
                        {QStringLiteral("iso"), now.toString(Qt::ISODateWithMs)}});
    });
}

bool HttpFrontend::listen(QString* error)
{
    m_tcp = new QTcpServer(&m_http);
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
    m_http.bind(m_tcp);
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

void HttpFrontend::acceptWebSockets()
{
    while (m_http.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http.nextPendingWebSocketConnection();
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
        auto* connection = new ClientConnection(socket.release(), m_config, m_router, m_registry);
        connection->moveToThread(m_threads.next());
        QMetaObject::invokeMethod(connection, &ClientConnection::start, Qt::QueuedConnection);
    }
}

} // namespace moim::server
