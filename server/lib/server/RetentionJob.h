#pragma once

#include <QObject>
#include <QTimer>
#include <chrono>
#include <functional>

namespace moim::server {

class DatabasePool;

// Deletes what the retention policy says has expired, once per period. Each batch is its own
// short database job, queued after the previous one finished, so requests never wait behind
// a large deletion.
class RetentionJob : public QObject {
    Q_OBJECT
public:
    RetentionJob(DatabasePool& database, int globalDays, int batchSize, QObject* parent = nullptr);

    void start(std::chrono::milliseconds period);
    // One full pass; done(deleted events) runs on this object's thread.
    void runOnce(std::function<void(qint64)> done);
    bool running() const { return m_running; }

private:
    DatabasePool& m_database;
    int m_globalDays;
    int m_batchSize;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace moim::server
