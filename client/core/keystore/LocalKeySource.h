#pragma once

#include "keystore/KeyStoreResult.h"
#include "keystore/LocalKey.h"

#include <QByteArray>
#include <QObject>
#include <chrono>
#include <functional>

namespace moim::keystore {

// How a secrets file is protected; recorded in its header.
enum class Protection {
    Keychain,   // the local key is a random key kept in the system keychain
    Passphrase, // the local key is derived from a passphrase with Argon2id
};

// "keychain" or "passphrase".
QString protectionName(Protection protection);

// How long the ...AndWait calls wait before they give up with KeyStoreError::Timeout.
inline constexpr std::chrono::milliseconds kDefaultWaitTimeout{10'000};

// Obtains the 32-byte local key that encrypts a device's secrets file.
//
// Asynchronous: obtainKey() returns at once and later calls done exactly once on context's
// thread, never from inside obtainKey(). When context is destroyed first, done is not called.
// Destroying the source itself may also drop a pending answer. The ...AndWait helpers spin a
// local QEventLoop instead, so a command-line tool needs a QCoreApplication but no running loop.
class LocalKeySource {
public:
    enum class Purpose {
        Create, // for a file about to be written: the source may make a new key
        Open,   // for an existing file: the key must already exist, never made anew
    };
    using KeyCallback = std::function<void(Result<LocalKey>)>;

    LocalKeySource() = default;
    LocalKeySource(const LocalKeySource&) = delete;
    LocalKeySource& operator=(const LocalKeySource&) = delete;
    virtual ~LocalKeySource();

    virtual Protection protection() const = 0;
    // Parameters for a file written now, stored in its header (authenticated, not secret) and
    // handed back to obtainKey() when the file is opened: the salt and cost of a passphrase
    // key, the profile of a keychain key.
    virtual QByteArray newParameters() const = 0;
    virtual void obtainKey(Purpose purpose, const QByteArray& parameters, QObject* context,
                           KeyCallback done) = 0;

    Result<LocalKey> obtainKeyAndWait(Purpose purpose, const QByteArray& parameters,
                                      std::chrono::milliseconds timeout = kDefaultWaitTimeout);
};

} // namespace moim::keystore
