#pragma once

#include <QPointer>
#include <protocol/ErrorReply.h>
#include <protocol/Frame.h>

namespace moim::server {

class ClientConnection;

// Answers one request. Cheap to copy into asynchronous callbacks; does nothing if the
// connection has gone in the meantime. Use it on the connection's thread.
class Responder {
public:
    Responder(ClientConnection& connection, quint64 requestId);

    template <typename Message> void reply(const Message& message) const
    {
        send(message.kType, message.toCbor());
    }
    void fail(protocol::ErrorCode code, const QString& message,
              std::optional<quint64> retryAfterMs = std::nullopt) const;
    void fail(const protocol::ErrorReply& error) const;

    ClientConnection* connection() const { return m_connection.data(); }

private:
    void send(protocol::MessageType type, const QCborMap& body) const;

    QPointer<ClientConnection> m_connection;
    quint64 m_requestId;
};

} // namespace moim::server
