#include "client/MessageContent.h"

#include <QCborMap>
#include <QCborValue>

namespace moim::client {

QByteArray MessageContent::toEnvelope() const
{
    return QCborValue(QCborMap{{QStringLiteral("v"), 0}, {QStringLiteral("text"), text}}).toCbor();
}

std::optional<MessageContent> MessageContent::fromEnvelope(const QByteArray& envelope)
{
    const QCborValue value = QCborValue::fromCbor(envelope);
    if (!value.isMap())
        return std::nullopt;
    const QCborMap map = value.toMap();
    if (map.value(QStringLiteral("v")).toInteger(-1) != 0 ||
        !map.value(QStringLiteral("text")).isString())
        return std::nullopt;
    return MessageContent{map.value(QStringLiteral("text")).toString()};
}

} // namespace moim::client
