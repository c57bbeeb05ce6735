#include "ServerBench.h"

#include "MoimdProcess.h"
#include "ProcessProbe.h"
#include "Seeder.h"
#include "Statistics.h"
#include "Swarm.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <client/Connection.h>
#include <protocol/AccountMessages.h>
#include <protocol/EventMessages.h>

namespace moim::bench {

namespace {

constexpr int kConnectTimeoutMs = 180'000;
constexpr int kIdleInflight = 500;
constexpr int kHistoryPage = 50;
constexpr int kHistoryWarmUpPages = 200;

QString runPrefix(const QString& workload, int index)
{
    // Unique across runs on one PostgreSQL database, which outlives each moimd.
    return QStringLiteral("%1%2r%3u")
        .arg(workload.left(1))
        .arg(QDateTime::currentMSecsSinceEpoch(), 0, 36)
        .arg(index);
}

QList<QByteArray> tokensOf(const QList<SeededDevice>& devices)
{
    QList<QByteArray> tokens;
    tokens.reserve(devices.size());
    for (const SeededDevice& device : devices)
        tokens.append(device.token);
    return tokens;
}

void pause(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

double megabytes(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

// A fresh moimd with users seeded; null with *error set on failure.
struct SeededServer {
    std::unique_ptr<MoimdProcess> server;
    QList<SeededDevice> devices;
};

std::optional<SeededServer> startSeeded(const ServerBenchOptions& options,
                                        const QStringList& arguments, const QString& prefix,
                                        int users, QString* error)
{
    SeededServer seeded;
    seeded.server = std::make_unique<MoimdProcess>(options.moimd, options.databaseUrl);
    if (!seeded.server->start(arguments, error))
        return std::nullopt;
    Seeder seeder;
    if (!seeder.open(seeded.server->databaseUrl(), error))
        return std::nullopt;
    auto devices = seeder.users(prefix, users, error);
    if (!devices)
        return std::nullopt;
    seeded.devices = std::move(*devices);
    return seeded;
}

} // namespace

ServerBench::ServerBench(ServerBenchOptions options)
    : m_options(std::move(options))
{}

QJsonObject ServerBench::run(QString* error)
{
    if (m_options.workload == QLatin1String("history"))
        return historyRuns(error);
    QList<QJsonObject> results;
    for (int i = 0; i < m_options.runs; ++i) {
        const QJsonObject result =
            m_options.workload == QLatin1String("idle") ? idleRun(i, error) : resumeRun(i, error);
        if (result.isEmpty())
            return {};
        printRun(result);
        results.append(result);
    }
    return mediansOf(results, m_options.workload);
}

QJsonObject ServerBench::idleRun(int index, QString* error)
{
    auto seeded = startSeeded(m_options, {}, runPrefix(m_options.workload, index),
                              m_options.connections, error);
    if (!seeded)
        return {};
    const qint64 pid = seeded->server->pid();
    pause(1000);
    const qint64 rssBefore = ProcessProbe::rssBytes(pid);
    Swarm swarm(m_options.threads);
    const Swarm::Outcome outcome = swarm.connect(seeded->server->url(), tokensOf(seeded->devices),
                                                 kIdleInflight, kConnectTimeoutMs);
    if (outcome.ready != m_options.connections) {
        *error = QStringLiteral("%1 of %2 connections ready: %3")
                     .arg(outcome.ready)
                     .arg(m_options.connections)
                     .arg(outcome.problem);
        return {};
    }
    pause(2000); // the last handshakes' buffers settle
    const double cpuStart = ProcessProbe::cpuSeconds(pid);
    QElapsedTimer held;
    held.start();
    pause(m_options.holdSeconds * 1000);
    const double cpuSeconds = ProcessProbe::cpuSeconds(pid) - cpuStart;
    const double heldSeconds = double(held.elapsed()) / 1000.0;
    const qint64 rssHeld = ProcessProbe::rssBytes(pid);
    const int stillOpen = swarm.openCount();
    swarm.closeAll();
    return QJsonObject{
        {QStringLiteral("connections"), outcome.ready},
        {QStringLiteral("still_open"), stillOpen},
        {QStringLiteral("server_rss_before_mb"), megabytes(rssBefore)},
        {QStringLiteral("server_rss_held_mb"), megabytes(rssHeld)},
        {QStringLiteral("server_kb_per_connection"),
         double(rssHeld - rssBefore) / 1024.0 / double(outcome.ready)},
        {QStringLiteral("server_idle_cpu_percent"), 100.0 * cpuSeconds / heldSeconds},
        {QStringLiteral("bench_rss_mb"), megabytes(ProcessProbe::rssBytes(qApp->applicationPid()))},
        {QStringLiteral("connect_seconds"), outcome.seconds}};
}

QJsonObject ServerBench::resumeRun(int index, QString* error)
{
    auto seeded = startSeeded(m_options, {}, runPrefix(m_options.workload, index),
                              m_options.connections, error);
    if (!seeded)
        return {};
    pause(1000);
    Swarm swarm(m_options.threads);
    const Swarm::Outcome outcome = swarm.connect(seeded->server->url(), tokensOf(seeded->devices),
                                                 m_options.inflight, kConnectTimeoutMs);
    swarm.closeAll();
    if (outcome.ready == 0) {
        *error = QStringLiteral("no connection became ready: ") + outcome.problem;
        return {};
    }
    int within3s = 0;
    for (const double ms : outcome.readyMs)
        within3s += ms <= 3000 ? 1 : 0;
    return QJsonObject{{QStringLiteral("connections"), m_options.connections},
                       {QStringLiteral("ready"), outcome.ready},
                       {QStringLiteral("failed"), outcome.failed},
                       {QStringLiteral("seconds_until_all_ready"), outcome.seconds},
                       {QStringLiteral("resumes_per_s"), double(outcome.ready) / outcome.seconds},
                       {QStringLiteral("ready_p50_ms"), percentile(outcome.readyMs, 0.5)},
                       {QStringLiteral("ready_p99_ms"), percentile(outcome.readyMs, 0.99)},
                       {QStringLiteral("ready_within_3s"), within3s},
                       {QStringLiteral("inflight"), m_options.inflight}};
}

QJsonObject ServerBench::historyRuns(QString* error)
{
    // One socket asks page after page: the per-socket request limit is lifted for it.
    const QStringList unlimited{QStringLiteral("--requests-per-second"), QStringLiteral("1000000"),
                                QStringLiteral("--request-burst"), QStringLiteral("1000000")};
    auto seeded = startSeeded(m_options, unlimited, runPrefix(m_options.workload, 0), 2, error);
    if (!seeded)
        return {};
    Seeder seeder;
    if (!seeder.open(seeded->server->databaseUrl(), error))
        return {};
    const auto roomId = seeder.room(runPrefix(QStringLiteral("team"), 0), seeded->devices, error);
    if (!roomId)
        return {};
    QElapsedTimer seeding;
    seeding.start();
    const SeededDevice& sender = seeded->devices.first();
    const auto lastSeq = seeder.history(*roomId, sender.userId, sender.deviceId,
                                        m_options.historyEvents, 200, error);
    if (!lastSeq)
        return {};
    const double seedSeconds = double(seeding.elapsed()) / 1000.0;
    std::fprintf(stderr, "moim-bench: seeded %lld events in %.1f s\n",
                 static_cast<long long>(m_options.historyEvents), seedSeconds);

    client::Connection connection;
    if (!connection.openAndWait(seeded->server->url(), 10'000, error))
        return {};
    const auto session =
        connection.callAndWait<protocol::Session>(protocol::Resume{seeded->devices.last().token});
    if (!session) {
        *error = session.error().message;
        return {};
    }
    const auto pageAt = [&](quint64 before, double* ms) {
        protocol::History request;
        request.roomId = *roomId;
        request.before = before;
        request.limit = kHistoryPage;
        QElapsedTimer clock;
        clock.start();
        const auto events = connection.callAndWait<protocol::Events>(request);
        *ms = double(clock.nsecsElapsed()) / 1e6;
        return events && events->events.size() == kHistoryPage;
    };
    auto* random = QRandomGenerator::global();
    const auto randomBefore = [&] {
        return kHistoryPage + 1 + random->bounded(quint32(*lastSeq - kHistoryPage));
    };
    double ignored = 0;
    for (int i = 0; i < kHistoryWarmUpPages; ++i)
        pageAt(randomBefore(), &ignored);
    QList<QJsonObject> results;
    for (int run = 0; run < m_options.runs; ++run) {
        QList<double> pageMs;
        int shortPages = 0;
        for (int i = 0; i < m_options.pages; ++i) {
            double ms = 0;
            if (!pageAt(randomBefore(), &ms))
                ++shortPages;
            pageMs.append(ms);
        }
        const QJsonObject result{{QStringLiteral("events"), double(m_options.historyEvents)},
                                 {QStringLiteral("pages"), m_options.pages},
                                 {QStringLiteral("short_or_failed_pages"), shortPages},
                                 {QStringLiteral("page_p50_ms"), percentile(pageMs, 0.5)},
                                 {QStringLiteral("page_p99_ms"), percentile(pageMs, 0.99)},
                                 {QStringLiteral("page_max_ms"), percentile(pageMs, 1.0)},
                                 {QStringLiteral("seed_seconds"), seedSeconds}};
        printRun(result);
        results.append(result);
    }
    return mediansOf(results, m_options.workload);
}

} // namespace moim::bench
