#include "crypto/CborBytes.h"

#include <QCborStreamReader>
#include <QCborValue>

namespace moim::crypto {

std::optional<QCborMap> decodeCborMap(const QByteArray& bytes)
{
    QCborStreamReader reader(bytes);
    const QCborValue root = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError || reader.currentOffset() != bytes.size() ||
        !root.isMap())
        return std::nullopt;
    return root.toMap();
}

QByteArray encodeCborMap(const QCborMap& map)
{
    return QCborValue(map).toCbor();
}

} // namespace moim::crypto
