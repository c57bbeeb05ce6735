#include "server/SqlTransaction.h"

#include "server/DbContext.h"

#include <QSqlError>
#include <util/LogCategories.h>

namespace moim::server {

SqlTransaction::SqlTransaction(DbContext& context)
    : m_context(context)
    , m_level(context.transactionDepth())
{
    if (m_level > 0) {
        m_context.execDirect(QStringLiteral("SAVEPOINT ") + savepointName());
    } else if (!m_context.isPostgres()) {
        // IMMEDIATE takes the write lock at once (waiting out the busy timeout if needed): a
        // deferred transaction that reads and then writes fails with a stale snapshot when
        // another connection committed in between, and no timeout helps there.
        m_context.execDirect(QStringLiteral("BEGIN IMMEDIATE"));
    } else if (!m_context.database().transaction()) {
        throw DbError(QStringLiteral("cannot begin a transaction: ") +
                      m_context.database().lastError().text());
    }
    m_context.setTransactionDepth(m_level + 1);
}

SqlTransaction::~SqlTransaction()
{
    if (!m_open)
        return;
    m_context.setTransactionDepth(m_level);
    if (!m_context.isOpen())
        return;
    try {
        if (m_level > 0) {
            m_context.execDirect(QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepointName());
            m_context.execDirect(QStringLiteral("RELEASE SAVEPOINT ") + savepointName());
            return;
        }
        m_context.releaseStatements();
        if (!m_context.isPostgres())
            m_context.execDirect(QStringLiteral("ROLLBACK"));
        else if (!m_context.database().rollback())
            qCWarning(lcDb) << "rollback failed:" << m_context.database().lastError().text();
    } catch (const DbError& error) {
        qCWarning(lcDb) << "rollback failed:" << error.what();
    }
}

void SqlTransaction::commit()
{
    if (m_level > 0) {
        m_context.execDirect(QStringLiteral("RELEASE SAVEPOINT ") + savepointName());
    } else {
        m_context.releaseStatements();
        if (!m_context.isPostgres())
            m_context.execDirect(QStringLiteral("COMMIT"));
        else if (!m_context.database().commit())
            throw DbError(QStringLiteral("commit failed: ") +
                          m_context.database().lastError().text());
    }
    m_open = false;
    m_context.setTransactionDepth(m_level);
}

QString SqlTransaction::savepointName() const
{
    return QStringLiteral("moim_%1").arg(m_level);
}

} // namespace moim::server
