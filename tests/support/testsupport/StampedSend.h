#pragma once

#include <client/Connection.h>
#include <protocol/EventMessages.h>
#include <protocol/KeyMessages.h>

namespace moim::test {

// Sends as a client that encrypted for the room's current devices would: with the digest
// room_devices gives. These tests exercise the server's handling of events, whose envelopes
// it never reads; end-to-end encryption itself is TestE2ee's. When the sender may not ask
// (not a member), the send goes out as it is, so the server's answer to it is what a test sees.
inline protocol::Result<protocol::Sent> sendStamped(client::Connection& connection,
                                                    protocol::Send send)
{
    if (!send.envelope.isEmpty()) {
        const auto recipients =
            connection.callAndWait<protocol::RoomRecipients>(protocol::RoomDevices{send.roomId});
        if (recipients)
            send.recipients = recipients->digest;
    }
    return connection.callAndWait<protocol::Sent>(send);
}

} // namespace moim::test
