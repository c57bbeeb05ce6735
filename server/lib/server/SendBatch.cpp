#include "server/SendBatch.h"

#include "server/DbContext.h"
#include "server/EventStore.h"
#include "server/RoomStore.h"

namespace moim::server {

SendBatch::SendBatch(DbContext& context)
    : m_context(context)
{}

SendBatch* SendBatch::of(DbContext& context)
{
    if (!context.isPostgres() || !context.inGroup())
        return nullptr;
    return &context.groupWrites<SendBatch>();
}

void SendBatch::lockRooms()
{
    if (m_locked)
        return;
    m_lastSeq = RoomStore(m_context).lockForSends(m_context.groupLanes());
    m_locked = true;
}

quint64 SendBatch::takeSeq(quint64 roomId)
{
    lockRooms();
    auto it = m_lastSeq.find(roomId);
    if (it == m_lastSeq.end()) {
        // Read again after a flush, or a room that is not a lane of this group (a caller's
        // mistake, but the lock keeps it correct).
        const auto lastSeq = RoomStore(m_context).lockForSend(roomId);
        if (!lastSeq)
            throw DbError(QStringLiteral("room %1 vanished").arg(roomId));
        it = m_lastSeq.insert(roomId, *lastSeq);
    }
    return ++*it;
}

const protocol::RoomEvent* SendBatch::pending(quint64 roomId, quint64 senderUserId,
                                              const QByteArray& clientId) const
{
    for (const protocol::RoomEvent& event : m_events) {
        if (event.roomId == roomId && event.senderUserId == senderUserId &&
            event.clientId == clientId)
            return &event;
    }
    return nullptr;
}

void SendBatch::add(const protocol::RoomEvent& event)
{
    m_events.append(event);
}

void SendBatch::flush()
{
    if (!m_events.isEmpty())
        EventStore(m_context).insertMany(m_events);
    m_events.clear();
    m_lastSeq.clear();
}

} // namespace moim::server
