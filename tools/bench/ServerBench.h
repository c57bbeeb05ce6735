#pragma once

#include <QJsonObject>
#include <QString>

namespace moim::bench {

struct ServerBenchOptions {
    QString workload;    // idle, resume, history, fanout or slow
    QString moimd;       // the moimd executable each run starts afresh
    QString databaseUrl; // empty: SQLite in the run's data directory
    int connections = 1000;
    int inflight = 1000; // handshakes under way at once (resume; idle uses 500)
    int threads = 2;     // bench socket threads
    int holdSeconds = 20;
    qint64 historyEvents = 10'000'000;
    int pages = 2000;
    int members = 1000; // fanout, slow: room size
    int senders = 10;   // fanout, slow: members who send
    int rate = 300;     // fanout, slow: messages a second over all senders
    int durationSeconds = 10;
    int messageBytes = 200;          // fanout, slow: envelope size
    qint64 backlogCap = 1024 * 1024; // slow: moimd's --max-send-backlog-bytes
    int runs = 3;
};

// Workloads that need many sessions or a large database: their users and rows are seeded
// straight into the database of a moimd the bench starts for each run (see Seeder).
class ServerBench {
public:
    explicit ServerBench(ServerBenchOptions options);
    QJsonObject run(QString* error);

private:
    QJsonObject idleRun(int index, QString* error);
    QJsonObject resumeRun(int index, QString* error);
    QJsonObject historyRuns(QString* error);
    // fanout: moimd, then the bare broadcast baseline, same sizes; slow: moimd with one more
    // member who stops reading.
    QJsonObject fanoutRun(int index, QString* error);
    QJsonObject baselineFanout(QString* error);

    ServerBenchOptions m_options;
};

} // namespace moim::bench
