#pragma once

#include <QString>

namespace moim::server {

class DbContext;

// Begins a transaction; rolls it back when destroyed unless commit() succeeded, so that an
// exception or early return never leaves half a change behind. Inside another transaction on
// the same connection it is a savepoint: committing releases it into the outer transaction,
// rolling back undoes only what was done since it began (see DatabasePool::runGrouped).
class SqlTransaction {
public:
    explicit SqlTransaction(DbContext& context);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;

    void commit();

private:
    QString savepointName() const;

    DbContext& m_context;
    int m_level = 0; // 0: the transaction itself; above: a savepoint
    bool m_open = true;
};

} // namespace moim::server
