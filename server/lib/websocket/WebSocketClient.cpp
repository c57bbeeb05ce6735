#include "websocket/WebSocketClient.h"

#include "websocket/WebSocketHandshake.h"

#include <QNetworkProxy>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimerEvent>

namespace moim::websocket {

namespace {
// A server that does not answer our close frame within this is cut.
constexpr int kCloseTimeoutMs = 5'000;
constexpr quint16 kAbnormalClosure = 1006; // RFC 6455, 7.4.1: closed without a close frame
constexpr quint16 kNoStatus = 1005;        // the server's close frame carried no status
} // namespace

WebSocketClient::WebSocketClient(quint64 maxMessageBytes, QObject* parent)
    : QObject(parent)
    , m_reader(maxMessageBytes, WebSocketFrameReader::Sender::Server)
{}

WebSocketClient::~WebSocketClient()
{
    // The socket is our child: its destructor's abort must not call back into a half-gone us.
    if (m_socket)
        m_socket->disconnect(this);
}

void WebSocketClient::open(const QUrl& url, const QHostAddress& source)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Connecting;
    m_socket = new QTcpSocket(this);
    // Asking the system's proxy settings costs a libproxy lookup on a helper thread per
    // connection: a third of a load generator's time in a resume storm.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    const auto fail = [this](const QString& why) {
        // Asynchronously, as every other outcome: a caller connects its slots after open().
        QMetaObject::invokeMethod(
            this, [this, why] { finish(kAbnormalClosure, why, false); }, Qt::QueuedConnection);
    };
    if (url.scheme() != QLatin1String("ws") || url.host().isEmpty())
        return fail(QStringLiteral("not a ws:// URL: %1").arg(url.toDisplayString()));
    if (!source.isNull() && !m_socket->bind(source, 0))
        return fail(QStringLiteral("cannot bind to %1: %2")
                        .arg(source.toString(), m_socket->errorString()));

    connect(m_socket, &QTcpSocket::connected, this, &WebSocketClient::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketClient::onReadyRead);
    const auto gone = [this] {
        // After our close and the server's, the server closing TCP is the normal end.
        if (m_state == State::Closing && m_closeCode != 0)
            return finish(m_closeCode, m_closeReason, false);
        finish(kAbnormalClosure,
               m_socket->error() == QAbstractSocket::UnknownSocketError
                   ? QStringLiteral("connection closed")
                   : m_socket->errorString(),
               false);
    };
    connect(m_socket, &QTcpSocket::errorOccurred, this, gone);
    connect(m_socket, &QTcpSocket::disconnected, this, gone);

    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 address in a Host header (RFC 7230, 5.4)
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    m_key = makeClientKey();
    m_handshakeBuffer = clientHandshakeRequest(host, target, m_key); // sent once connected
    m_openTimer.start(m_openTimeoutMs, this);
    m_socket->connectToHost(url.host(), quint16(url.port(80)));
}

void WebSocketClient::onConnected()
{
    m_state = State::Handshaking;
    m_socket->write(std::exchange(m_handshakeBuffer, QByteArray()));
}

void WebSocketClient::onReadyRead()
{
    if (m_state == State::Handshaking)
        return readHandshake();
    if (m_state != State::Open && m_state != State::Closing)
        return;
    m_reader.append(m_socket->readAll());
    readFrames();
}

void WebSocketClient::readHandshake()
{
    const qsizetype searched = std::max<qsizetype>(0, m_handshakeBuffer.size() - 3);
    m_handshakeBuffer += m_socket->readAll();
    const qsizetype end = requestHeadEnd(m_handshakeBuffer, searched);
    if (end < 0) {
        if (m_handshakeBuffer.size() >= kMaxRequestHeadBytes)
            finish(kAbnormalClosure,
                   QStringLiteral("handshake response over %1 bytes").arg(kMaxRequestHeadBytes),
                   false);
        return;
    }
    const QString problem =
        checkServerHandshake(QByteArrayView(m_handshakeBuffer).first(end), m_key);
    if (!problem.isEmpty())
        return finish(kAbnormalClosure, problem, false);
    m_state = State::Open;
    m_openTimer.stop();
    // Frames the server sent right behind its answer came in the same read.
    m_reader.append(std::exchange(m_handshakeBuffer, QByteArray()).sliced(end));
    Q_EMIT connected();
    readFrames();
}

void WebSocketClient::readFrames()
{
    using Kind = WebSocketFrameReader::Event::Kind;
    while (m_state == State::Open || m_state == State::Closing) {
        std::optional<WebSocketFrameReader::Event> event = m_reader.next();
        if (!event)
            return;
        switch (event->kind) {
        case Kind::Binary:
            if (m_state == State::Open)
                Q_EMIT binaryMessageReceived(event->payload);
            break;
        case Kind::Text:
            if (m_state == State::Open)
                Q_EMIT textMessageReceived(QString::fromUtf8(event->payload));
            break;
        case Kind::Ping:
            if (m_state == State::Open)
                sendFrame(Opcode::Pong, event->payload);
            break;
        case Kind::Pong:
            break;
        case Kind::Close: {
            const quint16 status = event->status ? event->status : kNoStatus;
            if (m_state == State::Open) // answer it: the close handshake is then complete
                sendFrame(Opcode::Close,
                          event->status ? closePayload(event->status, {}) : QByteArray());
            return finish(status, event->reason, true);
        }
        case Kind::Failed:
            if (m_state == State::Open)
                sendFrame(Opcode::Close, closePayload(event->status, event->reason));
            return finish(event->status, event->reason, true);
        }
    }
}

void WebSocketClient::sendBinaryMessage(QByteArrayView message)
{
    if (m_state == State::Open)
        sendFrame(Opcode::Binary, message);
}

void WebSocketClient::sendTextMessage(const QString& message)
{
    if (m_state == State::Open)
        sendFrame(Opcode::Text, message.toUtf8());
}

void WebSocketClient::sendFrame(Opcode opcode, QByteArrayView payload)
{
    // A fresh mask per frame, as RFC 6455 (5.3) asks of every client.
    m_socket->write(encodeMaskedFrame(opcode, payload, QRandomGenerator::global()->generate()));
}

void WebSocketClient::close(quint16 status, const QString& reason)
{
    if (m_state == State::Open) {
        sendFrame(Opcode::Close, closePayload(status, reason));
        m_state = State::Closing;
        m_closeCode = status;
        m_closeReason = reason;
        m_openTimer.start(kCloseTimeoutMs, this);
    } else if (m_state == State::Connecting || m_state == State::Handshaking) {
        finish(status, reason, false);
    }
}

void WebSocketClient::abort()
{
    m_state = State::Closed;
    m_openTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QHostAddress WebSocketClient::localAddress() const
{
    return m_socket ? m_socket->localAddress() : QHostAddress();
}

void WebSocketClient::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_openTimer.timerId())
        return QObject::timerEvent(event);
    m_openTimer.stop();
    if (m_state == State::Closing)
        finish(m_closeCode, m_closeReason, false);
    else if (m_state == State::Connecting || m_state == State::Handshaking)
        finish(kAbnormalClosure, QStringLiteral("not open after %1 ms").arg(m_openTimeoutMs),
               false);
}

void WebSocketClient::finish(quint16 status, const QString& reason, bool graceful)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_openTimer.stop();
    m_closeCode = status;
    m_closeReason = reason;
    m_reader = WebSocketFrameReader(0, WebSocketFrameReader::Sender::Server);
    if (m_socket) {
        m_socket->disconnect(this);
        // Gracefully, what we wrote (a close frame) still goes out before the FIN.
        if (graceful)
            m_socket->disconnectFromHost();
        else
            m_socket->abort();
    }
    Q_EMIT disconnected();
}

} // namespace moim::websocket
