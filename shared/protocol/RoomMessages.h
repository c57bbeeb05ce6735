#pragma once

#include "protocol/MessageType.h"

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <QStringList>
#include <optional>

namespace moim::protocol {

enum class RoomKind : quint32 { PublicChannel = 0, PrivateChannel = 1, Direct = 2 };

struct RoomInfo {
    static constexpr MessageType kType = MessageType::RoomInfo;
    quint64 roomId = 0;
    std::optional<quint64> teamId; // absent for direct messages
    RoomKind kind = RoomKind::PublicChannel;
    QString name; // channel name; for a direct message, empty
    QString topic;
    bool archived = false;
    bool member = false;      // am I in it
    QList<quint64> memberIds; // direct messages only: who is in it
    quint64 lastSeq = 0;      // newest event's sequence number
    quint64 readSeq = 0;      // my read marker
    quint64 unread = 0;       // messages from others after my read marker
    quint64 mentions = 0;     // of those, the ones that mention me (or @channel/@here)

    QCborMap toCbor() const;
    static std::optional<RoomInfo> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RoomInfo&) const = default;
};

struct CreateChannel {
    static constexpr MessageType kType = MessageType::CreateChannel;
    quint64 teamId = 0;
    QString name;
    bool isPrivate = false;
    QString topic;

    QCborMap toCbor() const;
    static std::optional<CreateChannel> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const CreateChannel&) const = default;
};

// Channels of one team that I may see (public ones and private ones I am in) or, without a
// team, my direct messages.
struct ListRooms {
    static constexpr MessageType kType = MessageType::ListRooms;
    std::optional<quint64> teamId;

    QCborMap toCbor() const;
    static std::optional<ListRooms> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ListRooms&) const = default;
};

struct RoomList {
    static constexpr MessageType kType = MessageType::RoomList;
    QList<RoomInfo> rooms;

    QCborMap toCbor() const;
    static std::optional<RoomList> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RoomList&) const = default;
};

// Body {room_id}: JoinChannel and LeaveRoom.
template <MessageType Type> struct RoomRequest {
    static constexpr MessageType kType = Type;
    quint64 roomId = 0;

    QCborMap toCbor() const;
    static std::optional<RoomRequest> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RoomRequest&) const = default;
};
using JoinChannel = RoomRequest<MessageType::JoinChannel>;
using LeaveRoom = RoomRequest<MessageType::LeaveRoom>;
// The room's pinned messages, answered with `events` (ascending, at most 200).
using ListPins = RoomRequest<MessageType::ListPins>;

// Only the fields present change.
struct UpdateChannel {
    static constexpr MessageType kType = MessageType::UpdateChannel;
    quint64 roomId = 0;
    std::optional<QString> name;
    std::optional<QString> topic;
    std::optional<bool> archived;

    QCborMap toCbor() const;
    static std::optional<UpdateChannel> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const UpdateChannel&) const = default;
};

struct AddToChannel {
    static constexpr MessageType kType = MessageType::AddToChannel;
    quint64 roomId = 0;
    quint64 userId = 0;

    QCborMap toCbor() const;
    static std::optional<AddToChannel> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const AddToChannel&) const = default;
};

// Finds or creates the direct message among me and these users (1 to 8 others).
struct OpenDirect {
    static constexpr MessageType kType = MessageType::OpenDirect;
    QList<quint64> userIds;

    QCborMap toCbor() const;
    static std::optional<OpenDirect> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const OpenDirect&) const = default;
};

// Users are named by username in requests that people type.
struct FindUsers {
    static constexpr MessageType kType = MessageType::FindUsers;
    QStringList usernames;

    QCborMap toCbor() const;
    static std::optional<FindUsers> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const FindUsers&) const = default;
};

struct MentionCandidates {
    static constexpr MessageType kType = MessageType::MentionCandidates;
    quint64 roomId = 0;
    QString prefix; // matches username or display name, case-insensitive
    quint64 limit = 10;

    QCborMap toCbor() const;
    static std::optional<MentionCandidates> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const MentionCandidates&) const = default;
};

// Pages a room's members by username: the page starts after `after` (exclusive).
struct ListRoomMembers {
    static constexpr MessageType kType = MessageType::ListRoomMembers;
    static constexpr quint64 kMaxLimit = 500;
    quint64 roomId = 0;
    std::optional<QString> after;
    quint64 limit = 200;

    QCborMap toCbor() const;
    static std::optional<ListRoomMembers> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ListRoomMembers&) const = default;
};

} // namespace moim::protocol
