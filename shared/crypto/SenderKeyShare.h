#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>

namespace moim::crypto {

class AgreementKeyPair;
class SigningKeyPair;

// A sender key handed to one device. The payload names room, epoch, sender and recipient and
// is signed by the sending device, then sealed to the recipient's X25519 key: the sealed box
// alone hides who sent it, and naming the recipient stops a share being re-sealed to another.
struct SenderKeyShare {
    quint64 roomId = 0;
    quint64 senderUserId = 0;
    quint64 senderDeviceId = 0;
    quint64 recipientUserId = 0;
    quint64 recipientDeviceId = 0;
    quint64 epoch = 0;
    quint32 firstIndex = 0;
    QByteArray chainKey;
    qint64 createdMs = 0;

    bool operator==(const SenderKeyShare&) const = default;
};

struct OpenedShare {
    SenderKeyShare share;
    QByteArray payload;
    QByteArray signature;
};

class SenderKeyShareCodec {
public:
    static QByteArray seal(const SenderKeyShare& share, const SigningKeyPair& sender,
                           const QByteArray& recipientAgreementKey);
    // Opens and parses; checks the share is addressed to this device. The signature is checked
    // by verify() once the reader has looked up the sender device's signing key.
    static Checked<OpenedShare> open(const QByteArray& sealed, const AgreementKeyPair& mine,
                                     quint64 myUserId, quint64 myDeviceId);
    static bool verify(const OpenedShare& opened, const QByteArray& senderSigningKey);

    // The plain signed form (no sealing), as kept in the key backup and the local store.
    static QByteArray encodePayload(const SenderKeyShare& share);
    static Checked<SenderKeyShare> decodePayload(const QByteArray& payload);
};

} // namespace moim::crypto
