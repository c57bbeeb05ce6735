#include "client/MessageContent.h"

#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>

namespace moim::client {

QByteArray MessageContent::toEnvelope() const
{
    QCborMap map{{QStringLiteral("v"), 1}};
    if (!reaction.isEmpty())
        map.insert(QStringLiteral("reaction"), reaction);
    else
        map.insert(QStringLiteral("text"), text);
    return QCborValue(map).toCbor();
}

std::optional<MessageContent> MessageContent::fromEnvelope(const QByteArray& envelope)
{
    QCborStreamReader reader(envelope);
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError || !value.isMap())
        return std::nullopt;
    const QCborMap map = value.toMap();
    if (map.value(QStringLiteral("v")).toInteger(-1) != 1)
        return std::nullopt;
    const bool hasText = map.value(QStringLiteral("text")).isString();
    if (hasText == map.value(QStringLiteral("reaction")).isString())
        return std::nullopt;
    MessageContent content;
    content.text = map.value(QStringLiteral("text")).toString();
    content.reaction = map.value(QStringLiteral("reaction")).toString();
    return content;
}

} // namespace moim::client
