#include "server/SqlTransaction.h"

#include "server/DbContext.h"

#include <QSqlError>
#include <util/LogCategories.h>

namespace moim::server {

SqlTransaction::SqlTransaction(DbContext& context)
    : m_context(context)
{
    if (!m_context.isPostgres()) {
        // IMMEDIATE takes the write lock at once (waiting out the busy timeout if needed): a
        // deferred transaction that reads and then writes fails with a stale snapshot when
        // another connection committed in between, and no timeout helps there.
        m_context.execDirect(QStringLiteral("BEGIN IMMEDIATE"));
        return;
    }
    if (!m_context.database().transaction())
        throw DbError(QStringLiteral("cannot begin a transaction: ") +
                      m_context.database().lastError().text());
}

SqlTransaction::~SqlTransaction()
{
    if (!m_open || !m_context.isOpen())
        return;
    m_context.releaseStatements();
    if (!m_context.isPostgres()) {
        try {
            m_context.execDirect(QStringLiteral("ROLLBACK"));
        } catch (const DbError& error) {
            qCWarning(lcDb) << "rollback failed:" << error.what();
        }
        return;
    }
    if (!m_context.database().rollback())
        qCWarning(lcDb) << "rollback failed:" << m_context.database().lastError().text();
}

void SqlTransaction::commit()
{
    m_context.releaseStatements();
    if (!m_context.isPostgres())
        m_context.execDirect(QStringLiteral("COMMIT"));
    else if (!m_context.database().commit())
        throw DbError(QStringLiteral("commit failed: ") + m_context.database().lastError().text());
    m_open = false;
}

} // namespace moim::server
