#pragma once

#include "protocol/MessageType.h"

#include <QCborMap>
#include <QList>
#include <optional>

namespace moim::protocol {

// Team roles; higher numbers hold every right of lower ones.
enum class TeamRole : quint32 { Member = 0, Admin = 1, Owner = 2 };

struct TeamInfo {
    static constexpr MessageType kType = MessageType::TeamInfo;
    quint64 teamId = 0;
    QString handle; // unique, username rules; written in ROOMs as handle/channel
    QString name;   // shown name
    TeamRole role = TeamRole::Member;
    bool muted = false;
    quint64 unread = 0; // over the team's rooms I am in
    quint64 mentions = 0;

    QCborMap toCbor() const;
    static std::optional<TeamInfo> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const TeamInfo&) const = default;
};

struct CreateTeam {
    static constexpr MessageType kType = MessageType::CreateTeam;
    QString handle;
    QString name;

    QCborMap toCbor() const;
    static std::optional<CreateTeam> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const CreateTeam&) const = default;
};

struct TeamList {
    static constexpr MessageType kType = MessageType::TeamList;
    QList<TeamInfo> teams;

    QCborMap toCbor() const;
    static std::optional<TeamList> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const TeamList&) const = default;
};

struct CreateInvite {
    static constexpr MessageType kType = MessageType::CreateInvite;
    quint64 teamId = 0;
    std::optional<quint64> expiresInMs; // absent: never expires
    std::optional<quint64> maxUses;     // absent: unlimited

    QCborMap toCbor() const;
    static std::optional<CreateInvite> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const CreateInvite&) const = default;
};

struct Invite {
    static constexpr MessageType kType = MessageType::Invite;
    QString code;
    quint64 teamId = 0;
    std::optional<qint64> expiresMs;
    std::optional<quint64> maxUses;

    QCborMap toCbor() const;
    static std::optional<Invite> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Invite&) const = default;
};

struct JoinTeam {
    static constexpr MessageType kType = MessageType::JoinTeam;
    QString code;

    QCborMap toCbor() const;
    static std::optional<JoinTeam> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const JoinTeam&) const = default;
};

// Body {team_id}: used by LeaveTeam and ListTeamMembers.
template <MessageType Type> struct TeamRequest {
    static constexpr MessageType kType = Type;
    quint64 teamId = 0;

    QCborMap toCbor() const;
    static std::optional<TeamRequest> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const TeamRequest&) const = default;
};
using LeaveTeam = TeamRequest<MessageType::LeaveTeam>;
using ListTeamMembers = TeamRequest<MessageType::ListTeamMembers>;

struct MemberInfo {
    quint64 userId = 0;
    QString username;
    QString displayName;
    TeamRole role = TeamRole::Member;

    bool operator==(const MemberInfo&) const = default;
};

struct MemberList {
    static constexpr MessageType kType = MessageType::MemberList;
    QList<MemberInfo> members;

    QCborMap toCbor() const;
    static std::optional<MemberList> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const MemberList&) const = default;
};

struct SetMemberRole {
    static constexpr MessageType kType = MessageType::SetMemberRole;
    quint64 teamId = 0;
    quint64 userId = 0;
    TeamRole role = TeamRole::Member;

    QCborMap toCbor() const;
    static std::optional<SetMemberRole> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SetMemberRole&) const = default;
};

struct RemoveMember {
    static constexpr MessageType kType = MessageType::RemoveMember;
    quint64 teamId = 0;
    quint64 userId = 0;

    QCborMap toCbor() const;
    static std::optional<RemoveMember> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RemoveMember&) const = default;
};

struct SetTeamMuted {
    static constexpr MessageType kType = MessageType::SetTeamMuted;
    quint64 teamId = 0;
    bool muted = false;

    QCborMap toCbor() const;
    static std::optional<SetTeamMuted> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SetTeamMuted&) const = default;
};

} // namespace moim::protocol
