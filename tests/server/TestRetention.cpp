#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <crypto/SessionToken.h>
#include <server/AccountStore.h>
#include <server/BlobCollector.h>
#include <server/BlobMetadataStore.h>
#include <server/BlobStore.h>
#include <server/DatabasePool.h>
#include <server/EventStore.h>
#include <server/Migrator.h>
#include <server/RetentionJob.h>
#include <server/RetentionStore.h>
#include <server/RoomStore.h>
#include <server/SqlTransaction.h>
#include <server/TeamStore.h>
#include <testsupport/TestDatabases.h>

using namespace moim::server;
using moim::protocol::EventKind;

namespace {
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
}

class TestRetention : public QObject {
    Q_OBJECT

    static qint64 eventCount(DatabasePool& pool, quint64 roomId)
    {
        return pool
            .runBlocking<qint64>([roomId](DbContext& c) {
                QSqlQuery& q =
                    c.exec(QStringLiteral("SELECT COUNT(*) FROM events WHERE room_id = ?"),
                           {qint64(roomId)});
                q.next();
                return q.value(0).toLongLong();
            })
            .value();
    }

    static qint64 runPass(RetentionJob& job)
    {
        std::optional<qint64> deleted;
        job.runOnce([&](qint64 n) { deleted = n; });
        if (!QTest::qWaitFor([&] { return deleted.has_value(); }, 30'000))
            return -1;
        return deleted.value_or(-1);
    }

private Q_SLOTS:
    void expiredHistoryGoesInBatches_data() { moim::test::addBackendRows(); }
    void expiredHistoryGoesInBatches()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        DatabasePool pool(db.settings(), 2);
        QString error;
        QVERIFY2(pool.start(&error), qPrintable(error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        struct Rooms {
            quint64 kept = 0;    // team following the global policy (30 days)
            quint64 short_ = 0;  // team keeping 2 days
            quint64 forever = 0; // team keeping everything
        };
        const auto rooms = pool.runBlocking<Rooms>([now](DbContext& c) {
            Migrator(c).migrate();
            const auto user = AccountStore(c).createUserWithDevice(
                QStringLiteral("ret"), QStringLiteral("R"), QStringLiteral("h"),
                QStringLiteral("d"), moim::crypto::tokenDigest(QByteArrayLiteral("t")), now);
            TeamStore teams(c);
            Rooms r;
            QList<quint64*> targets{&r.kept, &r.short_, &r.forever};
            const QStringList handles{QStringLiteral("kept"), QStringLiteral("brief"),
                                      QStringLiteral("always")};
            for (int i = 0; i < 3; ++i) {
                const quint64 team = *teams.createTeam(handles[i], handles[i], user->userId, now);
                *targets[i] = *teams.generalChannel(team);
                EventStore events(c);
                // 25 events 40 days old, 25 five days old, 5 from now.
                for (int n = 0; n < 55; ++n) {
                    const qint64 at = n < 25 ? now - 40 * kDayMs : n < 50 ? now - 5 * kDayMs : now;
                    events.appendServerEvent(*targets[i], EventKind::MemberJoined, user->userId,
                                             user->userId, at);
                }
            }
            RetentionStore(c).setTeamRetention(QStringLiteral("brief"), 2);
            RetentionStore(c).setTeamRetention(QStringLiteral("always"), 0);
            return r;
        });
        QVERIFY(rooms);

        // Batches of 7 must still delete everything expired, over several jobs.
        RetentionJob job(pool, 30, 7);
        QCOMPARE(runPass(job), 25 + 50);
        QCOMPARE(eventCount(pool, rooms->kept), 30);
        QCOMPARE(eventCount(pool, rooms->short_), 5);
        QCOMPARE(eventCount(pool, rooms->forever), 55);
        // A second pass finds nothing; new events keep their sequence numbers going.
        QCOMPARE(runPass(job), 0);
        const auto seq = pool.runBlocking<quint64>([&](DbContext& c) {
            return EventStore(c)
                .appendServerEvent(rooms->short_, EventKind::MemberLeft, 1, 1, now)
                .seq;
        });
        QCOMPARE(seq.value(), 56);
        // History after retention starts where the kept events start.
        const auto page = pool.runBlocking<moim::protocol::Events>([&](DbContext& c) {
            return EventStore(c).page(moim::protocol::History{rooms->kept, {}, {}, {}, 200});
        });
        QCOMPARE(page->events.first().seq, 26);
        QVERIFY(!page->hasMoreBefore);
        pool.stop();
    }

    // Retention removes events; the files they named go once the grace period is over, and a
    // reference whose event vanished another way is dropped.
    void filesOfExpiredEventsAreCollected_data() { moim::test::addBackendRows(); }
    void filesOfExpiredEventsAreCollected()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        QTemporaryDir dataDir;
        const BlobStore files(dataDir.path());
        QString error;
        QVERIFY2(files.prepare(&error), qPrintable(error));
        DatabasePool pool(db.settings(), 2);
        QVERIFY2(pool.start(&error), qPrintable(error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 old = now - 40 * kDayMs;
        // expired: named by an expired event; orphan: named by an event that is gone;
        // current: named by a kept event; fresh: named by nothing, but within the grace period.
        const QByteArray expired(32, 'e'), orphan(32, 'o'), current(32, 'c'), fresh(32, 'f');
        const auto stored = pool.runBlocking<bool>([&](DbContext& c) {
            Migrator(c).migrate();
            const auto user = AccountStore(c).createUserWithDevice(
                QStringLiteral("files"), QStringLiteral("F"), QStringLiteral("h"),
                QStringLiteral("d"), moim::crypto::tokenDigest(QByteArrayLiteral("t")), now);
            TeamStore teams(c);
            const quint64 room = *teams.generalChannel(
                *teams.createTeam(QStringLiteral("files"), {}, user->userId, now));
            EventStore events(c);
            BlobMetadataStore blobs(c);
            const auto add = [&](const QByteArray& id, qint64 at) {
                blobs.insertBlob(id, 3, user->userId, at);
                blobs.addToRoom(id, room, at);
                QFile file(files.blobPath(id));
                return QDir().mkpath(QFileInfo(file).absolutePath()) &&
                       file.open(QIODevice::WriteOnly) && file.write("abc") == 3;
            };
            if (!add(expired, old) || !add(orphan, old) || !add(current, old) || !add(fresh, now))
                return false;
            const auto event = [&](qint64 at) {
                return events
                    .appendServerEvent(room, EventKind::MemberJoined, user->userId, user->userId,
                                       at)
                    .seq;
            };
            blobs.attachToEvent(room, event(old), {expired});
            blobs.attachToEvent(room, 999, {orphan});
            blobs.attachToEvent(room, event(now), {current});
            return true;
        });
        QVERIFY(stored && stored.value());
        const auto rows = [&](const char* table) {
            return pool
                .runBlocking<qint64>([table](DbContext& c) {
                    QSqlQuery& q = c.exec(
                        QStringLiteral("SELECT COUNT(*) FROM %1").arg(QString::fromLatin1(table)));
                    q.next();
                    return q.value(0).toLongLong();
                })
                .value();
        };
        QCOMPARE(rows("event_blobs"), 3);

        BlobCollector collector(pool, files, 24, 1);
        RetentionJob job(pool, 30, 1000);
        job.setBlobCollector(&collector);
        QCOMPARE(runPass(job), 1);
        QCOMPARE(rows("event_blobs"), 1); // the kept event's
        QCOMPARE(rows("blobs"), 2);
        QCOMPARE(rows("blob_rooms"), 2);
        QVERIFY(!QFile::exists(files.blobPath(expired)));
        QVERIFY(!QFile::exists(files.blobPath(orphan)));
        QVERIFY(QFile::exists(files.blobPath(current)));
        QVERIFY(QFile::exists(files.blobPath(fresh)));

        // A pass with nothing to do changes nothing.
        std::optional<BlobCollector::Counts> counts;
        collector.runOnce([&](BlobCollector::Counts done) { counts = done; });
        QVERIFY(QTest::qWaitFor([&] { return counts.has_value(); }, 30'000));
        QCOMPARE(counts->blobs + counts->references + counts->uploads, 0);
        pool.stop();
    }

    void postgresAnalyzesAGrowingMonth()
    {
        // Plans cached while this month's partition looked empty are made again once it grew.
        MOIM_SCRATCH_DATABASE(db, QStringLiteral("postgres"));
        DatabasePool pool(db.settings(), 1);
        QString error;
        QVERIFY2(pool.start(&error), qPrintable(error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto analyze = [&] {
            return pool
                .runBlocking<bool>(
                    [&](DbContext& c) { return RetentionStore(c).analyzeGrownPartition(now); })
                .value();
        };
        quint64 userId = 0;
        quint64 roomId = 0;
        QVERIFY(pool.runBlocking<bool>([&](DbContext& c) {
            Migrator(c).migrate();
            RetentionStore(c).ensurePartitions(now);
            const auto user = AccountStore(c).createUserWithDevice(
                QStringLiteral("busy"), QStringLiteral("B"), QStringLiteral("h"),
                QStringLiteral("d"), moim::crypto::tokenDigest(QByteArrayLiteral("t")), now);
            TeamStore teams(c);
            userId = user->userId;
            roomId =
                *teams.generalChannel(*teams.createTeam(QStringLiteral("busy"), {}, userId, now));
            return true;
        }));
        const auto append = [&](int count) {
            QVERIFY(pool.runBlocking<bool>([&](DbContext& c) {
                SqlTransaction transaction(c);
                EventStore events(c);
                for (int n = 0; n < count; ++n)
                    events.appendServerEvent(roomId, EventKind::MemberJoined, userId, userId, now);
                transaction.commit();
                // Counters reach the shared statistics when the connection next idles.
                c.execDirect(QStringLiteral("SELECT pg_stat_force_next_flush()"));
                return true;
            }));
            QTest::qWait(200);
        };
        append(int(RetentionStore::kGrownRows) - 100);
        QVERIFY(!analyze()); // too few rows to matter
        // Autovacuum may analyze the partition meanwhile; then it must double again.
        bool analyzed = false;
        for (int chunk = 0; chunk < 12 && !analyzed; ++chunk) {
            append(500);
            analyzed = analyze();
        }
        QVERIFY(analyzed);
        QVERIFY(!analyze()); // nothing changed since
        append(500);
        QVERIFY(!analyze()); // grown, but not doubled
        pool.stop();
    }

    void postgresDropsWholeMonths()
    {
        MOIM_SCRATCH_DATABASE(db, QStringLiteral("postgres"));
        DatabasePool pool(db.settings(), 2);
        QString error;
        QVERIFY2(pool.start(&error), qPrintable(error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 old = now - 100 * kDayMs; // its month ended at least 69 days ago
        const auto room = pool.runBlocking<quint64>([&](DbContext& c) {
            Migrator(c).migrate();
            RetentionStore(c).ensurePartitionFor(old);
            RetentionStore(c).ensurePartitions(now);
            const auto user = AccountStore(c).createUserWithDevice(
                QStringLiteral("old"), QStringLiteral("O"), QStringLiteral("h"),
                QStringLiteral("d"), moim::crypto::tokenDigest(QByteArrayLiteral("t")), now);
            TeamStore teams(c);
            const quint64 general = *teams.generalChannel(
                *teams.createTeam(QStringLiteral("oldies"), {}, user->userId, now));
            EventStore events(c);
            for (int n = 0; n < 12; ++n)
                events.appendServerEvent(general, EventKind::MemberJoined, user->userId,
                                         user->userId, n < 10 ? old : now);
            return general;
        });
        QVERIFY(room);
        const auto partitionCount = [&] {
            return pool
                .runBlocking<qint64>([](DbContext& c) {
                    QSqlQuery& q = c.exec(QStringLiteral(
                        "SELECT COUNT(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                        "WHERE p.relname = 'events'"));
                    q.next();
                    return q.value(0).toLongLong();
                })
                .value();
        };
        const qint64 before = partitionCount();
        RetentionJob job(pool, 30, 1000);
        QCOMPARE(runPass(job), 10);
        QCOMPARE(partitionCount(), before - 1); // the old month went whole
        QCOMPARE(eventCount(pool, room.value()), 2);
        pool.stop();
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "TestRetention.moc"
