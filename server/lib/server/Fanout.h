#pragma once

#include <QList>
#include <protocol/Frame.h>

namespace moim::server {

class ClientConnection;
class ConnectionRegistry;

// Pushes server events (frames without request id) to users' connected devices. Each push
// is encoded once, whatever the number of recipients.
class Fanout {
public:
    explicit Fanout(ConnectionRegistry& registry);

    template <typename Message>
    void push(const Message& message, const QList<quint64>& userIds,
              const ClientConnection* skip = nullptr)
    {
        pushFrame(protocol::makeFrame(message, kVersion), userIds, skip);
    }

private:
    void pushFrame(const protocol::Frame& frame, const QList<quint64>& userIds,
                   const ClientConnection* skip);
    static const quint32 kVersion;

    ConnectionRegistry& m_registry;
};

} // namespace moim::server
