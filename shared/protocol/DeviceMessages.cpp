#include "protocol/DeviceMessages.h"

#include "protocol/BodyReader.h"

#include <QCborArray>

namespace moim::protocol {

// Bounds the list a client will accept; a user with more devices than this is not plausible.
static constexpr int kMaxListedDevices = 1000;

QCborMap DeviceList::toCbor() const
{
    QCborArray items;
    for (const DeviceInfo& device : devices) {
        items.append(QCborMap{{QStringLiteral("id"), qint64(device.id)},
                              {QStringLiteral("name"), device.name},
                              {QStringLiteral("created_ms"), device.createdMs},
                              {QStringLiteral("last_seen_ms"), device.lastSeenMs},
                              {QStringLiteral("current"), device.current}});
    }
    return {{QStringLiteral("devices"), items}};
}

std::optional<DeviceList> DeviceList::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    DeviceList list;
    const QCborArray items = reader.array(QStringLiteral("devices"));
    if (items.size() > kMaxListedDevices)
        reader.fail(QStringLiteral("devices"), QStringLiteral("too many entries"));
    for (const QCborValue& item : items) {
        if (!reader.ok())
            break;
        if (!item.isMap()) {
            reader.fail(QStringLiteral("devices"), QStringLiteral("expected an array of maps"));
            break;
        }
        BodyReader entry(item.toMap());
        DeviceInfo device;
        device.id = entry.unsignedInteger(QStringLiteral("id"));
        device.name = entry.text(QStringLiteral("name"));
        device.createdMs = entry.integer(QStringLiteral("created_ms"));
        device.lastSeenMs = entry.integer(QStringLiteral("last_seen_ms"));
        device.current = entry.boolean(QStringLiteral("current"), false);
        if (!entry.ok())
            reader.fail(QStringLiteral("devices"), entry.error());
        list.devices.append(device);
    }
    return reader.finish(list, error);
}

QCborMap RenameDevice::toCbor() const
{
    return {{QStringLiteral("device_id"), qint64(deviceId)}, {QStringLiteral("name"), name}};
}

std::optional<RenameDevice> RenameDevice::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RenameDevice message;
    message.deviceId = reader.unsignedInteger(QStringLiteral("device_id"));
    message.name = reader.text(QStringLiteral("name"));
    return reader.finish(message, error);
}

QCborMap RevokeDevice::toCbor() const
{
    return {{QStringLiteral("device_id"), qint64(deviceId)}};
}

std::optional<RevokeDevice> RevokeDevice::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RevokeDevice message;
    message.deviceId = reader.unsignedInteger(QStringLiteral("device_id"));
    return reader.finish(message, error);
}

QCborMap RegisterPush::toCbor() const
{
    return {{QStringLiteral("url"), url}};
}

std::optional<RegisterPush> RegisterPush::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RegisterPush message;
    message.url = reader.text(QStringLiteral("url"));
    return reader.finish(message, error);
}

} // namespace moim::protocol
