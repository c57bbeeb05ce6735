#pragma once

#include <QList>
#include <optional>

namespace moim::server {

class DbContext;

// Where retention applies: a room and the newest sequence number old enough to go.
struct ExpiredRange {
    quint64 roomId = 0;
    quint64 lastExpiredSeq = 0;
};

// SQL of the retention policy: a global number of days, overridden per team.
class RetentionStore {
public:
    explicit RetentionStore(DbContext& context);

    // Rooms holding events older than their policy allows (days 0 = keep forever).
    QList<ExpiredRange> expiredRanges(int globalDays, qint64 nowMs);
    // Deletes up to `batch` expired events of a room from its oldest, with their mentions,
    // reactions and file references, in one transaction; returns how many events went.
    int deleteBatch(const ExpiredRange& range, int batch);
    // nullopt: no such team. days: 0 = keep forever; nullopt = follow the global policy.
    bool setTeamRetention(const QString& handle, std::optional<int> days);

    // PostgreSQL only (no-ops on SQLite). Creates the monthly partitions of the events table
    // for the month of nowMs and the next one; a month whose rows already sit in the default
    // partition keeps them there (logged, not an error).
    void ensurePartitions(qint64 nowMs);
    void ensurePartitionFor(qint64 monthMs);
    // PostgreSQL only. Analyzes this month's partition when it has at least doubled (and by
    // at least kGrownRows) since its last statistics; returns whether it did. A plan cached
    // while the partition looked empty can pick any index for the duplicate check of a send,
    // and then reads every event of the room for each send, until the statistics change:
    // autovacuum only looks once a minute, which at thousands of sends a second is too late.
    bool analyzeGrownPartition(qint64 nowMs);
    static constexpr qint64 kGrownRows = 1000;
    // Drops whole monthly partitions older than every retention policy allows; returns the
    // rows they held.
    qint64 dropExpiredPartitions(int globalDays, qint64 nowMs);

private:
    DbContext& m_context;
};

} // namespace moim::server
