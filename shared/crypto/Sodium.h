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
