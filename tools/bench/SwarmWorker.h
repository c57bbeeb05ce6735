#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QTimer;

namespace moim::websocket {
class WebSocketClient;
}

namespace moim::bench {

// Many peers on one thread: each opens a WebSocket, says hello and resumes with its token
// (or, against a bare broadcast server, is ready once connected), with at most `inflight`
// handshakes under way at once. Lighter than a client::Connection per peer, so one bench
// process holds tens of thousands. Peers can send at a steady rate and time what they receive.
class SwarmWorker : public QObject {
    Q_OBJECT
public:
    // What the peers sent and received since the last resetTraffic().
    struct Traffic {
        qint64 sent = 0;
        qint64 refused = 0; // sends answered with an error
        qint64 received = 0;
        QList<double> latencyMs; // stamp in the envelope → arrival
    };
    // The bytes peer number `peer` sends as its `number`th message, stamped stampUs.
    using FrameMaker = std::function<QByteArray(qsizetype peer, quint64 number, qint64 stampUs)>;

    SwarmWorker();
    ~SwarmWorker() override;

    // Thread-safe progress of the last connectAll().
    int readyCount() const { return m_ready.load(); }
    int failedCount() const { return m_failed.load(); }
    int openCount() const { return m_open.load(); }
    // Open → ready milliseconds of every peer that became ready; call once finished.
    QList<double> readyTimes() const;
    QString firstProblem() const;
    Traffic traffic() const;
    // The counts alone, cheap enough to poll.
    Traffic counts() const;

    // The rest runs on the worker's thread (QMetaObject::invokeMethod).
    // handshake false: a bare server, the peer is ready when the socket is. Peer k connects
    // from sources[k] (from any address when null or missing).
    void connectAll(const QUrl& url, const QList<QByteArray>& tokens,
                    const QList<QHostAddress>& sources, int inflight, bool handshake);
    void closeAll();
    void resetTraffic();
    // Each listed peer sends ratePerPeer messages a second for durationMs.
    void startSending(const QList<qsizetype>& peers, double ratePerPeer, int durationMs,
                      const FrameMaker& make);

    // A monotonic clock shared by the processes of this machine.
    static qint64 nowUs();
    // A message body as a bench sends it: fillerBytes (a short message is about 200), then
    // the stamp.
    static QByteArray stampedEnvelope(qint64 stampUs, int fillerBytes);
    // The stamp of a frame that carries such an envelope.
    static std::optional<qint64> stampIn(const QByteArray& frame);
    // The first request id of the sends, past the handshake's.
    static constexpr quint64 kFirstSendId = 100;

private:
    struct Peer {
        websocket::WebSocketClient* socket = nullptr;
        QByteArray token;
        QHostAddress source;
        QElapsedTimer since;
        bool ready = false;
        bool done = false;
    };
    void startMore();
    void finish(Peer& peer, bool ok, const QString& problem = {});
    void onMessage(Peer& peer, const QByteArray& bytes);
    void sendDue();

    QUrl m_url;
    bool m_handshake = true;
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
    Traffic m_traffic;

    QTimer* m_sendTimer = nullptr;
    QElapsedTimer m_sendClock;
    QList<qsizetype> m_senders;
    double m_ratePerPeer = 0;
    int m_sendDurationMs = 0;
    quint64 m_sentPerPeer = 0;
    FrameMaker m_make;
};

} // namespace moim::bench
