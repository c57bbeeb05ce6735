#include "server/Responder.h"

#include "server/ClientConnection.h"

namespace moim::server {

Responder::Responder(ClientConnection& connection, quint64 requestId)
    : m_connection(&connection)
    , m_requestId(requestId)
{}

void Responder::fail(protocol::ErrorCode code, const QString& message,
                     std::optional<quint64> retryAfterMs) const
{
    fail(protocol::ErrorReply{code, message, retryAfterMs});
}

void Responder::fail(const protocol::ErrorReply& error) const
{
    send(protocol::MessageType::Error, error.toCbor());
}

void Responder::send(protocol::MessageType type, const QCborMap& body) const
{
    if (!m_connection)
        return;
    m_connection->sendFrame(
        protocol::Frame{m_connection->protocolVersion(), type, m_requestId, body});
}

} // namespace moim::server
