#pragma once

#include "protocol/ErrorCode.h"
#include "protocol/MessageType.h"

#include <QCborMap>
#include <optional>

namespace moim::protocol {

// Body of an `error` frame: { "code": uint, "message": text, "retry_after_ms": uint? }.
struct ErrorReply {
    static constexpr MessageType kType = MessageType::Error;
    ErrorCode code = ErrorCode::Internal;
    QString message;
    std::optional<quint64> retryAfterMs;

    QCborMap toCbor() const;
    static std::optional<ErrorReply> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ErrorReply&) const = default;
};

} // namespace moim::protocol
