#pragma once

#include <climits>

namespace moim::server {

class DbContext;

// Applies pending migrations, each in its own transaction, up to target (default: all).
// On PostgreSQL an advisory lock keeps several starting nodes from migrating at once.
class Migrator {
public:
    explicit Migrator(DbContext& context);

    int currentVersion();
    // Returns the version reached; throws DbError when a step fails (that step is rolled back)
    // or when the database is newer than this build.
    int migrate(int target = INT_MAX);

private:
    void ensureVersionTable();

    DbContext& m_context;
};

} // namespace moim::server
