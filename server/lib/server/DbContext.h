#pragma once

#include "server/DatabaseSettings.h"
#include "server/DeferredWrites.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace moim::server {

// Thrown by DbContext on any SQL failure; DatabasePool turns it into an `internal` error for
// the peer and a log line for the operator (without bound values, which may be secrets).
class DbError : public std::runtime_error {
public:
    explicit DbError(const QString& message);
};

// The connection a database worker thread owns, handed to each job that runs on it.
class DbContext {
public:
    DbContext(const QString& connectionName, const DatabaseSettings& settings);
    ~DbContext();
    DbContext(const DbContext&) = delete;
    DbContext& operator=(const DbContext&) = delete;

    // Opens (or reopens after a lost connection) and applies per-connection settings.
    void ensureOpen();
    void close();
    bool isOpen() const;

    DatabaseBackend backend() const { return m_settings.backend; }
    bool isPostgres() const { return m_settings.backend == DatabaseBackend::Postgres; }
    QSqlDatabase& database() { return m_db; }

    // Values bind as given, except that empty strings and byte arrays bind as empty, never
    // as NULL; to bind NULL pass a null QVariant (QVariant(QMetaType::fromType<T>())).
    static QVariant bindable(const QVariant& value);

    // Runs sql as a statement prepared once per connection and kept (on PostgreSQL a prepare is
    // a round trip and destroying the query deallocates it). Positional '?' placeholders. The
    // returned query is valid until the next exec() on this context: read what you need
    // from it first.
    QSqlQuery& exec(const QString& sql, const QVariantList& values = {});
    // Runs sql once without preparing it: DDL and statements that differ each time.
    void execDirect(const QString& sql);

    // Resets every kept statement. Run after each job: on SQLite an unreset SELECT holds its
    // read transaction open, pinning an old snapshot and blocking this connection's writes.
    void releaseStatements();

    // How many SqlTransactions are open on this connection: the outermost is a transaction,
    // those inside it savepoints.
    int transactionDepth() const { return m_transactionDepth; }
    void setTransactionDepth(int depth) { m_transactionDepth = depth; }

    // Rows changed by a statement that exec() ran.
    static int affectedRows(QSqlQuery& query) { return query.numRowsAffected(); }

    // A group commit's first attempt (DatabasePool::runGroup) runs its requests in one
    // transaction, none in a savepoint: only then may a request leave writes to the group's
    // end, since a failure there undoes the whole attempt and the group runs again without
    // deferring. `lanes` are what the group's requests lock (their rooms), sorted.
    void beginGroup(std::vector<quint64> lanes);
    // Runs the deferred writes, before the commit or before a request reads what they hold.
    void flushGroup();
    // Drops whatever was not flushed (the transaction is being rolled back).
    void endGroup();
    bool inGroup() const { return m_group.has_value(); }
    const std::vector<quint64>& groupLanes() const { return m_group->lanes; }
    // The group's deferred writes of type T, made on first use; only inside a group.
    template <typename T> T& groupWrites()
    {
        if (!m_group->writes)
            m_group->writes = std::make_unique<T>(*this);
        return dynamic_cast<T&>(*m_group->writes);
    }

private:
    struct Group {
        std::vector<quint64> lanes;
        std::unique_ptr<DeferredWrites> writes;
    };

    QString m_connectionName;
    DatabaseSettings m_settings;
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_prepared;
    int m_transactionDepth = 0;
    std::optional<Group> m_group;
};

} // namespace moim::server
