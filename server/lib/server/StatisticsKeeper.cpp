#include "server/StatisticsKeeper.h"

#include "server/DatabasePool.h"
#include "server/RetentionStore.h"

#include <QDateTime>
#include <QTimerEvent>

namespace moim::server {

StatisticsKeeper::StatisticsKeeper(DatabasePool& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{}

void StatisticsKeeper::start(std::chrono::milliseconds period)
{
    if (m_timer != 0)
        killTimer(m_timer);
    m_timer = startTimer(period);
}

void StatisticsKeeper::timerEvent(QTimerEvent* event)
{
    // One check at a time: a slow ANALYZE must not queue more of them behind it.
    if (event->timerId() != m_timer || m_running)
        return;
    m_running = true;
    m_database.run<bool>(
        this,
        [](DbContext& context) {
            return RetentionStore(context).analyzeGrownPartition(
                QDateTime::currentMSecsSinceEpoch());
        },
        [this](const protocol::Result<bool>&) { m_running = false; });
}

} // namespace moim::server
