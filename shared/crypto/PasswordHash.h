#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::crypto {

// Argon2id cost. The defaults are OWASP's minimum for Argon2id: 19 MiB of memory, 2 passes.
struct PasswordHashCost {
    quint64 opsLimit = 2;
    size_t memLimitBytes = 19 * 1024 * 1024;
};

// Argon2id hashes in libsodium's self-describing string form ($argon2id$v=19$m=...).
class PasswordHash {
public:
    explicit PasswordHash(PasswordHashCost cost = {});

    // nullopt only when memory for the hash could not be had.
    std::optional<QString> hash(const QString& password) const;
    bool verify(const QString& encodedHash, const QString& password) const;
    // True when encodedHash was made with other parameters than this object's.
    bool needsRehash(const QString& encodedHash) const;

    const PasswordHashCost& cost() const { return m_cost; }

private:
    PasswordHashCost m_cost;
};

} // namespace moim::crypto
