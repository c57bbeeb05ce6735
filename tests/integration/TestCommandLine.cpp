#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <testsupport/MoimdProcess.h>
#include <unistd.h>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.trimmed()).object(); }
};

// Runs a program with no controlling terminal, so a password prompt cannot appear.
Run run(const QString& program, const QStringList& arguments,
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
        int timeoutMs = 30'000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setChildProcessModifier([] { ::setsid(); });
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QProcessEnvironment cliEnvironment(const QString& password)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("MOIM_PASSWORD"));
        if (!password.isEmpty())
            environment.insert(QStringLiteral("MOIM_PASSWORD"), password);
        // Device keys under a passphrase (the keychain path is TestKeyStore's), at the
        // cheapest allowed cost so that many runs stay quick.
        environment.insert(QStringLiteral("MOIM_KEYSTORE_PASSPHRASE"),
                           QStringLiteral("profile passphrase"));
        environment.insert(QStringLiteral("MOIM_KEYSTORE_COST"), QStringLiteral("interactive"));
        return environment;
    }

    Run cli(const QString& profile, QStringList arguments, const QString& password = {},
            const QString& server = {})
    {
        const QProcessEnvironment environment = cliEnvironment(password);
        arguments.prepend(m_dir.filePath(profile));
        arguments.prepend(QStringLiteral("--profile"));
        if (!server.isEmpty())
            arguments += {QStringLiteral("--server"), server};
        return run(QStringLiteral(MOIM_CLI_PATH), arguments, environment);
    }

private Q_SLOTS:
    void moimdVersionAndHelp()
    {
        const Run version = run(QStringLiteral(MOIM_MOIMD_PATH), {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("moimd "));
        QVERIFY(version.out.contains("(protocol 1)"));
        const Run help = run(QStringLiteral(MOIM_MOIMD_PATH), {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--database"));
    }

    void moimdRefusesBadFlags()
    {
        const Run bad = run(QStringLiteral(MOIM_MOIMD_PATH), {QStringLiteral("--frobnicate")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("frobnicate"));
        const Run badValue = run(QStringLiteral(MOIM_MOIMD_PATH),
                                 {QStringLiteral("--listen"), QStringLiteral("nowhere")});
        QCOMPARE(badValue.exitCode, 2);
        QVERIFY(badValue.err.contains("--listen"));
    }

    void moimdReportsUnreachableDatabase()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        const Run unreachable =
            run(QStringLiteral(MOIM_MOIMD_PATH),
                {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("unreachable")),
                 QStringLiteral("--database"), QStringLiteral("postgresql://moim@127.0.0.1:1/moim"),
                 QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QCOMPARE(unreachable.exitCode, 3);
        QVERIFY(unreachable.err.contains("cannot open"));
        QVERIFY(!unreachable.err.contains("password"));
    }

    void moimdReportsBusyPort()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        const Run busy = run(QStringLiteral(MOIM_MOIMD_PATH),
                             {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("busy")),
                              QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort())});
        QCOMPARE(busy.exitCode, 4);
        QVERIFY(busy.err.contains("cannot listen"));
    }

    void cliAccountLifecycle()
    {
        moim::test::MoimdProcess server;
        QVERIFY(
            server.start(m_dir.filePath(QStringLiteral("server")),
                         QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("cli.db"))));
        const QString url = server.webSocketUrl().toString();
        const QString password = QStringLiteral("a long enough password");

        Run r = cli(QStringLiteral("p1"),
                    {QStringLiteral("signup"), QStringLiteral("Alice"), QStringLiteral("--json"),
                     QStringLiteral("--device-name"), QStringLiteral("desk")},
                    password, url);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
        // The profile keeps a bearer token: owner-only.
        QCOMPARE(QFileInfo(m_dir.filePath(QStringLiteral("p1"))).permissions() & 0x0077, 0);
        const QFileInfo session(m_dir.filePath(QStringLiteral("p1/session.json")));
        QCOMPARE(session.permissions(),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);

        // The server is remembered in the profile.
        r = cli(QStringLiteral("p1"), {QStringLiteral("whoami"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("username")).toString(), QStringLiteral("alice"));

        r = cli(QStringLiteral("p2"),
                {QStringLiteral("login"), QStringLiteral("alice"), QStringLiteral("--json")},
                password, url);
        QCOMPARE(r.exitCode, 0);
        const QString secondDevice = r.json().value(QStringLiteral("device_id")).toString();

        r = cli(QStringLiteral("p1"), {QStringLiteral("devices"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("devices")).toArray().size(), 2);

        r = cli(QStringLiteral("p3"),
                {QStringLiteral("login"), QStringLiteral("alice"), QStringLiteral("--json")},
                QStringLiteral("wrong password"), url);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("invalid_credentials"));
        QCOMPARE(r.err.count('\n'), 1);

        r = cli(QStringLiteral("p1"), {QStringLiteral("revoke"), secondDevice});
        QCOMPARE(r.exitCode, 0);
        r = cli(QStringLiteral("p2"), {QStringLiteral("whoami")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(r.err.contains("log in again"));

        r = cli(QStringLiteral("p1"), {QStringLiteral("logout")});
        QCOMPARE(r.exitCode, 0);
        r = cli(QStringLiteral("p1"), {QStringLiteral("whoami")});
        QCOMPARE(r.exitCode, 4);
    }

    void cliMessaging()
    {
        moim::test::MoimdProcess server;
        QVERIFY(server.start(m_dir.filePath(QStringLiteral("server-m")),
                             QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("m.db"))));
        const QString url = server.webSocketUrl().toString();
        const QString password = QStringLiteral("a long enough password");
        QCOMPARE(cli(QStringLiteral("m1"), {QStringLiteral("signup"), QStringLiteral("ada")},
                     password, url)
                     .exitCode,
                 0);
        QCOMPARE(cli(QStringLiteral("m2"), {QStringLiteral("signup"), QStringLiteral("bea")},
                     password, url)
                     .exitCode,
                 0);
        QCOMPARE(cli(QStringLiteral("m1"),
                     {QStringLiteral("team"), QStringLiteral("create"), QStringLiteral("lab")})
                     .exitCode,
                 0);
        Run r = cli(QStringLiteral("m1"),
                    {QStringLiteral("team"), QStringLiteral("invite"), QStringLiteral("lab"),
                     QStringLiteral("--json"), QStringLiteral("--max-uses"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        const QString code = r.json().value(QStringLiteral("code")).toString();
        QVERIFY(!code.isEmpty());
        const QString link = r.json().value(QStringLiteral("link")).toString();
        QVERIFY(link.startsWith(QStringLiteral("moim://127.0.0.1:")));
        QVERIFY(link.endsWith(QStringLiteral("/join/") + code));
        QCOMPARE(cli(QStringLiteral("m2"), {QStringLiteral("team"), QStringLiteral("join"), link})
                     .exitCode,
                 0);

        // listen prints each event as one JSON object a line.
        QProcess listener;
        listener.setProcessEnvironment(cliEnvironment({}));
        listener.start(QStringLiteral(MOIM_CLI_PATH),
                       {QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("m2")),
                        QStringLiteral("listen"), QStringLiteral("--json")});
        QVERIFY(listener.waitForStarted());
        // It connects, resumes, opens its device keys, then says it listens.
        QByteArray listenerErr;
        QElapsedTimer starting;
        starting.start();
        while (!listenerErr.contains("listening") && starting.elapsed() < 10'000) {
            QTest::qWait(100);
            listenerErr += listener.readAllStandardError();
        }
        QVERIFY(listenerErr.contains("listening"));

        r = cli(QStringLiteral("m1"), {QStringLiteral("send"), QStringLiteral("lab/general"),
                                       QStringLiteral("hello @bea"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const int seq = r.json().value(QStringLiteral("seq")).toInt();
        QVERIFY(seq > 0);
        QCOMPARE(cli(QStringLiteral("m2"), {QStringLiteral("react"), QStringLiteral("lab/general"),
                                            QString::number(seq), QStringLiteral("+1")})
                     .exitCode,
                 0);
        // Every push is one JSON line; pick out the room events (presence and notifications
        // come too).
        QList<QJsonObject> roomEvents;
        QByteArray buffer;
        QElapsedTimer waited;
        waited.start();
        while (roomEvents.size() < 2 && waited.elapsed() < 10'000) {
            listener.waitForReadyRead(200);
            buffer += listener.readAllStandardOutput();
            qsizetype newline = 0;
            while ((newline = buffer.indexOf('\n')) >= 0) {
                const QJsonObject line = QJsonDocument::fromJson(buffer.left(newline)).object();
                buffer.remove(0, newline + 1);
                QVERIFY(!line.isEmpty());
                if (line.value(QStringLiteral("type")).toString() == QLatin1String("room_event"))
                    roomEvents.append(line);
            }
        }
        listener.kill();
        listener.waitForFinished();
        QCOMPARE(roomEvents.size(), 2);
        QCOMPARE(roomEvents[0].value(QStringLiteral("text")).toString(),
                 QStringLiteral("hello @bea"));
        QCOMPARE(roomEvents[0].value(QStringLiteral("sender")).toString(), QStringLiteral("ada"));
        QCOMPARE(roomEvents[1].value(QStringLiteral("kind")).toString(),
                 QStringLiteral("reaction_add"));

        QCOMPARE(cli(QStringLiteral("m2"), {QStringLiteral("reply"), QStringLiteral("lab/general"),
                                            QString::number(seq), QStringLiteral("hi!")})
                     .exitCode,
                 0);
        r = cli(QStringLiteral("m1"), {QStringLiteral("history"), QStringLiteral("lab/general"),
                                       QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray events = r.json().value(QStringLiteral("events")).toArray();
        QVERIFY(events.size() >= 3);
        QCOMPARE(events.last().toObject().value(QStringLiteral("thread_root")).toInt(), seq);
        r = cli(QStringLiteral("m1"), {QStringLiteral("unread"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("rooms")).toArray().size(), 1);
        r = cli(QStringLiteral("m1"),
                {QStringLiteral("dm"), QStringLiteral("bea"), QStringLiteral("psst")});
        QCOMPARE(r.exitCode, 0);
        r = cli(QStringLiteral("m1"),
                {QStringLiteral("send"), QStringLiteral("lab/nowhere"), QStringLiteral("x")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no channel"));
    }

    void moimctlAdministers()
    {
        const QString database =
            QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("ctl.db"));
        const QStringList flags{QStringLiteral("--database"), database,
                                QStringLiteral("--data-dir"),
                                m_dir.filePath(QStringLiteral("ctl"))};
        const QString moimctl = QFileInfo(QStringLiteral(MOIM_MOIMD_PATH)).absolutePath() +
                                QStringLiteral("/../moimctl/moimctl");
        Run r = run(moimctl, flags + QStringList{QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("schema version 0"));
        r = run(moimctl, flags + QStringList{QStringLiteral("migrate")});
        QCOMPARE(r.exitCode, 0);
        r = run(moimctl, flags + QStringList{QStringLiteral("status")});
        QVERIFY(r.out.contains("events: 0"));
        r = run(moimctl, flags + QStringList{QStringLiteral("team-retention"),
                                             QStringLiteral("none"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no team"));
        r = run(moimctl, flags + QStringList{QStringLiteral("team-retention"), QStringLiteral("x"),
                                             QStringLiteral("-4")});
        QCOMPARE(r.exitCode, 2);
        r = run(moimctl, flags + QStringList{QStringLiteral("retention-run")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("deleted 0"));
        QCOMPARE(run(moimctl, flags).exitCode, 2);
        QCOMPARE(
            run(moimctl, {QStringLiteral("--database"),
                          QStringLiteral("postgresql://u@127.0.0.1:1/x"), QStringLiteral("status")})
                .exitCode,
            3);
    }

    void cliEncryption()
    {
        moim::test::MoimdProcess server;
        QVERIFY(server.start(m_dir.filePath(QStringLiteral("server-e")),
                             QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("e.db"))));
        const QString url = server.webSocketUrl().toString();
        const QString password = QStringLiteral("a long enough password");
        const auto as = [&](const QString& profile, const QStringList& arguments) {
            return cli(profile, arguments, password, url);
        };
        QCOMPARE(
            as(QStringLiteral("e1"), {QStringLiteral("signup"), QStringLiteral("eve")}).exitCode,
            0);
        QCOMPARE(
            as(QStringLiteral("f1"), {QStringLiteral("signup"), QStringLiteral("fay")}).exitCode,
            0);
        QCOMPARE(as(QStringLiteral("e1"),
                    {QStringLiteral("team"), QStringLiteral("create"), QStringLiteral("ops")})
                     .exitCode,
                 0);
        const QString invite =
            as(QStringLiteral("e1"), {QStringLiteral("team"), QStringLiteral("invite"),
                                      QStringLiteral("ops"), QStringLiteral("--json")})
                .json()
                .value(QStringLiteral("code"))
                .toString();
        QCOMPARE(as(QStringLiteral("f1"), {QStringLiteral("team"), QStringLiteral("join"), invite})
                     .exitCode,
                 0);
        const Run first = as(QStringLiteral("f1"),
                             {QStringLiteral("send"), QStringLiteral("ops/general"),
                              QStringLiteral("before the new devices"), QStringLiteral("--json")});
        QCOMPARE(first.exitCode, 0);
        const int seq0 = first.json().value(QStringLiteral("seq")).toInt();

        // A second device of eve's waits for approval, then is linked by code.
        Run second = as(QStringLiteral("e2"), {QStringLiteral("login"), QStringLiteral("eve")});
        QCOMPARE(second.exitCode, 0);
        QVERIFY(second.err.contains("until it is approved"));
        Run refused =
            as(QStringLiteral("e2"),
               {QStringLiteral("send"), QStringLiteral("ops/general"), QStringLiteral("x")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains("not approved"));
        QProcess offering;
        offering.setProcessEnvironment(cliEnvironment({}));
        offering.start(QStringLiteral(MOIM_CLI_PATH),
                       {QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("e2")),
                        QStringLiteral("link-code"), QStringLiteral("--json")});
        QVERIFY(offering.waitForStarted());
        QByteArray offered;
        QElapsedTimer waited;
        waited.start();
        while (!offered.contains('\n') && waited.elapsed() < 10'000) {
            QTest::qWait(100);
            offered += offering.readAllStandardOutput();
        }
        const QString code = QJsonDocument::fromJson(offered.left(offered.indexOf('\n')))
                                 .object()
                                 .value(QStringLiteral("code"))
                                 .toString();
        QCOMPARE(code.size(), 19);
        QCOMPARE(as(QStringLiteral("e1"),
                    {QStringLiteral("link"), QStringLiteral("0000-0000-0000-0000")})
                     .exitCode,
                 1);
        QCOMPARE(as(QStringLiteral("e1"), {QStringLiteral("link"), code}).exitCode, 0);
        QVERIFY(offering.waitForFinished(15'000));
        QCOMPARE(offering.exitCode(), 0);
        QVERIFY(offering.readAllStandardOutput().contains("\"ok\":true"));

        // It reads what was sent before it existed, through the key backup.
        Run history =
            as(QStringLiteral("e2"), {QStringLiteral("history"), QStringLiteral("ops/general"),
                                      QStringLiteral("--json")});
        QCOMPARE(history.exitCode, 0);
        QVERIFY2(history.out.contains("\"text\":\"before the new devices\""),
                 history.out.constData());

        // A third device restores with the recovery passphrase.
        QProcessEnvironment withRecovery = cliEnvironment(password);
        withRecovery.insert(QStringLiteral("MOIM_RECOVERY_PASSPHRASE"),
                            QStringLiteral("the recovery passphrase"));
        const auto withPassphrase = [&](const QString& profile, const QStringList& arguments,
                                        const QString& passphrase) {
            QProcessEnvironment environment = withRecovery;
            environment.insert(QStringLiteral("MOIM_RECOVERY_PASSPHRASE"), passphrase);
            QStringList all = {QStringLiteral("--profile"), m_dir.filePath(profile),
                               QStringLiteral("--server"), url};
            return run(QStringLiteral(MOIM_CLI_PATH), all + arguments, environment);
        };
        QCOMPARE(withPassphrase(QStringLiteral("e2"),
                                {QStringLiteral("recovery"), QStringLiteral("set")},
                                QStringLiteral("short"))
                     .exitCode,
                 1);
        QCOMPARE(withPassphrase(QStringLiteral("e2"),
                                {QStringLiteral("recovery"), QStringLiteral("set")},
                                QStringLiteral("the recovery passphrase"))
                     .exitCode,
                 0);
        QCOMPARE(
            as(QStringLiteral("e3"), {QStringLiteral("login"), QStringLiteral("eve")}).exitCode, 0);
        QCOMPARE(withPassphrase(QStringLiteral("e3"),
                                {QStringLiteral("recovery"), QStringLiteral("restore")},
                                QStringLiteral("not the recovery passphrase"))
                     .exitCode,
                 1);
        QCOMPARE(withPassphrase(QStringLiteral("e3"),
                                {QStringLiteral("recovery"), QStringLiteral("restore")},
                                QStringLiteral("the recovery passphrase"))
                     .exitCode,
                 0);
        QCOMPARE(as(QStringLiteral("e3"), {QStringLiteral("send"), QStringLiteral("ops/general"),
                                           QStringLiteral("from the third device")})
                     .exitCode,
                 0);
        history =
            as(QStringLiteral("f1"), {QStringLiteral("history"), QStringLiteral("ops/general"),
                                      QStringLiteral("--json")});
        QVERIFY(history.out.contains("\"text\":\"from the third device\""));
        QVERIFY(!history.out.contains("waiting_for_key"));

        // Safety numbers: the same on both sides; --confirm marks verified.
        const Run eveSide =
            as(QStringLiteral("e1"),
               {QStringLiteral("verify"), QStringLiteral("fay"), QStringLiteral("--json")});
        QCOMPARE(eveSide.exitCode, 0);
        const QString number = eveSide.json().value(QStringLiteral("safety_number")).toString();
        QCOMPARE(number.size(), 71);
        QCOMPARE(eveSide.json().value(QStringLiteral("verified")).toBool(), false);
        const Run faySide =
            as(QStringLiteral("f1"), {QStringLiteral("verify"), QStringLiteral("eve"),
                                      QStringLiteral("--json"), QStringLiteral("--confirm")});
        QCOMPARE(faySide.json().value(QStringLiteral("safety_number")).toString(), number);
        QCOMPARE(faySide.json().value(QStringLiteral("verified")).toBool(), true);

        // Files: uploaded encrypted, downloaded and verified by another user.
        const QString sourcePath = m_dir.filePath(QStringLiteral("notes.bin"));
        QByteArray fileBytes;
        for (int i = 0; i < 200'000; ++i)
            fileBytes.append(char(i * 31 % 251));
        {
            QFile source(sourcePath);
            QVERIFY(source.open(QIODevice::WriteOnly));
            source.write(fileBytes);
        }
        const Run uploaded =
            as(QStringLiteral("e1"), {QStringLiteral("upload"), QStringLiteral("ops/general"),
                                      sourcePath, QStringLiteral("--json")});
        QVERIFY2(uploaded.exitCode == 0, uploaded.err.constData());
        const int fileSeq = uploaded.json().value(QStringLiteral("seq")).toInt();
        QVERIFY(fileSeq > 0);
        const QString into = m_dir.filePath(QStringLiteral("fay-downloads"));
        const Run downloaded =
            as(QStringLiteral("f1"), {QStringLiteral("download"), QStringLiteral("ops/general"),
                                      QString::number(fileSeq), into, QStringLiteral("--json")});
        QCOMPARE(downloaded.exitCode, 0);
        QFile copy(downloaded.json().value(QStringLiteral("path")).toString());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), fileBytes);
        QCOMPARE(QFileInfo(copy).fileName(), QStringLiteral("notes.bin"));
        QCOMPARE(
            as(QStringLiteral("f1"), {QStringLiteral("download"), QStringLiteral("ops/general"),
                                      QString::number(seq0), into})
                .exitCode,
            1);

        // Eve starts over on a new device with nothing left: fay is warned loudly.
        QCOMPARE(
            as(QStringLiteral("e4"), {QStringLiteral("login"), QStringLiteral("eve")}).exitCode, 0);
        QCOMPARE(as(QStringLiteral("e1"), {QStringLiteral("recovery"), QStringLiteral("reset")})
                     .exitCode,
                 1); // an approved device has no reason to
        const Run reset =
            as(QStringLiteral("e4"), {QStringLiteral("recovery"), QStringLiteral("reset")});
        QCOMPARE(reset.exitCode, 0);
        QVERIFY(reset.err.contains("cannot be read"));
        QCOMPARE(as(QStringLiteral("e4"), {QStringLiteral("send"), QStringLiteral("ops/general"),
                                           QStringLiteral("new keys")})
                     .exitCode,
                 0);
        const Run warned =
            as(QStringLiteral("f1"), {QStringLiteral("history"), QStringLiteral("ops/general"),
                                      QStringLiteral("--json")});
        QCOMPARE(warned.exitCode, 0);
        QVERIFY2(warned.err.contains("WARNING") && warned.err.contains("CHANGED"),
                 warned.err.constData());
        QVERIFY(warned.out.contains("\"text\":\"new keys\""));
        // The device that thought itself current refuses to go on under keys it cannot vouch
        // for, rather than trusting the new master key silently.
        QCOMPARE(
            as(QStringLiteral("e1"), {QStringLiteral("history"), QStringLiteral("ops/general")})
                .exitCode,
            1);
    }

    void cliUsageErrors()
    {
        QCOMPARE(cli(QStringLiteral("u"), {QStringLiteral("fly")}).exitCode, 2);
        QCOMPARE(cli(QStringLiteral("u"), {}).exitCode, 2);
        QCOMPARE(
            cli(QStringLiteral("u"), {QStringLiteral("revoke"), QStringLiteral("abc")}).exitCode,
            2);
        const Run badServer =
            cli(QStringLiteral("u"), {QStringLiteral("signup"), QStringLiteral("x")},
                QStringLiteral("whatever1"), QStringLiteral("http://host"));
        QCOMPARE(badServer.exitCode, 2);
        // No password in the environment and no terminal: a clear error, not a hang.
        const Run noPassword =
            cli(QStringLiteral("u"), {QStringLiteral("login"), QStringLiteral("x")}, {},
                QStringLiteral("ws://127.0.0.1:1"));
        QCOMPARE(noPassword.exitCode, 2);
        QVERIFY(noPassword.err.contains("MOIM_PASSWORD"));
        // Nothing listening: exit 3.
        const Run down = cli(QStringLiteral("u"), {QStringLiteral("login"), QStringLiteral("x")},
                             QStringLiteral("whatever1"), QStringLiteral("ws://127.0.0.1:1"));
        QCOMPARE(down.exitCode, 3);
        QCOMPARE(cli(QStringLiteral("u"), {QStringLiteral("whoami")}).exitCode, 4);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
