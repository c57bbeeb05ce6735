#pragma once

#include <QHash>
#include <QString>
#include <chrono>
#include <deque>
#include <mutex>

namespace moim::server {

// Counts failed logins per account and per client address over a sliding window. Once either
// reaches its limit, attempts are refused (before any password is hashed) until the oldest
// counted failure leaves the window. Shared by all socket threads.
class LoginThrottle {
public:
    LoginThrottle(int accountLimit, int addressLimit, std::chrono::milliseconds window);

    // 0 when an attempt may go ahead, else how long to wait. An empty account (a resume by
    // token) is counted against the address only: one shared key would let anyone lock out
    // every resume on the server.
    qint64 retryAfterMs(const QString& account, const QString& address, qint64 nowMs);
    void recordFailure(const QString& account, const QString& address, qint64 nowMs);
    void recordSuccess(const QString& account);

private:
    using Failures = std::deque<qint64>;
    struct Table {
        QHash<QString, Failures> failures;
        qsizetype sweepAt = 0; // size at which stale keys are swept next
    };
    qint64 waitFor(Table& table, const QString& key, int limit, qint64 nowMs);
    void record(Table& table, const QString& key, int limit, qint64 nowMs);
    void pruneIfLarge(Table& table, qint64 nowMs);

    std::mutex m_mutex;
    int m_accountLimit;
    int m_addressLimit;
    qint64 m_windowMs;
    Table m_accounts;
    Table m_addresses;
};

} // namespace moim::server
