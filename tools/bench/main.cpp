#include "BareBroadcastServer.h"
#include "BenchRunner.h"
#include "ClientBench.h"
#include "ServerBench.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <crypto/Sodium.h>
#include <cstdio>

namespace {

// Prints the result (the medians) as indented JSON, or the error; the process's exit code.
int report(const QJsonObject& result, const QString& error)
{
    if (result.isEmpty()) {
        std::fprintf(stderr, "moim-bench: %s\n", qPrintable(error));
        return 1;
    }
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("moim-bench"));
    if (!moim::crypto::initializeSodium())
        return 1;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Moim load generator (loopback only). Workloads: write, fanout, crypto, "
                       "client, arrival, idle, resume, history, slow; fanout with --moimd seeds "
                       "its room."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("workload"),
        QStringLiteral("write, fanout or crypto (--members devices, --rate messages)"));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("ws://127.0.0.1:PORT"),
                                    QStringLiteral("URL"), QStringLiteral("ws://127.0.0.1:7420"));
    const QCommandLineOption members(QStringLiteral("members"), QStringLiteral("fanout: room size"),
                                     QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption senders(QStringLiteral("senders"), QStringLiteral("fanout: senders"),
                                     QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption pairs(QStringLiteral("pairs"), QStringLiteral("write: user pairs"),
                                   QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("messages per second"),
                                  QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("seconds per run"),
                                      QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("runs (median reported)"),
                                  QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption encrypted(
        QStringLiteral("encrypted"),
        QStringLiteral("fanout: real end-to-end encrypted messages (members publish keys)"));
    const QCommandLineOption appPath(QStringLiteral("app"),
                                     QStringLiteral("client: the moim executable"),
                                     QStringLiteral("PATH"));
    const QCommandLineOption rooms(QStringLiteral("rooms"), QStringLiteral("client: rooms"),
                                   QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption messages(
        QStringLiteral("messages"),
        QStringLiteral("client: cached messages; arrival: messages sent"), QStringLiteral("N"),
        QStringLiteral("10000"));
    const QCommandLineOption interval(QStringLiteral("interval-ms"),
                                      QStringLiteral("arrival: time between two messages"),
                                      QStringLiteral("MS"), QStringLiteral("100"));
    const QCommandLineOption keepProfile(
        QStringLiteral("keep-profile"),
        QStringLiteral("client: seed into this empty directory and keep it (for profiling)"),
        QStringLiteral("DIR"));
    const QCommandLineOption moimd(
        QStringLiteral("moimd"),
        QStringLiteral("idle, resume, history: the moimd executable (a fresh one per run)"),
        QStringLiteral("PATH"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("idle, resume, history: database URL for moimd (default: SQLite)"),
        QStringLiteral("URL"));
    const QCommandLineOption connections(QStringLiteral("connections"),
                                         QStringLiteral("idle, resume: sessions"),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption inflight(QStringLiteral("inflight"),
                                      QStringLiteral("resume: handshakes under way at once"),
                                      QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("idle, resume: bench socket threads"),
                                     QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption hold(QStringLiteral("hold"),
                                  QStringLiteral("idle: seconds the sessions are held"),
                                  QStringLiteral("S"), QStringLiteral("20"));
    const QCommandLineOption events(QStringLiteral("events"),
                                    QStringLiteral("history: events seeded in the room"),
                                    QStringLiteral("N"), QStringLiteral("10000000"));
    const QCommandLineOption pages(QStringLiteral("pages"),
                                   QStringLiteral("history: pages asked per run"),
                                   QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption backlogCap(
        QStringLiteral("backlog-cap"),
        QStringLiteral("slow: bytes queued for one socket before moimd drops it"),
        QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("bare-server: 127.0.0.1:PORT"),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption messageBytes(
        QStringLiteral("message-bytes"),
        QStringLiteral("fanout with --moimd, slow: envelope bytes per message"),
        QStringLiteral("BYTES"), QStringLiteral("200"));
    parser.addOptions({backlogCap, listen,   messageBytes, server, members,   senders,
                       pairs,      rate,     duration,     runs,   encrypted, appPath,
                       rooms,      messages, keepProfile,  moimd,  database,  connections,
                       inflight,   threads,  hold,         events, pages,     interval});
    parser.process(app);
    const QString appWorkload = parser.positionalArguments().value(0);
    if (appWorkload == QLatin1String("client") || appWorkload == QLatin1String("arrival")) {
        // The desktop app against a running moimd on loopback.
        const QUrl url(parser.value(server));
        if (url.host() != QLatin1String("127.0.0.1") || !parser.isSet(appPath)) {
            std::fprintf(stderr,
                         "moim-bench %s: --app PATH is needed; the server must be on 127.0.0.1\n",
                         qPrintable(appWorkload));
            return 2;
        }
        QString error;
        const int runCount = std::clamp(parser.value(runs).toInt(), 1, 20);
        const QJsonObject result =
            appWorkload == QLatin1String("client")
                ? moim::bench::clientRun(url, parser.value(appPath),
                                         std::clamp(parser.value(rooms).toInt(), 1, 500),
                                         std::clamp(parser.value(messages).toInt(), 1, 200000),
                                         runCount, parser.value(keepProfile), &error)
                : moim::bench::arrivalRun(url, parser.value(appPath),
                                          std::clamp(parser.value(messages).toInt(), 1, 10000),
                                          std::clamp(parser.value(interval).toInt(), 1, 10000),
                                          runCount, &error);
        return report(result, error);
    }
    const QString workload = parser.positionalArguments().value(0);
    if (workload == QLatin1String("bare-server")) {
        // The baseline fan-out server, started by the fanout workload in a process of its own.
        const quint16 port = quint16(parser.value(listen).section(QLatin1Char(':'), -1).toUInt());
        moim::bench::BareBroadcastServer bare;
        QString error;
        if (port == 0 || !bare.listen(port, &error)) {
            std::fprintf(stderr, "moim-bench bare-server: cannot listen: %s\n", qPrintable(error));
            return 4;
        }
        return QCoreApplication::exec();
    }
    const bool seededFanout = (workload == QLatin1String("fanout") && parser.isSet(moimd)) ||
                              workload == QLatin1String("slow");
    if (workload == QLatin1String("idle") || workload == QLatin1String("resume") ||
        workload == QLatin1String("history") || seededFanout) {
        if (!parser.isSet(moimd)) {
            std::fputs("moim-bench: --moimd PATH is needed: each run starts its own moimd on "
                       "127.0.0.1\n",
                       stderr);
            return 2;
        }
        // Bounded: one process holds at most what its descriptor limit allows.
        moim::bench::ServerBenchOptions options;
        options.workload = workload;
        options.moimd = parser.value(moimd);
        options.databaseUrl = parser.value(database);
        options.connections = std::clamp(parser.value(connections).toInt(), 1, 18000);
        options.inflight = std::clamp(parser.value(inflight).toInt(), 1, 18000);
        options.threads = std::clamp(parser.value(threads).toInt(), 1, 8);
        options.holdSeconds = std::clamp(parser.value(hold).toInt(), 1, 600);
        options.historyEvents = std::clamp(parser.value(events).toLongLong(), 1000LL, 20'000'000LL);
        options.pages = std::clamp(parser.value(pages).toInt(), 10, 100000);
        options.runs = std::clamp(parser.value(runs).toInt(), 1, 20);
        options.members = std::clamp(parser.value(members).toInt(), 2, 10000);
        options.senders = std::clamp(parser.value(senders).toInt(), 1, options.members);
        options.rate = std::clamp(parser.value(rate).toInt(), 1, 100000);
        options.durationSeconds = std::clamp(parser.value(duration).toInt(), 1, 300);
        options.messageBytes = std::clamp(parser.value(messageBytes).toInt(), 16, 60'000);
        options.backlogCap =
            std::clamp(parser.value(backlogCap).toLongLong(), 64LL * 1024, 1024LL * 1024 * 1024);
        moim::bench::ServerBench bench(options);
        QString error;
        const QJsonObject medians = bench.run(&error);
        return report(medians, error);
    }
    moim::bench::BenchOptions options;
    options.server = QUrl(parser.value(server));
    options.workload = parser.positionalArguments().value(0);
    const bool local = options.workload == QLatin1String("crypto"); // needs no server
    if ((options.workload != QLatin1String("write") &&
         options.workload != QLatin1String("fanout") && !local) ||
        (!local && options.server.host() != QLatin1String("127.0.0.1"))) {
        std::fputs("moim-bench: give a workload (write|fanout|crypto); the server must be on "
                   "127.0.0.1\n",
                   stderr);
        return 2;
    }
    // Bounded: sizes and durations are capped so a typo cannot run away.
    options.members = std::clamp(parser.value(members).toInt(), 2, 5000);
    options.senders = std::clamp(parser.value(senders).toInt(), 1, 100);
    options.pairs = std::clamp(parser.value(pairs).toInt(), 1, 2000);
    options.rate = std::clamp(parser.value(rate).toInt(), 1, 100000);
    options.durationSeconds = std::clamp(parser.value(duration).toInt(), 1, 300);
    options.runs = std::clamp(parser.value(runs).toInt(), 1, 20);
    options.encrypted = parser.isSet(encrypted);
    moim::bench::BenchRunner runner(options);
    QString error;
    const QJsonObject medians = runner.run(&error);
    return report(medians, error);
}
