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
    // timeoutMs passed. Against a server on 127.0.0.1, the peers connect from 127.0.0.2, .3, …,
    // at most kPeersPerSourceAddress from each.
    Outcome connect(const QUrl& url, const QList<QByteArray>& tokens, int inflight, int timeoutMs,
                    bool handshake = true);
    void closeAll();
    int openCount() const;

    // Linux picks a connection's port among the even ephemeral ports first (about 14,100 of
    // 32768-60999) and then searches the odd ones, testing each against every connection
    // from that address to the same server: past a few thousand connections per source address,
    // connect() itself becomes the load generator's bottleneck.
    static constexpr int kPeersPerSourceAddress = 1000;
    // The source address of peer number `peer` of `peers`, or null when the server is not
    // on loopback.
    static QHostAddress sourceAddressFor(const QUrl& url, qsizetype peer, qsizetype peers);
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
