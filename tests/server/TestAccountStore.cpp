#include <QTest>
#include <atomic>
#include <crypto/SessionToken.h>
#include <server/AccountStore.h>
#include <server/DatabasePool.h>
#include <server/DbContext.h>
#include <server/Migrator.h>
#include <testsupport/TestDatabases.h>

using namespace moim::server;

class TestAccountStore : public QObject {
    Q_OBJECT

    static QByteArray digest(char fill) { return moim::crypto::tokenDigest(QByteArray(32, fill)); }

private Q_SLOTS:
    void usersAndDevices_data() { moim::test::addBackendRows(); }
    void usersAndDevices()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        DbContext context(QStringLiteral("store"), db.settings());
        context.ensureOpen();
        Migrator(context).migrate();
        AccountStore store(context);

        const auto alice = store.createUserWithDevice(
            QStringLiteral("alice"), QStringLiteral("Alice"), QStringLiteral("hash-a"),
            QStringLiteral("phone"), digest('a'), 1000);
        QVERIFY(alice);
        QCOMPARE(alice->username, QStringLiteral("alice"));
        QVERIFY(!store.createUserWithDevice(QStringLiteral("alice"), QStringLiteral("Other"),
                                            QStringLiteral("hash-x"), QStringLiteral("pc"),
                                            digest('x'), 1001));
        // The refused sign-up left no device behind.
        QVERIFY(!store.sessionForToken(digest('x')));

        const auto user = store.findUser(QStringLiteral("alice"));
        QVERIFY(user);
        QCOMPARE(user->passwordHash, QStringLiteral("hash-a"));
        QVERIFY(!store.findUser(QStringLiteral("nobody")));

        const DeviceSession laptop =
            store.createDevice(*user, QStringLiteral("laptop"), digest('b'), 2000);
        const DeviceSession tablet =
            store.createDevice(*user, QStringLiteral("tablet"), digest('c'), 3000);
        const auto resumed = store.sessionForToken(digest('b'));
        QVERIFY(resumed);
        QCOMPARE(resumed->deviceId, laptop.deviceId);
        // Last-seen times only move forward.
        store.recordLastSeen({{laptop.deviceId, 5000}, {tablet.deviceId, 1000}});

        auto devices = store.listDevices(user->id, laptop.deviceId);
        QCOMPARE(devices.size(), 3);
        QCOMPARE(devices[1].name, QStringLiteral("laptop"));
        QVERIFY(devices[1].current);
        QVERIFY(!devices[0].current);
        QCOMPARE(devices[1].lastSeenMs, 5000);
        QCOMPARE(devices[2].lastSeenMs, 3000);

        const auto bob = store.createUserWithDevice(QStringLiteral("bob"), QStringLiteral("Bob"),
                                                    QStringLiteral("hash-b"), QStringLiteral("pc"),
                                                    digest('d'), 1000);
        QVERIFY(bob);
        // Nobody renames or revokes another user's device.
        QVERIFY(!store.renameDevice(bob->userId, laptop.deviceId, QStringLiteral("mine")));
        QVERIFY(!store.revokeDevice(bob->userId, laptop.deviceId, 6000));
        QVERIFY(store.renameDevice(user->id, laptop.deviceId, QStringLiteral("work laptop")));

        QVERIFY(store.revokeDevice(user->id, tablet.deviceId, 6000));
        QVERIFY(!store.revokeDevice(user->id, tablet.deviceId, 6001)); // already revoked
        QVERIFY(!store.sessionForToken(digest('c')));
        // Many at once (a reconnection storm): revoked and unknown digests are left out.
        const auto sessions =
            store.sessionsForTokens({digest('b'), digest('a'), digest('c'), digest('z')});
        QCOMPARE(sessions.size(), 2);
        QCOMPARE(sessions.value(digest('b')).deviceId, laptop.deviceId);
        QCOMPARE(sessions.value(digest('a')).deviceId, alice->deviceId);
        QCOMPARE(sessions.value(digest('a')).username, QStringLiteral("alice"));
        QVERIFY(!store.renameDevice(user->id, tablet.deviceId, QStringLiteral("gone")));
        QCOMPARE(store.listDevices(user->id, 0).size(), 2);

        const QList<quint64> revoked =
            store.changePassword(user->id, QStringLiteral("hash-new"), laptop.deviceId, 7000);
        QCOMPARE(revoked, QList<quint64>{alice->deviceId});
        QVERIFY(!store.sessionForToken(digest('a')));
        QVERIFY(store.sessionForToken(digest('b')));
        QCOMPARE(store.findUser(QStringLiteral("alice"))->passwordHash, QStringLiteral("hash-new"));
        QVERIFY(store.sessionForToken(digest('d'))); // bob untouched
    }

    void concurrentSignUpsForOneNameYieldOneAccount_data() { moim::test::addBackendRows(); }
    void concurrentSignUpsForOneNameYieldOneAccount()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        DatabasePool pool(db.settings(), 4);
        QString error;
        QVERIFY2(pool.start(&error), qPrintable(error));
        QVERIFY(pool.runBlocking<int>([](DbContext& c) { return Migrator(c).migrate(); }));

        constexpr int kAttempts = 24;
        std::atomic<int> created{0};
        std::atomic<int> refused{0};
        std::atomic<int> failed{0};
        for (int i = 0; i < kAttempts; ++i) {
            pool.post([&, i](DbContext& context) {
                try {
                    context.ensureOpen();
                    const auto session = AccountStore(context).createUserWithDevice(
                        QStringLiteral("race"), QStringLiteral("Race"), QStringLiteral("h"),
                        QStringLiteral("d"), digest(char('A' + i)), 1);
                    (session ? created : refused)++;
                } catch (const DbError&) {
                    failed++;
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(created + refused + failed, kAttempts, 30'000);
        QCOMPARE(failed.load(), 0);
        QCOMPARE(created.load(), 1);
        const auto devices = pool.runBlocking<qint64>([](DbContext& c) {
            QSqlQuery& q = c.exec(QStringLiteral("SELECT COUNT(*) FROM devices"));
            q.next();
            return q.value(0).toLongLong();
        });
        QCOMPARE(devices.value(), qint64(1));
        pool.stop();
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "TestAccountStore.moc"
