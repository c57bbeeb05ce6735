#include "protocol/MessageType.h"

namespace moim::protocol {

std::optional<MessageType> messageTypeFromNumber(quint64 number)
{
    if (number < 1 || number > kLastMessageType)
        return std::nullopt;
    return MessageType(quint32(number));
}

QString messageTypeName(MessageType type)
{
    switch (type) {
    case MessageType::Error:
        return QStringLiteral("error");
    case MessageType::Hello:
        return QStringLiteral("hello");
    case MessageType::Welcome:
        return QStringLiteral("welcome");
    case MessageType::SignUp:
        return QStringLiteral("sign_up");
    case MessageType::LogIn:
        return QStringLiteral("log_in");
    case MessageType::Session:
        return QStringLiteral("session");
    case MessageType::Resume:
        return QStringLiteral("resume");
    case MessageType::LogOut:
        return QStringLiteral("log_out");
    case MessageType::Ok:
        return QStringLiteral("ok");
    case MessageType::WhoAmI:
        return QStringLiteral("who_am_i");
    case MessageType::ListDevices:
        return QStringLiteral("list_devices");
    case MessageType::DeviceList:
        return QStringLiteral("device_list");
    case MessageType::RenameDevice:
        return QStringLiteral("rename_device");
    case MessageType::RevokeDevice:
        return QStringLiteral("revoke_device");
    case MessageType::ChangePassword:
        return QStringLiteral("change_password");
    case MessageType::CreateTeam:
        return QStringLiteral("create_team");
    case MessageType::TeamInfo:
        return QStringLiteral("team_info");
    case MessageType::ListTeams:
        return QStringLiteral("list_teams");
    case MessageType::TeamList:
        return QStringLiteral("team_list");
    case MessageType::CreateInvite:
        return QStringLiteral("create_invite");
    case MessageType::Invite:
        return QStringLiteral("invite");
    case MessageType::JoinTeam:
        return QStringLiteral("join_team");
    case MessageType::LeaveTeam:
        return QStringLiteral("leave_team");
    case MessageType::ListTeamMembers:
        return QStringLiteral("list_team_members");
    case MessageType::MemberList:
        return QStringLiteral("member_list");
    case MessageType::SetMemberRole:
        return QStringLiteral("set_member_role");
    case MessageType::RemoveMember:
        return QStringLiteral("remove_member");
    case MessageType::SetTeamMuted:
        return QStringLiteral("set_team_muted");
    case MessageType::CreateChannel:
        return QStringLiteral("create_channel");
    case MessageType::RoomInfo:
        return QStringLiteral("room_info");
    case MessageType::ListRooms:
        return QStringLiteral("list_rooms");
    case MessageType::RoomList:
        return QStringLiteral("room_list");
    case MessageType::JoinChannel:
        return QStringLiteral("join_channel");
    case MessageType::LeaveRoom:
        return QStringLiteral("leave_room");
    case MessageType::UpdateChannel:
        return QStringLiteral("update_channel");
    case MessageType::AddToChannel:
        return QStringLiteral("add_to_channel");
    case MessageType::OpenDirect:
        return QStringLiteral("open_direct");
    case MessageType::FindUsers:
        return QStringLiteral("find_users");
    case MessageType::MentionCandidates:
        return QStringLiteral("mention_candidates");
    case MessageType::Send:
        return QStringLiteral("send");
    case MessageType::Sent:
        return QStringLiteral("sent");
    case MessageType::RoomEvent:
        return QStringLiteral("room_event");
    case MessageType::History:
        return QStringLiteral("history");
    case MessageType::Events:
        return QStringLiteral("events");
    case MessageType::MarkRead:
        return QStringLiteral("mark_read");
    case MessageType::MarkUnread:
        return QStringLiteral("mark_unread");
    case MessageType::ReadMarker:
        return QStringLiteral("read_marker");
    case MessageType::SetPresence:
        return QStringLiteral("set_presence");
    case MessageType::PresenceUpdate:
        return QStringLiteral("presence_update");
    case MessageType::GetPresence:
        return QStringLiteral("get_presence");
    case MessageType::PresenceList:
        return QStringLiteral("presence_list");
    case MessageType::Typing:
        return QStringLiteral("typing");
    case MessageType::TypingNotice:
        return QStringLiteral("typing_notice");
    case MessageType::SetRelation:
        return QStringLiteral("set_relation");
    case MessageType::ListRelations:
        return QStringLiteral("list_relations");
    case MessageType::RelationList:
        return QStringLiteral("relation_list");
    case MessageType::SetNotifyLevel:
        return QStringLiteral("set_notify_level");
    case MessageType::SetDoNotDisturb:
        return QStringLiteral("set_do_not_disturb");
    case MessageType::Notification:
        return QStringLiteral("notification");
    case MessageType::MissedNotifications:
        return QStringLiteral("missed_notifications");
    case MessageType::RegisterPush:
        return QStringLiteral("register_push");
    case MessageType::ListPins:
        return QStringLiteral("list_pins");
    }
    return QStringLiteral("unknown");
}

} // namespace moim::protocol
