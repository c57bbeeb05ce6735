#include "server/RetentionStore.h"

#include "server/DbContext.h"
#include "server/SqlTransaction.h"

namespace moim::server {

namespace {
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
} // namespace

RetentionStore::RetentionStore(DbContext& context)
    : m_context(context)
{}

QList<ExpiredRange> RetentionStore::expiredRanges(int globalDays, qint64 nowMs)
{
    QSqlQuery& rooms =
        m_context.exec(QStringLiteral("SELECT r.id, COALESCE(t.retention_days, ?) FROM rooms r "
                                      "LEFT JOIN teams t ON t.id = r.team_id"),
                       {globalDays});
    QList<std::pair<quint64, int>> policies;
    while (rooms.next())
        policies.append({rooms.value(0).toULongLong(), rooms.value(1).toInt()});
    rooms.finish();
    QList<ExpiredRange> ranges;
    for (const auto& [roomId, days] : policies) {
        if (days <= 0)
            continue;
        // Sequence numbers grow with time in a room, so what expired is a prefix of it.
        QSqlQuery& last = m_context.exec(
            QStringLiteral("SELECT MAX(seq) FROM events WHERE room_id = ? AND created_ms < ?"),
            {qint64(roomId), nowMs - qint64(days) * kDayMs});
        if (last.next() && !last.value(0).isNull())
            ranges.append({roomId, last.value(0).toULongLong()});
        last.finish();
    }
    return ranges;
}

int RetentionStore::deleteBatch(const ExpiredRange& range, int batch)
{
    SqlTransaction transaction(m_context);
    QSqlQuery& first =
        m_context.exec(QStringLiteral("SELECT MIN(seq) FROM events WHERE room_id = ? AND seq <= ?"),
                       {qint64(range.roomId), qint64(range.lastExpiredSeq)});
    if (!first.next() || first.value(0).isNull())
        return 0;
    const qint64 from = first.value(0).toLongLong();
    first.finish();
    const qint64 to = std::min<qint64>(from + batch - 1, qint64(range.lastExpiredSeq));
    const QVariantList keys{qint64(range.roomId), from, to};
    m_context.exec(
        QStringLiteral("DELETE FROM event_mentions WHERE room_id = ? AND seq BETWEEN ? AND ?"),
        keys);
    m_context.exec(
        QStringLiteral("DELETE FROM reactions WHERE room_id = ? AND seq BETWEEN ? AND ?"), keys);
    QSqlQuery& events = m_context.exec(
        QStringLiteral("DELETE FROM events WHERE room_id = ? AND seq BETWEEN ? AND ?"), keys);
    const int deleted = DbContext::affectedRows(events);
    transaction.commit();
    return deleted;
}

bool RetentionStore::setTeamRetention(const QString& handle, std::optional<int> days)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("UPDATE teams SET retention_days = ? WHERE handle = ?"),
        {days ? QVariant(qint64(*days)) : QVariant(QMetaType::fromType<qint64>()), handle});
    return DbContext::affectedRows(query) == 1;
}

} // namespace moim::server
