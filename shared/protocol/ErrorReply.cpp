#include "protocol/ErrorReply.h"

#include "protocol/BodyReader.h"

namespace moim::protocol {

QCborMap ErrorReply::toCbor() const {
    QCborMap body{{QStringLiteral("code"), qint64(code)}, {QStringLiteral("message"), message}};
    if (retryAfterMs)
        body.insert(QStringLiteral("retry_after_ms"), qint64(*retryAfterMs));
    return body;
}

std::optional<ErrorReply> ErrorReply::fromCbor(const QCborMap& body, QString* error) {
    BodyReader reader(body);
    ErrorReply reply;
    // An unknown code from a newer server is kept as is: callers show its message.
    reply.code = ErrorCode(quint32(reader.unsignedInteger(QStringLiteral("code"))));
    reply.message = reader.text(QStringLiteral("message"));
    reply.retryAfterMs = reader.optionalUnsignedInteger(QStringLiteral("retry_after_ms"));
    return reader.finish(reply, error);
}

} // namespace moim::protocol
