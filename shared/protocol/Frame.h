#pragma once

#include "protocol/ErrorCode.h"
#include "protocol/MessageType.h"

#include <QByteArray>
#include <QCborMap>
#include <optional>

namespace moim::protocol {

// The envelope of every WebSocket binary message: a CBOR map
//   { "v": protocol version, "t": type number, "id": request id (requests and replies only),
//     "b": body map }.
struct Frame {
    quint32 version = 0;
    MessageType type = MessageType::Error;
    std::optional<quint64> requestId;
    QCborMap body;

    QByteArray encode() const;
    bool operator==(const Frame&) const = default;
};

struct FrameDecodeError {
    ErrorCode code = ErrorCode::BadFrame;
    QString message;
    // Set when the envelope was readable far enough to name the request, so the error can be
    // matched to it by the peer.
    std::optional<quint64> requestId;
};

struct DecodedFrame {
    std::optional<Frame> frame;
    FrameDecodeError error;
};

DecodedFrame decodeFrame(const QByteArray& bytes);

// Builds a frame from a typed message: makeFrame(SignUp{...}, version, 7).
template <typename Message>
Frame makeFrame(const Message& message, quint32 version, std::optional<quint64> requestId = {})
{
    return Frame{version, Message::kType, requestId, message.toCbor()};
}

} // namespace moim::protocol
