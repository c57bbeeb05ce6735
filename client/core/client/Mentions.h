#pragma once

#include <QString>
#include <protocol/EventMessages.h>

namespace moim::client {

class Connection;

// Fills the send's mention list from what the text says: "@name" for a person (looked up by
// username on the server, blocking), "@channel" and "@here" for everyone in the room.
void addMentions(Connection& connection, const QString& text, protocol::Send& send);

} // namespace moim::client
