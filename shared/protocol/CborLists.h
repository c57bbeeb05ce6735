#pragma once

#include <QCborArray>
#include <QList>

namespace moim::protocol {

// Writes ids as a CBOR array of unsigned integers (BodyReader::unsignedList reads it back).
inline QCborArray unsignedArray(const QList<quint64>& values)
{
    QCborArray items;
    for (const quint64 value : values)
        items.append(qint64(value));
    return items;
}

} // namespace moim::protocol
