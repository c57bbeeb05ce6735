// The real app, twice, on a real X server (Xvfb, started by xvfb-run around this test): two
// instances of `moim` with profiles of their own, and moim-cli as a third person, exchange
// messages, reactions and a file through moimd on SQLite. The apps are driven only as a person
// drives them: keys typed into their focused windows through the X server (xdotool, XTEST), no
// hook inside the app. What they did is read from outside: the third person's decrypted history
// and the file it downloads, and the notifications a real notification server (dunst) shows
// and clicks. Each app is then photographed from the X server in English and
// Korean, light and dark; MOIM_SCREENSHOT_DIR says where (docs/screenshots refreshes those of the
// README), by default a scratch directory.
#include <QClipboard>
#include <QDeadlineTimer>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPixmap>
#include <QProcess>
#include <QScreen>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>
#include <testsupport/MoimdProcess.h>
#include <testsupport/TestDatabases.h>

namespace {

constexpr int kWaitMs = 30'000;

QProcessEnvironment environmentFor(const QString& runtimeDir)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MOIM_KEYSTORE_PASSPHRASE"), QStringLiteral("device keys"));
    environment.insert(QStringLiteral("MOIM_KEYSTORE_COST"), QStringLiteral("interactive"));
    environment.insert(QStringLiteral("MOIM_PASSWORD"), QStringLiteral("password one two"));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    return environment;
}

// Runs a short command to its end; its standard output, or a failure that says what it printed.
QByteArray run(const QString& program, const QStringList& arguments,
               const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(kWaitMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        qWarning().noquote() << program << arguments.join(QLatin1Char(' '))
                             << "failed:" << process.readAllStandardError();
        process.kill();
        process.waitForFinished();
        return {};
    }
    return process.readAllStandardOutput();
}

QByteArray xdotool(const QStringList& arguments)
{
    return run(QStringLiteral("xdotool"), arguments, QProcessEnvironment::systemEnvironment());
}

// One running `moim`: its process and its main window on the X server.
class App {
public:
    App(const QString& profile, const QString& language, const QString& theme,
        const QProcessEnvironment& environment)
    {
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(MOIM_APP_PATH),
                        {QStringLiteral("--profile"), profile, QStringLiteral("--lang"), language,
                         QStringLiteral("--theme"), theme});
    }
    ~App() { quit(); }

    // The visible window of the process, once it is there.
    bool findWindow()
    {
        for (int tries = 0; tries < kWaitMs / 200 && m_window == 0; ++tries) {
            const QByteArray found =
                xdotool({QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                         QStringLiteral("--pid"), QString::number(m_process.processId())});
            m_window = found.split('\n').first().trimmed().toULongLong();
            if (m_window == 0)
                QTest::qWait(200);
        }
        return m_window != 0;
    }
    QString title() const
    {
        return QString::fromUtf8(
                   xdotool({QStringLiteral("getwindowname"), QString::number(m_window)}))
            .trimmed();
    }
    void focus() const
    {
        xdotool(
            {QStringLiteral("windowfocus"), QStringLiteral("--sync"), QString::number(m_window)});
    }
    // Writes into the focused widget of this window, then Enter. ASCII is typed as a keyboard
    // does; other text (Korean, emoji) is pasted, as an input method or a person would: xdotool
    // types such characters by remapping a spare key for each, which an app under load may
    // read after the mapping moved on.
    void typeLine(const QString& text) const
    {
        focus();
        const bool ascii =
            std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
        if (ascii) {
            xdotool(
                {QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("15"), text});
        } else {
            QGuiApplication::clipboard()->setText(text);
            QTest::qWait(200);
            xdotool({QStringLiteral("key"), QStringLiteral("ctrl+v")});
            // The app asks this process for the clipboard: serve it before Enter.
            QTest::qWait(500);
        }
        xdotool({QStringLiteral("key"), QStringLiteral("Return")});
    }
    void keys(const QString& chord) const
    {
        focus();
        xdotool({QStringLiteral("key"), chord});
    }
    // The window as the X server shows it, raised above the other app first.
    QImage photograph() const
    {
        xdotool({QStringLiteral("windowraise"), QString::number(m_window)});
        QTest::qWait(800);
        return QGuiApplication::primaryScreen()->grabWindow(WId(m_window)).toImage();
    }
    QByteArray output() { return m_process.readAll(); }
    void quit()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10'000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

private:
    QProcess m_process;
    quint64 m_window = 0;
};

// QTRY counts its waits, not the time its condition takes; these conditions run moim-cli.
bool eventually(const std::function<bool()>& condition)
{
    QDeadlineTimer deadline(kWaitMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(100);
    }
    return true;
}

// Enough different colours that the picture is a window, not an empty frame.
int colourCount(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

// Fails with pictures of both apps (failure-*.png beside the screenshots) when the condition
// does not come true in time.
#define MOIM_EVENTUALLY(condition)                                                                 \
    do {                                                                                           \
        if (!eventually([&] { return bool(condition); })) {                                        \
            keepEvidence();                                                                        \
            QFAIL("never came true: " #condition);                                                 \
        }                                                                                          \
    } while (false)

class TestEndToEnd : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<moim::test::MoimdProcess> m_server;
    QProcessEnvironment m_environment;
    QProcess m_sessionBus;
    QProcess m_notifications;
    QUrl m_url;
    std::unique_ptr<App> m_alice;
    std::unique_ptr<App> m_bob;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QByteArray cli(const QString& who, const QStringList& arguments)
    {
        return run(QStringLiteral(MOIM_CLI_PATH),
                   QStringList{QStringLiteral("--server"), m_url.toString(),
                               QStringLiteral("--profile"), path(who)} +
                       arguments,
                   m_environment);
    }

    // General's events as Carol, who takes part through moim-cli, reads them (decrypted).
    QJsonArray generalAsCarol()
    {
        return QJsonDocument::fromJson(cli(QStringLiteral("carol"),
                                           {QStringLiteral("--json"), QStringLiteral("history"),
                                            QStringLiteral("acme/general"),
                                            QStringLiteral("--limit"), QStringLiteral("100")}))
            .object()
            .value(QStringLiteral("events"))
            .toArray();
    }

    // The seq of the newest event of that kind by that sender matching the test, or 0.
    quint64 findEvent(const QString& kind, const QString& sender,
                      const std::function<bool(const QJsonObject&)>& matches)
    {
        const QJsonArray events = generalAsCarol();
        for (qsizetype i = events.size() - 1; i >= 0; --i) {
            const QJsonObject event = events.at(i).toObject();
            if (event.value(QStringLiteral("kind")).toString() == kind &&
                event.value(QStringLiteral("sender")).toString() == sender && matches(event))
                return event.value(QStringLiteral("seq")).toVariant().toULongLong();
        }
        return 0;
    }
    quint64 messageSeq(const QString& sender, const QString& text)
    {
        return findEvent(QStringLiteral("message"), sender, [&](const QJsonObject& event) {
            return event.value(QStringLiteral("text")).toString() == text;
        });
    }
    bool reacted(const QString& sender, const QString& emoji, quint64 toSeq)
    {
        return findEvent(QStringLiteral("reaction_add"), sender, [&](const QJsonObject& event) {
                   return event.value(QStringLiteral("reaction")).toString() == emoji &&
                          event.value(QStringLiteral("ref_seq")).toVariant().toULongLong() == toSeq;
               }) != 0;
    }

    QString screenshotDirectory() const
    {
        QString directory = qEnvironmentVariable("MOIM_SCREENSHOT_DIR");
        if (directory.isEmpty())
            directory =
                QDir(QStringLiteral(MOIM_TEST_OUTPUT_DIR)).filePath(QStringLiteral("screenshots"));
        QDir().mkpath(directory);
        return directory;
    }

    void keepEvidence()
    {
        const std::pair<QString, App*> apps[] = {{QStringLiteral("alice"), m_alice.get()},
                                                 {QStringLiteral("bob"), m_bob.get()}};
        for (const auto& [name, app] : apps) {
            if (!app)
                continue;
            const QString file =
                QDir(screenshotDirectory()).filePath(QStringLiteral("failure-%1.png").arg(name));
            app->photograph().save(file);
            qWarning().noquote() << name << "titled" << app->title() << "looked like" << file
                                 << "and said:" << app->output();
        }
    }

    void save(const QImage& picture, const QString& name)
    {
        const QString directory = screenshotDirectory();
        QVERIFY2(picture.width() >= 800 && picture.height() >= 500,
                 qPrintable(QStringLiteral("%1 is %2x%3")
                                .arg(name)
                                .arg(picture.width())
                                .arg(picture.height())));
        QVERIFY2(colourCount(picture) > 40, qPrintable(name + QStringLiteral(" looks empty")));
        QVERIFY(picture.save(QDir(directory).filePath(name)));
    }

    // A session bus of this test's own and a real notification server on it (dunst, on this
    // X display), so that the apps' notifications can be seen and clicked from outside.
    void startNotificationServer()
    {
        m_sessionBus.setProcessEnvironment(m_environment);
        m_sessionBus.start(QStringLiteral("dbus-daemon"),
                           {QStringLiteral("--session"), QStringLiteral("--nofork"),
                            QStringLiteral("--print-address=1")});
        QVERIFY2(m_sessionBus.waitForStarted(kWaitMs), "dbus-daemon (package dbus-daemon)");
        QVERIFY(m_sessionBus.waitForReadyRead(kWaitMs));
        const QString address = QString::fromUtf8(m_sessionBus.readLine()).trimmed();
        QVERIFY(address.startsWith(QLatin1String("unix:")));
        m_environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
        m_notifications.setProcessEnvironment(m_environment);
        m_notifications.setProcessChannelMode(QProcess::MergedChannels);
        m_notifications.start(QStringLiteral("dunst"), {});
        QVERIFY2(m_notifications.waitForStarted(kWaitMs), "dunst (package dunst)");
        QVERIFY(eventually([this] {
            return run(QStringLiteral("dunstctl"), {QStringLiteral("is-paused")}, m_environment)
                .startsWith("false");
        }));
    }

    // The notifications that have left the screen, newest first, as dunst keeps them.
    QJsonArray notificationHistory()
    {
        return QJsonDocument::fromJson(
                   run(QStringLiteral("dunstctl"), {QStringLiteral("history")}, m_environment))
            .object()
            .value(QStringLiteral("data"))
            .toArray()
            .at(0)
            .toArray();
    }

    bool notified(const QString& summary, const QString& body)
    {
        const auto field = [](const QJsonValue& entry, const QString& name) {
            return entry.toObject().value(name).toObject().value(QStringLiteral("data")).toString();
        };
        const QJsonArray history = notificationHistory();
        return std::any_of(history.begin(), history.end(), [&](const QJsonValue& entry) {
            return field(entry, QStringLiteral("summary")) == summary &&
                   field(entry, QStringLiteral("body")) == body;
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb") ||
            QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty()) {
            if (moim::test::servicesRequired())
                QFAIL("needs an X server (run under xvfb-run) and xdotool");
            QSKIP("needs an X server (run under xvfb-run) and xdotool");
        }
        QDir().mkpath(path(QStringLiteral("runtime")));
        QFile::setPermissions(path(QStringLiteral("runtime")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_environment = environmentFor(path(QStringLiteral("runtime")));
        startNotificationServer();
    }

    void cleanupTestCase()
    {
        for (QProcess* process : {&m_notifications, &m_sessionBus}) {
            process->terminate();
            if (!process->waitForFinished(5'000))
                process->kill();
            process->waitForFinished();
        }
    }

    void twoDesktopAppsAndTheCommandLine()
    {
        m_server = std::make_unique<moim::test::MoimdProcess>();
        QVERIFY(m_server->start(path(QStringLiteral("data")),
                                QStringLiteral("sqlite:") + path(QStringLiteral("moim.db"))));
        m_url = m_server->webSocketUrl();

        // Carol sets up the team with moim-cli; Alice and Bob sign up (their first devices)
        // and join; their profiles are then opened by the desktop app.
        QVERIFY(!cli(QStringLiteral("carol"), {QStringLiteral("signup"), QStringLiteral("carol")})
                     .isEmpty());
        QVERIFY(!cli(QStringLiteral("carol"),
                     {QStringLiteral("team"), QStringLiteral("create"), QStringLiteral("acme")})
                     .isEmpty());
        const QString code =
            QJsonDocument::fromJson(
                cli(QStringLiteral("carol"), {QStringLiteral("--json"), QStringLiteral("team"),
                                              QStringLiteral("invite"), QStringLiteral("acme")}))
                .object()
                .value(QStringLiteral("code"))
                .toString();
        QVERIFY(!code.isEmpty());
        for (const QString& who : {QStringLiteral("alice"), QStringLiteral("bob")}) {
            const QString shown = who.at(0).toUpper() + who.mid(1);
            QVERIFY(
                !cli(who, {QStringLiteral("--display-name"), shown, QStringLiteral("signup"), who})
                     .isEmpty());
            QVERIFY(!cli(who, {QStringLiteral("team"), QStringLiteral("join"), code}).isEmpty());
        }
        cli(QStringLiteral("carol"),
            {QStringLiteral("send"), QStringLiteral("acme/general"),
             QStringLiteral("Welcome to acme! 모임에 오신 것을 환영합니다")});

        m_alice = std::make_unique<App>(path(QStringLiteral("alice")), QStringLiteral("en"),
                                        QStringLiteral("light"), m_environment);
        m_bob = std::make_unique<App>(path(QStringLiteral("bob")), QStringLiteral("ko"),
                                      QStringLiteral("dark"), m_environment);
        QVERIFY2(m_alice->findWindow(), m_alice->output().constData());
        QVERIFY2(m_bob->findWindow(), m_bob->output().constData());
        // Each opens general (the first channel) by itself.
        MOIM_EVENTUALLY(m_alice->title().contains(QLatin1String("general")));
        MOIM_EVENTUALLY(m_bob->title().contains(QLatin1String("general")));

        // Alice writes from her composer; Carol reads it decrypted. Bob's window, not the
        // active one, counts it unread in its title: it arrived there.
        const QString bobsTitle = m_bob->title();
        const QString hello = QStringLiteral("Hello from Alice's desktop");
        m_alice->typeLine(hello);
        quint64 helloSeq = 0;
        MOIM_EVENTUALLY((helloSeq = messageSeq(QStringLiteral("alice"), hello)) != 0);
        MOIM_EVENTUALLY(m_bob->title() != bobsTitle);

        // Bob reacts with "+👍" to the newest message, which must be Alice's in his app.
        m_bob->typeLine(QStringLiteral("+👍"));
        MOIM_EVENTUALLY(reacted(QStringLiteral("bob"), QStringLiteral("👍"), helloSeq));

        // Bob answers in Korean; it reaches Alice's app, and she reacts to it.
        const QString alicesTitle = m_alice->title();
        const QString answer = QStringLiteral("안녕하세요 Alice, 반가워요");
        m_bob->typeLine(answer);
        quint64 answerSeq = 0;
        MOIM_EVENTUALLY((answerSeq = messageSeq(QStringLiteral("bob"), answer)) != 0);
        MOIM_EVENTUALLY(m_alice->title() != alicesTitle);
        m_alice->typeLine(QStringLiteral("+🎉"));
        MOIM_EVENTUALLY(reacted(QStringLiteral("alice"), QStringLiteral("🎉"), answerSeq));

        // Alice attaches a file (Ctrl+U, the file dialog, its path typed): encrypted by her
        // app, Carol downloads it intact, and Bob's app has it as the newest message.
        QByteArray content;
        for (int line = 0; line < 2000; ++line)
            content += "line " + QByteArray::number(line) + " of the quarterly notes\n";
        QFile notes(path(QStringLiteral("quarterly-notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly) && notes.write(content) == content.size());
        notes.close();
        const QString bobsTitleBeforeFile = m_bob->title();
        m_alice->keys(QStringLiteral("ctrl+u"));
        QVERIFY(!xdotool({QStringLiteral("search"), QStringLiteral("--sync"),
                          QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                          QStringLiteral("Attach files")})
                     .isEmpty());
        xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("15"),
                 notes.fileName()});
        xdotool({QStringLiteral("key"), QStringLiteral("Return")});
        quint64 fileSeq = 0;
        MOIM_EVENTUALLY((fileSeq = findEvent(QStringLiteral("message"), QStringLiteral("alice"),
                                             [](const QJsonObject& event) {
                                                 return event.value(QStringLiteral("file"))
                                                            .toObject()
                                                            .value(QStringLiteral("name"))
                                                            .toString() ==
                                                        QLatin1String("quarterly-notes.txt");
                                             })) != 0);
        const QString downloads = path(QStringLiteral("downloads"));
        QDir().mkpath(downloads);
        QVERIFY(!cli(QStringLiteral("carol"),
                     {QStringLiteral("download"), QStringLiteral("acme/general"),
                      QString::number(fileSeq), downloads})
                     .isEmpty());
        QFile downloaded(QDir(downloads).filePath(QStringLiteral("quarterly-notes.txt")));
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(downloaded.readAll(), content);
        MOIM_EVENTUALLY(m_bob->title() != bobsTitleBeforeFile);
        m_bob->typeLine(QStringLiteral("+👏"));
        MOIM_EVENTUALLY(reacted(QStringLiteral("bob"), QStringLiteral("👏"), fileSeq));

        // The main screens: Alice's in English and light, Bob's in Korean and dark with the
        // member list open; then each app again (from its cache first) in the other language
        // and theme.
        m_bob->keys(QStringLiteral("ctrl+shift+m"));
        QTest::qWait(1500);
        save(m_alice->photograph(), QStringLiteral("main-en-light.png"));
        save(m_bob->photograph(), QStringLiteral("main-ko-dark.png"));

        // A direct message from Carol while Alice looks at general: her app notifies through
        // the desktop's notification server (no tray here), the Markdown rendered away, and
        // clicking the notification opens the conversation.
        cli(QStringLiteral("carol"),
            {QStringLiteral("dm"), QStringLiteral("alice"), QStringLiteral("Lunch **at noon**?")});
        // dunst lists a notification once it has gone from the screen (6 s); the next one is
        // clicked while it is shown.
        MOIM_EVENTUALLY(notified(QStringLiteral("carol"), QStringLiteral("Lunch at noon?")));
        QVERIFY(!m_alice->title().contains(QLatin1String("carol")));
        cli(QStringLiteral("carol"),
            {QStringLiteral("dm"), QStringLiteral("alice"), QStringLiteral("Are you coming?")});
        MOIM_EVENTUALLY(run(QStringLiteral("dunstctl"),
                            {QStringLiteral("count"), QStringLiteral("displayed")}, m_environment)
                            .trimmed()
                            .toInt() >= 1);
        run(QStringLiteral("dunstctl"), {QStringLiteral("action"), QStringLiteral("0")},
            m_environment);
        MOIM_EVENTUALLY(m_alice->title().contains(QLatin1String("carol")));
        m_alice.reset();
        m_bob.reset();
        // Bob read everything in his app (its window active, the newest message in view): his
        // read marker is on the server, so his other devices see nothing unread.
        QCOMPARE(cli(QStringLiteral("bob"), {QStringLiteral("unread")}).trimmed(),
                 QByteArray("nothing unread"));
        m_alice = std::make_unique<App>(path(QStringLiteral("alice")), QStringLiteral("ko"),
                                        QStringLiteral("light"), m_environment);
        QVERIFY(m_alice->findWindow());
        MOIM_EVENTUALLY(m_alice->title().contains(QLatin1String("general")));
        QTest::qWait(2000);
        save(m_alice->photograph(), QStringLiteral("main-ko-light.png"));
        m_alice.reset();
        m_bob = std::make_unique<App>(path(QStringLiteral("bob")), QStringLiteral("en"),
                                      QStringLiteral("dark"), m_environment);
        QVERIFY(m_bob->findWindow());
        MOIM_EVENTUALLY(m_bob->title().contains(QLatin1String("general")));
        QTest::qWait(2000);
        save(m_bob->photograph(), QStringLiteral("main-en-dark.png"));
    }

    void cleanup()
    {
        if (m_server && QTest::currentTestFailed())
            qWarning().noquote() << "moimd log:\n" << QString::fromUtf8(m_server->log());
        m_alice.reset();
        m_bob.reset();
        m_server.reset();
    }
};

QTEST_MAIN(TestEndToEnd)
#include "TestEndToEnd.moc"
