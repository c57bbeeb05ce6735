#pragma once

#include "protocol/MessageType.h"

#include <QCborMap>
#include <QList>
#include <optional>

namespace moim::protocol {

struct DeviceInfo {
    quint64 id = 0;
    QString name;
    qint64 createdMs = 0;
    qint64 lastSeenMs = 0;
    bool current = false; // the device of the socket that asked

    bool operator==(const DeviceInfo&) const = default;
};

struct DeviceList {
    static constexpr MessageType kType = MessageType::DeviceList;
    QList<DeviceInfo> devices;

    QCborMap toCbor() const;
    static std::optional<DeviceList> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const DeviceList&) const = default;
};

struct RenameDevice {
    static constexpr MessageType kType = MessageType::RenameDevice;
    quint64 deviceId = 0;
    QString name;

    QCborMap toCbor() const;
    static std::optional<RenameDevice> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RenameDevice&) const = default;
};

struct RevokeDevice {
    static constexpr MessageType kType = MessageType::RevokeDevice;
    quint64 deviceId = 0;

    QCborMap toCbor() const;
    static std::optional<RevokeDevice> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RevokeDevice&) const = default;
};

// Where to POST content-free wake-ups for this device while it is offline (UnifiedPush
// style); an empty url removes it. Only honoured when the server enables its push gateway.
struct RegisterPush {
    static constexpr MessageType kType = MessageType::RegisterPush;
    QString url;

    QCborMap toCbor() const;
    static std::optional<RegisterPush> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RegisterPush&) const = default;
};

} // namespace moim::protocol
