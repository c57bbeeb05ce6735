#include "crypto/SafetyNumber.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::crypto {

namespace {

constexpr int kIterations = 1024;

// 30 digits: six chunks of five bytes, each read as a 40-bit number modulo 100000.
QString fingerprintDigits(quint64 user, const QByteArray& masterKey)
{
    QByteArray digest = QByteArrayLiteral("moim safety number v1") + littleEndian64(user);
    for (int i = 0; i < kIterations; ++i) {
        QByteArray input = digest + masterKey;
        digest.resize(crypto_generichash_BYTES_MAX);
        crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), size_t(digest.size()),
                           reinterpret_cast<const unsigned char*>(input.constData()),
                           quint64(input.size()), nullptr, 0);
    }
    QString digits;
    for (int chunk = 0; chunk < 6; ++chunk) {
        quint64 value = 0;
        for (int i = 0; i < 5; ++i)
            value = (value << 8) | quint8(digest[chunk * 5 + i]);
        digits.append(QStringLiteral("%1").arg(value % 100000, 5, 10, QLatin1Char('0')));
    }
    return digits;
}

} // namespace

QString safetyNumber(quint64 userA, const QByteArray& masterKeyA, quint64 userB,
                     const QByteArray& masterKeyB)
{
    QString first = fingerprintDigits(userA, masterKeyA);
    QString second = fingerprintDigits(userB, masterKeyB);
    if (userB < userA)
        std::swap(first, second);
    const QString all = first + second;
    QString grouped;
    for (int i = 0; i < all.size(); i += 5) {
        if (i > 0)
            grouped.append(QLatin1Char(' '));
        grouped.append(all.mid(i, 5));
    }
    return grouped;
}

} // namespace moim::crypto
