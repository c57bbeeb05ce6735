#pragma once

#include "server/DatabaseSettings.h"
#include "server/DbContext.h"
#include "server/SqlTransaction.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <protocol/Result.h>
#include <thread>
#include <util/ThreadPost.h>
#include <vector>

namespace moim::server {

// Worker threads that each own one database connection. Socket threads never touch QtSql:
// they post jobs here and get the result back on their own thread.
class DatabasePool {
public:
    using Job = std::function<void(DbContext&)>;

    DatabasePool(DatabaseSettings settings, int threadCount);
    ~DatabasePool();
    DatabasePool(const DatabasePool&) = delete;
    DatabasePool& operator=(const DatabasePool&) = delete;

    // Starts the threads and opens every connection; on failure stops again and says why.
    bool start(QString* error);
    // Runs what is queued, then closes the connections and joins the threads.
    void stop();

    const DatabaseSettings& settings() const { return m_settings; }
    size_t queuedJobs() const;

    void post(Job job);

    // Runs work on a worker; done(result) then runs on receiver's thread if receiver still
    // lives. A DbError in work becomes an `internal` error result.
    template <typename R>
    void run(QObject* receiver, std::function<R(DbContext&)> work,
             std::function<void(protocol::Result<R>)> done)
    {
        util::DeferredCall reply(receiver);
        post([work = std::move(work), done = std::move(done), reply](DbContext& context) {
            auto result = std::make_shared<protocol::Result<R>>(guarded<R>(context, work));
            reply.post([done, result] { done(std::move(*result)); });
        });
    }

    // Like run(), but the work joins the others queued this way in one transaction, and done
    // runs only after that transaction committed; if the commit fails, every done gets an
    // `internal` error. A work that throws undoes only its own changes: the group then runs
    // again with each work in a savepoint of its own (runGroup), so works must be safe to run
    // twice, as they are when the database does not answer a commit.
    // Many requests then cost one commit (one fsync): group commit, for the write path.
    // `lane` names the rows the work locks (a send: its room). On PostgreSQL, groups of
    // different lanes can run at once, one per worker; a lane's requests never run in two
    // groups at once and keep their order, since two groups sharing a lane could lock its rows
    // in opposite orders and deadlock. SQLite has one writer: one group at a time.
    template <typename R>
    void runGrouped(QObject* receiver, std::function<R(DbContext&)> work,
                    std::function<void(protocol::Result<R>)> done, quint64 lane = 0)
    {
        util::DeferredCall reply(receiver);
        auto result = std::make_shared<std::optional<protocol::Result<R>>>();
        postGrouped(GroupedJob{
            lane,
            [work = std::move(work), result](DbContext& context, Isolation isolation) {
                if (isolation == Isolation::Savepoint)
                    result->emplace(savepointed<R>(context, work));
                else
                    result->emplace(work(context));
            },
            [done = std::move(done), reply, result](bool committed) {
                auto outcome = std::make_shared<protocol::Result<R>>(
                    committed && result->has_value() ? std::move(**result) : databaseError<R>());
                reply.post([done, outcome] { done(std::move(*outcome)); });
            }});
    }

    // Blocks the calling thread until work ran: for start-up, tools and tests, never sockets.
    template <typename R> protocol::Result<R> runBlocking(std::function<R(DbContext&)> work)
    {
        std::promise<protocol::Result<R>> promise;
        auto future = promise.get_future();
        post([&](DbContext& context) { promise.set_value(guarded<R>(context, work)); });
        return future.get();
    }

    // Runs work on a worker's context (for jobs posted raw, such as LookupBatcher's): a
    // DbError in work is logged and becomes an `internal` error result.
    template <typename R>
    static protocol::Result<R> guarded(DbContext& context, const std::function<R(DbContext&)>& work)
    {
        try {
            context.ensureOpen();
            return work(context);
        } catch (const std::exception& error) {
            logFailure(error.what());
        }
        return databaseError<R>();
    }

private:
    enum class Isolation {
        None,      // a throw escapes and fails the whole group's attempt
        Savepoint, // a throw undoes this job's changes only and fails only this job
    };
    struct GroupedJob {
        quint64 lane = 0;
        std::function<void(DbContext&, Isolation)> run; // inside the group's transaction
        std::function<void(bool committed)> finish;
        quint64 order = 0; // when it was queued, among all grouped jobs (postGrouped)
    };

    template <typename R> static protocol::Result<R> databaseError()
    {
        return protocol::Result<R>::failure(protocol::ErrorCode::Internal,
                                            QStringLiteral("database error"));
    }
    template <typename R>
    static protocol::Result<R> savepointed(DbContext& context,
                                           const std::function<R(DbContext&)>& work)
    {
        try {
            SqlTransaction savepoint(context);
            R value = work(context);
            savepoint.commit();
            return value;
        } catch (const std::exception& error) {
            logFailure(error.what());
        }
        return databaseError<R>();
    }
    static void logFailure(const char* what);
    void postGrouped(GroupedJob job);
    // Lanes are dealt to group slots (one on SQLite, one per worker on PostgreSQL); a slot
    // runs one group at a time, so a lane never is in two groups at once.
    int slotOf(quint64 lane) const;
    // Under m_mutex: the free slot whose oldest queued job is the oldest of all, and taking
    // that slot's group from its queue. Both cost the number of slots, not of queued jobs,
    // since a saturated server queues thousands.
    std::optional<int> readySlot() const;
    size_t groupedQueued() const; // under m_mutex
    std::vector<GroupedJob> takeGroup(int slot);
    void runGroup(DbContext& context, std::vector<GroupedJob>& group);
    void workerLoop(int index, std::promise<QString> opened);

    DatabaseSettings m_settings;
    int m_threadCount;
    std::vector<std::thread> m_threads;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    struct GroupSlot {
        std::deque<GroupedJob> queued;
        bool running = false;
    };
    std::vector<GroupSlot> m_groupSlots;
    quint64 m_nextOrder = 0;
    bool m_stopping = false;
};

} // namespace moim::server
