#pragma once

#include "protocol/MessageType.h"

#include <QCborMap>
#include <QList>
#include <optional>

namespace moim::protocol {

enum class PresenceStatus : quint32 { Offline = 0, Online = 1, Away = 2 };

// My own status on this device; a user is online if any device is online, away if all
// connected devices are away, offline without connected devices.
struct SetPresence {
    static constexpr MessageType kType = MessageType::SetPresence;
    PresenceStatus status = PresenceStatus::Online; // Online or Away

    QCborMap toCbor() const;
    static std::optional<SetPresence> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SetPresence&) const = default;
};

struct PresenceInfo {
    quint64 userId = 0;
    PresenceStatus status = PresenceStatus::Offline;
    bool operator==(const PresenceInfo&) const = default;
};

// Pushed to people who share a team with the user (and have not been blocked by them).
struct PresenceUpdate {
    static constexpr MessageType kType = MessageType::PresenceUpdate;
    quint64 userId = 0;
    PresenceStatus status = PresenceStatus::Offline;

    QCborMap toCbor() const;
    static std::optional<PresenceUpdate> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const PresenceUpdate&) const = default;
};

struct GetPresence {
    static constexpr MessageType kType = MessageType::GetPresence;
    QList<quint64> userIds; // 1 to 200

    QCborMap toCbor() const;
    static std::optional<GetPresence> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const GetPresence&) const = default;
};

struct PresenceList {
    static constexpr MessageType kType = MessageType::PresenceList;
    QList<PresenceInfo> presences;

    QCborMap toCbor() const;
    static std::optional<PresenceList> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const PresenceList&) const = default;
};

// "I am typing in this room": relayed to the room's other members, never stored.
struct Typing {
    static constexpr MessageType kType = MessageType::Typing;
    quint64 roomId = 0;

    QCborMap toCbor() const;
    static std::optional<Typing> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Typing&) const = default;
};

struct TypingNotice {
    static constexpr MessageType kType = MessageType::TypingNotice;
    quint64 roomId = 0;
    quint64 userId = 0;

    QCborMap toCbor() const;
    static std::optional<TypingNotice> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const TypingNotice&) const = default;
};

// My relation to another user; only the fields present change.
struct SetRelation {
    static constexpr MessageType kType = MessageType::SetRelation;
    quint64 userId = 0;
    std::optional<bool> favourite;
    std::optional<bool> hidden;
    std::optional<bool> blocked;

    QCborMap toCbor() const;
    static std::optional<SetRelation> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SetRelation&) const = default;
};

struct RelationInfo {
    quint64 userId = 0;
    QString username;
    QString displayName;
    bool favourite = false;
    bool hidden = false;
    bool blocked = false;
    bool operator==(const RelationInfo&) const = default;
};

struct RelationList {
    static constexpr MessageType kType = MessageType::RelationList;
    QList<RelationInfo> relations;

    QCborMap toCbor() const;
    static std::optional<RelationList> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RelationList&) const = default;
};

enum class NotifyLevel : quint32 { All = 0, Mentions = 1, None = 2 };

struct SetNotifyLevel {
    static constexpr MessageType kType = MessageType::SetNotifyLevel;
    quint64 roomId = 0;
    NotifyLevel level = NotifyLevel::All;

    QCborMap toCbor() const;
    static std::optional<SetNotifyLevel> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SetNotifyLevel&) const = default;
};

// Do not disturb until a time (ms since the epoch); 0 turns it off.
struct SetDoNotDisturb {
    static constexpr MessageType kType = MessageType::SetDoNotDisturb;
    qint64 untilMs = 0;

    QCborMap toCbor() const;
    static std::optional<SetDoNotDisturb> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SetDoNotDisturb&) const = default;
};

// Pushed to a user's devices when a new message should alert them (their level, team mute
// and do-not-disturb allowing). Carries no content.
struct Notification {
    static constexpr MessageType kType = MessageType::Notification;
    quint64 roomId = 0;
    quint64 seq = 0;
    quint64 senderUserId = 0;
    bool mention = false;
    bool direct = false;

    QCborMap toCbor() const;
    static std::optional<Notification> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Notification&) const = default;
};

struct MissedRoom {
    quint64 roomId = 0;
    quint64 lastSeq = 0;
    quint64 unread = 0;
    quint64 mentions = 0;
    bool direct = false;
    bool operator==(const MissedRoom&) const = default;
};

// Pushed right after log in or resume: rooms with unread mentions or direct messages since
// the read marker, so a device that was away can alert for what it missed.
struct MissedNotifications {
    static constexpr MessageType kType = MessageType::MissedNotifications;
    QList<MissedRoom> rooms;

    QCborMap toCbor() const;
    static std::optional<MissedNotifications> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const MissedNotifications&) const = default;
};

} // namespace moim::protocol
