#include "server/DbContext.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <util/LogCategories.h>

namespace moim::server {

DbError::DbError(const QString& message)
    : std::runtime_error(message.toStdString())
{}

DbContext::DbContext(const QString& connectionName, const DatabaseSettings& settings)
    : m_connectionName(connectionName)
    , m_settings(settings)
{
    if (settings.backend == DatabaseBackend::Sqlite) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        m_db.setDatabaseName(settings.sqlitePath);
        // Writers from several threads wait for each other instead of failing at once.
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
    } else {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        m_db.setHostName(settings.host);
        m_db.setPort(settings.port);
        m_db.setUserName(settings.user);
        m_db.setPassword(settings.password);
        m_db.setDatabaseName(settings.name);
        QString options = QStringLiteral("connect_timeout=5");
        if (!settings.connectOptions.isEmpty())
            options += QLatin1Char(';') + settings.connectOptions;
        m_db.setConnectOptions(options);
    }
}

DbContext::~DbContext()
{
    close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void DbContext::close()
{
    m_prepared.clear();
    if (m_db.isOpen())
        m_db.close();
}

bool DbContext::isOpen() const
{
    return m_db.isOpen();
}

void DbContext::ensureOpen()
{
    if (m_db.isOpen())
        return;
    m_prepared.clear();
    if (m_settings.backend == DatabaseBackend::Sqlite) {
        const QFileInfo file(m_settings.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            throw DbError(QStringLiteral("cannot create directory %1").arg(file.absolutePath()));
    }
    if (!m_db.open())
        throw DbError(QStringLiteral("cannot open %1: %2")
                          .arg(m_settings.describe(), m_db.lastError().text()));
    if (m_settings.backend == DatabaseBackend::Sqlite) {
        // WAL lets readers run beside the writer; FULL makes a commit durable before we answer.
        execDirect(QStringLiteral("PRAGMA journal_mode=WAL"));
        execDirect(QStringLiteral("PRAGMA synchronous=FULL"));
        execDirect(QStringLiteral("PRAGMA foreign_keys=ON"));
    } else {
        execDirect(QStringLiteral("SET TIME ZONE 'UTC'"));
    }
}

QVariant DbContext::bindable(const QVariant& value)
{
    // The SQL drivers bind a null QString or QByteArray as NULL, so an empty topic or
    // envelope would break NOT NULL columns. Here only a null QVariant means NULL.
    if (value.isNull())
        return value;
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        return QString::fromLatin1("");
    if (value.typeId() == QMetaType::QByteArray && value.toByteArray().isNull())
        return QByteArray("", 0);
    return value;
}

QSqlQuery& DbContext::exec(const QString& sql, const QVariantList& values)
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        auto query = std::make_shared<QSqlQuery>(m_db);
        if (!query->prepare(sql))
            throw DbError(QStringLiteral("prepare failed: %1 [%2]")
                              .arg(query->lastError().text(), sql.simplified()));
        it = m_prepared.insert(sql, query);
    }
    QSqlQuery& query = **it;
    // One live cursor per connection: on SQLite a statement left active after a single-row
    // lookup keeps its read snapshot, and a later write on this connection then fails with
    // "database is locked" once another connection has committed.
    for (const auto& other : std::as_const(m_prepared)) {
        if (other->isActive())
            other->finish();
    }
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, bindable(values.at(i)));
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        // A broken connection leaves prepared statements useless: drop them so the next job
        // reconnects and prepares again. Qt's SQLite driver reports every failed step (a
        // constraint, a busy lock) as a connection error, though its file connection is fine:
        // closing it would end a transaction other requests share (group commit).
        const bool connectionLost =
            !m_db.isOpen() || (isPostgres() && error.type() == QSqlError::ConnectionError);
        if (connectionLost)
            close();
        throw DbError(QStringLiteral("query failed: %1 [%2]").arg(error.text(), sql.simplified()));
    }
    return query;
}

void DbContext::releaseStatements()
{
    for (const auto& query : std::as_const(m_prepared))
        query->finish();
}

void DbContext::beginGroup(std::vector<quint64> lanes)
{
    m_group.emplace();
    m_group->lanes = std::move(lanes);
}

void DbContext::flushGroup()
{
    if (m_group && m_group->writes)
        m_group->writes->flush();
}

void DbContext::endGroup()
{
    m_group.reset();
}

void DbContext::execDirect(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        throw DbError(QStringLiteral("query failed: %1 [%2]")
                          .arg(query.lastError().text(), sql.simplified()));
}

} // namespace moim::server
