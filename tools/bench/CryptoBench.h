#pragma once

#include <QJsonObject>

namespace moim::bench {

// The client-side cost of end-to-end encryption, with no server: sealing a message
// (encrypt + sign), opening it (verify + decrypt), and starting a new sender-key epoch in a
// room of `memberDevices` devices (one sealed, signed share per device).
QJsonObject cryptoRun(int memberDevices, int messages);

} // namespace moim::bench
