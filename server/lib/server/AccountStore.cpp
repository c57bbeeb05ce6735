#include "server/AccountStore.h"

#include "server/DbContext.h"
#include "server/PgArrays.h"
#include "server/SqlTransaction.h"

namespace moim::server {
namespace {

UserRecord readUser(QSqlQuery& query)
{
    return UserRecord{query.value(0).toULongLong(), query.value(1).toString(),
                      query.value(2).toString(), query.value(3).toString()};
}

} // namespace

AccountStore::AccountStore(DbContext& context)
    : m_context(context)
{}

std::optional<UserRecord> AccountStore::findUser(const QString& normalizedUsername)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("SELECT id, username, display_name, password_hash FROM users "
                                      "WHERE username = ?"),
                       {normalizedUsername});
    if (!query.next())
        return std::nullopt;
    return readUser(query);
}

std::optional<UserRecord> AccountStore::userById(quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT id, username, display_name, password_hash FROM users WHERE id = ?"),
        {qint64(userId)});
    if (!query.next())
        return std::nullopt;
    return readUser(query);
}

bool AccountStore::setDisplayName(quint64 userId, const QString& displayName)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral("UPDATE users SET display_name = ? WHERE id = ? AND display_name <> ?"),
        {displayName, qint64(userId), displayName});
    return query.numRowsAffected() > 0;
}

std::optional<DeviceSession>
AccountStore::createUserWithDevice(const QString& username, const QString& displayName,
                                   const QString& passwordHash, const QString& deviceName,
                                   const QByteArray& tokenDigest, qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    QSqlQuery& insert = m_context.exec(
        QStringLiteral("INSERT INTO users (username, display_name, password_hash, created_ms) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id"),
        {username, displayName, passwordHash, nowMs});
    if (!insert.next())
        return std::nullopt;
    const UserRecord user{insert.value(0).toULongLong(), username, displayName, passwordHash};
    insert.finish();
    DeviceSession session = createDevice(user, deviceName, tokenDigest, nowMs);
    transaction.commit();
    return session;
}

DeviceSession AccountStore::createDevice(const UserRecord& user, const QString& deviceName,
                                         const QByteArray& tokenDigest, qint64 nowMs)
{
    QSqlQuery& insert = m_context.exec(
        QStringLiteral("INSERT INTO devices (user_id, name, token_digest, created_ms, "
                       "last_seen_ms) VALUES (?, ?, ?, ?, ?) RETURNING id"),
        {qint64(user.id), deviceName, tokenDigest, nowMs, nowMs});
    if (!insert.next())
        throw DbError(QStringLiteral("device insert returned no id"));
    const quint64 deviceId = insert.value(0).toULongLong();
    insert.finish();
    return DeviceSession{user.id, user.username, user.displayName, deviceId};
}

namespace {

const QString kSessionColumns =
    QStringLiteral("SELECT d.id, u.id, u.username, u.display_name, d.token_digest FROM devices d "
                   "JOIN users u ON u.id = d.user_id WHERE d.revoked_ms IS NULL AND ");

DeviceSession readSession(const QSqlQuery& query)
{
    return DeviceSession{query.value(1).toULongLong(), query.value(2).toString(),
                         query.value(3).toString(), query.value(0).toULongLong()};
}

} // namespace

std::optional<DeviceSession> AccountStore::sessionForToken(const QByteArray& tokenDigest)
{
    QSqlQuery& query =
        m_context.exec(kSessionColumns + QStringLiteral("d.token_digest = ?"), {tokenDigest});
    if (!query.next())
        return std::nullopt;
    const DeviceSession session = readSession(query);
    query.finish();
    return session;
}

QHash<QByteArray, DeviceSession> AccountStore::sessionsForTokens(const QList<QByteArray>& digests)
{
    QHash<QByteArray, DeviceSession> sessions;
    if (!m_context.isPostgres()) {
        for (const QByteArray& digest : digests) {
            if (const auto session = sessionForToken(digest))
                sessions.insert(digest, *session);
        }
        return sessions;
    }
    QSqlQuery& query =
        m_context.exec(kSessionColumns + QStringLiteral("d.token_digest = ANY(?::bytea[])"),
                       {pg::byteaArray(digests)});
    while (query.next())
        sessions.insert(query.value(4).toByteArray(), readSession(query));
    query.finish();
    return sessions;
}

void AccountStore::recordLastSeen(const QHash<quint64, qint64>& lastSeenByDevice)
{
    if (m_context.isPostgres()) {
        // After a reconnection storm this is thousands of devices: one statement, not a
        // round trip (and a parse) for each.
        // keys() and values() come in the same order.
        m_context.exec(
            QStringLiteral("UPDATE devices d SET last_seen_ms = v.seen FROM "
                           "unnest(?::bigint[], ?::bigint[]) AS v(id, seen) "
                           "WHERE d.id = v.id AND d.last_seen_ms < v.seen"),
            {pg::bigintArray(lastSeenByDevice.keys()), pg::bigintArray(lastSeenByDevice.values())});
        return;
    }
    SqlTransaction transaction(m_context);
    for (auto it = lastSeenByDevice.cbegin(); it != lastSeenByDevice.cend(); ++it) {
        m_context.exec(QStringLiteral("UPDATE devices SET last_seen_ms = ? WHERE id = ? "
                                      "AND last_seen_ms < ?"),
                       {it.value(), qint64(it.key()), it.value()});
    }
    transaction.commit();
}

QList<protocol::DeviceInfo> AccountStore::listDevices(quint64 userId, quint64 currentDeviceId)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("SELECT id, name, created_ms, last_seen_ms FROM devices "
                                      "WHERE user_id = ? AND revoked_ms IS NULL ORDER BY id"),
                       {qint64(userId)});
    QList<protocol::DeviceInfo> devices;
    while (query.next()) {
        protocol::DeviceInfo device;
        device.id = query.value(0).toULongLong();
        device.name = query.value(1).toString();
        device.createdMs = query.value(2).toLongLong();
        device.lastSeenMs = query.value(3).toLongLong();
        device.current = device.id == currentDeviceId;
        devices.append(device);
    }
    query.finish();
    return devices;
}

bool AccountStore::renameDevice(quint64 userId, quint64 deviceId, const QString& name)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("UPDATE devices SET name = ? WHERE id = ? AND user_id = ? "
                                      "AND revoked_ms IS NULL"),
                       {name, qint64(deviceId), qint64(userId)});
    return DbContext::affectedRows(query) == 1;
}

bool AccountStore::revokeDevice(quint64 userId, quint64 deviceId, qint64 nowMs)
{
    QSqlQuery& query =
        m_context.exec(QStringLiteral("UPDATE devices SET revoked_ms = ?, token_digest = NULL "
                                      "WHERE id = ? AND user_id = ? AND revoked_ms IS NULL"),
                       {nowMs, qint64(deviceId), qint64(userId)});
    return DbContext::affectedRows(query) == 1;
}

QList<quint64> AccountStore::changePassword(quint64 userId, const QString& passwordHash,
                                            std::optional<quint64> keptDeviceId, qint64 nowMs)
{
    SqlTransaction transaction(m_context);
    setPasswordHash(userId, passwordHash);
    if (!keptDeviceId) {
        transaction.commit();
        return {};
    }
    QSqlQuery& select =
        m_context.exec(QStringLiteral("SELECT id FROM devices WHERE user_id = ? AND id <> ? "
                                      "AND revoked_ms IS NULL"),
                       {qint64(userId), qint64(*keptDeviceId)});
    QList<quint64> revoked;
    while (select.next())
        revoked.append(select.value(0).toULongLong());
    select.finish();
    m_context.exec(QStringLiteral("UPDATE devices SET revoked_ms = ?, token_digest = NULL "
                                  "WHERE user_id = ? AND id <> ? AND revoked_ms IS NULL"),
                   {nowMs, qint64(userId), qint64(*keptDeviceId)});
    transaction.commit();
    return revoked;
}

void AccountStore::setPushUrl(quint64 deviceId, const QString& url)
{
    m_context.exec(QStringLiteral("UPDATE devices SET push_url = ? WHERE id = ?"),
                   {url.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(url),
                    qint64(deviceId)});
}

QList<std::pair<quint64, QString>> AccountStore::pushUrls(quint64 userId)
{
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "SELECT id, push_url FROM devices WHERE user_id = ? AND push_url IS NOT NULL "
            "AND revoked_ms IS NULL"),
        {qint64(userId)});
    QList<std::pair<quint64, QString>> urls;
    while (query.next())
        urls.append({query.value(0).toULongLong(), query.value(1).toString()});
    return urls;
}

void AccountStore::setPasswordHash(quint64 userId, const QString& passwordHash)
{
    m_context.exec(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"),
                   {passwordHash, qint64(userId)});
}

} // namespace moim::server
