#pragma once

#include "SwarmWorker.h"

#include <QThread>
#include <memory>
#include <vector>

namespace moim::bench {

// SwarmWorkers on threads of their own: the bench's sockets spread over its threads the
// way the server spreads its own.
class Swarm {
public:
    struct Outcome {
        int ready = 0;
        int failed = 0;
        double seconds = 0; // first open to last session
        QList<double> readyMs;
        QString problem;
    };

    explicit Swarm(int threads, const SwarmWorker::PushHandler& onPush = {});
    ~Swarm();

    // Resumes every token (spread round-robin), at most inflight handshakes at a time in all;
    // returns once each is ready or failed, or timeoutMs passed.
    Outcome connect(const QUrl& url, const QList<QByteArray>& tokens, int inflight, int timeoutMs);
    void closeAll();
    int openCount() const;
    int threadCount() const { return int(m_workers.size()); }
    // Runs work on worker index's thread and waits for it.
    void runOn(int index, const std::function<void(SwarmWorker&)>& work);

private:
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<SwarmWorker*> m_workers;
};

} // namespace moim::bench
