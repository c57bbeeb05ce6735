#pragma once

#include <client/MessageContent.h>
#include <protocol/EventMessages.h>

namespace moim::chat {

// A room event as this device could read it: the server's metadata and, for events that
// carry an envelope, what decryption gave.
struct DecryptedEvent {
    enum class Readability {
        Plain,         // no envelope: server-made events, deletes, pins, reaction removals
        Readable,      // content holds what the sender sealed
        WaitingForKey, // the sender's key has not come (yet); opened again when it does
        Refused,       // tampered, forged or replayed: problem says why
    };

    protocol::RoomEvent event;
    Readability readability = Readability::Plain;
    client::MessageContent content;
    QString problem;
};

} // namespace moim::chat
