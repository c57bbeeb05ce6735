#pragma once

#include <QByteArray>
#include <array>
#include <optional>

namespace moim::keystore {

// The 32-byte local master key that encrypts a device's secrets file. Every copy wipes its
// bytes when destroyed; the key never lives in a (shared, unwipeable) QByteArray for long.
class LocalKey {
public:
    static constexpr int Size = 32;

    LocalKey() = default; // all zero
    LocalKey(const LocalKey& other) = default;
    LocalKey& operator=(const LocalKey& other) = default;
    ~LocalKey();

    // A fresh key from libsodium's random source.
    static LocalKey random();
    // nullopt unless bytes holds exactly Size bytes.
    static std::optional<LocalKey> fromBytes(const QByteArray& bytes);

    const unsigned char* data() const { return m_bytes.data(); }
    unsigned char* data() { return m_bytes.data(); }
    // A copy for an API that needs one (the keychain); the caller drops it as soon as it can.
    QByteArray toByteArray() const;

    // In time independent of the contents.
    bool operator==(const LocalKey& other) const;

private:
    std::array<unsigned char, Size> m_bytes{};
};

} // namespace moim::keystore
