#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>

namespace moim::crypto {

class SigningKeyPair;

// What the sender binds to a message: every field the server also stores in the clear is
// repeated here under the signature, so the client can tell when the server's metadata lies
// (another room, another sender, a message turned into an edit of something else).
struct MessageHeader {
    quint64 roomId = 0;
    quint64 senderUserId = 0;
    quint64 senderDeviceId = 0;
    quint64 epoch = 0;
    quint32 index = 0;
    QByteArray clientId;
    quint32 kind = 0; // protocol::EventKind
    quint64 refSeq = 0;
    quint64 threadRoot = 0;
    qint64 sentMs = 0;

    bool operator==(const MessageHeader&) const = default;
};

// A parsed envelope; nothing in it is trusted until verify() and decrypt() succeed.
struct SealedMessage {
    MessageHeader header;
    QByteArray headerBytes;
    QByteArray nonce;
    QByteArray ciphertext;
    QByteArray signature;
};

// XChaCha20-Poly1305 with a random nonce and the header as associated data, the plaintext
// padded to a multiple of 64 bytes (the server learns sizes only roughly), and an Ed25519
// signature of the sending device over header, nonce and ciphertext: every member holds the
// chain key, so without the signature any of them could forge the sender.
class MessageEnvelope {
public:
    static constexpr quint32 kVersion = 1;
    static constexpr int kPadBlock = 64;

    static QByteArray seal(const MessageHeader& header, const QByteArray& plaintext,
                           const QByteArray& messageKey, const SigningKeyPair& sender);
    static Checked<SealedMessage> parse(const QByteArray& envelope);
    static bool verify(const SealedMessage& message, const QByteArray& senderSigningKey);
    static Checked<QByteArray> decrypt(const SealedMessage& message, const QByteArray& messageKey);
};

} // namespace moim::crypto
