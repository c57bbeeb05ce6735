#include "server/Server.h"

#include "server/AccountService.h"
#include "server/BlobCollector.h"
#include "server/BlobService.h"
#include "server/BlobStore.h"
#include "server/ClientConnection.h"
#include "server/ConnectionRegistry.h"
#include "server/DatabasePool.h"
#include "server/EventService.h"
#include "server/Fanout.h"
#include "server/HealthMonitor.h"
#include "server/HttpFrontend.h"
#include "server/KeyService.h"
#include "server/LastSeenWriter.h"
#include "server/LoginThrottle.h"
#include "server/Migrator.h"
#include "server/PasswordWorkers.h"
#include "server/PushGateway.h"
#include "server/RequestRouter.h"
#include "server/RetentionJob.h"
#include "server/RoomAudienceCache.h"
#include "server/RoomService.h"
#include "server/SocialService.h"
#include "server/SocketThreads.h"
#include "server/StatisticsKeeper.h"
#include "server/TeamService.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <QWebSocketProtocol>
#include <util/LogCategories.h>

namespace moim::server {
namespace {
constexpr int kShutdownGraceMs = 3000;
// How long a device's last-seen time may wait in memory before it is written.
constexpr int kLastSeenFlushMs = 5000;
} // namespace

Server::Server(ServerConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
{}

Server::~Server()
{
    if (m_frontend)
        m_frontend->stopListening();
    m_frontend.reset();
    if (m_threads)
        m_threads->stop();
    if (m_lastSeen)
        m_lastSeen->flush();
    if (m_database)
        m_database->stop();
}

Server::StartError Server::start(QString* error)
{
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = QStringLiteral("cannot create data directory %1").arg(m_config.dataDir);
        return StartError::DataDir;
    }
    const BlobStore files(m_config.dataDir);
    if (!files.prepare(error))
        return StartError::DataDir;
    m_database = std::make_unique<DatabasePool>(m_config.database, m_config.dbThreads);
    if (!m_database->start(error))
        return StartError::Database;
    const auto migrated = m_database->runBlocking<int>(
        [](DbContext& context) { return Migrator(context).migrate(); });
    if (!migrated) {
        *error = QStringLiteral("cannot apply database migrations (see the log above)");
        return StartError::Database;
    }
    qCInfo(lcDb).noquote() << "database" << m_config.database.describe() << "at schema version"
                           << migrated.value();

    m_passwords = std::make_unique<PasswordWorkers>(
        crypto::PasswordHashCost{}, m_config.passwordThreads, m_config.passwordQueueLimit);
    m_throttle = std::make_unique<LoginThrottle>(
        m_config.accountFailureLimit, m_config.addressFailureLimit, m_config.failureWindow);
    m_registry = std::make_unique<ConnectionRegistry>();
    m_router = std::make_unique<RequestRouter>();
    m_lastSeen = std::make_unique<LastSeenWriter>(*m_database);
    auto* lastSeenFlush = new QTimer(this);
    connect(lastSeenFlush, &QTimer::timeout, this, [this] { m_lastSeen->flush(); });
    lastSeenFlush->start(kLastSeenFlushMs);
    m_accounts = std::make_unique<AccountService>(*m_database, *m_passwords, *m_throttle,
                                                  *m_registry, *m_lastSeen, m_config.pushGateway,
                                                  m_config.pushAllowedHosts);
    if (m_config.pushGateway)
        m_push = std::make_unique<PushGateway>(m_config.pushAllowedHosts);
    m_accounts->registerRoutes(*m_router);
    m_fanout = std::make_unique<Fanout>(*m_registry);
    m_teams = std::make_unique<TeamService>(*m_database, *m_fanout);
    m_teams->registerRoutes(*m_router);
    m_rooms = std::make_unique<RoomService>(*m_database, *m_fanout);
    m_rooms->registerRoutes(*m_router);
    m_audiences = std::make_unique<RoomAudienceCache>();
    m_events = std::make_unique<EventService>(*m_database, *m_audiences, *m_fanout, *m_registry,
                                              m_push.get());
    m_events->registerRoutes(*m_router);
    m_social = std::make_unique<SocialService>(*m_database, *m_fanout, *m_registry);
    m_social->registerRoutes(*m_router);
    m_keys = std::make_unique<KeyService>(*m_database, *m_audiences, *m_registry);
    m_keys->registerRoutes(*m_router);
    m_blobs =
        std::make_unique<BlobService>(*m_database, files, m_config.maxFileSize, m_config.userQuota);
    m_blobs->registerRoutes(*m_router);
    m_registry->setPresenceListener([social = m_social.get()](quint64 userId, auto status) {
        social->presenceChanged(userId, status);
    });
    m_accounts->setSessionStartedHook([social = m_social.get()](ClientConnection& connection) {
        social->sendMissedNotifications(connection);
    });
    m_threads = std::make_unique<SocketThreads>(m_config.ioThreads);
    m_health = std::make_unique<HealthMonitor>(*m_database);
    m_frontend =
        std::make_unique<HttpFrontend>(m_config, *m_health, *m_router, *m_registry, *m_threads);
    if (!m_frontend->listen(error))
        return StartError::Listen;
    m_health->start();
    m_blobCollector = std::make_unique<BlobCollector>(*m_database, files, m_config.blobGraceHours,
                                                      m_config.retentionBatch);
    m_retention = std::make_unique<RetentionJob>(*m_database, m_config.retentionDays,
                                                 m_config.retentionBatch);
    m_retention->setBlobCollector(m_blobCollector.get());
    m_retention->start(m_config.retentionInterval);
    if (m_config.database.backend == DatabaseBackend::Postgres) {
        m_statistics = std::make_unique<StatisticsKeeper>(*m_database);
        m_statistics->start(std::chrono::seconds(5));
    }
    qCInfo(lcServer).noquote()
        << QStringLiteral("listening on %1:%2").arg(m_config.listenAddress.toString()).arg(port());
    return StartError::None;
}

quint16 Server::port() const
{
    return m_frontend ? m_frontend->port() : 0;
}

void Server::shutdown(std::function<void()> done)
{
    qCInfo(lcServer) << "shutting down";
    if (!m_frontend) {
        done();
        return;
    }
    m_health->setShuttingDown();
    m_frontend->stopListening();
    m_registry->closeAll(QWebSocketProtocol::CloseCodeGoingAway,
                         QStringLiteral("server shutting down"));
    // Wait for peers to acknowledge the close (bounded), then stop threads and the database
    // pool, which runs what is queued before it closes.
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll, waited, done] {
        if (m_registry->count() > 0 && waited->elapsed() < kShutdownGraceMs)
            return;
        poll->deleteLater();
        m_threads->stop();
        m_lastSeen->flush();
        m_database->stop();
        qCInfo(lcServer) << "stopped";
        done();
    });
    poll->start(20);
}

} // namespace moim::server
