#include "Swarm.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <util/ServerEventDispatcher.h>

namespace moim::bench {

Swarm::Swarm(int threads)
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        // The bench shares the cores with the server: it polls the way the server does.
        auto thread = util::startServerThread(QStringLiteral("swarm-%1").arg(i));
        auto* worker = new SwarmWorker;
        worker->moveToThread(thread.get());
        m_workers.push_back(worker);
        m_threads.push_back(std::move(thread));
    }
}

Swarm::~Swarm()
{
    for (SwarmWorker* worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    for (const auto& thread : m_threads) {
        thread->quit();
        thread->wait();
    }
}

void Swarm::runOn(size_t index, const std::function<void(SwarmWorker&)>& work)
{
    SwarmWorker* worker = m_workers.at(index);
    QMetaObject::invokeMethod(
        worker, [worker, &work] { work(*worker); }, Qt::BlockingQueuedConnection);
}

Swarm::Outcome Swarm::connect(const QUrl& url, const QList<QByteArray>& tokens, int inflight,
                              int timeoutMs, bool handshake)
{
    const size_t count = m_workers.size();
    std::vector<QList<QByteArray>> shares(count);
    std::vector<QList<QHostAddress>> sources(count);
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        shares[size_t(i) % count].append(tokens[i]);
        sources[size_t(i) % count].append(sourceAddressFor(url, i, tokens.size()));
    }
    QElapsedTimer clock;
    clock.start();
    for (size_t i = 0; i < count; ++i) {
        SwarmWorker* worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker,
            [worker, url, share = shares[i], from = sources[i],
             limit = std::max<int>(1, inflight / int(count)),
             handshake] { worker->connectAll(url, share, from, limit, handshake); },
            Qt::QueuedConnection);
    }
    const auto settled = [&] {
        int done = 0;
        for (const SwarmWorker* worker : m_workers)
            done += worker->readyCount() + worker->failedCount();
        return done >= tokens.size();
    };
    while (!settled() && clock.elapsed() < timeoutMs)
        QThread::msleep(1);
    Outcome outcome;
    outcome.seconds = double(clock.nsecsElapsed()) / 1e9;
    for (const SwarmWorker* worker : m_workers) {
        outcome.ready += worker->readyCount();
        outcome.failed += worker->failedCount();
        outcome.readyMs += worker->readyTimes();
    }
    outcome.problem = firstProblem();
    if (!settled() && outcome.problem.isEmpty())
        outcome.problem = QStringLiteral("timed out");
    return outcome;
}

QHostAddress Swarm::sourceAddressFor(const QUrl& url, qsizetype peer, qsizetype peers)
{
    const QHostAddress server(url.host());
    if (server != QHostAddress(QHostAddress::LocalHost))
        return {};
    // Round robin over as few addresses as keep each under its share: 127.0.0.2 … .254.
    const qsizetype addresses = std::clamp<qsizetype>(
        (peers + kPeersPerSourceAddress - 1) / kPeersPerSourceAddress, 1, 253);
    return QHostAddress(QHostAddress(QHostAddress::LocalHost).toIPv4Address() + 1 +
                        quint32(peer % addresses));
}

void Swarm::closeAll()
{
    for (size_t i = 0; i < m_workers.size(); ++i)
        runOn(i, [](SwarmWorker& worker) { worker.closeAll(); });
}

int Swarm::openCount() const
{
    int open = 0;
    for (const SwarmWorker* worker : m_workers)
        open += worker->openCount();
    return open;
}

void Swarm::startSending(int senders, double ratePerPeer, int durationMs,
                         const SwarmWorker::FrameMaker& make)
{
    const size_t count = m_workers.size();
    for (size_t i = 0; i < count; ++i) {
        QList<qsizetype> local;
        for (int peer = int(i); peer < senders; peer += int(count))
            local.append(peer / qsizetype(count));
        if (local.isEmpty())
            continue;
        // Workers number their peers locally; the maker gets the swarm's numbering.
        const SwarmWorker::FrameMaker global = [make, i, count](qsizetype peer, quint64 number,
                                                                qint64 stampUs) {
            return make(peer * qsizetype(count) + qsizetype(i), number, stampUs);
        };
        runOn(i, [&](SwarmWorker& worker) {
            worker.startSending(local, ratePerPeer, durationMs, global);
        });
    }
}

SwarmWorker::Traffic Swarm::traffic() const
{
    SwarmWorker::Traffic total = counts();
    for (const SwarmWorker* worker : m_workers)
        total.latencyMs += worker->traffic().latencyMs;
    return total;
}

SwarmWorker::Traffic Swarm::counts() const
{
    SwarmWorker::Traffic total;
    for (const SwarmWorker* worker : m_workers) {
        const SwarmWorker::Traffic counts = worker->counts();
        total.sent += counts.sent;
        total.refused += counts.refused;
        total.received += counts.received;
    }
    return total;
}

void Swarm::resetTraffic()
{
    for (size_t i = 0; i < m_workers.size(); ++i)
        runOn(i, [](SwarmWorker& worker) { worker.resetTraffic(); });
}

void Swarm::stall(int ms)
{
    for (SwarmWorker* worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [ms] { QThread::msleep(ulong(ms)); }, Qt::QueuedConnection);
}

QString Swarm::firstProblem() const
{
    for (const SwarmWorker* worker : m_workers) {
        if (const QString problem = worker->firstProblem(); !problem.isEmpty())
            return problem;
    }
    return {};
}

} // namespace moim::bench
