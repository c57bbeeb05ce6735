#pragma once

#include "protocol/MessageType.h"

#include <QCborMap>
#include <optional>

namespace moim::protocol {

// A message whose body is an empty map; extra keys from newer peers are ignored.
template <MessageType Type> struct EmptyMessage {
    static constexpr MessageType kType = Type;
    QCborMap toCbor() const { return {}; }
    static std::optional<EmptyMessage> fromCbor(const QCborMap&, QString*)
    {
        return EmptyMessage{};
    }
    bool operator==(const EmptyMessage&) const = default;
};

using Ok = EmptyMessage<MessageType::Ok>;
using LogOut = EmptyMessage<MessageType::LogOut>;
using WhoAmI = EmptyMessage<MessageType::WhoAmI>;
using ListDevices = EmptyMessage<MessageType::ListDevices>;
using ListTeams = EmptyMessage<MessageType::ListTeams>;
using ListRelations = EmptyMessage<MessageType::ListRelations>;

} // namespace moim::protocol
