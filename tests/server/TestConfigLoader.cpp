#include <QTemporaryDir>
#include <QTest>
#include <server/ConfigLoader.h>

using moim::server::ConfigOutcome;
using moim::server::DatabaseBackend;
using moim::server::loadServerConfig;

class TestConfigLoader : public QObject {
    Q_OBJECT

    static ConfigOutcome load(QStringList args, QProcessEnvironment env = {})
    {
        args.prepend(QStringLiteral("moimd"));
        return loadServerConfig(args, env);
    }

private Q_SLOTS:
    void defaults()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp/moim-home"));
        const auto outcome = load({}, env);
        QCOMPARE(outcome.action, ConfigOutcome::Action::Run);
        QCOMPARE(outcome.config.listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(outcome.config.listenPort, quint16(7420));
        QCOMPARE(outcome.config.database.backend, DatabaseBackend::Sqlite);
        QVERIFY(outcome.config.database.sqlitePath.endsWith(QStringLiteral("moimd/moim.sqlite3")));
        QCOMPARE(outcome.config.maxMessageBytes, qint64(1024 * 1024));
        QCOMPARE(outcome.config.maxFileSize, qint64(100) * 1024 * 1024);
        QCOMPARE(outcome.config.userQuota, qint64(1024) * 1024 * 1024);
        QCOMPARE(outcome.config.blobGraceHours, 24);
    }

    void versionAndHelp()
    {
        QCOMPARE(load({QStringLiteral("--version")}).action, ConfigOutcome::Action::ShowVersion);
        QVERIFY(load({QStringLiteral("--version")}).message.startsWith(QStringLiteral("moimd ")));
        const auto help = load({QStringLiteral("--help")});
        QCOMPARE(help.action, ConfigOutcome::Action::ShowHelp);
        QVERIFY(help.message.contains(QStringLiteral("MOIM_LISTEN")));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown flag")
            << QStringList{QStringLiteral("--bogus")} << QStringLiteral("bogus");
        QTest::newRow("listen no port")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("1.2.3.4")}
            << QStringLiteral("HOST:PORT");
        QTest::newRow("listen bad host")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("example.com:80")}
            << QStringLiteral("not an IP address");
        QTest::newRow("listen bad port")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:99999")}
            << QStringLiteral("bad port");
        QTest::newRow("db scheme")
            << QStringList{QStringLiteral("--database"), QStringLiteral("mysql://x/y")}
            << QStringLiteral("unsupported database URL scheme");
        QTest::newRow("pg no db") << QStringList{QStringLiteral("--database"),
                                                 QStringLiteral("postgresql://u@h:5432")}
                                  << QStringLiteral("name one database");
        QTest::newRow("log mode") << QStringList{QStringLiteral("--log-mode"),
                                                 QStringLiteral("loud")}
                                  << QStringLiteral("debug or production");
        QTest::newRow("number") << QStringList{QStringLiteral("--io-threads"),
                                               QStringLiteral("zero")}
                                << QStringLiteral("whole number");
        QTest::newRow("range") << QStringList{QStringLiteral("--max-message-bytes"),
                                              QStringLiteral("10")}
                               << QStringLiteral("from 1024");
        QTest::newRow("max file size 0")
            << QStringList{QStringLiteral("--max-file-size"), QStringLiteral("0")}
            << QStringLiteral("from 1 to");
        QTest::newRow("negative quota")
            << QStringList{QStringLiteral("--user-quota"), QStringLiteral("-1")}
            << QStringLiteral("from 0 to");
        QTest::newRow("grace above a year")
            << QStringList{QStringLiteral("--blob-grace-hours"), QStringLiteral("8785")}
            << QStringLiteral("from 0 to 8784");
        QTest::newRow("positional")
            << QStringList{QStringLiteral("serve")} << QStringLiteral("unexpected argument");
        QTest::newRow("missing config")
            << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/moimd.ini")}
            << QStringLiteral("cannot read config file");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto outcome = load(args);
        QCOMPARE(outcome.action, ConfigOutcome::Action::Fail);
        QVERIFY2(outcome.message.contains(expected), qPrintable(outcome.message));
    }

    void precedenceFlagsOverEnvOverIni()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("moimd.ini"));
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("listen = 127.0.0.1:1111\nio_threads = 3\ndb_threads = 5\n"
                   "allowed_origins = https://a.example, https://b.example\n");
        file.close();
        QProcessEnvironment env;
        env.insert(QStringLiteral("MOIM_CONFIG"), ini);
        env.insert(QStringLiteral("MOIM_IO_THREADS"), QStringLiteral("4"));
        env.insert(QStringLiteral("MOIM_DB_THREADS"), QStringLiteral("6"));
        const auto outcome = load({QStringLiteral("--db-threads"), QStringLiteral("7")}, env);
        QCOMPARE(outcome.action, ConfigOutcome::Action::Run);
        QCOMPARE(outcome.config.listenPort, quint16(1111)); // INI only
        QCOMPARE(outcome.config.ioThreads, 4);              // env beats INI
        QCOMPARE(outcome.config.dbThreads, 7);              // flag beats env
        QCOMPARE(outcome.config.allowedOrigins, (QStringList{QStringLiteral("https://a.example"),
                                                             QStringLiteral("https://b.example")}));
    }

    void iniUnknownKeyIsAnError()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("moimd.ini"));
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("lisen = 127.0.0.1:1111\n");
        file.close();
        const auto outcome = load({QStringLiteral("--config"), ini});
        QCOMPARE(outcome.action, ConfigOutcome::Action::Fail);
        QVERIFY(outcome.message.contains(QStringLiteral("unknown key")));
    }

    void badEnvironmentValueNamesTheVariable()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("MOIM_LOG_FORMAT"), QStringLiteral("xml"));
        const auto outcome = load({}, env);
        QCOMPARE(outcome.action, ConfigOutcome::Action::Fail);
        QVERIFY(outcome.message.startsWith(QStringLiteral("MOIM_LOG_FORMAT")));
    }

    void postgresUrl()
    {
        const auto outcome =
            load({QStringLiteral("--database"),
                  QStringLiteral("postgresql://moim:s%40cret@db.local:6543/chat?sslmode=require")});
        QCOMPARE(outcome.action, ConfigOutcome::Action::Run);
        const auto& db = outcome.config.database;
        QCOMPARE(db.backend, DatabaseBackend::Postgres);
        QCOMPARE(db.user, QStringLiteral("moim"));
        QCOMPARE(db.password, QStringLiteral("s@cret"));
        QCOMPARE(db.host, QStringLiteral("db.local"));
        QCOMPARE(db.port, 6543);
        QCOMPARE(db.name, QStringLiteral("chat"));
        QCOMPARE(db.connectOptions, QStringLiteral("sslmode=require"));
        QVERIFY(!db.describe().contains(QStringLiteral("s@cret")));
    }

    // Attachments: every source names them the same way, and 0 is allowed where it means
    // "none" (quota) or "at once" (grace).
    void attachmentSettings()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("moimd.ini"));
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("max_file_size = 1000\nuser_quota = 5000\nblob_grace_hours = 48\n");
        file.close();
        auto outcome = load({QStringLiteral("--config"), ini});
        QCOMPARE(outcome.action, ConfigOutcome::Action::Run);
        QCOMPARE(outcome.config.maxFileSize, qint64(1000));
        QCOMPARE(outcome.config.userQuota, qint64(5000));
        QCOMPARE(outcome.config.blobGraceHours, 48);

        QProcessEnvironment env;
        env.insert(QStringLiteral("MOIM_USER_QUOTA"), QStringLiteral("0"));
        env.insert(QStringLiteral("MOIM_BLOB_GRACE_HOURS"), QStringLiteral("1"));
        outcome = load({QStringLiteral("--config"), ini, QStringLiteral("--max-file-size"),
                        QStringLiteral("1099511627776"), QStringLiteral("--blob-grace-hours"),
                        QStringLiteral("0")},
                       env);
        QCOMPARE(outcome.action, ConfigOutcome::Action::Run);
        QCOMPARE(outcome.config.maxFileSize, qint64(1) << 40); // flag beats INI
        QCOMPARE(outcome.config.userQuota, qint64(0));         // env beats INI
        QCOMPARE(outcome.config.blobGraceHours, 0);            // flag beats env

        const auto help = load({QStringLiteral("--help")});
        for (const char* name : {"MOIM_MAX_FILE_SIZE", "MOIM_USER_QUOTA", "MOIM_BLOB_GRACE_HOURS"})
            QVERIFY2(help.message.contains(QLatin1String(name)), name);
    }

    void listenForms()
    {
        auto outcome = load({QStringLiteral("--listen"), QStringLiteral("[::1]:8080")});
        QCOMPARE(outcome.action, ConfigOutcome::Action::Run);
        QCOMPARE(outcome.config.listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        outcome = load({QStringLiteral("--listen"), QStringLiteral("localhost:0")});
        QCOMPARE(outcome.config.listenPort, quint16(0));
    }
};

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "TestConfigLoader.moc"
