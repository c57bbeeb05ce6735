#include "server/HealthMonitor.h"

#include "server/DatabasePool.h"

namespace moim::server {
namespace {
constexpr int kCheckIntervalMs = 2000;
// A check stuck longer than this (a hung database) means not ready, even without an error.
constexpr qint64 kStaleAfterMs = 10'000;
} // namespace

HealthMonitor::HealthMonitor(DatabasePool& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    connect(&m_timer, &QTimer::timeout, this, &HealthMonitor::check);
}

void HealthMonitor::start()
{
    m_lastOk = true; // start() is called right after the pool opened and migrated
    m_sinceSuccess.start();
    m_timer.start(kCheckIntervalMs);
}

bool HealthMonitor::ready() const
{
    return !m_shuttingDown && m_lastOk && m_sinceSuccess.isValid() &&
           m_sinceSuccess.elapsed() < kStaleAfterMs;
}

QString HealthMonitor::reason() const
{
    if (m_shuttingDown)
        return QStringLiteral("shutting down");
    if (!m_lastOk)
        return QStringLiteral("database unreachable");
    if (!ready())
        return QStringLiteral("database not answering");
    return QStringLiteral("ok");
}

void HealthMonitor::check()
{
    m_database.run<bool>(
        this,
        [](DbContext& context) {
            context.exec(QStringLiteral("SELECT 1"));
            return true;
        },
        [this](protocol::Result<bool> result) {
            m_lastOk = result.ok();
            if (m_lastOk)
                m_sinceSuccess.start();
        });
}

} // namespace moim::server
