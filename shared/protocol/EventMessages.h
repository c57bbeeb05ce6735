#pragma once

#include "protocol/MessageType.h"

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <optional>

namespace moim::protocol {

// What a room event is. The content itself is an opaque envelope (ciphertext) the server
// never reads; these kinds and the references are the metadata it needs to keep state.
enum class EventKind : quint32 {
    Message = 1,        // envelope: the message; thread_root set for a thread reply
    Edit = 2,           // ref_seq: the edited message (same sender); envelope: new content
    Delete = 3,         // ref_seq: the deleted message (sender or team admin); no envelope
    ReactionAdd = 4,    // ref_seq, reaction_key
    ReactionRemove = 5, // ref_seq, reaction_key
    Pin = 6,            // ref_seq
    Unpin = 7,          // ref_seq
    MemberJoined = 8,   // server-made: subject_user joined
    MemberLeft = 9,     // server-made: subject_user left or was removed
    RoomUpdated = 10,   // server-made: name/topic/archived changed (see room info)
};

inline constexpr quint32 kLastEventKind = 10;

inline constexpr int kSendRecipientsBytes = 32; // the digest of a recipient set

// Sent by a client. client_id makes resends idempotent: the same (room, sender, client_id)
// is stored once and answered with the same sequence number.
struct Send {
    static constexpr MessageType kType = MessageType::Send;
    quint64 roomId = 0;
    QByteArray clientId; // 8 to 32 bytes, random
    EventKind kind = EventKind::Message;
    QByteArray envelope;
    std::optional<quint64> refSeq;
    std::optional<quint64> threadRoot;
    QByteArray reactionKey; // reactions only: opaque key that names the emoji, 1-64 bytes
    QList<quint64> mentions;
    bool mentionAll = false; // @channel / @here
    // Events with an envelope: the digest of the device set the sender key was shared with
    // (room_recipients). A different set on the server is refused with stale_devices.
    QByteArray recipients;
    // Attachments the (encrypted) content refers to: blob ids uploaded to this room. The
    // server keeps a blob while some message refers to it.
    QList<QByteArray> blobs;

    QCborMap toCbor() const;
    static std::optional<Send> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Send&) const = default;
};

struct Sent {
    static constexpr MessageType kType = MessageType::Sent;
    quint64 roomId = 0;
    quint64 seq = 0;
    qint64 createdMs = 0;
    bool duplicate = false; // this client_id had been stored before

    QCborMap toCbor() const;
    static std::optional<Sent> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Sent&) const = default;
};

// A stored event, as pushed (type room_event, no request id) and as paged in history.
struct RoomEvent {
    static constexpr MessageType kType = MessageType::RoomEvent;
    quint64 roomId = 0;
    quint64 seq = 0;
    EventKind kind = EventKind::Message;
    quint64 senderUserId = 0;
    quint64 senderDeviceId = 0;
    QByteArray clientId;
    qint64 createdMs = 0;
    QByteArray envelope;
    std::optional<quint64> refSeq;
    std::optional<quint64> threadRoot;
    QByteArray reactionKey;
    QList<quint64> mentions;
    bool mentionAll = false;
    std::optional<quint64> subjectUserId; // member events
    // Message events only, as of when they are read: thread and state summaries.
    quint64 replyCount = 0;
    qint64 lastReplyMs = 0;
    bool edited = false;
    bool deleted = false;
    bool pinned = false;

    QCborMap toCbor() const;
    static std::optional<RoomEvent> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RoomEvent&) const = default;
};

// Pages by sequence number. Exactly one of before / after / around, or none for the newest.
struct History {
    static constexpr MessageType kType = MessageType::History;
    quint64 roomId = 0;
    std::optional<quint64> before;
    std::optional<quint64> after;
    std::optional<quint64> around;
    quint64 limit = 50; // 1 to 200

    QCborMap toCbor() const;
    static std::optional<History> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const History&) const = default;
};

// The replies of one thread, oldest first: the kind-1 messages whose thread_root is rootSeq,
// with seq above after (absent: from the first reply). Answered with Events, whose
// hasMoreAfter says whether more replies follow; the root itself is not in the page.
struct ThreadHistory {
    static constexpr MessageType kType = MessageType::ThreadHistory;
    quint64 roomId = 0;
    quint64 rootSeq = 0;
    std::optional<quint64> after;
    quint64 limit = 50; // 1 to 200

    QCborMap toCbor() const;
    static std::optional<ThreadHistory> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ThreadHistory&) const = default;
};

struct Events {
    static constexpr MessageType kType = MessageType::Events;
    quint64 roomId = 0;
    QList<RoomEvent> events; // ascending by seq
    bool hasMoreBefore = false;
    bool hasMoreAfter = false;

    QCborMap toCbor() const;
    static std::optional<Events> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Events&) const = default;
};

// MarkRead moves my read marker forward only; MarkUnread sets it back to just before seq.
template <MessageType Type> struct ReadRequest {
    static constexpr MessageType kType = Type;
    quint64 roomId = 0;
    quint64 seq = 0;

    QCborMap toCbor() const;
    static std::optional<ReadRequest> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ReadRequest&) const = default;
};
using MarkRead = ReadRequest<MessageType::MarkRead>;
using MarkUnread = ReadRequest<MessageType::MarkUnread>;

// Pushed to all my devices when my read marker in a room changes.
struct ReadMarker {
    static constexpr MessageType kType = MessageType::ReadMarker;
    quint64 roomId = 0;
    quint64 readSeq = 0;

    QCborMap toCbor() const;
    static std::optional<ReadMarker> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ReadMarker&) const = default;
};

} // namespace moim::protocol
