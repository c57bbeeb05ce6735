#pragma once

#include <protocol/ErrorReply.h>
#include <protocol/Result.h>
#include <protocol/RoomMessages.h>

namespace moim::client {

class Connection;

// Turns what people type into rooms: "team/channel" for a channel, "@user" or "@a,b" for a
// direct message (opened if new), "#123" for a room id. Synchronous: for scripts and tests.
class RoomResolver {
public:
    explicit RoomResolver(Connection& connection);

    protocol::Result<protocol::RoomInfo> resolve(const QString& address);
    protocol::Result<quint64> teamId(const QString& handle);
    protocol::Result<QList<quint64>> userIds(const QStringList& usernames);
    protocol::Result<protocol::RoomInfo> channel(const QString& handle, const QString& name);

private:
    Connection& m_connection;
};

} // namespace moim::client
