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
    // Deletes up to `batch` expired events of a room from its oldest, with their mentions
    // and reactions, in one transaction; returns how many events went.
    int deleteBatch(const ExpiredRange& range, int batch);
    // nullopt: no such team. days: 0 = keep forever; nullopt = follow the global policy.
    bool setTeamRetention(const QString& handle, std::optional<int> days);

private:
    DbContext& m_context;
};

} // namespace moim::server
