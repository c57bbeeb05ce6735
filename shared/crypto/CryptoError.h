#pragma once

#include <QString>
#include <variant>

namespace moim::crypto {

// Why a piece of ciphertext, a signature or a key document was refused. Clients map these to
// what the user sees ("tampered", "waiting for key", "replayed"), so each cause stays distinct.
enum class CryptoFailure {
    Malformed,      // not the structure we write, or a field of the wrong size
    BadSignature,   // the signature does not verify under the key it claims
    Undecryptable,  // authentication of the ciphertext failed: tampered, or the wrong key
    UnknownKey,     // no key for it yet ("waiting for key")
    Replay,         // seen before in another place
    WrongRecipient, // addressed to another device or room
    Rollback,       // an older version than one already seen
    Mismatch,       // the signed contents contradict the server's metadata (forged sender)
    Truncated,      // a stream that ended before its final chunk
    Unsupported,    // a version or parameter we do not speak or accept
};

struct CryptoError {
    CryptoFailure failure = CryptoFailure::Malformed;
    QString message;
};

// A value, or why it could not be had.
template <typename T> class Checked {
public:
    Checked(T value)
        : m_state(std::move(value))
    {}
    Checked(CryptoError error)
        : m_state(std::move(error))
    {}
    static Checked failure(CryptoFailure failure, QString message)
    {
        return Checked(CryptoError{failure, std::move(message)});
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T& value() const { return std::get<T>(m_state); }
    T& value() { return std::get<T>(m_state); }
    const T* operator->() const { return &value(); }
    const CryptoError& error() const { return std::get<CryptoError>(m_state); }

private:
    std::variant<T, CryptoError> m_state;
};

} // namespace moim::crypto
