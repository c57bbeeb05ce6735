#pragma once

#include <QString>
#include <optional>

namespace moim::protocol {

// The registry of every frame type. Append only: never renumber, insert or remove, because
// old clients and stored fixtures name types by these numbers.
enum class MessageType : quint32 {
    Error = 1,
    Hello = 2,
    Welcome = 3,
    SignUp = 4,
    LogIn = 5,
    Session = 6,
    Resume = 7,
    LogOut = 8,
    Ok = 9,
    WhoAmI = 10,
    ListDevices = 11,
    DeviceList = 12,
    RenameDevice = 13,
    RevokeDevice = 14,
    ChangePassword = 15,
    CreateTeam = 16,
    TeamInfo = 17,
    ListTeams = 18,
    TeamList = 19,
    CreateInvite = 20,
    Invite = 21,
    JoinTeam = 22,
    LeaveTeam = 23,
    ListTeamMembers = 24,
    MemberList = 25,
    SetMemberRole = 26,
    RemoveMember = 27,
    SetTeamMuted = 28,
    CreateChannel = 29,
    RoomInfo = 30,
    ListRooms = 31,
    RoomList = 32,
    JoinChannel = 33,
    LeaveRoom = 34,
    UpdateChannel = 35,
    AddToChannel = 36,
    OpenDirect = 37,
    FindUsers = 38,
    MentionCandidates = 39,
    Send = 40,
    Sent = 41,
    RoomEvent = 42,
    History = 43,
    Events = 44,
    MarkRead = 45,
    MarkUnread = 46,
    ReadMarker = 47,
    SetPresence = 48,
    PresenceUpdate = 49,
    GetPresence = 50,
    PresenceList = 51,
    Typing = 52,
    TypingNotice = 53,
    SetRelation = 54,
    ListRelations = 55,
    RelationList = 56,
    SetNotifyLevel = 57,
    SetDoNotDisturb = 58,
    Notification = 59,
    MissedNotifications = 60,
    RegisterPush = 61,
    ListPins = 62,
};

inline constexpr quint32 kLastMessageType = 62;

std::optional<MessageType> messageTypeFromNumber(quint64 number);
QString messageTypeName(MessageType type);

} // namespace moim::protocol
