#include "keystore/LocalKey.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::keystore {

LocalKey::~LocalKey()
{
    sodium_memzero(m_bytes.data(), m_bytes.size());
}

LocalKey LocalKey::random()
{
    QByteArray bytes = crypto::randomBytes(Size);
    LocalKey key = *fromBytes(bytes);
    sodium_memzero(bytes.data(), size_t(bytes.size()));
    return key;
}

std::optional<LocalKey> LocalKey::fromBytes(const QByteArray& bytes)
{
    if (bytes.size() != Size)
        return std::nullopt;
    LocalKey key;
    std::copy(bytes.cbegin(), bytes.cend(), key.m_bytes.begin());
    return key;
}

QByteArray LocalKey::toByteArray() const
{
    return QByteArray(reinterpret_cast<const char*>(m_bytes.data()), Size);
}

bool LocalKey::operator==(const LocalKey& other) const
{
    return sodium_memcmp(m_bytes.data(), other.m_bytes.data(), m_bytes.size()) == 0;
}

} // namespace moim::keystore
