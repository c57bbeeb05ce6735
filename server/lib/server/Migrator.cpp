#include "server/Migrator.h"

#include "server/DbContext.h"
#include "server/Migrations.h"
#include "server/SqlTransaction.h"

#include <QDateTime>
#include <util/LogCategories.h>

namespace moim::server {
namespace {
// An arbitrary constant naming Moim's migration lock among PostgreSQL advisory locks.
constexpr qint64 kMigrationLockId = 0x6d6f696d; // "moim"
} // namespace

Migrator::Migrator(DbContext& context)
    : m_context(context)
{}

void Migrator::ensureVersionTable()
{
    m_context.execDirect(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                        " version INTEGER PRIMARY KEY,"
                                        " description TEXT NOT NULL,"
                                        " applied_ms BIGINT NOT NULL)"));
}

int Migrator::currentVersion()
{
    ensureVersionTable();
    QSqlQuery& query =
        m_context.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    return query.next() ? query.value(0).toInt() : 0;
}

int Migrator::migrate(int target)
{
    int version = currentVersion();
    if (version > latestSchemaVersion())
        throw DbError(QStringLiteral("the database schema is version %1, newer than this moimd "
                                     "(%2): upgrade moimd")
                          .arg(version)
                          .arg(latestSchemaVersion()));
    for (const Migration& migration : allMigrations()) {
        if (migration.version > target)
            break;
        if (migration.version <= version)
            continue;
        SqlTransaction transaction(m_context);
        if (m_context.isPostgres()) {
            m_context.exec(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kMigrationLockId});
            // Another node may have applied it while we waited for the lock.
            QSqlQuery& check =
                m_context.exec(QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = ?"),
                               {migration.version});
            if (check.next()) {
                version = migration.version;
                continue;
            }
        }
        const QStringList& statements =
            m_context.isPostgres() ? migration.postgres : migration.sqlite;
        for (const QString& statement : statements)
            m_context.execDirect(statement);
        m_context.exec(
            QStringLiteral("INSERT INTO schema_migrations (version, description, "
                           "applied_ms) VALUES (?, ?, ?)"),
            {migration.version, migration.description, QDateTime::currentMSecsSinceEpoch()});
        transaction.commit();
        qCInfo(lcDb) << "applied migration" << migration.version << migration.description;
        version = migration.version;
    }
    return version;
}

} // namespace moim::server
