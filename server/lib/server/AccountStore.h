#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>
#include <protocol/DeviceMessages.h>

namespace moim::server {

class DbContext;

struct UserRecord {
    quint64 id = 0;
    QString username;
    QString displayName;
    QString passwordHash;
};

// Who a socket speaks for once it has logged in or resumed.
struct DeviceSession {
    quint64 userId = 0;
    QString username;
    QString displayName;
    quint64 deviceId = 0;
};

// SQL for users and devices; runs on a database worker thread. Every method that changes more
// than one row does so in one transaction.
class AccountStore {
public:
    explicit AccountStore(DbContext& context);

    std::optional<UserRecord> findUser(const QString& normalizedUsername);
    std::optional<UserRecord> userById(quint64 userId);
    // Returns whether the name changed.
    bool setDisplayName(quint64 userId, const QString& displayName);

    // nullopt when the username is taken.
    std::optional<DeviceSession> createUserWithDevice(const QString& username,
                                                      const QString& displayName,
                                                      const QString& passwordHash,
                                                      const QString& deviceName,
                                                      const QByteArray& tokenDigest, qint64 nowMs);
    DeviceSession createDevice(const UserRecord& user, const QString& deviceName,
                               const QByteArray& tokenDigest, qint64 nowMs);
    // The live device holding this token. Its last-seen time is the LastSeenWriter's job.
    std::optional<DeviceSession> sessionForToken(const QByteArray& tokenDigest);
    // Many at once (LookupBatcher): the sessions of the digests that have one.
    QHash<QByteArray, DeviceSession> sessionsForTokens(const QList<QByteArray>& digests);
    // Moves devices' last-seen times forward (never back), in one transaction.
    void recordLastSeen(const QHash<quint64, qint64>& lastSeenByDevice);

    QList<protocol::DeviceInfo> listDevices(quint64 userId, quint64 currentDeviceId);
    bool renameDevice(quint64 userId, quint64 deviceId, const QString& name);
    bool revokeDevice(quint64 userId, quint64 deviceId, qint64 nowMs);
    void setPasswordHash(quint64 userId, const QString& passwordHash);
    void setPushUrl(quint64 deviceId, const QString& url);
    // Live devices of the user that registered a push URL: (device id, url).
    QList<std::pair<quint64, QString>> pushUrls(quint64 userId);
    // Sets the new hash and, when keptDeviceId is given, revokes every other device of the
    // user, in one transaction. Returns the revoked device ids.
    QList<quint64> changePassword(quint64 userId, const QString& passwordHash,
                                  std::optional<quint64> keptDeviceId, qint64 nowMs);

private:
    DbContext& m_context;
};

} // namespace moim::server
