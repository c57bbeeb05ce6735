#include "crypto/SenderKeyShare.h"

#include "crypto/AgreementKeyPair.h"
#include "crypto/CborBytes.h"
#include "crypto/SenderChain.h"
#include "crypto/SigningKeyPair.h"
#include "crypto/Sodium.h"
#include "protocol/BodyReader.h"

namespace moim::crypto {

namespace {

const QByteArray kContext = QByteArrayLiteral("moim sender key share v1");

} // namespace

QByteArray SenderKeyShareCodec::encodePayload(const SenderKeyShare& share)
{
    QCborMap map;
    map.insert(QStringLiteral("room"), qint64(share.roomId));
    map.insert(QStringLiteral("sender_user"), qint64(share.senderUserId));
    map.insert(QStringLiteral("sender_device"), qint64(share.senderDeviceId));
    map.insert(QStringLiteral("recipient_user"), qint64(share.recipientUserId));
    map.insert(QStringLiteral("recipient_device"), qint64(share.recipientDeviceId));
    map.insert(QStringLiteral("epoch"), qint64(share.epoch));
    map.insert(QStringLiteral("first_index"), qint64(share.firstIndex));
    map.insert(QStringLiteral("chain_key"), share.chainKey);
    map.insert(QStringLiteral("created_ms"), share.createdMs);
    return encodeCborMap(map);
}

Checked<SenderKeyShare> SenderKeyShareCodec::decodePayload(const QByteArray& payload)
{
    const auto map = decodeCborMap(payload);
    if (!map)
        return Checked<SenderKeyShare>::failure(CryptoFailure::Malformed,
                                                QStringLiteral("key share: not a CBOR map"));
    protocol::BodyReader reader(*map);
    SenderKeyShare share;
    share.roomId = reader.unsignedInteger(QStringLiteral("room"));
    share.senderUserId = reader.unsignedInteger(QStringLiteral("sender_user"));
    share.senderDeviceId = reader.unsignedInteger(QStringLiteral("sender_device"));
    share.recipientUserId = reader.unsignedInteger(QStringLiteral("recipient_user"));
    share.recipientDeviceId = reader.unsignedInteger(QStringLiteral("recipient_device"));
    share.epoch = reader.unsignedInteger(QStringLiteral("epoch"));
    const quint64 firstIndex = reader.unsignedInteger(QStringLiteral("first_index"));
    share.chainKey = reader.bytes(QStringLiteral("chain_key"));
    share.createdMs = reader.integer(QStringLiteral("created_ms"));
    if (!reader.ok())
        return Checked<SenderKeyShare>::failure(CryptoFailure::Malformed,
                                                QStringLiteral("key share: ") + reader.error());
    if (share.chainKey.size() != SenderChain::kKeyBytes || firstIndex > SenderChain::kMaxIndex)
        return Checked<SenderKeyShare>::failure(CryptoFailure::Malformed,
                                                QStringLiteral("key share: bad chain key"));
    share.firstIndex = quint32(firstIndex);
    return share;
}

QByteArray SenderKeyShareCodec::seal(const SenderKeyShare& share, const SigningKeyPair& sender,
                                     const QByteArray& recipientAgreementKey)
{
    QByteArray payload = encodePayload(share);
    QCborMap signedShare;
    signedShare.insert(QStringLiteral("p"), payload);
    signedShare.insert(QStringLiteral("s"), sender.sign(kContext, payload));
    QByteArray plain = encodeCborMap(signedShare);
    QByteArray sealed = AgreementKeyPair::seal(plain, recipientAgreementKey);
    wipe(payload);
    signedShare = {};
    wipe(plain);
    return sealed;
}

Checked<OpenedShare> SenderKeyShareCodec::open(const QByteArray& sealed,
                                               const AgreementKeyPair& mine, quint64 myUserId,
                                               quint64 myDeviceId)
{
    const auto plain = mine.openSealed(sealed);
    if (!plain)
        return Checked<OpenedShare>::failure(
            CryptoFailure::Undecryptable, QStringLiteral("key share is not sealed to this device"));
    const auto map = decodeCborMap(*plain);
    if (!map)
        return Checked<OpenedShare>::failure(CryptoFailure::Malformed,
                                             QStringLiteral("key share: not a CBOR map"));
    protocol::BodyReader reader(*map);
    OpenedShare opened;
    opened.payload = reader.bytes(QStringLiteral("p"));
    opened.signature = reader.bytes(QStringLiteral("s"));
    if (!reader.ok())
        return Checked<OpenedShare>::failure(CryptoFailure::Malformed,
                                             QStringLiteral("key share: ") + reader.error());
    auto share = decodePayload(opened.payload);
    if (!share)
        return share.error();
    if (share->recipientUserId != myUserId || share->recipientDeviceId != myDeviceId)
        return Checked<OpenedShare>::failure(
            CryptoFailure::WrongRecipient,
            QStringLiteral("key share addressed to device %1 of user %2")
                .arg(share->recipientDeviceId)
                .arg(share->recipientUserId));
    opened.share = share.value();
    return opened;
}

bool SenderKeyShareCodec::verify(const OpenedShare& opened, const QByteArray& senderSigningKey)
{
    return SigningKeyPair::verify(senderSigningKey, kContext, opened.payload, opened.signature);
}

} // namespace moim::crypto
