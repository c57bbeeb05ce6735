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
    }
    return QStringLiteral("unknown");
}

} // namespace moim::protocol
