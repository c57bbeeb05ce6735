#pragma once

#include <QByteArray>
#include <optional>

namespace moim::crypto {

// Ed25519. Every signature is made over a context label followed by the message, so that a
// signature made for one purpose (a device list) can never be replayed as another (a message).
class SigningKeyPair {
public:
    static constexpr int kPublicKeyBytes = 32;
    static constexpr int kSecretKeyBytes = 64;
    static constexpr int kSeedBytes = 32;
    static constexpr int kSignatureBytes = 64;

    static SigningKeyPair generate();
    static std::optional<SigningKeyPair> fromSeed(const QByteArray& seed);
    static std::optional<SigningKeyPair> fromSecretKey(const QByteArray& secretKey);

    SigningKeyPair(const SigningKeyPair&) = default;
    SigningKeyPair& operator=(const SigningKeyPair&) = default;
    ~SigningKeyPair();

    const QByteArray& publicKey() const { return m_public; }
    // For the device's encrypted local store and the recovery blob only.
    const QByteArray& secretKey() const { return m_secret; }

    QByteArray sign(const QByteArray& context, const QByteArray& message) const;
    static bool verify(const QByteArray& publicKey, const QByteArray& context,
                       const QByteArray& message, const QByteArray& signature);

private:
    SigningKeyPair(QByteArray publicKey, QByteArray secretKey);

    QByteArray m_public;
    QByteArray m_secret;
};

} // namespace moim::crypto
