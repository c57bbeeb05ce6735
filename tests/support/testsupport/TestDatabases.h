#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <server/DatabaseSettings.h>

namespace moim::test {

// Adds the rows "sqlite" and "postgres" to a data-driven test (column "backend").
void addBackendRows();

// A fresh, empty database for one test, dropped when destroyed. PostgreSQL comes from
// MOIM_TEST_PG_URL (the test script starts a server); without it the test is skipped, or
// fails when MOIM_REQUIRE_SERVICES is set, as in CI.
class ScratchDatabase {
public:
    // False (after QSKIP/QFAIL set up) when the backend is not available.
    bool create(const QString& backend);
    ~ScratchDatabase();

    const server::DatabaseSettings& settings() const { return m_settings; }
    QString url() const;
    QString directory() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    server::DatabaseSettings m_settings;
    QString m_createdPgName;
};

bool servicesRequired();

} // namespace moim::test

// Creates db for the row's backend, or skips (fails in CI) when it is unavailable.
#define MOIM_SCRATCH_DATABASE(db, backend)                                                         \
    moim::test::ScratchDatabase db;                                                                \
    if (!db.create(backend)) {                                                                     \
        if (moim::test::servicesRequired())                                                        \
            QFAIL("PostgreSQL is required (MOIM_REQUIRE_SERVICES) but not reachable");             \
        QSKIP("no PostgreSQL: set MOIM_TEST_PG_URL or run scripts/test");                          \
    }

// For a row whose moimd did not start: skipped where PostgreSQL is only absent (and not
// required here), failed otherwise.
#define MOIM_SKIP_OR_FAIL_UNSTARTED(backend)                                                       \
    do {                                                                                           \
        if ((backend) == QLatin1String("postgres") && !moim::test::servicesRequired())             \
            QSKIP("no PostgreSQL");                                                                \
        QFAIL("moimd did not start");                                                              \
    } while (false)
