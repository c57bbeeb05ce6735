#include "server/RequestRouter.h"

#include "server/ClientConnection.h"

namespace moim::server {

using protocol::ErrorCode;

void RequestRouter::add(protocol::MessageType type, Access access, RawHandler handler)
{
    m_routes.insert(quint32(type), Route{access, std::move(handler)});
}

void RequestRouter::dispatch(ClientConnection& connection, const protocol::Frame& frame) const
{
    const Responder responder(connection, frame.requestId.value_or(0));
    const auto it = m_routes.constFind(quint32(frame.type));
    if (it == m_routes.constEnd()) {
        responder.fail(ErrorCode::ServerOnlyType,
                       QStringLiteral("'%1' is sent by servers, not clients")
                           .arg(protocol::messageTypeName(frame.type)));
        return;
    }
    const bool authenticated = connection.session().has_value();
    if (it->access == Access::Member && !authenticated) {
        responder.fail(ErrorCode::NotAuthenticated,
                       QStringLiteral("log in or resume a session first"));
        return;
    }
    if (it->access == Access::Guest && authenticated) {
        responder.fail(ErrorCode::AlreadyAuthenticated,
                       QStringLiteral("this connection already has a session"));
        return;
    }
    it->handler(connection, frame, responder);
}

} // namespace moim::server
