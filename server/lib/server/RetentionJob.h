#pragma once

#include "server/RetentionStore.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <chrono>
#include <functional>
#include <memory>

namespace moim::server {

class BlobCollector;
class DatabasePool;

// Deletes what the retention policy says has expired, once per period. Each batch is its own
// short database job, queued after the previous one finished, so requests never wait behind
// a large deletion.
class RetentionJob : public QObject {
    Q_OBJECT
public:
    RetentionJob(DatabasePool& database, int globalDays, int batchSize, QObject* parent = nullptr);

    // Runs after every retention pass, which leaves files of removed messages unreferenced.
    void setBlobCollector(BlobCollector* collector) { m_blobs = collector; }
    void start(std::chrono::milliseconds period);
    // One full pass; done(deleted events) runs on this object's thread.
    void runOnce(std::function<void(qint64)> done);
    bool running() const { return m_running; }

private:
    // One pass: rooms still to purge, events deleted so far, whom to tell at the end.
    struct Pass {
        QList<ExpiredRange> pending;
        qint64 deleted = 0;
        std::function<void(qint64)> done;
    };
    // Each batch is queued only after the previous one finished.
    void nextBatch(std::shared_ptr<Pass> pass);
    void finish(std::shared_ptr<Pass> pass);

    DatabasePool& m_database;
    int m_globalDays;
    int m_batchSize;
    QTimer m_timer;
    bool m_running = false;
    BlobCollector* m_blobs = nullptr;
};

} // namespace moim::server
