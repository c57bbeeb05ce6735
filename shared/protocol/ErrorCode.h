#pragma once

#include <QString>

namespace moim::protocol {

// Error codes carried in `error` frames. Append only, like MessageType.
enum class ErrorCode : quint32 {
    NoAnswer = 0,           // never sent: a client's own code for a lost connection or timeout
    BadFrame = 1,           // not a CBOR map with the envelope fields
    UnknownType = 2,        // a type number this server does not know
    BadRequest = 3,         // a body field is missing, of the wrong type, or out of range
    UnsupportedVersion = 4, // protocol version not spoken here
    HelloRequired = 5,      // a request before `hello`
    NotAuthenticated = 6,   // a request that needs a session, on a socket without one
    InvalidCredentials = 7, // wrong password or unknown user: deliberately indistinguishable
    RateLimited = 8,        // too many attempts; retry_after_ms says when to try again
    UsernameTaken = 9,
    InvalidUsername = 10,
    WeakPassword = 11,
    NotFound = 12,
    Forbidden = 13,
    Busy = 14, // the server is overloaded; retry_after_ms says when to try again
    Internal = 15,
    AlreadyAuthenticated = 16,
    InvalidToken = 17,   // resume with an unknown or revoked token
    ServerOnlyType = 18, // the client sent a frame type that only a server may send
    Conflict = 19,       // a name is taken, or the change clashes with the current state
    StaleDevices = 20,   // the send was encrypted for another set of devices: ask room_devices
};

inline constexpr quint32 kLastErrorCode = 20;

QString errorCodeName(ErrorCode code);

} // namespace moim::protocol
