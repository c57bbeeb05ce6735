#include "server/SqlTransaction.h"

#include "server/DbContext.h"

#include <QSqlError>
#include <util/LogCategories.h>

namespace moim::server {

SqlTransaction::SqlTransaction(DbContext& context)
    : m_context(context)
{
    if (!m_context.database().transaction())
        throw DbError(QStringLiteral("cannot begin a transaction: ") +
                      m_context.database().lastError().text());
}

SqlTransaction::~SqlTransaction()
{
    if (m_open && m_context.isOpen() && !m_context.database().rollback())
        qCWarning(lcDb) << "rollback failed:" << m_context.database().lastError().text();
}

void SqlTransaction::commit()
{
    if (!m_context.database().commit())
        throw DbError(QStringLiteral("commit failed: ") + m_context.database().lastError().text());
    m_open = false;
}

} // namespace moim::server
