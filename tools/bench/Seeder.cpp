#include "Seeder.h"

#include <QDateTime>
#include <crypto/PasswordHash.h>
#include <crypto/SessionToken.h>
#include <protocol/TeamMessages.h>
#include <server/DatabaseSettings.h>
#include <server/DbContext.h>
#include <server/SqlTransaction.h>
#include <server/TeamStore.h>

namespace moim::bench {

using server::DbContext;
using server::DbError;
using server::SqlTransaction;

namespace {
constexpr int kUsersPerTransaction = 2000;
constexpr qint64 kHistoryRowsPerStatement = 500'000;
constexpr qint64 kMonthMs = 30LL * 24 * 3600 * 1000;

// A bulk load outruns autovacuum: without fresh statistics the planner would treat tables of
// thousands of rows as empty, which no long-running server's database looks like.
void analyze(DbContext& context)
{
    context.releaseStatements();
    context.execDirect(QStringLiteral("ANALYZE"));
}

} // namespace

Seeder::Seeder() = default;
Seeder::~Seeder() = default;

bool Seeder::open(const QString& databaseUrl, QString* error)
{
    const auto settings = server::DatabaseSettings::fromUrl(databaseUrl, error);
    if (!settings)
        return false;
    m_context = std::make_unique<DbContext>(QStringLiteral("moim-bench-seeder"), *settings);
    try {
        m_context->ensureOpen();
        m_context->exec(QStringLiteral("SELECT 1 FROM users LIMIT 1"));
    } catch (const DbError& problem) {
        *error = QString::fromUtf8(problem.what()) +
                 QStringLiteral(" (start moimd on this database once, so that it is migrated)");
        return false;
    }
    m_context->releaseStatements();
    return true;
}

std::optional<QList<SeededDevice>> Seeder::users(const QString& prefix, int count, QString* error)
{
    const auto passwordHash = crypto::PasswordHash().hash(QStringLiteral("bench password 1"));
    if (!passwordHash) {
        *error = QStringLiteral("no memory for a password hash");
        return std::nullopt;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<SeededDevice> devices;
    devices.reserve(count);
    try {
        for (int first = 0; first < count; first += kUsersPerTransaction) {
            SqlTransaction transaction(*m_context);
            for (int i = first; i < std::min(count, first + kUsersPerTransaction); ++i) {
                SeededDevice device;
                const QString name = prefix + QString::number(i);
                QSqlQuery& user = m_context->exec(
                    QStringLiteral("INSERT INTO users (username, display_name, password_hash, "
                                   "created_ms) VALUES (?, ?, ?, ?) RETURNING id"),
                    {name, name, *passwordHash, now});
                if (!user.next())
                    throw DbError(QStringLiteral("user insert returned no id"));
                device.userId = user.value(0).toULongLong();
                user.finish();
                device.token = crypto::newSessionToken();
                QSqlQuery& inserted = m_context->exec(
                    QStringLiteral("INSERT INTO devices (user_id, name, token_digest, created_ms, "
                                   "last_seen_ms) VALUES (?, 'bench', ?, ?, ?) RETURNING id"),
                    {qint64(device.userId), crypto::tokenDigest(device.token), now, now});
                if (!inserted.next())
                    throw DbError(QStringLiteral("device insert returned no id"));
                device.deviceId = inserted.value(0).toULongLong();
                inserted.finish();
                devices.append(device);
            }
            transaction.commit();
        }
        analyze(*m_context);
    } catch (const DbError& problem) {
        *error = QString::fromUtf8(problem.what());
        return std::nullopt;
    }
    return devices;
}

std::optional<quint64> Seeder::room(const QString& handle, const QList<SeededDevice>& members,
                                    QString* error)
{
    if (members.isEmpty()) {
        *error = QStringLiteral("a room needs members");
        return std::nullopt;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    try {
        server::TeamStore teams(*m_context);
        const auto teamId = teams.createTeam(handle, handle, members.first().userId, now);
        if (!teamId) {
            *error = QStringLiteral("team %1 exists already").arg(handle);
            return std::nullopt;
        }
        const auto roomId = teams.generalChannel(*teamId);
        if (!roomId)
            throw DbError(QStringLiteral("the new team has no general channel"));
        SqlTransaction transaction(*m_context);
        for (qsizetype i = 1; i < members.size(); ++i) {
            const qint64 userId = qint64(members[i].userId);
            m_context->exec(QStringLiteral("INSERT INTO team_members (team_id, user_id, role, "
                                           "joined_ms) VALUES (?, ?, ?, ?)"),
                            {qint64(*teamId), userId, qint64(protocol::TeamRole::Member), now});
            m_context->exec(QStringLiteral("INSERT INTO room_members (room_id, user_id, joined_ms) "
                                           "VALUES (?, ?, ?)"),
                            {qint64(*roomId), userId, now});
        }
        transaction.commit();
        analyze(*m_context);
        return roomId;
    } catch (const DbError& problem) {
        *error = QString::fromUtf8(problem.what());
        return std::nullopt;
    }
}

std::optional<quint64> Seeder::history(quint64 roomId, quint64 senderUserId, quint64 senderDeviceId,
                                       qint64 count, int envelopeBytes, QString* error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 spacingMs = std::max<qint64>(1, kMonthMs / std::max<qint64>(1, count));
    const QByteArray envelope(envelopeBytes, 'e');
    // One generated statement per chunk: the database makes the rows itself, so ten million
    // take minutes, not the hours of ten million round trips. Client ids are the sequence
    // number as 16 ASCII digits on both backends.
    const QString sql =
        m_context->isPostgres()
            ? QStringLiteral(
                  "INSERT INTO events (room_id, seq, kind, sender_user, sender_device, client_id, "
                  "created_ms, envelope, mentions) SELECT ?, s, 1, ?, ?, "
                  "convert_to(lpad(s::text, 16, '0'), 'UTF8'), ? + s * ?, ?, '' "
                  "FROM generate_series(?::bigint, ?::bigint) AS s")
            : QStringLiteral(
                  "WITH RECURSIVE s(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM s WHERE x < ?) "
                  "INSERT INTO events (room_id, seq, kind, sender_user, sender_device, client_id, "
                  "created_ms, envelope, mentions) SELECT ?, x, 1, ?, ?, "
                  "CAST(printf('%016d', x) AS BLOB), ? + x * ?, ?, '' FROM s");
    try {
        qint64 firstSeq = 0;
        {
            QSqlQuery& last = m_context->exec(
                QStringLiteral("SELECT last_seq FROM rooms WHERE id = ?"), {qint64(roomId)});
            if (!last.next())
                throw DbError(QStringLiteral("no room %1").arg(roomId));
            firstSeq = last.value(0).toLongLong() + 1;
            last.finish();
        }
        const qint64 base = now - kMonthMs - firstSeq * spacingMs;
        for (qint64 from = firstSeq; from < firstSeq + count; from += kHistoryRowsPerStatement) {
            const qint64 to = std::min(firstSeq + count, from + kHistoryRowsPerStatement) - 1;
            SqlTransaction transaction(*m_context);
            if (m_context->isPostgres())
                m_context->exec(sql, {qint64(roomId), qint64(senderUserId), qint64(senderDeviceId),
                                      base, spacingMs, envelope, from, to});
            else
                m_context->exec(sql, {from, to, qint64(roomId), qint64(senderUserId),
                                      qint64(senderDeviceId), base, spacingMs, envelope});
            m_context->exec(QStringLiteral("UPDATE rooms SET last_seq = ? WHERE id = ?"),
                            {to, qint64(roomId)});
            transaction.commit();
        }
        analyze(*m_context);
        return quint64(firstSeq + count - 1);
    } catch (const DbError& problem) {
        *error = QString::fromUtf8(problem.what());
        return std::nullopt;
    }
}

} // namespace moim::bench
