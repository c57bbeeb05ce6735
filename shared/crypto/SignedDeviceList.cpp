#include "crypto/SignedDeviceList.h"

#include "crypto/CborBytes.h"
#include "crypto/SigningKeyPair.h"
#include "protocol/BodyReader.h"

#include <QCborArray>
#include <QSet>

namespace moim::crypto {

namespace {

const QByteArray kContext = QByteArrayLiteral("moim device list v1");

QByteArray encodeContent(const DeviceListContent& content)
{
    QCborArray devices;
    for (const DeviceKeys& device : content.devices) {
        QCborMap entry;
        entry.insert(QStringLiteral("device"), qint64(device.deviceId));
        entry.insert(QStringLiteral("signing_key"), device.signingKey);
        entry.insert(QStringLiteral("agreement_key"), device.agreementKey);
        devices.append(entry);
    }
    QCborMap map;
    map.insert(QStringLiteral("user"), qint64(content.userId));
    map.insert(QStringLiteral("version"), qint64(content.version));
    map.insert(QStringLiteral("issued_ms"), content.issuedMs);
    map.insert(QStringLiteral("master_key"), content.masterKey);
    map.insert(QStringLiteral("devices"), devices);
    return encodeCborMap(map);
}

Checked<DeviceListContent> malformed(const QString& why)
{
    return Checked<DeviceListContent>::failure(CryptoFailure::Malformed,
                                               QStringLiteral("device list: ") + why);
}

} // namespace

const DeviceKeys* DeviceListContent::device(quint64 deviceId) const
{
    for (const DeviceKeys& entry : devices) {
        if (entry.deviceId == deviceId)
            return &entry;
    }
    return nullptr;
}

QByteArray SignedDeviceList::sign(DeviceListContent content, const SigningKeyPair& master)
{
    content.masterKey = master.publicKey();
    const QByteArray list = encodeContent(content);
    QCborMap document;
    document.insert(QStringLiteral("list"), list);
    document.insert(QStringLiteral("sig"), master.sign(kContext, list));
    return encodeCborMap(document);
}

Checked<DeviceListContent> SignedDeviceList::verify(const QByteArray& document)
{
    const auto outer = decodeCborMap(document);
    if (!outer)
        return malformed(QStringLiteral("not a CBOR map"));
    protocol::BodyReader outerReader(*outer);
    const QByteArray list = outerReader.bytes(QStringLiteral("list"));
    const QByteArray signature = outerReader.bytes(QStringLiteral("sig"));
    if (!outerReader.ok())
        return malformed(outerReader.error());
    const auto inner = decodeCborMap(list);
    if (!inner)
        return malformed(QStringLiteral("list is not a CBOR map"));

    protocol::BodyReader reader(*inner);
    DeviceListContent content;
    content.userId = reader.unsignedInteger(QStringLiteral("user"));
    content.version = reader.unsignedInteger(QStringLiteral("version"));
    content.issuedMs = reader.integer(QStringLiteral("issued_ms"));
    content.masterKey = reader.bytes(QStringLiteral("master_key"));
    const QCborArray devices = reader.array(QStringLiteral("devices"));
    if (!reader.ok())
        return malformed(reader.error());
    if (content.masterKey.size() != SigningKeyPair::kPublicKeyBytes)
        return malformed(QStringLiteral("master_key must be 32 bytes"));
    if (devices.size() > kMaxDevices)
        return malformed(QStringLiteral("more than %1 devices").arg(kMaxDevices));
    if (!SigningKeyPair::verify(content.masterKey, kContext, list, signature))
        return Checked<DeviceListContent>::failure(
            CryptoFailure::BadSignature,
            QStringLiteral("device list of user %1: signature does not verify")
                .arg(content.userId));

    QSet<quint64> seen;
    for (const QCborValue& value : devices) {
        if (!value.isMap())
            return malformed(QStringLiteral("a device entry is not a map"));
        protocol::BodyReader entry(value.toMap());
        DeviceKeys device;
        device.deviceId = entry.unsignedInteger(QStringLiteral("device"));
        device.signingKey = entry.bytes(QStringLiteral("signing_key"));
        device.agreementKey = entry.bytes(QStringLiteral("agreement_key"));
        if (!entry.ok())
            return malformed(entry.error());
        if (device.deviceId == 0 || device.signingKey.size() != 32 ||
            device.agreementKey.size() != 32)
            return malformed(QStringLiteral("device entry with a bad id or key size"));
        if (seen.contains(device.deviceId))
            return malformed(QStringLiteral("device %1 listed twice").arg(device.deviceId));
        seen.insert(device.deviceId);
        content.devices.append(device);
    }
    return content;
}

} // namespace moim::crypto
