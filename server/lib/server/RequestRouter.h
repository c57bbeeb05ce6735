#pragma once

#include "server/Responder.h"

#include <QHash>
#include <functional>
#include <protocol/Frame.h>

namespace moim::server {

class ClientConnection;

enum class Access {
    Guest,  // only before authentication: sign up, log in, resume
    Member, // only with a session
};

// Maps request types to handlers, checks access, and decodes bodies into typed messages, so a
// handler starts with a valid message and a connection allowed to send it.
class RequestRouter {
public:
    using RawHandler = std::function<void(ClientConnection&, const protocol::Frame&, Responder)>;

    template <typename Message>
    void on(Access access, std::function<void(ClientConnection&, Message, Responder)> handler)
    {
        add(Message::kType, access,
            [handler = std::move(handler)](ClientConnection& connection,
                                           const protocol::Frame& frame, Responder responder) {
                QString error;
                auto message = Message::fromCbor(frame.body, &error);
                if (!message) {
                    responder.fail(protocol::ErrorCode::BadRequest, error);
                    return;
                }
                handler(connection, std::move(*message), responder);
            });
    }

    void add(protocol::MessageType type, Access access, RawHandler handler);
    void dispatch(ClientConnection& connection, const protocol::Frame& frame) const;

private:
    struct Route {
        Access access;
        RawHandler handler;
    };
    QHash<quint32, Route> m_routes;
};

} // namespace moim::server
