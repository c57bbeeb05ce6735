#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::crypto {

bool initializeSodium()
{
    return sodium_init() >= 0;
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(count));
    return bytes;
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace moim::crypto

namespace moim::crypto {

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty() && !secret.isDetached()) {
        // Another copy still shares these bytes; wiping them would corrupt it. Drop ours.
        secret.clear();
        return;
    }
    if (!secret.isEmpty())
        sodium_memzero(secret.data(), size_t(secret.size()));
    secret.clear();
}

QByteArray deriveSubkey(const QByteArray& key, quint64 subkeyId, const char (&context)[9],
                        int length)
{
    Q_ASSERT(key.size() == crypto_kdf_KEYBYTES);
    QByteArray subkey(length, Qt::Uninitialized);
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(subkey.data()), size_t(length),
                               subkeyId, context,
                               reinterpret_cast<const unsigned char*>(key.constData()));
    return subkey;
}

QByteArray littleEndian64(quint64 value)
{
    QByteArray bytes(8, Qt::Uninitialized);
    for (int i = 0; i < 8; ++i)
        bytes[i] = char((value >> (8 * i)) & 0xff);
    return bytes;
}

} // namespace moim::crypto
