#include "server/AdminTool.h"

#include "server/BlobCollector.h"
#include "server/BlobStore.h"
#include "server/ConfigLoader.h"
#include "server/DatabasePool.h"
#include "server/Migrations.h"
#include "server/Migrator.h"
#include "server/RetentionJob.h"
#include "server/RetentionStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <protocol/AccountRules.h>

namespace moim::server {
namespace {

const QStringList kCommands{QStringLiteral("status"), QStringLiteral("migrate"),
                            QStringLiteral("team-retention"), QStringLiteral("retention-run"),
                            QStringLiteral("blob-gc")};

QString help()
{
    return QStringLiteral(
        "usage: moimctl [--config FILE] [--data-dir DIR] [--database URL] COMMAND\n"
        "  status                      schema version and counts\n"
        "  migrate                     apply pending migrations\n"
        "  team-retention TEAM DAYS    keep TEAM's history DAYS days (0: forever)\n"
        "  team-retention TEAM default follow the server's --retention-days\n"
        "  retention-run               delete expired history now\n"
        "  blob-gc                     delete attachments no message refers to, and\n"
        "                              unfinished uploads, once older than moimd's\n"
        "                              --blob-grace-hours (default 24); with moimd's\n"
        "                              --data-dir. `moimctl --data-dir DIR\n"
        "                              --blob-grace-hours 0 blob-gc` collects them all now\n"
        "Any moimd setting may come before COMMAND (see moimd --help).\n");
}

} // namespace

AdminTool::AdminTool(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{}

int AdminTool::usage(const QString& message)
{
    m_err << "moimctl: " << message << '\n' << help();
    m_err.flush();
    return 2;
}

int AdminTool::run(const QStringList& arguments)
{
    const auto commandAt = std::find_if(arguments.begin() + 1, arguments.end(),
                                        [](const QString& a) { return kCommands.contains(a); });
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        m_out << help();
        m_out.flush();
        return 0;
    }
    if (commandAt == arguments.end())
        return usage(QStringLiteral("no command given"));
    const QStringList flags = arguments.mid(0, commandAt - arguments.begin());
    const QString command = *commandAt;
    const QStringList args = arguments.mid(commandAt - arguments.begin() + 1);
    const ConfigOutcome config = loadServerConfig(flags, QProcessEnvironment::systemEnvironment());
    if (config.action != ConfigOutcome::Action::Run)
        return usage(config.message);

    DatabasePool pool(config.config.database, 1);
    QString error;
    if (!pool.start(&error)) {
        m_err << "moimctl: " << error << '\n';
        m_err.flush();
        return 3;
    }
    const auto report = [this](const protocol::ErrorReply& failure) {
        m_err << "moimctl: " << failure.message << " (see the log above)\n";
        m_err.flush();
        return 1;
    };
    if (command == QLatin1String("migrate") || command == QLatin1String("status")) {
        const bool apply = command == QLatin1String("migrate");
        const auto version = pool.runBlocking<int>([apply](DbContext& context) {
            Migrator migrator(context);
            return apply ? migrator.migrate() : migrator.currentVersion();
        });
        if (!version)
            return report(version.error());
        m_out << "schema version " << version.value() << " of " << latestSchemaVersion() << '\n';
        if (command == QLatin1String("status") && version.value() == latestSchemaVersion()) {
            const auto counts = pool.runBlocking<QStringList>([](DbContext& context) {
                QStringList lines;
                for (const char* table : {"users", "devices", "teams", "rooms", "events"}) {
                    QSqlQuery& query = context.exec(
                        QStringLiteral("SELECT COUNT(*) FROM %1").arg(QString::fromLatin1(table)));
                    query.next();
                    lines.append(QStringLiteral("%1: %2").arg(QString::fromLatin1(table),
                                                              query.value(0).toString()));
                }
                return lines;
            });
            if (!counts)
                return report(counts.error());
            m_out << counts.value().join(QLatin1Char('\n')) << '\n';
        }
        m_out.flush();
        return 0;
    }
    if (command == QLatin1String("team-retention")) {
        if (args.size() != 2)
            return usage(QStringLiteral("team-retention TEAM DAYS|default"));
        std::optional<int> days;
        if (args.at(1) != QLatin1String("default")) {
            bool ok = false;
            days = args.at(1).toInt(&ok);
            if (!ok || *days < 0 || *days > 100 * 366)
                return usage(QStringLiteral("DAYS is a whole number from 0 (forever) to 36600"));
        }
        const QString handle = protocol::normalizeUsername(args.at(0));
        const auto changed = pool.runBlocking<bool>([&](DbContext& context) {
            return RetentionStore(context).setTeamRetention(handle, days);
        });
        if (!changed)
            return report(changed.error());
        if (!changed.value()) {
            m_err << "moimctl: no team '" << args.at(0) << "'\n";
            m_err.flush();
            return 1;
        }
        m_out << "team " << handle << ": "
              << (days ? (*days == 0 ? QStringLiteral("kept forever")
                                     : QStringLiteral("kept %1 days").arg(*days))
                       : QStringLiteral("follows the server's policy"))
              << '\n';
        m_out.flush();
        return 0;
    }
    if (!args.isEmpty())
        return usage(command + QStringLiteral(" takes no arguments"));
    QEventLoop loop;
    if (command == QLatin1String("blob-gc")) {
        // Rows and files go together: with another data directory than moimd's, the rows
        // would go and the files stay forever.
        const QString blobDir = QDir(config.config.dataDir).filePath(QStringLiteral("blobs"));
        if (!QDir(blobDir).exists()) {
            m_err << "moimctl: no " << blobDir << ": give moimd's --data-dir\n";
            m_err.flush();
            return 1;
        }
        BlobCollector collector(pool, BlobStore(config.config.dataDir),
                                config.config.blobGraceHours, config.config.retentionBatch);
        std::optional<BlobCollector::Counts> counts;
        collector.runOnce([&counts](BlobCollector::Counts done) { counts = done; });
        while (!counts)
            loop.processEvents(QEventLoop::WaitForMoreEvents);
        m_out << "deleted " << counts->blobs << " files and " << counts->uploads
              << " unfinished uploads, dropped " << counts->references
              << " references to removed events\n";
        m_out.flush();
        return 0;
    }
    RetentionJob job(pool, config.config.retentionDays, config.config.retentionBatch);
    std::optional<qint64> deleted;
    job.runOnce([&deleted](qint64 count) { deleted = count; });
    while (!deleted)
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    m_out << "deleted " << *deleted << " expired events\n";
    m_out.flush();
    return 0;
}

} // namespace moim::server
