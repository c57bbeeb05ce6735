#include <QSqlRecord>
#include <QTest>
#include <server/DbContext.h>
#include <server/Migrations.h>
#include <server/Migrator.h>
#include <testsupport/TestDatabases.h>

using namespace moim::server;

class TestMigrations : public QObject {
    Q_OBJECT

    static qint64 count(DbContext& context, const QString& table)
    {
        QSqlQuery& query = context.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table);
        query.next();
        const qint64 n = query.value(0).toLongLong();
        query.finish();
        return n;
    }

    // Data that a database at `version` could hold, written with that version's schema.
    static void writeFixture(DbContext& context, int version)
    {
        if (version >= 1) {
            context.execDirect(QStringLiteral(
                "INSERT INTO users (username, display_name, password_hash, created_ms) "
                "VALUES ('fixture', 'Fixture User', '$argon2id$fixture', 1700000000000)"));
            context.execDirect(QStringLiteral(
                "INSERT INTO devices (user_id, name, token_digest, created_ms, last_seen_ms) "
                "SELECT id, 'old phone', NULL, 1700000000000, 1700000000001 FROM users"));
        }
        if (version >= 3) {
            context.execDirect(
                QStringLiteral("INSERT INTO teams (handle, name, created_by, created_ms) "
                               "SELECT 'fixteam', 'Fixture', id, 1 FROM users"));
            context.execDirect(QStringLiteral(
                "INSERT INTO rooms (team_id, kind, name, created_by, created_ms, last_seq) "
                "SELECT t.id, 0, 'general', t.created_by, 1, 1 FROM teams t"));
            const auto bytes = [&](const char* hex) {
                return context.isPostgres()
                           ? QStringLiteral("'\\x%1'::bytea").arg(QLatin1String(hex))
                           : QStringLiteral("X'%1'").arg(QLatin1String(hex));
            };
            context.execDirect(QStringLiteral("INSERT INTO events (room_id, seq, kind, "
                                              "sender_user, sender_device, client_id, "
                                              "created_ms, envelope) SELECT r.id, 1, 1, "
                                              "r.created_by, 1, %1, 1700000000000, %2 "
                                              "FROM rooms r")
                                   .arg(bytes("0102030405060708"), bytes("aabb")));
        }
    }

private Q_SLOTS:
    void freshDatabaseReachesLatest_data() { moim::test::addBackendRows(); }
    void freshDatabaseReachesLatest()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        DbContext context(QStringLiteral("migrations-fresh"), db.settings());
        context.ensureOpen();
        Migrator migrator(context);
        QCOMPARE(migrator.currentVersion(), 0);
        QCOMPARE(migrator.migrate(), latestSchemaVersion());
        QCOMPARE(migrator.currentVersion(), latestSchemaVersion());
        QCOMPARE(count(context, QStringLiteral("schema_migrations")),
                 qint64(allMigrations().size()));
        // Applying again changes nothing.
        QCOMPARE(migrator.migrate(), latestSchemaVersion());
        QCOMPARE(count(context, QStringLiteral("schema_migrations")),
                 qint64(allMigrations().size()));
        QCOMPARE(count(context, QStringLiteral("users")), 0);
    }

    void upgradeFromEveryEarlierVersion_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("from");
        for (const char* backend : {"sqlite", "postgres"}) {
            for (int from = 0; from < latestSchemaVersion(); ++from)
                QTest::addRow("%s-from-v%d", backend, from) << QString::fromLatin1(backend) << from;
        }
    }
    void upgradeFromEveryEarlierVersion()
    {
        QFETCH(QString, backend);
        QFETCH(int, from);
        MOIM_SCRATCH_DATABASE(db, backend);
        DbContext context(QStringLiteral("migrations-upgrade"), db.settings());
        context.ensureOpen();
        Migrator migrator(context);
        QCOMPARE(migrator.migrate(from), from);
        writeFixture(context, from);
        QCOMPARE(migrator.migrate(), latestSchemaVersion());
        if (from >= 1) {
            QSqlQuery& query = context.exec(QStringLiteral(
                "SELECT u.username, u.display_name, d.name, d.last_seen_ms, d.revoked_ms "
                "FROM users u JOIN devices d ON d.user_id = u.id"));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("fixture"));
            QCOMPARE(query.value(1).toString(), QStringLiteral("Fixture User"));
            QCOMPARE(query.value(2).toString(), QStringLiteral("old phone"));
            QCOMPARE(query.value(3).toLongLong(), 1700000000001LL);
            QVERIFY(query.value(4).isNull());
            QVERIFY(!query.next());
            query.finish();
        }
        if (from >= 3) {
            // Events survive every later migration (on PostgreSQL, the move to partitions).
            QSqlQuery& events = context.exec(QStringLiteral("SELECT seq, envelope FROM events"));
            QVERIFY(events.next());
            QCOMPARE(events.value(0).toLongLong(), 1);
            QCOMPARE(events.value(1).toByteArray(), QByteArray::fromHex("aabb"));
            events.finish();
        }
    }

    void newerSchemaIsRefused_data() { moim::test::addBackendRows(); }
    void newerSchemaIsRefused()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        DbContext context(QStringLiteral("migrations-newer"), db.settings());
        context.ensureOpen();
        Migrator migrator(context);
        migrator.migrate();
        context.exec(QStringLiteral("INSERT INTO schema_migrations (version, description, "
                                    "applied_ms) VALUES (?, 'from the future', 0)"),
                     {latestSchemaVersion() + 1});
        QVERIFY_THROWS_EXCEPTION(DbError, migrator.migrate());
    }

    void numberingIsDenseAndOrdered()
    {
        int expected = 1;
        for (const Migration& migration : allMigrations()) {
            QCOMPARE(migration.version, expected++);
            QVERIFY(!migration.sqlite.isEmpty());
            QVERIFY(!migration.postgres.isEmpty());
            QVERIFY(!migration.description.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
