#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <functional>
#include <protocol/Frame.h>
#include <protocol/Handshake.h>
#include <protocol/Result.h>

namespace moim::client {

// A client's connection to moimd: opens the WebSocket, says hello, matches answers to
// requests by id, and hands server events out as a signal. No UI, no storage.
class Connection : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Ready };
    using FrameCallback = std::function<void(protocol::Result<protocol::Frame>)>;

    explicit Connection(QObject* parent = nullptr);
    ~Connection() override;

    void open(const QUrl& url);
    // Runs a local event loop until ready or failed; for scripts and tests.
    bool openAndWait(const QUrl& url, int timeoutMs, QString* error);
    void close();

    State state() const { return m_state; }
    const protocol::Welcome& welcome() const { return m_welcome; }
    QString appVersion() const;
    QUrl serverUrl() const { return m_socket.requestUrl(); }

    // Sends a request; done gets the answer frame, or the server's error, or NoAnswer when the
    // connection closes or timeoutMs passes first.
    void request(protocol::MessageType type, const QCborMap& body, FrameCallback done,
                 int timeoutMs = kDefaultTimeoutMs);

    template <typename Reply, typename Request>
    void call(const Request& request, std::function<void(protocol::Result<Reply>)> done,
              int timeoutMs = kDefaultTimeoutMs)
    {
        this->request(
            Request::kType, request.toCbor(),
            [done = std::move(done)](protocol::Result<protocol::Frame> answer) {
                done(decodeReply<Reply>(answer));
            },
            timeoutMs);
    }

    // A request refused for the socket's request rate goes again after the short wait the
    // server names, a few times over: a burst of one's own actions (switching rooms quickly
    // after pasting many messages) is not an error to show anyone. Long waits (the throttling
    // of password guesses) are the caller's to report.
    template <typename Reply, typename Request>
    protocol::Result<Reply> callAndWait(const Request& request, int timeoutMs = kDefaultTimeoutMs)
    {
        for (int attempt = 0;; ++attempt) {
            std::optional<protocol::Result<Reply>> outcome;
            call<Reply>(
                request, [&outcome](protocol::Result<Reply> r) { outcome.emplace(r); }, timeoutMs);
            waitUntil([&outcome] { return outcome.has_value(); });
            if (*outcome || !worthRetrying(outcome->error()) || attempt == kRateLimitedRetries)
                return *outcome;
            pauseFor(int(*outcome->error().retryAfterMs));
        }
    }

    // Sends bytes as they are, bypassing the codec: for tests of the server's defences.
    void sendRawBinary(const QByteArray& bytes);

    template <typename Reply>
    static protocol::Result<Reply> decodeReply(const protocol::Result<protocol::Frame>& answer)
    {
        if (!answer)
            return answer.error();
        const protocol::Frame& frame = answer.value();
        QString problem;
        if (frame.type == protocol::MessageType::Error) {
            if (auto error = protocol::ErrorReply::fromCbor(frame.body, &problem))
                return *error;
        } else if (frame.type == Reply::kType) {
            if (auto reply = Reply::fromCbor(frame.body, &problem))
                return *reply;
        } else {
            problem =
                QStringLiteral("unexpected answer '%1'").arg(protocol::messageTypeName(frame.type));
        }
        return protocol::Result<Reply>::failure(
            protocol::ErrorCode::BadFrame, QStringLiteral("bad answer from server: ") + problem);
    }

    static constexpr int kDefaultTimeoutMs = 30'000;
    static constexpr int kRateLimitedRetries = 5;
    static constexpr quint64 kRateLimitedMaxWaitMs = 1000;

Q_SIGNALS:
    void ready();
    void failed(const QString& reason);
    void closed(quint16 closeCode, const QString& reason);
    void eventReceived(const protocol::Frame& frame);

private:
    void onConnected();
    void onDisconnected();
    void onBinaryMessage(const QByteArray& message);
    void failAllPending(const QString& reason);
    void waitUntil(const std::function<bool()>& condition);
    bool worthRetrying(const protocol::ErrorReply& error) const;
    void pauseFor(int milliseconds);

    struct Pending {
        FrameCallback done;
        QTimer* timer = nullptr;
    };

    QWebSocket m_socket;
    State m_state = State::Disconnected;
    protocol::Welcome m_welcome;
    quint64 m_nextRequestId = 1;
    QHash<quint64, Pending> m_pending;
};

} // namespace moim::client
