#pragma once

#include <QList>
#include <optional>
#include <protocol/ErrorReply.h>
#include <protocol/EventMessages.h>
#include <variant>

namespace moim::server {

class DbContext;
class SendBatch;

struct AppendOutcome {
    protocol::Sent sent;
    protocol::RoomEvent event; // what was stored (the original one for a duplicate)
};

// Room events: the append-only log of each room, with the per-room sequence as cursor.
class EventStore {
public:
    explicit EventStore(DbContext& context);

    // Stores a client's event after checking what it refers to. A resend of a stored
    // (room, sender, client_id) returns the stored event with duplicate set. The caller
    // checks membership and rights that depend on the team (deleting others' messages).
    std::variant<AppendOutcome, protocol::ErrorReply> append(const protocol::Send& send,
                                                             quint64 senderUserId,
                                                             quint64 senderDeviceId,
                                                             bool senderIsAdmin, qint64 nowMs);
    // A plain message (no thread, no files): nothing but a duplicate can stop it once the
    // sender may write, so it can be stored with others at once (SendBatch).
    static bool isPlainMessage(const protocol::Send& send);
    // A plain message into the batch, its room locked and the sender's access checked
    // (RoomStore::accessForSend, which found `earlierSeq` if it was sent before).
    AppendOutcome appendToBatch(SendBatch& batch, const protocol::Send& send, quint64 senderUserId,
                                quint64 senderDeviceId, std::optional<quint64> earlierSeq,
                                qint64 nowMs);
    // PostgreSQL: stores events whose sequence numbers were taken (SendBatch) in one
    // statement, then their mentions and their rooms' last sequence numbers.
    void insertMany(const QList<protocol::RoomEvent>& events);
    // Stores an event the server makes (member joined/left, room updated). Runs inside the
    // caller's transaction.
    protocol::RoomEvent appendServerEvent(quint64 roomId, protocol::EventKind kind,
                                          quint64 actorUserId, std::optional<quint64> subject,
                                          qint64 nowMs);

    protocol::Events page(const protocol::History& request);
    // The replies of one thread, after checking that the root is a message of the room and
    // not itself a reply. The caller checks that the room may be read.
    std::variant<protocol::Events, protocol::ErrorReply>
    threadPage(const protocol::ThreadHistory& request);
    protocol::Events pinned(quint64 roomId);

    // New read marker, or nullopt when it did not move.
    std::optional<quint64> markRead(quint64 roomId, quint64 userId, quint64 seq);
    // seq >= 1; returns the read marker after the change.
    quint64 markUnread(quint64 roomId, quint64 userId, quint64 seq);

private:
    quint64 nextSeq(quint64 roomId);
    void insert(const protocol::RoomEvent& event);
    void insertMentions(const protocol::RoomEvent& event);
    // PostgreSQL, a plain message, its room locked: the duplicate check, the sequence
    // number and the insert in one statement. The stored event, or the earlier one with the
    // same client id (then `duplicate`).
    std::pair<protocol::RoomEvent, bool> insertUnlessDuplicate(protocol::RoomEvent event);
    std::optional<protocol::RoomEvent> find(quint64 roomId, quint64 seq);
    QList<protocol::RoomEvent> select(const QString& where, const QVariantList& values);

    DbContext& m_context;
};

} // namespace moim::server
