#include "crypto/Base32.h"

namespace moim::crypto {

namespace {

const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int symbolValue(QChar c)
{
    const char upper = c.toUpper().toLatin1();
    if (upper == 'I' || upper == 'L')
        return 1;
    if (upper == 'O')
        return 0;
    for (int i = 0; i < 32; ++i) {
        if (kAlphabet[i] == upper)
            return i;
    }
    return -1;
}

} // namespace

QString base32Encode(const QByteArray& bytes)
{
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            out.append(QLatin1Char(kAlphabet[(buffer >> (bits - 5)) & 31]));
            bits -= 5;
        }
    }
    if (bits > 0)
        out.append(QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 31]));
    return out;
}

std::optional<QByteArray> base32Decode(const QString& text, int expectedBytes)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('-') || c.isSpace())
            continue;
        const int value = symbolValue(c);
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 5) | quint32(value);
        bits += 5;
        if (bits >= 8) {
            out.append(char((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    if (out.size() != expectedBytes || (buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

QString groupedCode(const QString& text, int groupSize)
{
    QString out;
    for (int i = 0; i < text.size(); i += groupSize) {
        if (i > 0)
            out.append(QLatin1Char('-'));
        out.append(text.mid(i, groupSize));
    }
    return out;
}

} // namespace moim::crypto
