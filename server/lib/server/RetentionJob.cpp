#include "server/RetentionJob.h"

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
}

void RetentionJob::runOnce(std::function<void(qint64)> done)
{
    m_running = true;
    const int globalDays = m_globalDays;
    m_database.run<QList<ExpiredRange>>(
        this,
        [globalDays](DbContext& context) {
            return RetentionStore(context).expiredRanges(globalDays,
                                                         QDateTime::currentMSecsSinceEpoch());
        },
        [this, done](protocol::Result<QList<ExpiredRange>> ranges) {
            if (!ranges) {
                m_running = false;
                return done(0);
            }
            auto pending = std::make_shared<QList<ExpiredRange>>(ranges.value());
            auto deleted = std::make_shared<qint64>(0);
            auto next = std::make_shared<std::function<void()>>();
            *next = [this, pending, deleted, next, done] {
                if (pending->isEmpty()) {
                    m_running = false;
                    if (*deleted > 0)
                        qCInfo(lcDb) << "retention deleted" << *deleted << "expired events";
                    *next = nullptr; // breaks the self-reference
                    return done(*deleted);
                }
                const ExpiredRange range = pending->constFirst();
                const int batch = m_batchSize;
                m_database.run<int>(
                    this,
                    [range, batch](DbContext& context) {
                        return RetentionStore(context).deleteBatch(range, batch);
                    },
                    [pending, deleted, next](protocol::Result<int> count) {
                        // A room is done when a batch deletes nothing (or fails: retried
                        // on the next pass).
                        if (!count || count.value() == 0)
                            pending->removeFirst();
                        else
                            *deleted += count.value();
                        (*next)();
                    });
            };
            (*next)();
        });
}

} // namespace moim::server
