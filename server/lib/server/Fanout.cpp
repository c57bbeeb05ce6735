#include "server/Fanout.h"

#include "server/ConnectionRegistry.h"

#include <moim/MoimVersion.h>

namespace moim::server {

const quint32 Fanout::kVersion = quint32(kProtocolVersion);

Fanout::Fanout(ConnectionRegistry& registry)
    : m_registry(registry)
{}

void Fanout::pushFrame(const protocol::Frame& frame, const QList<quint64>& userIds,
                       const ClientConnection* skip)
{
    if (userIds.isEmpty())
        return;
    m_registry.deliver(userIds, frame.encode(), skip);
}

} // namespace moim::server
