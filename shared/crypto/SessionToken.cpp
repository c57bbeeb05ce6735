#include "crypto/SessionToken.h"

#include "crypto/Sodium.h"

#include <protocol/Limits.h>
#include <sodium.h>

namespace moim::crypto {

QByteArray newSessionToken()
{
    return randomBytes(moim::protocol::kSessionTokenBytes);
}

QByteArray tokenDigest(const QByteArray& token)
{
    QByteArray digest(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), size_t(digest.size()),
                       reinterpret_cast<const unsigned char*>(token.constData()),
                       size_t(token.size()), nullptr, 0);
    return digest;
}

} // namespace moim::crypto
