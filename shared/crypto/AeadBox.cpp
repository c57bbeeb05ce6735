#include "crypto/AeadBox.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::crypto {

namespace {

constexpr int kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr int kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(AeadBox::kOverheadBytes == kNonceBytes + kTagBytes);

const unsigned char* bytes(const QByteArray& array)
{
    return reinterpret_cast<const unsigned char*>(array.constData());
}

} // namespace

QByteArray AeadBox::seal(const QByteArray& key, const QByteArray& plaintext,
                         const QByteArray& associatedData)
{
    Q_ASSERT(key.size() == kKeyBytes);
    QByteArray sealed = randomBytes(kNonceBytes);
    sealed.resize(kNonceBytes + plaintext.size() + kTagBytes);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(sealed.data()) + kNonceBytes, &length, bytes(plaintext),
        quint64(plaintext.size()), bytes(associatedData), quint64(associatedData.size()), nullptr,
        bytes(sealed), bytes(key));
    return sealed;
}

Checked<QByteArray> AeadBox::open(const QByteArray& key, const QByteArray& sealed,
                                  const QByteArray& associatedData)
{
    if (key.size() != kKeyBytes || sealed.size() < kOverheadBytes)
        return Checked<QByteArray>::failure(CryptoFailure::Malformed,
                                            QStringLiteral("sealed box too short"));
    QByteArray plaintext(sealed.size() - kOverheadBytes, Qt::Uninitialized);
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plaintext.data()), &length, nullptr,
            bytes(sealed) + kNonceBytes, quint64(sealed.size() - kNonceBytes),
            bytes(associatedData), quint64(associatedData.size()), bytes(sealed), bytes(key)) != 0)
        return Checked<QByteArray>::failure(CryptoFailure::Undecryptable,
                                            QStringLiteral("sealed box does not open"));
    return plaintext;
}

} // namespace moim::crypto
