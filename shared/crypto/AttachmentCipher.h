#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>
#include <memory>

class QIODevice;

namespace moim::crypto {

// Files are encrypted with crypto_secretstream_xchacha20poly1305 in chunks of 64 KiB of
// plaintext; the last chunk carries TAG_FINAL, so a file cut at a chunk boundary is detected.
// Ciphertext layout: the 24-byte stream header, then each chunk (plaintext + 17 bytes).
class AttachmentCipher {
public:
    static constexpr int kKeyBytes = 32;
    static constexpr int kHeaderBytes = 24;
    static constexpr int kPlainChunkBytes = 64 * 1024;
    static constexpr int kChunkOverheadBytes = 17;
    static constexpr int kCipherChunkBytes = kPlainChunkBytes + kChunkOverheadBytes;

    static QByteArray newKey();
    static qint64 cipherSize(qint64 plainSize);

    struct Summary {
        qint64 plainSize = 0;
        qint64 cipherSize = 0;
        QByteArray cipherHash; // BLAKE2b-256 of the whole ciphertext: the blob's address
        QByteArray plainHash;  // BLAKE2b-256 of the plaintext, checked after decryption
    };

    // Streams `in` to `out`. Fails only on I/O errors.
    static Checked<Summary> encrypt(const QByteArray& key, QIODevice& in, QIODevice& out);
    // Streams and checks: a tampered, reordered, truncated or extended stream fails, and
    // nothing of a failed chunk is written.
    static Checked<Summary> decrypt(const QByteArray& key, QIODevice& in, QIODevice& out);

    // In-memory forms for small data (thumbnails, tests).
    static QByteArray encryptBytes(const QByteArray& key, const QByteArray& plain);
    static Checked<QByteArray> decryptBytes(const QByteArray& key, const QByteArray& cipher);
};

} // namespace moim::crypto
