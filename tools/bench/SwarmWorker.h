#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QUrl>
#include <atomic>
#include <functional>
#include <mutex>
#include <protocol/Frame.h>

class QWebSocket;

namespace moim::bench {

// Many resumed sessions on one thread: each opens a WebSocket, says hello and resumes with
// its token, with at most `inflight` handshakes under way at once. Lighter than a
// client::Connection per peer, so one bench process holds tens of thousands.
class SwarmWorker : public QObject {
    Q_OBJECT
public:
    // Called on this worker's thread for every push (frame without request id).
    using PushHandler = std::function<void(const protocol::Frame&)>;

    explicit SwarmWorker(PushHandler onPush = {});
    ~SwarmWorker() override;

    // Thread-safe progress of the last connectAll().
    int readyCount() const { return m_ready.load(); }
    int failedCount() const { return m_failed.load(); }
    // Open → session milliseconds of every peer that became ready; call once finished.
    QList<double> readyTimes() const;
    QString firstProblem() const;

    // Run on the worker's thread (QMetaObject::invokeMethod).
    void connectAll(const QUrl& url, const QList<QByteArray>& tokens, int inflight);
    void closeAll();
    void sendToAll(const QByteArray& frame);
    int openCount() const { return m_open.load(); }

private:
    struct Peer {
        QWebSocket* socket = nullptr;
        QByteArray token;
        QElapsedTimer since;
        bool ready = false;
        bool done = false;
    };
    void startMore();
    void finish(Peer& peer, bool ok, const QString& problem = {});
    void onMessage(Peer& peer, const QByteArray& bytes);

    PushHandler m_onPush;
    QUrl m_url;
    std::vector<std::unique_ptr<Peer>> m_peers;
    size_t m_nextPeer = 0;
    int m_inflight = 0;
    int m_inflightLimit = 1;
    std::atomic<int> m_ready{0};
    std::atomic<int> m_failed{0};
    std::atomic<int> m_open{0};
    mutable std::mutex m_mutex;
    QList<double> m_readyTimes;
    QString m_problem;
};

} // namespace moim::bench
