#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

namespace moim::server {
class DbContext;
}

namespace moim::bench {

struct SeededDevice {
    quint64 userId = 0;
    quint64 deviceId = 0;
    QByteArray token;
};

// Writes bench fixtures straight into moimd's database (which moimd has migrated): thousands
// of users with session tokens, a large room, millions of history rows. Signing up through
// the server would take Argon2id per user and a send per event; this takes seconds. Every
// user shares one real password hash, so logging in works too.
class Seeder {
public:
    Seeder();
    ~Seeder();

    bool open(const QString& databaseUrl, QString* error);

    // count users named <prefix>N, each with one device and a fresh session token.
    std::optional<QList<SeededDevice>> users(const QString& prefix, int count, QString* error);
    // A team owned by the first user whose general channel holds every user; its room id.
    std::optional<quint64> room(const QString& handle, const QList<SeededDevice>& members,
                                QString* error);
    // Appends count messages (filler envelopes of envelopeBytes) from the room's members to
    // the room in one statement per chunk, as if sent over the last month. Returns the room's
    // last sequence number.
    std::optional<quint64> history(quint64 roomId, quint64 senderUserId, quint64 senderDeviceId,
                                   qint64 count, int envelopeBytes, QString* error);

private:
    std::unique_ptr<server::DbContext> m_context;
};

} // namespace moim::bench
