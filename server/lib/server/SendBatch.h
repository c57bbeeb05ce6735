#pragma once

#include "server/DeferredWrites.h"

#include <QHash>
#include <QList>
#include <protocol/EventMessages.h>

namespace moim::server {

class DbContext;

// The plain messages of one group commit on PostgreSQL, stored together: the group locks
// all its rooms in one statement, each send is checked in one more (access and duplicate,
// RoomStore::accessForSend) and takes its sequence number here, and the events, their
// mentions and the rooms' last sequence numbers are written in three statements before the
// commit. Three statements per send were the write path's limit (docs/benchmarks.md).
class SendBatch final : public DeferredWrites {
public:
    explicit SendBatch(DbContext& context);

    // This context's batch, or nullptr where sends are not batched: on SQLite (one writer in
    // process, where a statement is a function call) and outside a group's first attempt.
    static SendBatch* of(DbContext& context);

    // Locks every room of the group at once (the first call does; later ones return).
    void lockRooms();
    // The next sequence number of a room this batch locked; throws DbError if it is gone.
    quint64 takeSeq(quint64 roomId);
    // The event this batch holds with this (room, sender, client id), if any.
    const protocol::RoomEvent* pending(quint64 roomId, quint64 senderUserId,
                                       const QByteArray& clientId) const;
    void add(const protocol::RoomEvent& event);

    // Writes the held events. The rooms stay locked; a sequence number taken later reads the
    // room's row again, since a request flushing first may then move it (EventStore::append).
    void flush() override;

private:
    DbContext& m_context;
    bool m_locked = false;
    QHash<quint64, quint64> m_lastSeq; // room → the last sequence number given out
    QList<protocol::RoomEvent> m_events;
};

} // namespace moim::server
