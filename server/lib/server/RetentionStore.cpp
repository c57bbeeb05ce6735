#include "server/RetentionStore.h"

#include "server/DbContext.h"
#include "server/SqlTransaction.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStringList>
#include <util/LogCategories.h>

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
    // Their files become unreferenced: the blob collector deletes them after the grace period.
    m_context.exec(
        QStringLiteral("DELETE FROM event_blobs WHERE room_id = ? AND seq BETWEEN ? AND ?"), keys);
    QSqlQuery& events = m_context.exec(
        QStringLiteral("DELETE FROM events WHERE room_id = ? AND seq BETWEEN ? AND ?"), keys);
    const int deleted = DbContext::affectedRows(events);
    transaction.commit();
    return deleted;
}

namespace {

QDate monthStart(qint64 ms)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date();
    return QDate(day.year(), day.month(), 1);
}

qint64 utcMs(QDate date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

QString partitionName(QDate month)
{
    return QStringLiteral("events_y%1m%2")
        .arg(month.year())
        .arg(month.month(), 2, 10, QLatin1Char('0'));
}

} // namespace

void RetentionStore::ensurePartitionFor(qint64 monthMs)
{
    if (!m_context.isPostgres())
        return;
    const QDate month = monthStart(monthMs);
    try {
        // Names and bounds are computed here, never taken from input.
        m_context.execDirect(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 PARTITION OF events "
                                            "FOR VALUES FROM (%2) TO (%3)")
                                 .arg(partitionName(month))
                                 .arg(utcMs(month))
                                 .arg(utcMs(month.addMonths(1))));
    } catch (const DbError& error) {
        qCInfo(lcDb) << "partition" << partitionName(month) << "not created:" << error.what();
    }
}

void RetentionStore::ensurePartitions(qint64 nowMs)
{
    ensurePartitionFor(nowMs);
    ensurePartitionFor(utcMs(monthStart(nowMs).addMonths(1)));
}

bool RetentionStore::analyzeGrownPartition(qint64 nowMs)
{
    if (!m_context.isPostgres())
        return false;
    const QString partition = partitionName(monthStart(nowMs));
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT s.n_mod_since_analyze, c.reltuples FROM pg_class c "
                       "JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = ?"),
        {partition});
    if (!query.next())
        return false;
    const qint64 changed = query.value(0).toLongLong();
    const double rows = query.value(1).toDouble(); // -1 when never analyzed
    query.finish();
    if (changed < kGrownRows || double(changed) < rows)
        return false;
    m_context.execDirect(QStringLiteral("ANALYZE ") + partition); // a name we made
    return true;
}

qint64 RetentionStore::dropExpiredPartitions(int globalDays, qint64 nowMs)
{
    if (!m_context.isPostgres() || globalDays == 0)
        return 0;
    // The longest policy decides: a month goes whole only when no room may keep it.
    int longest = globalDays;
    QSqlQuery& teams = m_context.exec(
        QStringLiteral("SELECT retention_days FROM teams WHERE retention_days IS NOT NULL"));
    while (teams.next()) {
        const int days = teams.value(0).toInt();
        if (days == 0)
            return 0;
        longest = std::max(longest, days);
    }
    teams.finish();
    const qint64 cutoff = nowMs - qint64(longest) * kDayMs;
    QSqlQuery& partitions = m_context.exec(
        QStringLiteral("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events' "
                       "AND c.relname LIKE 'events\\_y%'"));
    QStringList expired;
    static const QRegularExpression pattern(QStringLiteral("^events_y(\\d{4})m(\\d{2})$"));
    while (partitions.next()) {
        const QString name = partitions.value(0).toString();
        const auto match = pattern.match(name);
        if (!match.hasMatch())
            continue;
        const QDate month(match.captured(1).toInt(), match.captured(2).toInt(), 1);
        if (utcMs(month.addMonths(1)) <= cutoff)
            expired.append(name);
    }
    partitions.finish();
    qint64 rows = 0;
    for (const QString& name : std::as_const(expired)) {
        SqlTransaction transaction(m_context);
        QSqlQuery count(m_context.database());
        if (count.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(name)) && count.next())
            rows += count.value(0).toLongLong();
        count.finish();
        // Mentions, reactions and file references of those events go too.
        m_context.execDirect(QStringLiteral("DELETE FROM event_mentions m USING %1 e "
                                            "WHERE m.room_id = e.room_id AND m.seq = e.seq")
                                 .arg(name));
        m_context.execDirect(QStringLiteral("DELETE FROM reactions r USING %1 e "
                                            "WHERE r.room_id = e.room_id AND r.seq = e.seq")
                                 .arg(name));
        m_context.execDirect(QStringLiteral("DELETE FROM event_blobs b USING %1 e "
                                            "WHERE b.room_id = e.room_id AND b.seq = e.seq")
                                 .arg(name));
        m_context.execDirect(QStringLiteral("DROP TABLE %1").arg(name));
        transaction.commit();
        qCInfo(lcDb) << "dropped expired partition" << name;
    }
    return rows;
}

bool RetentionStore::setTeamRetention(const QString& handle, std::optional<int> days)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("UPDATE teams SET retention_days = ? WHERE handle = ?"),
        {days ? QVariant(qint64(*days)) : QVariant(QMetaType::fromType<qint64>()), handle});
    return DbContext::affectedRows(query) == 1;
}

} // namespace moim::server
