#include "crypto/SigningKeyPair.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::crypto {

namespace {

const unsigned char* bytes(const QByteArray& array)
{
    return reinterpret_cast<const unsigned char*>(array.constData());
}

// context || 0x00 || message: the zero byte keeps "ab"+"c" apart from "a"+"bc".
QByteArray signedBytes(const QByteArray& context, const QByteArray& message)
{
    QByteArray out;
    out.reserve(context.size() + 1 + message.size());
    out.append(context).append('\0').append(message);
    return out;
}

} // namespace

SigningKeyPair::SigningKeyPair(QByteArray publicKey, QByteArray secretKey)
    : m_public(std::move(publicKey))
    , m_secret(std::move(secretKey))
{}

SigningKeyPair::~SigningKeyPair()
{
    wipe(m_secret);
}

SigningKeyPair SigningKeyPair::generate()
{
    QByteArray publicKey(kPublicKeyBytes, Qt::Uninitialized);
    QByteArray secretKey(kSecretKeyBytes, Qt::Uninitialized);
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(publicKey.data()),
                        reinterpret_cast<unsigned char*>(secretKey.data()));
    return SigningKeyPair(std::move(publicKey), std::move(secretKey));
}

std::optional<SigningKeyPair> SigningKeyPair::fromSeed(const QByteArray& seed)
{
    if (seed.size() != kSeedBytes)
        return std::nullopt;
    QByteArray publicKey(kPublicKeyBytes, Qt::Uninitialized);
    QByteArray secretKey(kSecretKeyBytes, Qt::Uninitialized);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()),
                             reinterpret_cast<unsigned char*>(secretKey.data()), bytes(seed));
    return SigningKeyPair(std::move(publicKey), std::move(secretKey));
}

std::optional<SigningKeyPair> SigningKeyPair::fromSecretKey(const QByteArray& secretKey)
{
    if (secretKey.size() != kSecretKeyBytes)
        return std::nullopt;
    // The secret key is seed || public key; rebuild from the seed so a corrupted public half
    // cannot make us sign under a key we do not hold.
    QByteArray seed(kSeedBytes, Qt::Uninitialized);
    crypto_sign_ed25519_sk_to_seed(reinterpret_cast<unsigned char*>(seed.data()), bytes(secretKey));
    auto pair = fromSeed(seed);
    wipe(seed);
    if (!pair || !constantTimeEquals(pair->m_secret, secretKey))
        return std::nullopt;
    return pair;
}

QByteArray SigningKeyPair::sign(const QByteArray& context, const QByteArray& message) const
{
    const QByteArray data = signedBytes(context, message);
    QByteArray signature(kSignatureBytes, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr, bytes(data),
                         quint64(data.size()), bytes(m_secret));
    return signature;
}

bool SigningKeyPair::verify(const QByteArray& publicKey, const QByteArray& context,
                            const QByteArray& message, const QByteArray& signature)
{
    if (publicKey.size() != kPublicKeyBytes || signature.size() != kSignatureBytes)
        return false;
    const QByteArray data = signedBytes(context, message);
    return crypto_sign_verify_detached(bytes(signature), bytes(data), quint64(data.size()),
                                       bytes(publicKey)) == 0;
}

} // namespace moim::crypto
