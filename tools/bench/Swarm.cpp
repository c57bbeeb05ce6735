#include "Swarm.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <util/ServerEventDispatcher.h>

namespace moim::bench {

Swarm::Swarm(int threads, const SwarmWorker::PushHandler& onPush)
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("swarm-%1").arg(i));
        // The bench shares the cores with the server: it polls the way the server does.
        if (QAbstractEventDispatcher* dispatcher = util::createServerEventDispatcher())
            thread->setEventDispatcher(dispatcher);
        auto* worker = new SwarmWorker(onPush);
        worker->moveToThread(thread.get());
        thread->start();
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

void Swarm::runOn(int index, const std::function<void(SwarmWorker&)>& work)
{
    SwarmWorker* worker = m_workers.at(size_t(index));
    QMetaObject::invokeMethod(
        worker, [worker, &work] { work(*worker); }, Qt::BlockingQueuedConnection);
}

Swarm::Outcome Swarm::connect(const QUrl& url, const QList<QByteArray>& tokens, int inflight,
                              int timeoutMs)
{
    const size_t count = m_workers.size();
    std::vector<QList<QByteArray>> shares(count);
    for (qsizetype i = 0; i < tokens.size(); ++i)
        shares[size_t(i) % count].append(tokens[i]);
    QElapsedTimer clock;
    clock.start();
    for (size_t i = 0; i < count; ++i) {
        SwarmWorker* worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker,
            [worker, url, share = shares[i], limit = std::max<int>(1, inflight / int(count))] {
                worker->connectAll(url, share, limit);
            },
            Qt::QueuedConnection);
    }
    Outcome outcome;
    const auto settled = [&] {
        int done = 0;
        for (const SwarmWorker* worker : m_workers)
            done += worker->readyCount() + worker->failedCount();
        return done >= tokens.size();
    };
    while (!settled() && clock.elapsed() < timeoutMs)
        QThread::msleep(1);
    outcome.seconds = double(clock.nsecsElapsed()) / 1e9;
    for (const SwarmWorker* worker : m_workers) {
        outcome.ready += worker->readyCount();
        outcome.failed += worker->failedCount();
        outcome.readyMs += worker->readyTimes();
        if (outcome.problem.isEmpty())
            outcome.problem = worker->firstProblem();
    }
    if (!settled() && outcome.problem.isEmpty())
        outcome.problem = QStringLiteral("timed out");
    return outcome;
}

void Swarm::closeAll()
{
    for (size_t i = 0; i < m_workers.size(); ++i)
        runOn(int(i), [](SwarmWorker& worker) { worker.closeAll(); });
}

int Swarm::openCount() const
{
    int open = 0;
    for (const SwarmWorker* worker : m_workers)
        open += worker->openCount();
    return open;
}

} // namespace moim::bench
