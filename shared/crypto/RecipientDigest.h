#pragma once

#include <QByteArray>
#include <QList>
#include <protocol/KeyMessages.h>
#include <utility>

namespace moim::crypto {

// (user id, device id) pairs a sender key was shared with.
using RecipientDevices = QList<std::pair<quint64, quint64>>;

// Every (user, device) a room's recipient list names.
RecipientDevices recipientDevices(const QList<protocol::RecipientUser>& members);

// BLAKE2b-256 over the pairs in ascending order: what a send carries and the server compares
// with the room's current devices, so that a send never goes to a set the key missed.
QByteArray recipientDigest(RecipientDevices devices);

} // namespace moim::crypto
