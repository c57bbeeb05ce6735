#include "server/RetentionJob.h"

#include "server/BlobCollector.h"
#include "server/DatabasePool.h"
#include "server/RetentionStore.h"

#include <QDateTime>
#include <util/LogCategories.h>

namespace moim::server {

RetentionJob::RetentionJob(DatabasePool& database, int globalDays, int batchSize, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_globalDays(globalDays)
    , m_batchSize(batchSize)
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_running)
            runOnce([](qint64) {});
    });
}

void RetentionJob::start(std::chrono::milliseconds period)
{
    m_timer.start(period);
    // A first pass at start-up also creates this month's partition before traffic arrives.
    QTimer::singleShot(0, this, [this] {
        if (!m_running)
            runOnce([](qint64) {});
    });
}

void RetentionJob::runOnce(std::function<void(qint64)> done)
{
    m_running = true;
    const int globalDays = m_globalDays;
    struct Plan {
        qint64 droppedRows = 0;
        QList<ExpiredRange> ranges;
    };
    m_database.run<Plan>(
        this,
        [globalDays](DbContext& context) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            RetentionStore store(context);
            store.ensurePartitions(now);
            Plan plan;
            plan.droppedRows = store.dropExpiredPartitions(globalDays, now);
            plan.ranges = store.expiredRanges(globalDays, now);
            return plan;
        },
        [this, done](protocol::Result<Plan> plan) {
            auto pass = std::make_shared<Pass>();
            pass->done = done;
            if (plan) {
                pass->pending = plan->ranges;
                pass->deleted = plan->droppedRows;
            }
            nextBatch(pass);
        });
}

void RetentionJob::finish(std::shared_ptr<Pass> pass)
{
    m_running = false;
    pass->done(pass->deleted);
}

void RetentionJob::nextBatch(std::shared_ptr<Pass> pass)
{
    if (pass->pending.isEmpty()) {
        if (pass->deleted > 0)
            qCInfo(lcDb) << "retention deleted" << pass->deleted << "expired events";
        if (!m_blobs)
            return finish(pass);
        m_blobs->runOnce([this, pass](BlobCollector::Counts) { finish(pass); });
        return;
    }
    const ExpiredRange range = pass->pending.constFirst();
    const int batch = m_batchSize;
    m_database.run<int>(
        this,
        [range, batch](DbContext& context) {
            return RetentionStore(context).deleteBatch(range, batch);
        },
        [this, pass](protocol::Result<int> count) {
            // A room is done when a batch deletes nothing (or fails: retried next pass).
            if (!count || count.value() == 0)
                pass->pending.removeFirst();
            else
                pass->deleted += count.value();
            nextBatch(pass);
        });
}

} // namespace moim::server
