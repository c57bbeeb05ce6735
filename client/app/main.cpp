#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcessEnvironment>
#include <QSysInfo>
#include <QThread>
#include <QTranslator>
#include <chat/ChatService.h>
#include <client/ProfileStore.h>
#include <crypto/Sodium.h>
#include <cstdio>
#include <ui/AppSettings.h>
#include <ui/ArrivalProbe.h>
#include <ui/MainWindow.h>

namespace {

// Resident memory from /proc (Linux); 0 where there is none.
long long residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace

// The object graph of the desktop app: settings, the chat service on its own thread, the
// window. Everything else lives in moim_chat and moim_client_ui.
int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("moim"));
    QApplication::setApplicationDisplayName(QStringLiteral("Moim"));
    QApplication::setDesktopFileName(QStringLiteral("moim"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/moim/icons/moim.svg")));
    if (!moim::crypto::initializeSodium())
        return 1;

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Moim, end-to-end encrypted team chat"));
    parser.addHelpOption();
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Profile directory [env MOIM_PROFILE]."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption language(QStringLiteral("lang"),
                                      QStringLiteral("Language: en or ko (default: settings, "
                                                     "then the system)."),
                                      QStringLiteral("CODE"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save the window to FILE once a room has loaded, then quit (for the "
                       "documentation and tests)."),
        QStringLiteral("FILE"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("system, light or dark (this run only)."),
                                   QStringLiteral("THEME"));
    const QCommandLineOption reportReady(
        QStringLiteral("report-ready"),
        QStringLiteral("Print \"ready rss_kb=N\" on stderr once the first room shows its "
                       "messages, then quit (for moim-bench client)."));
    const QCommandLineOption reportShown(
        QStringLiteral("report-shown"),
        QStringLiteral("Print \"listening\" on stderr once the first room shows, then \"shown "
                       "seq=N ms=T\" when a message from someone else is first painted at the "
                       "end of the timeline (for moim-bench arrival)."));
    parser.addOptions({profile, language, screenshot, theme, reportReady, reportShown});
    parser.process(app);

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString profileDir = parser.value(profile);
    if (profileDir.isEmpty())
        profileDir = environment.value(QStringLiteral("MOIM_PROFILE"));
    if (profileDir.isEmpty())
        profileDir = moim::client::ProfileStore::defaultDirectory(QStringLiteral("moim"));
    QDir().mkpath(profileDir);
    QFile::setPermissions(profileDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    moim::ui::AppSettings settings(profileDir);

    QString languageCode = parser.value(language);
    if (languageCode.isEmpty())
        languageCode = settings.language();
    const QLocale locale = languageCode.isEmpty() ? QLocale::system() : QLocale(languageCode);
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator moimTranslator;
    if (moimTranslator.load(locale, QStringLiteral("moim"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")))
        QApplication::installTranslator(&moimTranslator);
    if (settings.fontPointSize() > 0) {
        QFont font = QApplication::font();
        font.setPointSize(settings.fontPointSize());
        QApplication::setFont(font);
    }

    moim::chat::ChatService::Options options;
    options.profileDirectory = profileDir;
    options.keyProtection.application = QStringLiteral("moim");
    // Where no keychain exists the app asks for a passphrase; scripts and tests may give it.
    options.keyProtection.passphrase =
        environment.value(QStringLiteral("MOIM_KEYSTORE_PASSPHRASE"));
    options.keyProtection.cheapPassphrase =
        environment.value(QStringLiteral("MOIM_KEYSTORE_COST")) == QLatin1String("interactive");
    options.deviceName = QSysInfo::machineHostName() + QStringLiteral(" (Moim desktop)");

    QThread serviceThread;
    serviceThread.setObjectName(QStringLiteral("chat-service"));
    auto* service = new moim::chat::ChatService(options);
    service->moveToThread(&serviceThread);
    QObject::connect(&serviceThread, &QThread::finished, service, &QObject::deleteLater);
    serviceThread.start();

    moim::ui::MainWindow window(*service, settings);
    if (parser.isSet(theme)) {
        const QString chosen = parser.value(theme);
        window.applyTheme(chosen == QLatin1String("dark") ? moim::ui::AppSettings::Theme::Dark
                          : chosen == QLatin1String("light")
                              ? moim::ui::AppSettings::Theme::Light
                              : moim::ui::AppSettings::Theme::System);
    }
    window.show();
    if (parser.isSet(reportReady)) {
        QObject::connect(&window, &moim::ui::MainWindow::firstRoomShown, &app, [] {
            std::fprintf(stderr, "ready rss_kb=%lld\n", residentKilobytes());
            std::fflush(stderr);
            QApplication::exit(0);
        });
    }
    if (parser.isSet(reportShown)) {
        QObject::connect(&window, &moim::ui::MainWindow::firstRoomShown, &app, [] {
            std::fputs("listening\n", stderr);
            std::fflush(stderr);
        });
        new moim::ui::ArrivalProbe(window.timelineView(), [](quint64 seq, qint64 ms) {
            std::fprintf(stderr, "shown seq=%llu ms=%lld\n", static_cast<unsigned long long>(seq),
                         static_cast<long long>(ms));
            std::fflush(stderr);
        });
    }
    if (parser.isSet(screenshot)) {
        window.grabWhenSettled(parser.value(screenshot), 20'000,
                               [](bool saved) { QApplication::exit(saved ? 0 : 1); });
    }
    QMetaObject::invokeMethod(service, &moim::chat::ChatService::start, Qt::QueuedConnection);
    const int status = QApplication::exec();
    serviceThread.quit();
    serviceThread.wait();
    return status;
}
