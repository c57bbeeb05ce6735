#include "crypto/PasswordHash.h"

#include <sodium.h>

namespace moim::crypto {

PasswordHash::PasswordHash(PasswordHashCost cost)
    : m_cost(cost)
{}

std::optional<QString> PasswordHash::hash(const QString& password) const
{
    QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const int rc =
        crypto_pwhash_str_alg(out, utf8.constData(), quint64(utf8.size()), m_cost.opsLimit,
                              m_cost.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0)
        return std::nullopt;
    return QString::fromLatin1(out);
}

bool PasswordHash::verify(const QString& encodedHash, const QString& password) const
{
    const QByteArray stored = encodedHash.toLatin1();
    QByteArray utf8 = password.toUtf8();
    const bool ok =
        stored.size() < crypto_pwhash_STRBYTES &&
        crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return ok;
}

bool PasswordHash::needsRehash(const QString& encodedHash) const
{
    const QByteArray stored = encodedHash.toLatin1();
    return crypto_pwhash_str_needs_rehash(stored.constData(), m_cost.opsLimit,
                                          m_cost.memLimitBytes) != 0;
}

} // namespace moim::crypto
