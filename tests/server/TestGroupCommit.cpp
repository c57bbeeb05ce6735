// Group commit: requests run with DatabasePool::runGrouped share one transaction (each in a
// savepoint once one of them failed), and hear back only after the commit. Nested
// SqlTransactions are savepoints.
#include <QTest>
#include <future>
#include <server/DatabasePool.h>
#include <server/DbContext.h>
#include <server/SqlTransaction.h>
#include <testsupport/PoolGate.h>
#include <testsupport/TestDatabases.h>

using namespace moim::server;
using moim::protocol::ErrorCode;
using moim::protocol::Result;

namespace {

const QString kCreate =
    QStringLiteral("CREATE TABLE gc_items (id BIGINT PRIMARY KEY, note TEXT NOT NULL)");

QList<qint64> idsIn(DbContext& context)
{
    QList<qint64> ids;
    QSqlQuery& query = context.exec(QStringLiteral("SELECT id FROM gc_items ORDER BY id"));
    while (query.next())
        ids.append(query.value(0).toLongLong());
    context.releaseStatements();
    return ids;
}

void insert(DbContext& context, qint64 id)
{
    context.exec(QStringLiteral("INSERT INTO gc_items (id, note) VALUES (?, ?)"),
                 {id, QStringLiteral("n")});
}

// A started pool whose database has the test table; null with *error set on failure.
std::unique_ptr<DatabasePool> poolWithTable(const DatabaseSettings& settings, int workers,
                                            QString* error)
{
    auto pool = std::make_unique<DatabasePool>(settings, workers);
    if (!pool->start(error))
        return nullptr;
    const auto created = pool->runBlocking<bool>([](DbContext& context) {
        context.execDirect(kCreate);
        return true;
    });
    if (!created) {
        *error = created.error().message;
        return nullptr;
    }
    return pool;
}

// Rows a group's requests leave to its end, as SendBatch does with events.
class DeferredInserts final : public DeferredWrites {
public:
    explicit DeferredInserts(DbContext& context)
        : m_context(context)
    {}
    void flush() override
    {
        for (const qint64 id : std::as_const(ids))
            insert(m_context, id);
        ids.clear();
    }
    QList<qint64> ids;

private:
    DbContext& m_context;
};

// In a test function with a backend row: `pool`, started with `workers` on a scratch database
// `db` that has the test table.
#define MOIM_POOL_WITH_TABLE(pool, db, workers)                                                    \
    QFETCH(QString, backend);                                                                      \
    MOIM_SCRATCH_DATABASE(db, backend);                                                            \
    QString poolError;                                                                             \
    const auto started = poolWithTable(db.settings(), workers, &poolError);                        \
    QVERIFY2(started, qPrintable(poolError));                                                      \
    DatabasePool& pool = *started

} // namespace

class TestGroupCommit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nestedTransactionIsSavepoint_data() { moim::test::addBackendRows(); }
    void nestedTransactionIsSavepoint();
    void failureUndoesOnlyItsOwn_data() { moim::test::addBackendRows(); }
    void failureUndoesOnlyItsOwn();
    void savepointsOnlyAfterAFailure_data() { moim::test::addBackendRows(); }
    void savepointsOnlyAfterAFailure();
    void deferredWritesJoinTheCommit_data() { moim::test::addBackendRows(); }
    void deferredWritesJoinTheCommit();
    void answersComeAfterTheCommit_data() { moim::test::addBackendRows(); }
    void answersComeAfterTheCommit();
    void manyRequestsAllStored_data() { moim::test::addBackendRows(); }
    void manyRequestsAllStored();
    void rowLocksInAnyOrderNeverDeadlock_data() { moim::test::addBackendRows(); }
    void rowLocksInAnyOrderNeverDeadlock();
    void otherLanesRunBeside_data() { moim::test::addBackendRows(); }
    void otherLanesRunBeside();
    void laneKeepsItsOrder_data() { moim::test::addBackendRows(); }
    void laneKeepsItsOrder();
};

void TestGroupCommit::nestedTransactionIsSavepoint()
{
    QFETCH(QString, backend);
    MOIM_SCRATCH_DATABASE(db, backend);
    DbContext context(QStringLiteral("nested"), db.settings());
    context.ensureOpen();
    context.execDirect(kCreate);
    {
        SqlTransaction outer(context);
        insert(context, 1);
        {
            SqlTransaction undone(context);
            insert(context, 2);
        } // not committed: back to before it
        {
            SqlTransaction kept(context);
            insert(context, 3);
            kept.commit();
        }
        QCOMPARE(context.transactionDepth(), 1);
        outer.commit();
    }
    QCOMPARE(context.transactionDepth(), 0);
    QCOMPARE(idsIn(context), (QList<qint64>{1, 3}));
    {
        SqlTransaction outer(context);
        insert(context, 4);
        SqlTransaction inner(context);
        insert(context, 5);
        inner.commit();
    } // the outer one was not committed: neither row stays
    QCOMPARE(idsIn(context), (QList<qint64>{1, 3}));
}

void TestGroupCommit::failureUndoesOnlyItsOwn()
{
    MOIM_POOL_WITH_TABLE(pool, db, 2);
    QObject receiver;
    QList<std::pair<int, bool>> answers;
    const auto request = [&](int number, std::function<int(DbContext&)> work) {
        pool.runGrouped<int>(&receiver, std::move(work), [&answers, number](Result<int> result) {
            answers.append({number, bool(result)});
            if (!result)
                QCOMPARE(result.error().code, ErrorCode::Internal);
        });
    };
    // All three queue while the workers are held, so they run as one group.
    moim::test::PoolGate gate(pool, 2);
    request(1, [](DbContext& context) {
        insert(context, 1);
        return 1;
    });
    request(2, [](DbContext& context) {
        insert(context, 2);
        insert(context, 1); // duplicate key: an SQL error, which on PostgreSQL would otherwise
                            // abort the whole shared transaction
        return 2;
    });
    request(3, [](DbContext& context) {
        insert(context, 3);
        return 3;
    });
    gate.release();
    QTRY_COMPARE(answers.size(), 3);
    QCOMPARE(answers, (QList<std::pair<int, bool>>{{1, true}, {2, false}, {3, true}}));
    const auto ids = pool.runBlocking<QList<qint64>>(idsIn);
    QVERIFY(ids);
    QCOMPARE(ids.value(), (QList<qint64>{1, 3}));
}

void TestGroupCommit::savepointsOnlyAfterAFailure()
{
    // A savepoint per request costs round trips on every send: a group runs its requests
    // straight in its transaction, and each in a savepoint only when the group runs again
    // after a failure.
    MOIM_POOL_WITH_TABLE(pool, db, 1);
    QObject receiver;
    QList<int> depths; // transaction depth seen by each run of a work, in order
    int answered = 0;
    const auto request = [&](std::function<int(DbContext&)> work) {
        pool.runGrouped<int>(
            &receiver,
            [&depths, work](DbContext& context) {
                depths.append(context.transactionDepth());
                return work(context);
            },
            [&answered](Result<int>) { ++answered; });
    };
    const auto inserting = [](qint64 id) {
        return [id](DbContext& context) {
            insert(context, id);
            return 0;
        };
    };
    {
        moim::test::PoolGate gate(pool, 1);
        request(inserting(1));
        request(inserting(2));
        gate.release();
        QTRY_COMPARE(answered, 2);
    }
    QCOMPARE(depths, (QList<int>{1, 1}));
    depths.clear();
    {
        moim::test::PoolGate gate(pool, 1);
        request(inserting(3));
        request(inserting(1)); // duplicate key
        request(inserting(4));
        gate.release();
        QTRY_COMPARE(answered, 5);
    }
    // The bare attempt stops at the failure; the second runs all three, each in a savepoint.
    QCOMPARE(depths, (QList<int>{1, 1, 2, 2, 2}));
    const auto ids = pool.runBlocking<QList<qint64>>(idsIn);
    QVERIFY(ids);
    QCOMPARE(ids.value(), (QList<qint64>{1, 2, 3, 4}));
}

void TestGroupCommit::deferredWritesJoinTheCommit()
{
    MOIM_POOL_WITH_TABLE(pool, db, 1);
    QObject receiver;
    struct Seen {
        bool inGroup = false;
        std::vector<quint64> lanes;
    };
    QList<Seen> seen;
    QList<bool> answers;
    const auto request = [&](qint64 id, quint64 lane) {
        pool.runGrouped<int>(
            &receiver,
            [&seen, id](DbContext& context) {
                seen.append({context.inGroup(),
                             context.inGroup() ? context.groupLanes() : std::vector<quint64>{}});
                if (context.inGroup())
                    context.groupWrites<DeferredInserts>().ids.append(id);
                else
                    insert(context, id);
                return 0;
            },
            [&answers](Result<int> result) { answers.append(bool(result)); }, lane);
    };
    {
        moim::test::PoolGate gate(pool, 1);
        request(1, 7);
        request(2, 3);
        request(3, 7);
        gate.release();
        QTRY_COMPARE(answers.size(), 3);
    }
    QCOMPARE(answers, (QList<bool>{true, true, true}));
    // One attempt, in the group; it names its lanes once each, in order.
    QCOMPARE(seen.size(), 3);
    for (const Seen& each : std::as_const(seen)) {
        QVERIFY(each.inGroup);
        QCOMPARE(each.lanes, (std::vector<quint64>{3, 7}));
    }
    auto ids = pool.runBlocking<QList<qint64>>(idsIn);
    QCOMPARE(ids.value(), (QList<qint64>{1, 2, 3}));

    // A deferred write that fails fails the attempt: the group runs again without
    // deferring, each request in a savepoint, so only the request at fault fails.
    seen.clear();
    answers.clear();
    {
        moim::test::PoolGate gate(pool, 1);
        request(4, 1);
        request(2, 1); // duplicate key, found only when the deferred rows are written
        request(5, 1);
        gate.release();
        QTRY_COMPARE(answers.size(), 3);
    }
    QCOMPARE(answers, (QList<bool>{true, false, true}));
    QCOMPARE(seen.size(), 6);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(seen.at(i).inGroup, i < 3);
    ids = pool.runBlocking<QList<qint64>>(idsIn);
    QCOMPARE(ids.value(), (QList<qint64>{1, 2, 3, 4, 5}));
    // Outside a group commit nothing is deferred.
    const auto alone = pool.runBlocking<bool>([](DbContext& context) { return context.inGroup(); });
    QCOMPARE(alone.value(), false);
}

void TestGroupCommit::answersComeAfterTheCommit()
{
    MOIM_POOL_WITH_TABLE(pool, db, 1);
    // Another connection sees the row when the answer comes: it was committed first.
    DbContext observer(QStringLiteral("observer"), db.settings());
    observer.ensureOpen();
    QObject receiver;
    QList<qint64> seenAtAnswer;
    bool answered = false;
    moim::test::PoolGate gate(pool, 1);
    for (qint64 id = 1; id <= 5; ++id) {
        pool.runGrouped<qint64>(
            &receiver,
            [id](DbContext& context) {
                insert(context, id);
                return id;
            },
            [&](Result<qint64> result) {
                QVERIFY(result);
                if (result.value() == 1) {
                    seenAtAnswer = idsIn(observer);
                    answered = true;
                }
            });
    }
    gate.release();
    QTRY_VERIFY(answered);
    // One transaction: when the first request hears back, all five are stored.
    QCOMPARE(seenAtAnswer, (QList<qint64>{1, 2, 3, 4, 5}));
}

void TestGroupCommit::manyRequestsAllStored()
{
    MOIM_POOL_WITH_TABLE(pool, db, 2);
    constexpr int kRequests = 600; // more than one group holds
    QObject receiver;
    int succeeded = 0;
    int answered = 0;
    for (int id = 1; id <= kRequests; ++id) {
        pool.runGrouped<bool>(
            &receiver,
            [id](DbContext& context) {
                insert(context, id);
                return true;
            },
            [&](Result<bool> result) {
                ++answered;
                succeeded += result ? 1 : 0;
            });
        // Single jobs in between still run.
        if (id % 100 == 0)
            pool.post([](DbContext& context) { idsIn(context); });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, kRequests, 60'000);
    QCOMPARE(succeeded, kRequests);
    const auto ids = pool.runBlocking<QList<qint64>>(idsIn);
    QVERIFY(ids);
    QCOMPARE(ids.value().size(), kRequests);
}

void TestGroupCommit::rowLocksInAnyOrderNeverDeadlock()
{
    // Sends lock their room's row for the sequence number. Requests for two rooms queued in
    // opposite orders once deadlocked two groups running at once (PostgreSQL aborted one and
    // every request in it failed).
    MOIM_POOL_WITH_TABLE(pool, db, 2);
    QVERIFY(pool.runBlocking<bool>([](DbContext& context) {
        for (qint64 id = 1; id <= 4; ++id)
            insert(context, id);
        return true;
    }));
    constexpr int kRequests = 400;
    QObject receiver;
    int succeeded = 0;
    int answered = 0;
    for (int i = 0; i < kRequests; ++i) {
        const qint64 first = 1 + (i % 4);
        const qint64 second = 4 - (i % 4);
        pool.runGrouped<bool>(
            &receiver,
            [first, second](DbContext& context) {
                for (const qint64 id : {first, second}) {
                    context.exec(context.isPostgres()
                                     ? QStringLiteral("SELECT note FROM gc_items WHERE id = ? FOR "
                                                      "UPDATE")
                                     : QStringLiteral("SELECT note FROM gc_items WHERE id = ?"),
                                 {id});
                    context.exec(QStringLiteral("UPDATE gc_items SET note = note || 'x' WHERE "
                                                "id = ?"),
                                 {id});
                }
                return true;
            },
            [&](Result<bool> result) {
                ++answered;
                succeeded += result ? 1 : 0;
            });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, kRequests, 60'000);
    QCOMPARE(succeeded, kRequests);
}

void TestGroupCommit::otherLanesRunBeside()
{
    // While a group of lane 1 is held inside its transaction, a request of lane 2 commits on
    // PostgreSQL (one group per worker); on SQLite, with one writer, it waits its turn, and so
    // does a second request of lane 1 on both.
    MOIM_POOL_WITH_TABLE(pool, db, 2);
    QObject receiver;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> holding{false};
    QList<qint64> answered;
    const auto request = [&](qint64 id, quint64 lane, bool hold) {
        pool.runGrouped<qint64>(
            &receiver,
            [&, id, hold](DbContext& context) {
                insert(context, id);
                if (hold) {
                    holding = true;
                    released.wait();
                }
                return id;
            },
            [&](Result<qint64> result) {
                QVERIFY(result);
                answered.append(result.value());
            },
            lane);
    };
    request(1, 1, true);
    QTRY_VERIFY(holding.load());
    request(2, 1, false);
    request(3, 2, false);
    if (db.settings().backend == DatabaseBackend::Postgres) {
        QTRY_COMPARE(answered, QList<qint64>{3});
    } else {
        QTest::qWait(300);
        QCOMPARE(answered, QList<qint64>{});
    }
    release.set_value();
    QTRY_COMPARE(answered.size(), 3);
    // Lane 1 kept its order.
    QVERIFY(answered.indexOf(1) < answered.indexOf(2));
}

void TestGroupCommit::laneKeepsItsOrder()
{
    // Requests of three lanes, interleaved: each lane's run in the order queued, never two of
    // a lane at once, and all are stored.
    MOIM_POOL_WITH_TABLE(pool, db, 2);
    constexpr int kRequests = 600;
    constexpr quint64 kLanes = 3;
    std::mutex mutex;
    QList<qint64> ranByLane[kLanes];
    std::atomic<int> running[kLanes] = {};
    std::atomic<int> overlaps{0};
    QObject receiver;
    int answered = 0;
    for (qint64 id = 1; id <= kRequests; ++id) {
        const quint64 lane = quint64(id * 7 % kLanes);
        pool.runGrouped<bool>(
            &receiver,
            [&, id, lane](DbContext& context) {
                if (running[lane]++ > 0)
                    ++overlaps;
                insert(context, id);
                {
                    std::lock_guard lock(mutex);
                    ranByLane[lane].append(id);
                }
                --running[lane];
                return true;
            },
            [&](Result<bool> result) {
                QVERIFY(result);
                ++answered;
            },
            lane);
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, kRequests, 60'000);
    QCOMPARE(overlaps.load(), 0);
    for (const QList<qint64>& ran : ranByLane) {
        QVERIFY(!ran.isEmpty());
        QVERIFY(std::is_sorted(ran.cbegin(), ran.cend()));
    }
    const auto ids = pool.runBlocking<QList<qint64>>(idsIn);
    QVERIFY(ids);
    QCOMPARE(ids.value().size(), kRequests);
}

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "TestGroupCommit.moc"
