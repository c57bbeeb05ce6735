#include "client/MessageContent.h"

#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>

namespace moim::client {

namespace {

QCborMap attachmentToCbor(const AttachmentRef& ref)
{
    QCborMap map{{QStringLiteral("blob"), ref.blobId},    {QStringLiteral("key"), ref.key},
                 {QStringLiteral("hash"), ref.plainHash}, {QStringLiteral("size"), ref.size},
                 {QStringLiteral("name"), ref.name},      {QStringLiteral("type"), ref.mimeType}};
    if (ref.width > 0 && ref.height > 0) {
        map.insert(QStringLiteral("width"), ref.width);
        map.insert(QStringLiteral("height"), ref.height);
    }
    return map;
}

std::optional<AttachmentRef> attachmentFromCbor(const QCborValue& value)
{
    if (!value.isMap())
        return std::nullopt;
    const QCborMap map = value.toMap();
    AttachmentRef ref;
    ref.blobId = map.value(QStringLiteral("blob")).toByteArray();
    ref.key = map.value(QStringLiteral("key")).toByteArray();
    ref.plainHash = map.value(QStringLiteral("hash")).toByteArray();
    ref.size = map.value(QStringLiteral("size")).toInteger(-1);
    ref.name = map.value(QStringLiteral("name")).toString();
    ref.mimeType = map.value(QStringLiteral("type")).toString();
    ref.width = int(map.value(QStringLiteral("width")).toInteger(0));
    ref.height = int(map.value(QStringLiteral("height")).toInteger(0));
    if (ref.blobId.size() != 32 || ref.key.size() != 32 || ref.plainHash.size() != 32 ||
        ref.size < 0)
        return std::nullopt;
    return ref;
}

} // namespace

QByteArray MessageContent::toEnvelope() const
{
    QCborMap map{{QStringLiteral("v"), 1}};
    if (!reaction.isEmpty()) {
        map.insert(QStringLiteral("reaction"), reaction);
    } else {
        map.insert(QStringLiteral("text"), text);
        if (file)
            map.insert(QStringLiteral("file"), attachmentToCbor(*file));
        if (thumbnail)
            map.insert(QStringLiteral("thumbnail"), attachmentToCbor(*thumbnail));
    }
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
    if (map.contains(QStringLiteral("file"))) {
        content.file = attachmentFromCbor(map.value(QStringLiteral("file")));
        if (!content.file)
            return std::nullopt;
    }
    if (map.contains(QStringLiteral("thumbnail"))) {
        content.thumbnail = attachmentFromCbor(map.value(QStringLiteral("thumbnail")));
        if (!content.thumbnail)
            return std::nullopt;
    }
    return content;
}

} // namespace moim::client
