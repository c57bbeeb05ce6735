#include "protocol/ErrorReply.h"

#include "protocol/BodyReader.h"

namespace moim::protocol {

QCborMap ErrorReply::toCbor() const
{
    QCborMap body{{QStringLiteral("code"), qint64(code)}, {QStringLiteral("message"), message}};
    if (retryAfterMs)
        body.insert(QStringLiteral("retry_after_ms"), qint64(*retryAfterMs));
    return body;
}

std::optional<ErrorReply> ErrorReply::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ErrorReply reply;
    // An unknown code from a newer server is kept as is: callers show its message.
    const quint64 code = reader.unsignedInteger(QStringLiteral("code"));
    if (code > 0xffffffffULL)
        reader.fail(QStringLiteral("code"), QStringLiteral("out of range"));
    reply.code = ErrorCode(quint32(code));
    reply.message = reader.text(QStringLiteral("message"));
    reply.retryAfterMs = reader.optionalUnsignedInteger(QStringLiteral("retry_after_ms"));
    return reader.finish(reply, error);
}

} // namespace moim::protocol
