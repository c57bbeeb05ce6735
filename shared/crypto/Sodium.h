#pragma once

#include <QByteArray>

namespace moim::crypto {

// Initializes libsodium; safe to call more than once and from several threads. Returns false
// when the library cannot be used (no usable random source), which callers treat as fatal.
bool initializeSodium();

QByteArray randomBytes(int count);

// Compares in time independent of the contents.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

} // namespace moim::crypto

namespace moim::crypto {

// Overwrites the bytes in place (sodium_memzero) and empties the array. QByteArray is
// implicitly shared, so callers detach their secrets before filling them.
void wipe(QByteArray& secret);

// BLAKE2b-based crypto_kdf: a 32-byte subkey of a 32-byte key, for an 8-character context.
QByteArray deriveSubkey(const QByteArray& key, quint64 subkeyId, const char (&context)[9],
                        int length = 32);

// A 64-bit little-endian encoding, for length prefixes inside signed or hashed data.
QByteArray littleEndian64(quint64 value);

} // namespace moim::crypto
