#include "server/ClientConnection.h"

#include "server/ConnectionRegistry.h"
#include "server/RequestRouter.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>
#include <moim/MoimVersion.h>
#include <protocol/ErrorReply.h>
#include <protocol/Handshake.h>
#include <util/LogCategories.h>
#include <util/SocketBuffers.h>
#include <websocket/WebSocketFrames.h>

namespace moim::server {

using protocol::ErrorCode;

namespace {
// After we send a close frame, the peer has this long to answer before the socket is cut.
constexpr int kCloseGraceMs = 2000;
} // namespace

namespace ws = moim::websocket;

ClientConnection::ClientConnection(QTcpSocket* socket, const ServerConfig& config,
                                   const RequestRouter& router, ConnectionRegistry& registry)
    : m_socket(socket)
    , m_reader(quint64(config.maxMessageBytes))
    , m_config(config)
    , m_router(router)
    , m_registry(registry)
    , m_peerAddress(socket->peerAddress().toString())
{
    m_socket->setParent(this);
}

ClientConnection::~ClientConnection()
{
    m_registry.remove(this);
}

void ClientConnection::start()
{
    m_registry.add(this);
    m_sinceActivity.start();
    m_bucketClock.start();
    m_bucketTokens = m_config.requestBurst;
    if (m_config.pingInterval.count() > 0)
        m_heartbeatTimer = startTimer(m_config.pingInterval);
    if (m_config.helloTimeout.count() > 0)
        m_helloTimer = startTimer(m_config.helloTimeout);
    // The socket's buffers are freed whenever they are empty: 17.8 -> 10.9 KB of server memory
    // per idle connection, with no fan-out cost that runs could tell apart (docs/benchmarks.md).
    util::trimSocketBuffers(*m_socket);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [socket = m_socket] {
        if (socket->bytesToWrite() == 0)
            util::releaseEmptyWriteBuffer(*socket);
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ClientConnection::onDisconnected);
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        onDisconnected();
        return;
    }
    onReadyRead(); // what arrived before the move to this thread
}

void ClientConnection::setSession(std::optional<DeviceSession> session)
{
    m_session = std::move(session);
    if (m_session)
        m_registry.bindDevice(this, m_session->userId, m_session->deviceId);
    else
        m_registry.unbindDevice(this);
}

bool ClientConnection::beginSignIn()
{
    if (m_signInPending)
        return false;
    m_signInPending = true;
    return true;
}

void ClientConnection::sendFrame(const protocol::Frame& frame)
{
    sendEncoded(frame.encode());
}

void ClientConnection::sendEncoded(const QByteArray& bytes)
{
    sendWebSocketFrame(ws::encodeFrame(ws::Opcode::Binary, bytes));
}

void ClientConnection::sendWebSocketFrame(const QByteArray& frame)
{
    if (m_closing)
        return;
    // The write buffer has no bound of its own: a peer that stops reading would grow it forever.
    if (m_socket->bytesToWrite() + frame.size() > m_config.maxSendBacklogBytes) {
        qCWarning(lcNet) << "dropping" << m_peerAddress << "- send backlog over"
                         << m_config.maxSendBacklogBytes << "bytes";
        m_closing = true;
        m_socket->abort();
        return;
    }
    m_socket->write(frame);
}

void ClientConnection::closeWith(quint16 closeCode, const QString& reason)
{
    // The peer answers with its close frame (onPeerClose), or is cut after the grace period.
    if (sendClose(ws::closePayload(closeCode, reason)))
        abortAfterGrace();
}

bool ClientConnection::sendClose(const QByteArray& payload)
{
    if (m_closing)
        return false; // sent already, or the socket was dropped
    m_closing = true;
    m_socket->write(ws::encodeFrame(ws::Opcode::Close, payload));
    return true;
}

void ClientConnection::abortAfterGrace()
{
    QTimer::singleShot(kCloseGraceMs, this, [this] { m_socket->abort(); });
}

void ClientConnection::sendError(std::optional<quint64> requestId, ErrorCode code,
                                 const QString& message, std::optional<quint64> retryAfterMs)
{
    const protocol::ErrorReply error{code, message, retryAfterMs};
    sendFrame(protocol::Frame{m_protocolVersion ? m_protocolVersion : quint32(kProtocolVersion),
                              protocol::MessageType::Error, requestId, error.toCbor()});
}

bool ClientConnection::takeRequestToken()
{
    const double elapsedSeconds = double(m_bucketClock.restart()) / 1000.0;
    m_bucketTokens = std::min<double>(m_config.requestBurst,
                                      m_bucketTokens + elapsedSeconds * m_config.requestsPerSecond);
    if (m_bucketTokens < 1.0)
        return false;
    m_bucketTokens -= 1.0;
    return true;
}

void ClientConnection::onReadyRead()
{
    m_reader.append(m_socket->readAll());
    while (auto event = m_reader.next()) {
        using Kind = ws::WebSocketFrameReader::Event::Kind;
        switch (event->kind) {
        case Kind::Binary:
            onBinaryMessage(event->payload);
            break;
        case Kind::Text:
            onTextMessage();
            break;
        case Kind::Ping: // not activity (docs/protocol.md, 8.2): only our own pings count
            sendWebSocketFrame(ws::encodeFrame(ws::Opcode::Pong, event->payload));
            break;
        case Kind::Pong:
            m_sinceActivity.start();
            break;
        case Kind::Close:
            onPeerClose(event->status);
            return;
        case Kind::Failed:
            failWebSocket(event->status, event->reason);
            return;
        }
        // A request may have closed or dropped the socket (onDisconnected deletes us later).
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

void ClientConnection::onPeerClose(quint16 status)
{
    // Echo the status, as RFC 6455 asks; a close without one gets an empty close.
    sendClose(status ? ws::closePayload(status, QString()) : QByteArray());
    // The server closes the TCP connection once the close frames have crossed.
    finishClosing();
}

void ClientConnection::finishClosing()
{
    m_socket->disconnectFromHost();
    // Unsent bytes hold the connection open until written: a peer that does not read them
    // is cut after the same grace period as one that does not answer our close.
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        abortAfterGrace();
}

void ClientConnection::failWebSocket(quint16 status, const QString& reason)
{
    qCInfo(lcNet) << "closing" << m_peerAddress << "- WebSocket protocol error:" << reason;
    sendClose(ws::closePayload(status, reason));
    finishClosing();
}

void ClientConnection::onBinaryMessage(const QByteArray& message)
{
    m_sinceActivity.start();
    if (m_closing)
        return;
    // Every frame pays, decodable or not, so garbage cannot be sent faster than requests.
    const bool allowed = takeRequestToken();
    const protocol::DecodedFrame decoded = protocol::decodeFrame(message);
    if (!allowed) {
        const auto waitMs = quint64(1000.0 / m_config.requestsPerSecond) + 1;
        sendError(decoded.frame ? decoded.frame->requestId : decoded.error.requestId,
                  ErrorCode::RateLimited, QStringLiteral("too many requests"), waitMs);
        return;
    }
    if (!decoded.frame) {
        sendError(decoded.error.requestId, decoded.error.code, decoded.error.message);
        return;
    }
    const protocol::Frame& frame = *decoded.frame;
    if (!frame.requestId) {
        sendError(std::nullopt, ErrorCode::BadFrame, QStringLiteral("a request needs an \"id\""));
        return;
    }
    if (!m_helloDone) {
        if (frame.type == protocol::MessageType::Hello)
            handleHello(frame);
        else
            sendError(frame.requestId, ErrorCode::HelloRequired,
                      QStringLiteral("the first request must be hello"));
        return;
    }
    if (frame.version != m_protocolVersion) {
        sendError(frame.requestId, ErrorCode::UnsupportedVersion,
                  QStringLiteral("frame version %1 differs from the agreed version %2")
                      .arg(frame.version)
                      .arg(m_protocolVersion));
        return;
    }
    if (frame.type == protocol::MessageType::Hello) {
        sendError(frame.requestId, ErrorCode::BadRequest, QStringLiteral("hello was already sent"));
        return;
    }
    m_router.dispatch(*this, frame);
}

void ClientConnection::handleHello(const protocol::Frame& frame)
{
    QString error;
    const auto hello = protocol::Hello::fromCbor(frame.body, &error);
    if (!hello) {
        sendError(frame.requestId, ErrorCode::BadRequest, error);
        return;
    }
    if (hello->protocol != quint32(kProtocolVersion)) {
        sendError(frame.requestId, ErrorCode::UnsupportedVersion,
                  QStringLiteral("this server speaks protocol %1; the client speaks %2")
                      .arg(kProtocolVersion)
                      .arg(hello->protocol));
        closeWith(CloseCode::UnsupportedProtocol, QStringLiteral("unsupported protocol version"));
        return;
    }
    m_protocolVersion = hello->protocol;
    m_helloDone = true;
    stopTimer(m_helloTimer);
    protocol::Welcome welcome;
    welcome.protocol = m_protocolVersion;
    welcome.capabilities = {};
    welcome.server = QString::fromLatin1(kAppVersion);
    welcome.maxMessageBytes = quint64(m_config.maxMessageBytes);
    welcome.serverTimeMs = QDateTime::currentMSecsSinceEpoch();
    sendFrame(protocol::makeFrame(welcome, m_protocolVersion, frame.requestId));
}

void ClientConnection::onTextMessage()
{
    m_sinceActivity.start();
    if (m_closing || !takeRequestToken())
        return;
    sendError(std::nullopt, ErrorCode::BadFrame,
              QStringLiteral("text frames are not used: send CBOR in binary frames"));
}

void ClientConnection::stopTimer(int& timerId)
{
    if (timerId)
        killTimer(std::exchange(timerId, 0));
}

void ClientConnection::timerEvent(QTimerEvent* event)
{
    if (event->timerId() == m_heartbeatTimer) {
        onHeartbeat();
    } else if (event->timerId() == m_helloTimer) {
        stopTimer(m_helloTimer);
        if (!m_helloDone)
            closeWith(CloseCode::HelloTimeout, QStringLiteral("no hello in time"));
    } else {
        QObject::timerEvent(event);
    }
}

void ClientConnection::onHeartbeat()
{
    if (m_sinceActivity.elapsed() > 2 * m_config.pingInterval.count()) {
        qCInfo(lcNet) << "dropping idle connection from" << m_peerAddress;
        m_closing = true;
        m_socket->abort();
        return;
    }
    if (!m_closing)
        m_socket->write(ws::encodeFrame(ws::Opcode::Ping, {}));
}

void ClientConnection::onDisconnected()
{
    stopTimer(m_heartbeatTimer);
    stopTimer(m_helloTimer);
    m_registry.remove(this);
    deleteLater();
}

} // namespace moim::server
