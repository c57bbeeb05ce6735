// Last-seen times noted in memory and written in batches (LastSeenWriter): device lists
// overlay what is not written yet, so no reader sees an older time, and stored times only
// move forward. Both backends.
#include <QTest>
#include <crypto/SessionToken.h>
#include <server/AccountStore.h>
#include <server/DatabasePool.h>
#include <server/DbContext.h>
#include <server/LastSeenWriter.h>
#include <server/Migrator.h>
#include <testsupport/PoolGate.h>
#include <testsupport/TestDatabases.h>
#include <thread>

using namespace moim::server;

namespace {

constexpr qint64 kCreated = 1000;

struct Devices {
    quint64 userId = 0;
    quint64 phone = 0;
    quint64 laptop = 0;
};

// One user with two devices, created at kCreated.
Devices makeDevices(DatabasePool& pool)
{
    const auto made = pool.runBlocking<Devices>([](DbContext& context) {
        Migrator(context).migrate();
        AccountStore store(context);
        const auto phone = store.createUserWithDevice(
            QStringLiteral("alice"), QStringLiteral("Alice"), QStringLiteral("hash"),
            QStringLiteral("phone"), moim::crypto::tokenDigest(QByteArray(32, 'p')), kCreated);
        const DeviceSession laptop =
            store.createDevice(*store.userById(phone->userId), QStringLiteral("laptop"),
                               moim::crypto::tokenDigest(QByteArray(32, 'l')), kCreated);
        return Devices{phone->userId, phone->deviceId, laptop.deviceId};
    });
    return made ? made.value() : Devices{};
}

// deviceId → last seen, as stored (overlay false) or as a device list shows it (true).
QHash<quint64, qint64> lastSeen(DatabasePool& pool, const Devices& devices,
                                const LastSeenWriter* overlay)
{
    const auto listed = pool.runBlocking<QList<moim::protocol::DeviceInfo>>(
        [&](DbContext& context) { return AccountStore(context).listDevices(devices.userId, 0); });
    QList<moim::protocol::DeviceInfo> list =
        listed ? listed.value() : QList<moim::protocol::DeviceInfo>{};
    if (overlay)
        overlay->overlay(list);
    QHash<quint64, qint64> seen;
    for (const auto& device : list)
        seen.insert(device.id, device.lastSeenMs);
    return seen;
}

} // namespace

class TestLastSeenWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void notedTimesShowAtOnceAndAreWrittenOnFlush_data() { moim::test::addBackendRows(); }
    void notedTimesShowAtOnceAndAreWrittenOnFlush()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        DatabasePool pool(db.settings(), 1);
        QString error;
        QVERIFY2(pool.start(&error), qPrintable(error));
        const Devices devices = makeDevices(pool);
        QVERIFY(devices.phone && devices.laptop);
        LastSeenWriter writer(pool);

        writer.note(devices.phone, 5000);
        writer.note(devices.phone, 4000); // an older time noted later does not win
        writer.note(devices.laptop, 7000);
        // Shown at once, not stored yet.
        QCOMPARE(lastSeen(pool, devices, &writer).value(devices.phone), 5000);
        QCOMPARE(lastSeen(pool, devices, &writer).value(devices.laptop), 7000);
        QCOMPARE(lastSeen(pool, devices, nullptr).value(devices.phone), kCreated);

        // Between the flush and its commit (the worker is held), lists still show the noted
        // times.
        moim::test::PoolGate gate(pool, 1);
        writer.flush();
        QList<moim::protocol::DeviceInfo> held{{devices.phone, {}, kCreated, kCreated, false}};
        writer.overlay(held);
        QCOMPARE(held.first().lastSeenMs, 5000);
        gate.release();

        QTRY_COMPARE(lastSeen(pool, devices, nullptr).value(devices.phone), 5000);
        QCOMPARE(lastSeen(pool, devices, nullptr).value(devices.laptop), 7000);
        QCOMPARE(lastSeen(pool, devices, &writer).value(devices.phone), 5000);

        // Stored times only move forward, whatever order the notes and flushes come in.
        writer.note(devices.phone, 3000);
        writer.flush();
        writer.note(devices.laptop, 9000);
        writer.flush();
        QTRY_COMPARE(lastSeen(pool, devices, nullptr).value(devices.laptop), 9000);
        QCOMPARE(lastSeen(pool, devices, nullptr).value(devices.phone), 5000);
        QCOMPARE(lastSeen(pool, devices, &writer).value(devices.phone), 5000);
    }

    void notesFromManyThreads_data() { moim::test::addBackendRows(); }
    void notesFromManyThreads()
    {
        // Socket threads note while the timer flushes: the newest time of each device is
        // stored in the end, and none is lost on the way.
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        DatabasePool pool(db.settings(), 2);
        QString error;
        QVERIFY2(pool.start(&error), qPrintable(error));
        const Devices devices = makeDevices(pool);
        QVERIFY(devices.phone && devices.laptop);
        LastSeenWriter writer(pool);
        constexpr int kNotes = 2000;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 1; i <= kNotes; ++i)
                    writer.note(t % 2 ? devices.phone : devices.laptop, kCreated + i * 4 + t);
            });
        }
        for (int i = 0; i < 50; ++i) {
            writer.flush();
            QThread::usleep(200);
        }
        for (std::thread& thread : threads)
            thread.join();
        writer.flush();
        QTRY_COMPARE(lastSeen(pool, devices, nullptr).value(devices.laptop),
                     kCreated + kNotes * 4 + 2);
        QTRY_COMPARE(lastSeen(pool, devices, nullptr).value(devices.phone),
                     kCreated + kNotes * 4 + 3);
    }
};

QTEST_GUILESS_MAIN(TestLastSeenWriter)
#include "TestLastSeenWriter.moc"
