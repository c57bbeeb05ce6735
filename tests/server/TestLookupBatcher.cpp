// LookupBatcher: lookups queued together are answered by one call of the lookup, each with
// its own value; a key without one gets nullopt, a failed lookup an `internal` error for all.
#include <QTest>
#include <server/DatabasePool.h>
#include <server/LookupBatcher.h>
#include <testsupport/PoolGate.h>
#include <testsupport/TestDatabases.h>

using namespace moim::server;
using moim::protocol::ErrorCode;
using moim::protocol::Result;

class TestLookupBatcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void queuedLookupsShareOneCall();
    void failureAnswersEveryone();
    void batchesAreBounded();
    void sqliteLooksUpOneByOne();
};

namespace {

struct Answers {
    QHash<int, std::optional<QString>> values;
    QList<int> failed;
};

} // namespace

void TestLookupBatcher::queuedLookupsShareOneCall()
{
    MOIM_SCRATCH_DATABASE(db, QStringLiteral("sqlite"));
    DatabasePool pool(db.settings(), 1);
    QString error;
    QVERIFY2(pool.start(&error), qPrintable(error));
    std::atomic<int> calls{0};
    QList<QList<int>> batches;
    LookupBatcher<int, QString> batcher(
        pool,
        [&](DbContext&, const QList<int>& keys) {
            ++calls;
            batches.append(keys);
            QHash<int, QString> found;
            for (const int key : keys) {
                if (key % 2 == 0)
                    found.insert(key, QString::number(key * 10));
            }
            return found;
        },
        500);
    QObject receiver;
    Answers answers;
    const auto ask = [&](int key) {
        batcher.find(&receiver, key, [&answers, key](Result<std::optional<QString>> result) {
            if (result)
                answers.values.insert(key, result.value());
            else
                answers.failed.append(key);
        });
    };
    {
        moim::test::PoolGate gate(pool, 1);
        for (int key = 0; key < 40; ++key)
            ask(key);
        ask(4); // asked twice: both get it
        gate.release();
        QTRY_COMPARE(answers.values.size(), 40);
    }
    QCOMPARE(calls.load(), 1);
    QCOMPARE(batches.first().size(), 41);
    for (int key = 0; key < 40; ++key) {
        QCOMPARE(answers.values.value(key),
                 key % 2 == 0 ? std::optional<QString>(QString::number(key * 10)) : std::nullopt);
    }
    QVERIFY(answers.failed.isEmpty());

    // Alone, a lookup is not kept waiting for company.
    answers = {};
    ask(8);
    QTRY_COMPARE(answers.values.value(8), std::optional<QString>(QStringLiteral("80")));
    QCOMPARE(calls.load(), 2);
}

void TestLookupBatcher::failureAnswersEveryone()
{
    MOIM_SCRATCH_DATABASE(db, QStringLiteral("sqlite"));
    DatabasePool pool(db.settings(), 1);
    QString error;
    QVERIFY2(pool.start(&error), qPrintable(error));
    LookupBatcher<int, QString> batcher(pool, [](DbContext& context, const QList<int>&) {
        context.exec(QStringLiteral("SELECT * FROM no_such_table"));
        return QHash<int, QString>();
    });
    QObject receiver;
    QList<ErrorCode> errors;
    {
        moim::test::PoolGate gate(pool, 1);
        for (int key = 0; key < 3; ++key)
            batcher.find(&receiver, key, [&errors](Result<std::optional<QString>> result) {
                errors.append(result ? ErrorCode::BadRequest : result.error().code);
            });
        gate.release();
        QTRY_COMPARE(errors.size(), 3);
    }
    QCOMPARE(errors,
             (QList<ErrorCode>{ErrorCode::Internal, ErrorCode::Internal, ErrorCode::Internal}));
}

void TestLookupBatcher::batchesAreBounded()
{
    MOIM_SCRATCH_DATABASE(db, QStringLiteral("sqlite"));
    DatabasePool pool(db.settings(), 1);
    QString error;
    QVERIFY2(pool.start(&error), qPrintable(error));
    QList<int> sizes;
    LookupBatcher<int, int> batcher(
        pool,
        [&sizes](DbContext&, const QList<int>& keys) {
            sizes.append(int(keys.size()));
            QHash<int, int> found;
            for (const int key : keys)
                found.insert(key, key);
            return found;
        },
        4);
    QObject receiver;
    int answered = 0;
    {
        moim::test::PoolGate gate(pool, 1);
        for (int key = 0; key < 10; ++key)
            batcher.find(&receiver, key, [&answered](Result<std::optional<int>> result) {
                answered += result && result.value() ? 1 : 0;
            });
        gate.release();
        QTRY_COMPARE(answered, 10);
    }
    QCOMPARE(sizes, (QList<int>{4, 4, 2}));
}

void TestLookupBatcher::sqliteLooksUpOneByOne()
{
    // By default only PostgreSQL batches: on SQLite a lookup is a function call, and two
    // workers reading one key each beat one going through a batch.
    MOIM_SCRATCH_DATABASE(db, QStringLiteral("sqlite"));
    DatabasePool pool(db.settings(), 1);
    QString error;
    QVERIFY2(pool.start(&error), qPrintable(error));
    QList<int> sizes;
    LookupBatcher<int, int> batcher(pool, [&sizes](DbContext&, const QList<int>& keys) {
        sizes.append(int(keys.size()));
        return QHash<int, int>();
    });
    QObject receiver;
    int answered = 0;
    {
        moim::test::PoolGate gate(pool, 1);
        for (int key = 0; key < 3; ++key)
            batcher.find(&receiver, key, [&answered](Result<std::optional<int>> result) {
                answered += result && !result.value() ? 1 : 0;
            });
        gate.release();
        QTRY_COMPARE(answered, 3);
    }
    QCOMPARE(sizes, (QList<int>{1, 1, 1}));
}

QTEST_GUILESS_MAIN(TestLookupBatcher)
#include "TestLookupBatcher.moc"
