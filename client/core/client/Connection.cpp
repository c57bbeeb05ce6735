#include "client/Connection.h"

#include <QEventLoop>
#include <QTimer>
#include <moim/MoimVersion.h>
#include <util/LogCategories.h>

namespace moim::client {

using protocol::ErrorCode;

Connection::Connection(QObject* parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, &Connection::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &Connection::onBinaryMessage);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_state == State::Connecting)
                    Q_EMIT failed(m_socket.errorString());
            });
}

Connection::~Connection()
{
    // The socket is a member and is destroyed after this body, when the other members are
    // already gone; its disconnected signal must not reach this object then.
    disconnect(&m_socket, nullptr, this, nullptr);
    m_socket.abort();
    // Callbacks must not run into a half-destroyed owner.
    for (Pending& pending : m_pending)
        delete pending.timer;
    m_pending.clear();
}

QString Connection::appVersion() const
{
    return QStringLiteral("moim-client-core/") + QString::fromLatin1(kAppVersion);
}

void Connection::open(const QUrl& url)
{
    m_state = State::Connecting;
    m_socket.open(url);
}

bool Connection::openAndWait(const QUrl& url, int timeoutMs, QString* error)
{
    std::optional<QString> failure;
    bool done = false;
    QMetaObject::Connection onReady = connect(this, &Connection::ready, this, [&] { done = true; });
    QMetaObject::Connection onFailed =
        connect(this, &Connection::failed, this, [&](const QString& r) {
            failure = r;
            done = true;
        });
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, this, [&] {
        failure = QStringLiteral("timed out connecting to %1").arg(url.toString());
        done = true;
    });
    deadline.start(timeoutMs);
    open(url);
    waitUntil([&] { return done; });
    disconnect(onReady);
    disconnect(onFailed);
    if (failure) {
        m_socket.abort();
        m_state = State::Disconnected;
        *error = *failure;
        return false;
    }
    return true;
}

void Connection::close()
{
    m_socket.close();
}

void Connection::waitUntil(const std::function<bool()>& condition)
{
    QEventLoop loop;
    while (!condition())
        loop.processEvents(QEventLoop::WaitForMoreEvents);
}

bool Connection::worthRetrying(const protocol::ErrorReply& error) const
{
    return error.code == ErrorCode::RateLimited && error.retryAfterMs &&
           *error.retryAfterMs <= kRateLimitedMaxWaitMs && m_state == State::Ready;
}

void Connection::pauseFor(int milliseconds)
{
    bool elapsed = false;
    QTimer::singleShot(milliseconds, this, [&elapsed] { elapsed = true; });
    waitUntil([&elapsed] { return elapsed; });
}

void Connection::onConnected()
{
    protocol::Hello hello;
    hello.protocol = quint32(kProtocolVersion);
    hello.app = appVersion();
    request(protocol::MessageType::Hello, hello.toCbor(),
            [this](protocol::Result<protocol::Frame> answer) {
                const auto welcome = decodeReply<protocol::Welcome>(answer);
                if (!welcome) {
                    Q_EMIT failed(welcome.error().message);
                    return;
                }
                m_welcome = welcome.value();
                m_state = State::Ready;
                Q_EMIT ready();
            });
}

void Connection::request(protocol::MessageType type, const QCborMap& body, FrameCallback done,
                         int timeoutMs)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        done(protocol::Result<protocol::Frame>::failure(ErrorCode::NoAnswer,
                                                        QStringLiteral("not connected")));
        return;
    }
    const quint64 id = m_nextRequestId++;
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, id] {
        const auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        Pending pending = *it;
        m_pending.erase(it);
        pending.timer->deleteLater();
        pending.done(protocol::Result<protocol::Frame>::failure(
            ErrorCode::NoAnswer, QStringLiteral("the server did not answer in time")));
    });
    timer->start(timeoutMs);
    m_pending.insert(id, Pending{std::move(done), timer});
    m_socket.sendBinaryMessage(protocol::Frame{quint32(kProtocolVersion), type, id, body}.encode());
}

void Connection::sendRawBinary(const QByteArray& bytes)
{
    m_socket.sendBinaryMessage(bytes);
}

void Connection::onBinaryMessage(const QByteArray& message)
{
    const protocol::DecodedFrame decoded = protocol::decodeFrame(message);
    if (!decoded.frame) {
        qCWarning(lcClient) << "undecodable frame from server:" << decoded.error.message;
        return;
    }
    const protocol::Frame& frame = *decoded.frame;
    if (!frame.requestId) {
        Q_EMIT eventReceived(frame);
        return;
    }
    const auto it = m_pending.find(*frame.requestId);
    if (it == m_pending.end()) {
        // An error about a frame the server could not attribute, or a late answer.
        Q_EMIT eventReceived(frame);
        return;
    }
    Pending pending = *it;
    m_pending.erase(it);
    pending.timer->deleteLater();
    pending.done(frame);
}

void Connection::failAllPending(const QString& reason)
{
    const auto pending = std::exchange(m_pending, {});
    for (const Pending& entry : pending) {
        entry.timer->deleteLater();
        entry.done(protocol::Result<protocol::Frame>::failure(ErrorCode::NoAnswer, reason));
    }
}

void Connection::onDisconnected()
{
    const State previous = std::exchange(m_state, State::Disconnected);
    const quint16 code = quint16(m_socket.closeCode());
    const QString reason = m_socket.closeReason();
    failAllPending(reason.isEmpty() ? QStringLiteral("connection closed") : reason);
    if (previous == State::Connecting)
        Q_EMIT failed(reason.isEmpty() ? m_socket.errorString() : reason);
    Q_EMIT closed(code, reason);
}

} // namespace moim::client
