#pragma once

#include "SwarmWorker.h"

#include <QThread>
#include <memory>
#include <vector>

namespace moim::bench {

// SwarmWorkers on threads of their own: the bench's sockets spread over its threads the
// way the server spreads its own. Peer number k lives on worker k % threads.
class Swarm {
public:
    struct Outcome {
        int ready = 0;
        int failed = 0;
        double seconds = 0; // first open to last ready
        QList<double> readyMs;
        QString problem;
    };

    explicit Swarm(int threads);
    ~Swarm();

    // Opens a peer per token (resuming with it, or only connecting when handshake is false),
    // at most inflight handshakes at a time in all; returns once each is ready or failed, or
    // timeoutMs passed.
    Outcome connect(const QUrl& url, const QList<QByteArray>& tokens, int inflight, int timeoutMs,
                    bool handshake = true);
    void closeAll();
    int openCount() const;
    // Peers 0 … senders-1 each send ratePerPeer messages a second for durationMs (returns at
    // once); make gets the peer's number in the swarm.
    void startSending(int senders, double ratePerPeer, int durationMs,
                      const SwarmWorker::FrameMaker& make);
    SwarmWorker::Traffic traffic() const;
    SwarmWorker::Traffic counts() const; // without the latencies: cheap to poll
    void resetTraffic();
    // Every worker thread stops reading for ms: its peers become slow consumers (returns at
    // once).
    void stall(int ms);
    QString firstProblem() const;

private:
    // Runs work on worker index's thread and waits for it.
    void runOn(size_t index, const std::function<void(SwarmWorker&)>& work);

    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<SwarmWorker*> m_workers;
};

} // namespace moim::bench
