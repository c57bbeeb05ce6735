#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>

namespace moim::crypto {

// XChaCha20-Poly1305 under a 32-byte key with a random nonce, written as nonce || ciphertext.
// The associated data binds a box to where it belongs (a backup slot, a link exchange), so
// that a server cannot move a valid box to another place.
class AeadBox {
public:
    static constexpr int kKeyBytes = 32;
    static constexpr int kOverheadBytes = 24 + 16;

    static QByteArray seal(const QByteArray& key, const QByteArray& plaintext,
                           const QByteArray& associatedData);
    static Checked<QByteArray> open(const QByteArray& key, const QByteArray& sealed,
                                    const QByteArray& associatedData);
};

} // namespace moim::crypto
