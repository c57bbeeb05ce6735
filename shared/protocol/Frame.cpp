#include "protocol/Frame.h"

#include <QCborStreamReader>
#include <QCborValue>

namespace moim::protocol {
namespace {

const QString kVersionKey = QStringLiteral("v");
const QString kTypeKey = QStringLiteral("t");
const QString kIdKey = QStringLiteral("id");
const QString kBodyKey = QStringLiteral("b");

// CBOR integers are signed 64-bit in QCborValue; envelope numbers must be non-negative and,
// for request ids, within the range a JavaScript client can hold exactly.
constexpr qint64 kMaxRequestId = (qint64(1) << 53) - 1;

DecodedFrame fail(ErrorCode code, QString message, std::optional<quint64> requestId = {})
{
    return DecodedFrame{std::nullopt, FrameDecodeError{code, std::move(message), requestId}};
}

} // namespace

QByteArray Frame::encode() const
{
    QCborMap envelope;
    envelope.insert(kVersionKey, qint64(version));
    envelope.insert(kTypeKey, qint64(type));
    if (requestId)
        envelope.insert(kIdKey, qint64(*requestId));
    envelope.insert(kBodyKey, body);
    return QCborValue(envelope).toCbor();
}

DecodedFrame decodeFrame(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return fail(ErrorCode::BadFrame, QStringLiteral("empty frame"));
    QCborStreamReader reader(bytes);
    const QCborValue root = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return fail(ErrorCode::BadFrame,
                    QStringLiteral("not valid CBOR: ") + reader.lastError().toString());
    if (reader.currentOffset() != bytes.size())
        return fail(ErrorCode::BadFrame, QStringLiteral("trailing bytes after the CBOR item"));
    if (!root.isMap())
        return fail(ErrorCode::BadFrame, QStringLiteral("frame is not a CBOR map"));
    const QCborMap envelope = root.toMap();

    std::optional<quint64> requestId;
    if (envelope.contains(kIdKey)) {
        const QCborValue id = envelope.value(kIdKey);
        if (!id.isInteger() || id.toInteger() < 0 || id.toInteger() > kMaxRequestId)
            return fail(ErrorCode::BadFrame,
                        QStringLiteral("\"id\" must be an integer from 0 to 2^53-1"));
        requestId = quint64(id.toInteger());
    }
    const QCborValue version = envelope.value(kVersionKey);
    if (!version.isInteger() || version.toInteger() < 0 || version.toInteger() > 0xffffffffLL)
        return fail(ErrorCode::BadFrame, QStringLiteral("\"v\" must be a non-negative integer"),
                    requestId);
    const QCborValue type = envelope.value(kTypeKey);
    if (!type.isInteger() || type.toInteger() < 0)
        return fail(ErrorCode::BadFrame, QStringLiteral("\"t\" must be a non-negative integer"),
                    requestId);
    const QCborValue body = envelope.value(kBodyKey);
    if (!body.isMap())
        return fail(ErrorCode::BadFrame, QStringLiteral("\"b\" must be a map"), requestId);
    const auto knownType = messageTypeFromNumber(quint64(type.toInteger()));
    if (!knownType)
        return fail(ErrorCode::UnknownType,
                    QStringLiteral("unknown message type %1").arg(type.toInteger()), requestId);
    return DecodedFrame{Frame{quint32(version.toInteger()), *knownType, requestId, body.toMap()},
                        {}};
}

} // namespace moim::protocol
