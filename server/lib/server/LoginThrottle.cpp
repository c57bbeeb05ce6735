#include "server/LoginThrottle.h"

namespace moim::server {
namespace {
// Beyond this many tracked keys, stale ones are swept so an attacker cycling through names
// cannot grow the tables without bound.
constexpr qsizetype kSweepThreshold = 100'000;
} // namespace

LoginThrottle::LoginThrottle(int accountLimit, int addressLimit, std::chrono::milliseconds window)
    : m_accountLimit(accountLimit)
    , m_addressLimit(addressLimit)
    , m_windowMs(window.count())
{}

qint64 LoginThrottle::waitFor(Table& table, const QString& key, int limit, qint64 nowMs)
{
    auto it = table.failures.find(key);
    if (it == table.failures.end())
        return 0;
    Failures& failures = *it;
    while (!failures.empty() && failures.front() <= nowMs - m_windowMs)
        failures.pop_front();
    if (failures.empty()) {
        table.failures.erase(it);
        return 0;
    }
    if (qsizetype(failures.size()) < limit)
        return 0;
    const qint64 oldestCounted = failures[failures.size() - size_t(limit)];
    return std::max<qint64>(1, oldestCounted + m_windowMs - nowMs);
}

qint64 LoginThrottle::retryAfterMs(const QString& account, const QString& address, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    const qint64 accountWait =
        account.isEmpty() ? 0 : waitFor(m_accounts, account, m_accountLimit, nowMs);
    return std::max(accountWait, waitFor(m_addresses, address, m_addressLimit, nowMs));
}

void LoginThrottle::record(Table& table, const QString& key, int limit, qint64 nowMs)
{
    Failures& failures = table.failures[key];
    failures.push_back(nowMs);
    // Only the newest `limit` failures matter for the decision.
    while (qsizetype(failures.size()) > limit)
        failures.pop_front();
    pruneIfLarge(table, nowMs);
}

void LoginThrottle::recordFailure(const QString& account, const QString& address, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    if (!account.isEmpty())
        record(m_accounts, account, m_accountLimit, nowMs);
    record(m_addresses, address, m_addressLimit, nowMs);
}

void LoginThrottle::recordSuccess(const QString& account)
{
    std::lock_guard lock(m_mutex);
    m_accounts.failures.remove(account);
}

void LoginThrottle::pruneIfLarge(Table& table, qint64 nowMs)
{
    if (table.failures.size() < std::max(kSweepThreshold, table.sweepAt))
        return;
    for (auto it = table.failures.begin(); it != table.failures.end();) {
        if (it->empty() || it->back() <= nowMs - m_windowMs)
            it = table.failures.erase(it);
        else
            ++it;
    }
    // Keys still inside the window survive a sweep; doubling the next threshold keeps the
    // sweeps' total cost linear in the number of failures even then.
    table.sweepAt = 2 * table.failures.size();
}

} // namespace moim::server
