#pragma once

#include <QByteArray>
#include <optional>

namespace moim::crypto {

// X25519, kept apart from the signing key (never converted from it). Used to seal data to a
// device: crypto_box_seal hides the sender, so whatever is sealed carries its own signature.
class AgreementKeyPair {
public:
    static constexpr int kPublicKeyBytes = 32;
    static constexpr int kSecretKeyBytes = 32;

    static AgreementKeyPair generate();
    static std::optional<AgreementKeyPair> fromSecretKey(const QByteArray& secretKey);

    AgreementKeyPair(const AgreementKeyPair&) = default;
    AgreementKeyPair& operator=(const AgreementKeyPair&) = default;
    ~AgreementKeyPair();

    const QByteArray& publicKey() const { return m_public; }
    const QByteArray& secretKey() const { return m_secret; }

    // Empty when recipientPublicKey is not a valid key.
    static QByteArray seal(const QByteArray& plaintext, const QByteArray& recipientPublicKey);
    std::optional<QByteArray> openSealed(const QByteArray& sealed) const;

private:
    AgreementKeyPair(QByteArray publicKey, QByteArray secretKey);

    QByteArray m_public;
    QByteArray m_secret;
};

} // namespace moim::crypto
