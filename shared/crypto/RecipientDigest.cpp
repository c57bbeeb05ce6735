#include "crypto/RecipientDigest.h"

#include "crypto/Sodium.h"

#include <algorithm>
#include <sodium.h>

namespace moim::crypto {

RecipientDevices recipientDevices(const QList<protocol::RecipientUser>& members)
{
    RecipientDevices pairs;
    for (const auto& member : members) {
        for (const quint64 deviceId : member.devices)
            pairs.append({member.userId, deviceId});
    }
    return pairs;
}

QByteArray recipientDigest(RecipientDevices devices)
{
    std::sort(devices.begin(), devices.end());
    devices.erase(std::unique(devices.begin(), devices.end()), devices.end());
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    const QByteArray label = QByteArrayLiteral("moim recipients v1");
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(label.constData()),
                              quint64(label.size()));
    for (const auto& [user, device] : devices) {
        const QByteArray pair = littleEndian64(user) + littleEndian64(device);
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(pair.constData()),
                                  quint64(pair.size()));
    }
    QByteArray digest(32, Qt::Uninitialized);
    crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(digest.data()), 32);
    return digest;
}

} // namespace moim::crypto
