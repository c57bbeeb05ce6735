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

} // namespace moim::protocol
