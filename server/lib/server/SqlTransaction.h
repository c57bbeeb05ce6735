#pragma once

namespace moim::server {

class DbContext;

// Begins a transaction; rolls it back when destroyed unless commit() succeeded, so that an
// exception or early return never leaves half a change behind.
class SqlTransaction {
public:
    explicit SqlTransaction(DbContext& context);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;

    void commit();

private:
    DbContext& m_context;
    bool m_open = true;
};

} // namespace moim::server
