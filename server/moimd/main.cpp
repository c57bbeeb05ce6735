#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <crypto/Sodium.h>
#include <cstdio>
#include <server/ConfigLoader.h>
#include <server/Server.h>
#include <server/SignalWatcher.h>
#include <util/LogCategories.h>
#include <util/LogOutput.h>
#include <util/ServerEventDispatcher.h>

// Exit codes: 0 clean stop, 1 other failure, 2 bad configuration, 3 database, 4 cannot listen.
int main(int argc, char* argv[])
{
    // The main thread accepts and upgrades every connection: it gets the epoll dispatcher too.
    if (QAbstractEventDispatcher* dispatcher = moim::util::createServerEventDispatcher())
        QCoreApplication::setEventDispatcher(dispatcher);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("moimd"));

    using moim::server::ConfigOutcome;
    const ConfigOutcome outcome =
        moim::server::loadServerConfig(app.arguments(), QProcessEnvironment::systemEnvironment());
    switch (outcome.action) {
    case ConfigOutcome::Action::ShowHelp:
    case ConfigOutcome::Action::ShowVersion:
        std::fputs(qPrintable(outcome.message + QLatin1Char('\n')), stdout);
        return 0;
    case ConfigOutcome::Action::Fail:
        std::fputs(qPrintable(QStringLiteral("moimd: ") + outcome.message +
                              QStringLiteral("\nTry 'moimd --help'.\n")),
                   stderr);
        return 2;
    case ConfigOutcome::Action::Run:
        break;
    }
    moim::util::installLogOutput(outcome.config.logMode, outcome.config.logFormat);
    if (!moim::crypto::initializeSodium()) {
        qCCritical(lcServer) << "libsodium could not be initialized";
        return 1;
    }

    moim::server::Server server(outcome.config);
    QString error;
    using StartError = moim::server::Server::StartError;
    switch (server.start(&error)) {
    case StartError::None:
        break;
    case StartError::Database:
        qCCritical(lcServer).noquote() << error;
        return 3;
    case StartError::Listen:
        qCCritical(lcServer).noquote() << error;
        return 4;
    case StartError::DataDir:
        qCCritical(lcServer).noquote() << error;
        return 1;
    }

    moim::server::SignalWatcher signals;
    QObject::connect(&signals, &moim::server::SignalWatcher::terminationRequested, &server,
                     [&server](int) { server.shutdown([] { QCoreApplication::exit(0); }); });
    return QCoreApplication::exec();
}
