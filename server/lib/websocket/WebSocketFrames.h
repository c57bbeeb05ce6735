#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

// RFC 6455 framing, one frame per message: unmasked as a server writes it, masked as a client
// does.
namespace moim::websocket {

enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

namespace CloseStatus {
inline constexpr quint16 Normal = 1000;
inline constexpr quint16 GoingAway = 1001;
inline constexpr quint16 ProtocolError = 1002;
inline constexpr quint16 BadPayload = 1007; // text that is not UTF-8
inline constexpr quint16 PolicyViolated = 1008;
inline constexpr quint16 TooBig = 1009;
} // namespace CloseStatus

// Control frames carry at most this many payload bytes (RFC 6455, 5.5).
inline constexpr qsizetype kMaxControlPayload = 125;

// One whole frame: header and payload. A fan-out builds it once and writes the same bytes to
// every recipient, since a server's frames are not masked.
QByteArray encodeFrame(Opcode opcode, QByteArrayView payload);

// One whole frame as a client writes it (RFC 6455, 5.3): masked with maskKey, which the
// client draws anew for each frame.
QByteArray encodeMaskedFrame(Opcode opcode, QByteArrayView payload, quint32 maskKey);

// XORs size bytes of data with the four-byte key, from the key's first byte: masks and
// unmasks alike.
void applyMask(char* data, qsizetype size, const uchar* key);

// A close frame's payload: the status, then the reason cut to fit a control frame (at a
// character boundary, so that it stays UTF-8).
QByteArray closePayload(quint16 status, const QString& reason);

// Whether a peer may send this status in its close frame (1005, 1006 and 1015 only describe
// a connection locally; 1016-2999 are unassigned).
bool isValidCloseStatus(quint16 status);

} // namespace moim::websocket
