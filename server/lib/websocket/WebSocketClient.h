#pragma once

#include "websocket/WebSocketFrameReader.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>

class QTcpSocket;

namespace moim::websocket {

// A plain (ws://) WebSocket client on a QTcpSocket that can be bound to a source address
// before it connects. QWebSocket cannot: a load generator holding 15,000 connections from
// 127.0.0.1 to one port exhausts that address's ephemeral ports, and each connect() then
// searches the whole range. Binary and text messages, ping answered with pong, the close
// handshake; no extensions, no TLS, no proxy (not even the system's).
//
// Every way it ends emits disconnected() once, with closeCode() and closeReason() saying why.
class WebSocketClient : public QObject {
    Q_OBJECT
public:
    explicit WebSocketClient(quint64 maxMessageBytes, QObject* parent = nullptr);
    ~WebSocketClient() override;

    // How long the TCP connect and the opening handshake may take together; before open().
    void setOpenTimeout(int ms) { m_openTimeoutMs = ms; }
    // Connects to url (ws:// only) from source (any address when null). Call once.
    void open(const QUrl& url, const QHostAddress& source = {});
    // Sent once open; before that, or after a close began, dropped.
    void sendBinaryMessage(QByteArrayView message);
    void sendTextMessage(const QString& message);
    // Starts the close handshake; disconnected() follows once the server answers or goes.
    void close(quint16 status = CloseStatus::Normal, const QString& reason = {});
    // Drops the connection at once, without a close frame, and without a signal.
    void abort();

    bool isOpen() const { return m_state == State::Open; }
    // The status and reason the connection closed with: the server's close frame, ours, or
    // 1006 with the socket's error when it went without one.
    quint16 closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    QHostAddress localAddress() const;

Q_SIGNALS:
    void connected();
    void binaryMessageReceived(const QByteArray& message);
    void textMessageReceived(const QString& message);
    void disconnected();

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    enum class State { Idle, Connecting, Handshaking, Open, Closing, Closed };

    void onConnected();
    void onReadyRead();
    void readHandshake();
    void readFrames();
    void sendFrame(Opcode opcode, QByteArrayView payload);
    // Ends the connection once: records why, closes the socket (after what was written, when
    // graceful), emits disconnected().
    void finish(quint16 status, const QString& reason, bool graceful);

    QTcpSocket* m_socket = nullptr;
    State m_state = State::Idle;
    QByteArray m_key;
    QByteArray m_handshakeBuffer;
    WebSocketFrameReader m_reader;
    QBasicTimer m_openTimer; // opening, then waiting for the server's close frame
    int m_openTimeoutMs = 30'000;
    quint16 m_closeCode = 0;
    QString m_closeReason;
};

} // namespace moim::websocket
