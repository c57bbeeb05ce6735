#pragma once

#include "server/AccountStore.h"
#include "server/ServerConfig.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <optional>
#include <protocol/Frame.h>
#include <websocket/WebSocketFrameReader.h>

class QTcpSocket;

namespace moim::server {

class ConnectionRegistry;
class RequestRouter;

// WebSocket close codes of our own (4000-4999 are for applications).
namespace CloseCode {
inline constexpr quint16 DeviceRevoked = 4001;
inline constexpr quint16 UnsupportedProtocol = 4002;
inline constexpr quint16 HelloTimeout = 4003;
} // namespace CloseCode

// One client socket: WebSocket framing (the handshake is done before), the hello handshake,
// frame decoding, limits (rate, send backlog, idle), and the session once authenticated.
// Requests go to the RequestRouter. Lives on one socket thread from start() on.
class ClientConnection : public QObject {
    Q_OBJECT
public:
    // Takes ownership of socket, whose WebSocket handshake is answered. Construct anywhere,
    // move to the socket thread, then start(): nothing is read before.
    ClientConnection(QTcpSocket* socket, const ServerConfig& config, const RequestRouter& router,
                     ConnectionRegistry& registry);
    ~ClientConnection() override;

    Q_INVOKABLE void start();

    void sendFrame(const protocol::Frame& frame);
    // Sends bytes already encoded as a frame.
    void sendEncoded(const QByteArray& bytes);
    // Sends a whole WebSocket frame (websocket::encodeFrame): a fan-out frames once for all
    // recipients.
    void sendWebSocketFrame(const QByteArray& frame);
    void closeWith(quint16 closeCode, const QString& reason);

    const std::optional<DeviceSession>& session() const { return m_session; }
    void setSession(std::optional<DeviceSession> session);
    quint32 protocolVersion() const { return m_protocolVersion; }
    QString peerAddress() const { return m_peerAddress; }

    // Guards a sign-in in flight on this socket, so two cannot race to set the session.
    bool beginSignIn();
    void endSignIn() { m_signInPending = false; }

private:
    void onReadyRead();
    void onBinaryMessage(const QByteArray& message);
    void onTextMessage();
    void onPeerClose(quint16 status);
    void failWebSocket(quint16 status, const QString& reason);
    bool sendClose(const QByteArray& payload);
    void finishClosing();
    void abortAfterGrace();
    void onDisconnected();
    void onHeartbeat();
    void timerEvent(QTimerEvent* event) override;
    void stopTimer(int& timerId);
    void handleHello(const protocol::Frame& frame);
    bool takeRequestToken();
    void sendError(std::optional<quint64> requestId, protocol::ErrorCode code,
                   const QString& message, std::optional<quint64> retryAfterMs = std::nullopt);

    QTcpSocket* m_socket;
    websocket::WebSocketFrameReader m_reader;
    const ServerConfig& m_config;
    const RequestRouter& m_router;
    ConnectionRegistry& m_registry;
    QString m_peerAddress;
    // Bare timer ids, not QTimer objects: at 15,000 connections a QTimer and its connection
    // cost about 600 bytes each.
    int m_heartbeatTimer = 0;
    int m_helloTimer = 0; // until hello
    QElapsedTimer m_sinceActivity;
    QElapsedTimer m_bucketClock;
    double m_bucketTokens = 0;
    quint32 m_protocolVersion = 0;
    bool m_helloDone = false;
    bool m_closing = false;
    bool m_signInPending = false;
    std::optional<DeviceSession> m_session;
};

} // namespace moim::server
