#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <protocol/KeyMessages.h>
#include <protocol/SocialMessages.h>
#include <utility>

namespace moim::server {

// Who a room's events reach and who is alerted: its members, their listed devices and their
// notification settings, as of one audience version of the room.
struct RoomAudience {
    struct Listener {
        quint64 userId = 0;
        protocol::NotifyLevel level = protocol::NotifyLevel::All;
        bool teamMuted = false;
        qint64 dndUntilMs = 0;
    };

    // By user id; each member's listed, unrevoked devices ascending.
    QList<protocol::RecipientUser> recipients;
    QByteArray recipientDigest;
    // (user, device) of every recipient device.
    QSet<std::pair<quint64, quint64>> recipientDevices;
    QList<quint64> members;
    QSet<quint64> memberSet;
    QList<Listener> listeners;
    // (member, someone that member blocked).
    QSet<std::pair<quint64, quint64>> blocks;

    bool isRecipient(quint64 userId, quint64 deviceId) const
    {
        return recipientDevices.contains({userId, deviceId});
    }
    // Between two members of the room.
    bool blockedEitherWay(quint64 a, quint64 b) const
    {
        return blocks.contains({a, b}) || blocks.contains({b, a});
    }
    // Who to alert for a new message, after levels, team mute, do-not-disturb and blocks.
    QList<std::pair<quint64, protocol::Notification>>
    notifications(quint64 roomId, quint64 seq, quint64 senderId, const QList<quint64>& mentions,
                  bool mentionAll, bool direct, qint64 nowMs) const;
};

} // namespace moim::server
