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
};

inline constexpr quint32 kLastMessageType = 15;

std::optional<MessageType> messageTypeFromNumber(quint64 number);
QString messageTypeName(MessageType type);

} // namespace moim::protocol
