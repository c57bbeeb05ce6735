#include "CryptoBench.h"

#include <QElapsedTimer>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <e2ee/CryptoEngine.h>

namespace moim::bench {

namespace {

constexpr quint64 kRoom = 1;

double microseconds(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1000.0;
}

} // namespace

QJsonObject cryptoRun(int memberDevices, int messages)
{
    crypto::initializeSodium();
    // The sender, a reader, and members with one device each, all with published lists.
    std::vector<e2ee::CryptoEngine> members(size_t(std::max(memberDevices, 2)));
    protocol::RoomRecipients recipients;
    recipients.roomId = kRoom;
    for (size_t i = 0; i < members.size(); ++i) {
        const quint64 user = i + 1;
        members[i].createIdentity(user, 1000 + user);
        members[i].createMasterKey();
        recipients.members.append({user, 1, {1000 + user}});
    }
    e2ee::CryptoEngine& sender = members[0];
    e2ee::CryptoEngine& reader = members[1];
    for (size_t i = 0; i < members.size(); ++i) {
        const QByteArray list = members[i].signDeviceList({members[i].deviceKeys()}, 1, 0);
        sender.acceptDeviceList(i + 1, list);
        reader.acceptDeviceList(i + 1, list);
    }

    QElapsedTimer rotation;
    rotation.start();
    auto distribution = sender.startEpoch(recipients, 0);
    const double rotationMs = microseconds(rotation) / 1000.0;

    const auto giveReaderItsShare = [&] {
        for (const auto& share : distribution.shares) {
            if (share.deviceId == reader.deviceId())
                reader.acceptShare({1, kRoom, sender.userId(), sender.deviceId(), share.sealed, 0});
        }
    };
    giveReaderItsShare();

    // A typical chat message: 120 characters of text (the envelope pads it to 192 bytes).
    // Epochs end after 100 messages, as the session rotates them; rotations are not counted
    // in the per-message time.
    const QByteArray plaintext =
        client::MessageContent::ofText(QString(120, QLatin1Char('x'))).toEnvelope();
    std::vector<protocol::RoomEvent> sealed;
    sealed.reserve(size_t(messages));
    qint64 sealingNs = 0;
    for (int i = 0; i < messages; ++i) {
        if (sender.rotationNeeded(recipients, 0) != e2ee::Rotation::None) {
            distribution = sender.startEpoch(recipients, 0);
            giveReaderItsShare();
        }
        protocol::Send send;
        send.roomId = kRoom;
        send.clientId = QByteArray(16, char(i));
        QElapsedTimer one;
        one.start();
        sender.seal(send, plaintext, 0);
        sealingNs += one.nsecsElapsed();
        protocol::RoomEvent event;
        event.roomId = kRoom;
        event.seq = quint64(i + 1);
        event.senderUserId = sender.userId();
        event.senderDeviceId = sender.deviceId();
        event.clientId = send.clientId;
        event.envelope = send.envelope;
        sealed.push_back(std::move(event));
    }
    const double sealUs = double(sealingNs) / 1000.0 / messages;

    int opened = 0;
    QElapsedTimer opening;
    opening.start();
    for (const auto& event : sealed)
        opened += reader.open(event).status == e2ee::OpenedEvent::Status::Decrypted ? 1 : 0;
    const double openUs = microseconds(opening) / messages;

    return {{QStringLiteral("workload"), QStringLiteral("crypto")},
            {QStringLiteral("member_devices"), double(members.size())},
            {QStringLiteral("messages"), double(messages)},
            {QStringLiteral("seal_us_per_message"), sealUs},
            {QStringLiteral("open_us_per_message"), openUs},
            {QStringLiteral("opened"), double(opened)},
            {QStringLiteral("rotation_ms"), rotationMs},
            {QStringLiteral("envelope_bytes"), double(sealed.front().envelope.size())}};
}

} // namespace moim::bench
