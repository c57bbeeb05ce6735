#include "websocket/WebSocketFrames.h"

#include <QString>
#include <QtEndian>

namespace moim::websocket {

QByteArray encodeFrame(Opcode opcode, QByteArrayView payload)
{
    const auto length = quint64(payload.size());
    const qsizetype headerBytes = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    QByteArray frame(headerBytes + payload.size(), Qt::Uninitialized);
    auto* out = reinterpret_cast<uchar*>(frame.data());
    out[0] = uchar(0x80 | quint8(opcode)); // FIN: the message is whole
    if (headerBytes == 2) {
        out[1] = uchar(length);
    } else if (headerBytes == 4) {
        out[1] = 126;
        qToBigEndian(quint16(length), out + 2);
    } else {
        out[1] = 127;
        qToBigEndian(length, out + 2);
    }
    if (!payload.isEmpty())
        memcpy(out + headerBytes, payload.data(), size_t(payload.size()));
    return frame;
}

QByteArray closePayload(quint16 status, const QString& reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(status, payload.data());
    QByteArray text = reason.toUtf8();
    if (text.size() > kMaxControlPayload - 2) {
        qsizetype cut = kMaxControlPayload - 2;
        while (cut > 0 && (uchar(text[cut]) & 0xC0) == 0x80)
            --cut; // never split a multi-byte character
        text.truncate(cut);
    }
    return payload + text;
}

bool isValidCloseStatus(quint16 status)
{
    return (status >= 1000 && status <= 1003) || (status >= 1007 && status <= 1014) ||
           (status >= 3000 && status <= 4999);
}

} // namespace moim::websocket
