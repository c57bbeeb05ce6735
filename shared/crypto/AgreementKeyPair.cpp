#include "crypto/AgreementKeyPair.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::crypto {

namespace {

const unsigned char* bytes(const QByteArray& array)
{
    return reinterpret_cast<const unsigned char*>(array.constData());
}

} // namespace

AgreementKeyPair::AgreementKeyPair(QByteArray publicKey, QByteArray secretKey)
    : m_public(std::move(publicKey))
    , m_secret(std::move(secretKey))
{}

AgreementKeyPair::~AgreementKeyPair()
{
    wipe(m_secret);
}

AgreementKeyPair AgreementKeyPair::generate()
{
    QByteArray publicKey(kPublicKeyBytes, Qt::Uninitialized);
    QByteArray secretKey(kSecretKeyBytes, Qt::Uninitialized);
    crypto_box_keypair(reinterpret_cast<unsigned char*>(publicKey.data()),
                       reinterpret_cast<unsigned char*>(secretKey.data()));
    return AgreementKeyPair(std::move(publicKey), std::move(secretKey));
}

std::optional<AgreementKeyPair> AgreementKeyPair::fromSecretKey(const QByteArray& secretKey)
{
    if (secretKey.size() != kSecretKeyBytes)
        return std::nullopt;
    QByteArray publicKey(kPublicKeyBytes, Qt::Uninitialized);
    if (crypto_scalarmult_base(reinterpret_cast<unsigned char*>(publicKey.data()),
                               bytes(secretKey)) != 0)
        return std::nullopt;
    return AgreementKeyPair(std::move(publicKey), secretKey);
}

QByteArray AgreementKeyPair::seal(const QByteArray& plaintext, const QByteArray& recipientPublicKey)
{
    if (recipientPublicKey.size() != kPublicKeyBytes)
        return {};
    QByteArray sealed(plaintext.size() + int(crypto_box_SEALBYTES), Qt::Uninitialized);
    if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), bytes(plaintext),
                        quint64(plaintext.size()), bytes(recipientPublicKey)) != 0)
        return {};
    return sealed;
}

std::optional<QByteArray> AgreementKeyPair::openSealed(const QByteArray& sealed) const
{
    if (sealed.size() < int(crypto_box_SEALBYTES))
        return std::nullopt;
    QByteArray plaintext(sealed.size() - int(crypto_box_SEALBYTES), Qt::Uninitialized);
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plaintext.data()), bytes(sealed),
                             quint64(sealed.size()), bytes(m_public), bytes(m_secret)) != 0)
        return std::nullopt;
    return plaintext;
}

} // namespace moim::crypto
