#include "server/DatabasePool.h"

#include <algorithm>
#include <util/LogCategories.h>

namespace moim::server {

namespace {
// Requests in one group commit: enough to share a commit among a burst, few enough that the
// first of them does not wait long for the last.
constexpr size_t kLargestGroup = 128;
} // namespace

DatabasePool::DatabasePool(DatabaseSettings settings, int threadCount)
    : m_settings(std::move(settings))
    , m_threadCount(std::max(1, threadCount))
    , m_groupSlots(size_t(m_settings.backend == DatabaseBackend::Postgres ? m_threadCount : 1))
{}

DatabasePool::~DatabasePool()
{
    stop();
}

void DatabasePool::logFailure(const char* what)
{
    qCWarning(lcDb).noquote() << QString::fromUtf8(what);
}

bool DatabasePool::start(QString* error)
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    const auto spawn = [this](int index) {
        std::promise<QString> opened;
        std::future<QString> result = opened.get_future();
        m_threads.emplace_back(&DatabasePool::workerLoop, this, index, std::move(opened));
        return result;
    };
    // The first connection opens alone: on a new SQLite file it switches the journal to WAL,
    // which needs an exclusive lock that connections opening beside it would make fail.
    QString firstError = spawn(0).get();
    std::vector<std::future<QString>> others;
    for (int i = 1; i < m_threadCount && firstError.isEmpty(); ++i)
        others.push_back(spawn(i));
    for (auto& result : others) {
        const QString problem = result.get();
        if (!problem.isEmpty() && firstError.isEmpty())
            firstError = problem;
    }
    if (!firstError.isEmpty()) {
        stop();
        *error = firstError;
        return false;
    }
    return true;
}

void DatabasePool::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& thread : m_threads)
        thread.join();
    m_threads.clear();
}

size_t DatabasePool::queuedJobs() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size() + groupedQueued();
}

void DatabasePool::postGrouped(GroupedJob job)
{
    {
        std::lock_guard lock(m_mutex);
        job.order = m_nextOrder++;
        m_groupSlots[size_t(slotOf(job.lane))].queued.push_back(std::move(job));
    }
    m_wake.notify_one();
}

int DatabasePool::slotOf(quint64 lane) const
{
    return int(lane % quint64(m_groupSlots.size()));
}

size_t DatabasePool::groupedQueued() const
{
    size_t queued = 0;
    for (const GroupSlot& slot : m_groupSlots)
        queued += slot.queued.size();
    return queued;
}

std::optional<int> DatabasePool::readySlot() const
{
    std::optional<int> oldest;
    for (size_t slot = 0; slot < m_groupSlots.size(); ++slot) {
        const GroupSlot& candidate = m_groupSlots[slot];
        if (candidate.running || candidate.queued.empty())
            continue;
        if (!oldest ||
            candidate.queued.front().order < m_groupSlots[size_t(*oldest)].queued.front().order)
            oldest = int(slot);
    }
    return oldest;
}

std::vector<DatabasePool::GroupedJob> DatabasePool::takeGroup(int slot)
{
    GroupSlot& taken = m_groupSlots[size_t(slot)];
    std::vector<GroupedJob> group;
    const size_t count = std::min(kLargestGroup, taken.queued.size());
    group.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        group.push_back(std::move(taken.queued.front()));
        taken.queued.pop_front();
    }
    taken.running = true;
    return group;
}

void DatabasePool::runGroup(DbContext& context, std::vector<GroupedJob>& group)
{
    bool committed = false;
    // The first attempt runs the jobs bare: a savepoint per job costs two more round trips,
    // and on PostgreSQL a subtransaction, whose locks on a row the group already locked
    // become multixacts. Savepoints only matter when a job fails, so when anything fails
    // (a job, or the transaction as a whole: a lost connection, a serialization failure),
    // every job runs again in a savepoint of its own, the failed attempt having left nothing,
    // and only a job that fails again fails.
    // The first attempt may also leave writes to the group's end (DbContext::beginGroup).
    std::vector<quint64> lanes;
    lanes.reserve(group.size());
    for (const GroupedJob& job : group)
        lanes.push_back(job.lane);
    std::sort(lanes.begin(), lanes.end());
    lanes.erase(std::unique(lanes.begin(), lanes.end()), lanes.end());
    for (int attempt = 0; attempt < 3 && !committed; ++attempt) {
        const Isolation isolation = attempt == 0 ? Isolation::None : Isolation::Savepoint;
        struct GroupScope {
            DbContext& context;
            ~GroupScope() { context.endGroup(); }
        } scope{context};
        try {
            context.ensureOpen();
            SqlTransaction transaction(context);
            if (isolation == Isolation::None)
                context.beginGroup(lanes);
            for (GroupedJob& job : group)
                job.run(context, isolation);
            context.flushGroup();
            transaction.commit();
            committed = true;
        } catch (const std::exception& error) {
            if (isolation == Isolation::None)
                qCDebug(lcDb).noquote() << "group failed, running it again job by job:"
                                        << QString::fromUtf8(error.what());
            else
                logFailure(error.what());
        }
    }
    for (GroupedJob& job : group)
        job.finish(committed);
}

void DatabasePool::post(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void DatabasePool::workerLoop(int index, std::promise<QString> opened)
{
    {
        DbContext context(QStringLiteral("moim-db-%1-%2").arg(quintptr(this), 0, 16).arg(index),
                          m_settings);
        try {
            context.ensureOpen();
            opened.set_value(QString());
        } catch (const DbError& error) {
            opened.set_value(QString::fromUtf8(error.what()));
            return;
        }
        // Grouped and single jobs take turns, so neither kind starves the other.
        bool groupsTurn = true;
        for (;;) {
            Job job;
            std::vector<GroupedJob> group;
            int groupSlot = 0;
            {
                std::unique_lock lock(m_mutex);
                const auto drained = [this] { return m_queue.empty() && groupedQueued() == 0; };
                std::optional<int> slot;
                m_wake.wait(lock, [&] {
                    slot = readySlot();
                    return (m_stopping && drained()) || !m_queue.empty() || slot;
                });
                if (drained())
                    break; // stopping, and everything queued has run
                if (slot && (m_queue.empty() || groupsTurn)) {
                    groupSlot = *slot;
                    group = takeGroup(groupSlot);
                } else {
                    job = std::move(m_queue.front());
                    m_queue.pop_front();
                }
                groupsTurn = !groupsTurn;
            }
            if (!group.empty()) {
                runGroup(context, group);
                {
                    std::lock_guard lock(m_mutex);
                    m_groupSlots[size_t(groupSlot)].running = false;
                }
                m_wake.notify_all();
            } else {
                try {
                    job(context);
                } catch (const std::exception& error) {
                    // Jobs posted raw should catch their own errors; this keeps the worker
                    // alive.
                    logFailure(error.what());
                }
            }
            context.releaseStatements();
        }
    }
}

} // namespace moim::server
