#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace moim::keystore {

// Why a device's secrets could not be stored or opened. Callers branch on the code; the
// message is for the user (it never contains a secret, passphrase or key).
enum class KeyStoreError {
    NotFound,            // no secrets file in this profile yet
    KeychainUnavailable, // no usable system keychain (none, locked, access denied, no D-Bus)
    WrongPassphrase,     // the passphrase does not open this file
    Corrupt,             // damaged, truncated or tampered file, or a malformed keychain entry
    Io,                  // the file system refused (permissions, full disk), or out of memory
    Timeout,             // a blocking call gave up waiting (a keychain that does not answer)
    KeyLost,             // the file exists but the keychain no longer holds the key that opens it
    WrongProtection,     // the file is protected another way than the key source given
};

// A stable lower-case name ("not-found", "keychain-unavailable", ...) for logs and tests.
QString errorName(KeyStoreError error);

struct Failure {
    KeyStoreError code;
    QString message;
};

// A value or the reason there is none.
template <typename T> class Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Result(Failure failure)
        : m_state(std::in_place_index<1>, std::move(failure))
    {}
    static Result failure(KeyStoreError code, QString message)
    {
        return Result(Failure{code, std::move(message)});
    }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const { return std::get<0>(m_state); }
    T& value() { return std::get<0>(m_state); }
    const T* operator->() const { return &value(); }
    const Failure& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Failure> m_state;
};

struct Done {
    bool operator==(const Done&) const = default;
};

} // namespace moim::keystore
