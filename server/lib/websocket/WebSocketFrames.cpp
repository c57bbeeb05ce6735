#include "websocket/WebSocketFrames.h"

#include <QString>
#include <QtEndian>
#include <cstring>

namespace moim::websocket {

namespace {
// A frame with room for its payload after the header (and the mask key, when masked); returns
// where the payload goes.
char* frameWithHeader(QByteArray& frame, Opcode opcode, qsizetype payloadBytes, bool masked)
{
    const auto length = quint64(payloadBytes);
    const qsizetype lengthBytes = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    const qsizetype headerBytes = lengthBytes + (masked ? 4 : 0);
    frame = QByteArray(headerBytes + payloadBytes, Qt::Uninitialized);
    auto* out = reinterpret_cast<uchar*>(frame.data());
    out[0] = uchar(0x80 | quint8(opcode)); // FIN: the message is whole
    const uchar maskBit = masked ? 0x80 : 0;
    if (lengthBytes == 2) {
        out[1] = uchar(maskBit | length);
    } else if (lengthBytes == 4) {
        out[1] = maskBit | 126;
        qToBigEndian(quint16(length), out + 2);
    } else {
        out[1] = maskBit | 127;
        qToBigEndian(length, out + 2);
    }
    return frame.data() + headerBytes;
}
} // namespace

QByteArray encodeFrame(Opcode opcode, QByteArrayView payload)
{
    QByteArray frame;
    char* out = frameWithHeader(frame, opcode, payload.size(), false);
    if (!payload.isEmpty())
        memcpy(out, payload.data(), size_t(payload.size()));
    return frame;
}

QByteArray encodeMaskedFrame(Opcode opcode, QByteArrayView payload, quint32 maskKey)
{
    QByteArray frame;
    char* out = frameWithHeader(frame, opcode, payload.size(), true);
    char* key = out - 4;
    memcpy(key, &maskKey, 4);
    if (!payload.isEmpty()) {
        memcpy(out, payload.data(), size_t(payload.size()));
        applyMask(out, payload.size(), reinterpret_cast<const uchar*>(key));
    }
    return frame;
}

void applyMask(char* data, qsizetype size, const uchar* key)
{
    // Eight bytes at a time: a 64 KB message is masked in microseconds.
    quint32 key32;
    memcpy(&key32, key, 4);
    const quint64 key64 = (quint64(key32) << 32) | key32;
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        memcpy(&word, data + i, 8);
        word ^= key64;
        memcpy(data + i, &word, 8);
    }
    for (; i < size; ++i)
        data[i] = char(data[i] ^ key[i % 4]);
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
