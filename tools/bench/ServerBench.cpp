#include "ServerBench.h"

#include "EventWait.h"
#include "ProcessProbe.h"
#include "Seeder.h"
#include "ServerProcess.h"
#include "Statistics.h"
#include "Swarm.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <QtEndian>
#include <client/Connection.h>
#include <crypto/RecipientDigest.h>
#include <moim/MoimVersion.h>
#include <protocol/AccountMessages.h>
#include <protocol/EventMessages.h>

namespace moim::bench {

namespace {

constexpr int kConnectTimeoutMs = 180'000;
constexpr int kIdleInflight = 500;
constexpr int kHistoryPage = 50;
constexpr int kHistoryWarmUpPages = 200;
constexpr int kDrainMs = 5000;

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

double megabytes(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

// A fresh moimd with users seeded; null with *error set on failure.
struct SeededServer {
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<Seeder> seeder; // open on the server's database, for more fixtures
    QList<SeededDevice> devices;
};

std::optional<SeededServer> startSeeded(const ServerBenchOptions& options,
                                        const QStringList& arguments, const QString& prefix,
                                        int users, QString* error)
{
    SeededServer seeded;
    seeded.server = std::make_unique<ServerProcess>(options.moimd, options.databaseUrl);
    if (!seeded.server->start(arguments, error))
        return std::nullopt;
    seeded.seeder = std::make_unique<Seeder>();
    if (!seeded.seeder->open(seeded.server->databaseUrl(), error))
        return std::nullopt;
    auto devices = seeded.seeder->users(prefix, users, error);
    if (!devices)
        return std::nullopt;
    seeded.devices = std::move(*devices);
    return seeded;
}

struct FanoutMeasure {
    SwarmWorker::Traffic traffic;
    qint64 expected = 0;
    double seconds = 0;
    qint64 peakServerRss = 0;
};

// Senders send for the duration; then deliveries are awaited until all came or the drain
// time passed. Deliveries a second count until the last one.
FanoutMeasure measureFanout(Swarm& swarm, const ServerBenchOptions& options, int receivers,
                            qint64 serverPid, const SwarmWorker::FrameMaker& make)
{
    swarm.resetTraffic();
    FanoutMeasure measure;
    QElapsedTimer clock;
    clock.start();
    swarm.startSending(options.senders, double(options.rate) / double(options.senders),
                       options.durationSeconds * 1000, make);
    const auto sampleRss = [&] {
        measure.peakServerRss = std::max(measure.peakServerRss, ProcessProbe::rssBytes(serverPid));
    };
    while (clock.elapsed() < options.durationSeconds * 1000) {
        pause(100);
        sampleRss();
    }
    QElapsedTimer drain;
    drain.start();
    for (;;) {
        const SwarmWorker::Traffic counts = swarm.counts();
        measure.expected = (counts.sent - counts.refused) * (receivers - 1);
        if (counts.received >= measure.expected || drain.elapsed() > kDrainMs)
            break;
        pause(10);
        sampleRss();
    }
    measure.seconds = double(clock.elapsed()) / 1000.0;
    measure.traffic = swarm.traffic();
    return measure;
}

QJsonObject fanoutFields(const QString& prefix, const FanoutMeasure& measure)
{
    const SwarmWorker::Traffic& traffic = measure.traffic;
    return QJsonObject{
        {prefix + QStringLiteral("deliveries_per_s"), double(traffic.received) / measure.seconds},
        {prefix + QStringLiteral("latency_p50_ms"), percentile(traffic.latencyMs, 0.5)},
        {prefix + QStringLiteral("latency_p99_ms"), percentile(traffic.latencyMs, 0.99)},
        {prefix + QStringLiteral("sent"), double(traffic.sent)},
        {prefix + QStringLiteral("refused"), double(traffic.refused)},
        {prefix + QStringLiteral("lost"), double(measure.expected - traffic.received)}};
}

// Unique per measurement too: a client id sent again is a resend, stored and delivered once.
QByteArray clientIdFor(qsizetype peer, quint64 number, quint32 measurement)
{
    QByteArray id(16, Qt::Uninitialized);
    qToBigEndian(quint32(peer), id.data());
    qToBigEndian(measurement, id.data() + 4);
    qToBigEndian(number, id.data() + 8);
    return id;
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
        QJsonObject result;
        if (m_options.workload == QLatin1String("idle"))
            result = idleRun(i, error);
        else if (m_options.workload == QLatin1String("resume"))
            result = resumeRun(i, error);
        else
            result = fanoutRun(i, error);
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
    const QStringList unlimited{QStringLiteral("--requests-per-second"), QStringLiteral("100000"),
                                QStringLiteral("--request-burst"), QStringLiteral("100000")};
    auto seeded = startSeeded(m_options, unlimited, runPrefix(m_options.workload, 0), 2, error);
    if (!seeded)
        return {};
    Seeder& seeder = *seeded->seeder;
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

QJsonObject ServerBench::fanoutRun(int index, QString* error)
{
    const bool slow = m_options.workload == QLatin1String("slow");
    const QStringList arguments = slow ? QStringList{QStringLiteral("--max-send-backlog-bytes"),
                                                     QString::number(m_options.backlogCap)}
                                       : QStringList{};
    const int seededUsers = m_options.members + (slow ? 1 : 0);
    auto seeded =
        startSeeded(m_options, arguments, runPrefix(m_options.workload, index), seededUsers, error);
    if (!seeded)
        return {};
    Seeder& seeder = *seeded->seeder;
    const auto roomId =
        seeder.room(runPrefix(QStringLiteral("team"), index), seeded->devices, error);
    if (!roomId)
        return {};
    const QList<QByteArray> tokens = tokensOf(seeded->devices);
    Swarm swarm(m_options.threads);
    const Swarm::Outcome connected = swarm.connect(
        seeded->server->url(), tokens.first(m_options.members), kIdleInflight, kConnectTimeoutMs);
    if (connected.ready != m_options.members) {
        *error = QStringLiteral("%1 of %2 members ready: %3")
                     .arg(connected.ready)
                     .arg(m_options.members)
                     .arg(connected.problem);
        return {};
    }
    // Bench users publish no device lists: the room's recipient set is empty, and envelopes
    // are opaque filler of the size asked.
    const QByteArray noDevices = crypto::recipientDigest({});
    const quint64 room = *roomId;
    const int filler = m_options.messageBytes;
    const auto sendsOf = [room, noDevices, filler](quint32 measurement) -> SwarmWorker::FrameMaker {
        return [=](qsizetype peer, quint64 number, qint64 stampUs) {
            protocol::Send send;
            send.roomId = room;
            send.kind = protocol::EventKind::Message;
            send.clientId = clientIdFor(peer, number, measurement);
            send.envelope = SwarmWorker::stampedEnvelope(stampUs, filler);
            send.recipients = noDevices;
            return protocol::makeFrame(send, quint32(kProtocolVersion),
                                       SwarmWorker::kFirstSendId + number)
                .encode();
        };
    };
    const qint64 pid = seeded->server->pid();
    pause(1000);
    const FanoutMeasure steady =
        measureFanout(swarm, m_options, m_options.members, pid, sendsOf(1));
    QJsonObject result = fanoutFields(QString(), steady);
    result.insert(QStringLiteral("members"), m_options.members);
    result.insert(QStringLiteral("offered_deliveries_per_s"),
                  double(m_options.rate) * double(m_options.members - 1));
    result.insert(QStringLiteral("server_peak_rss_mb"), megabytes(steady.peakServerRss));
    if (!slow) {
        swarm.closeAll();
        seeded->server->stop();
        const QJsonObject baseline = baselineFanout(error);
        if (baseline.isEmpty())
            return {};
        for (auto it = baseline.begin(); it != baseline.end(); ++it)
            result.insert(it.key(), it.value());
        result.insert(
            QStringLiteral("moimd_to_baseline_p99"),
            result.value(QStringLiteral("latency_p99_ms")).toDouble() /
                std::max(0.001,
                         baseline.value(QStringLiteral("baseline_latency_p99_ms")).toDouble()));
        return result;
    }
    // The same again with one more member who stops reading for the whole run: the server
    // should drop it at its byte cap and the others should not notice.
    Swarm stalled(1);
    if (stalled.connect(seeded->server->url(), {tokens.last()}, 1, kConnectTimeoutMs).ready != 1) {
        *error = QStringLiteral("the slow member did not connect: ") + stalled.firstProblem();
        return {};
    }
    const int stallMs = m_options.durationSeconds * 1000 + kDrainMs;
    stalled.stall(stallMs);
    const FanoutMeasure withSlow =
        measureFanout(swarm, m_options, m_options.members, pid, sendsOf(2));
    // Once awake, the slow member reads what the kernel kept and then finds its socket closed.
    waitFor([&] { return stalled.openCount() == 0; }, stallMs + 10'000);
    const QJsonObject slowFields = fanoutFields(QStringLiteral("with_slow_"), withSlow);
    for (auto it = slowFields.begin(); it != slowFields.end(); ++it)
        result.insert(it.key(), it.value());
    result.insert(QStringLiteral("with_slow_server_peak_rss_mb"),
                  megabytes(withSlow.peakServerRss));
    result.insert(QStringLiteral("slow_member_dropped"), stalled.openCount() == 0 ? 1 : 0);
    result.insert(QStringLiteral("backlog_cap_mb"), megabytes(m_options.backlogCap));
    swarm.closeAll();
    return result;
}

QJsonObject ServerBench::baselineFanout(QString* error)
{
    ServerProcess bare{QString(), QString()};
    if (!bare.startBareBroadcast(error))
        return {};
    Swarm swarm(m_options.threads);
    const Swarm::Outcome connected = swarm.connect(bare.url(), QList<QByteArray>(m_options.members),
                                                   kIdleInflight, kConnectTimeoutMs, false);
    if (connected.ready != m_options.members) {
        *error = QStringLiteral("baseline: %1 of %2 members connected: %3")
                     .arg(connected.ready)
                     .arg(m_options.members)
                     .arg(connected.problem);
        return {};
    }
    // The frame moimd would push for the message, sent as it is to everyone else.
    const auto makePush = [filler = m_options.messageBytes](qsizetype peer, quint64 number,
                                                            qint64 stampUs) {
        protocol::RoomEvent event;
        event.roomId = 1;
        event.seq = number + 1;
        event.kind = protocol::EventKind::Message;
        event.senderUserId = quint64(peer) + 1;
        event.senderDeviceId = quint64(peer) + 1;
        event.clientId = clientIdFor(peer, number, 1);
        event.createdMs = stampUs / 1000;
        event.envelope = SwarmWorker::stampedEnvelope(stampUs, filler);
        return protocol::makeFrame(event, quint32(kProtocolVersion)).encode();
    };
    pause(1000);
    const FanoutMeasure measure =
        measureFanout(swarm, m_options, m_options.members, bare.pid(), makePush);
    QJsonObject result = fanoutFields(QStringLiteral("baseline_"), measure);
    result.insert(QStringLiteral("baseline_server_peak_rss_mb"), megabytes(measure.peakServerRss));
    swarm.closeAll();
    return result;
}

} // namespace moim::bench
