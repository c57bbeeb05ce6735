#pragma once

#include "keystore/LocalKeySource.h"

#include <memory>

namespace moim::keystore {

// The local key is 32 random bytes kept in the system keychain through QtKeychain (Secret
// Service such as gnome-keyring, KWallet, macOS Keychain, Windows Credential Store), under the
// service "moim" and the profile's identifier, e.g. "chat.example.org:443/alice/17".
//
// Create reads the key and makes (and stores) a new one only when the keychain has none;
// Open never makes one: a missing key is KeyLost. Without a usable keychain the answer is
// KeychainUnavailable: there is no fallback to a file (QtKeychain's insecure fallback is off).
class KeychainKeySource final : public LocalKeySource {
public:
    static QString serviceName();

    explicit KeychainKeySource(QString profileId);
    ~KeychainKeySource() override;

    const QString& profileId() const { return m_profileId; }

    Protection protection() const override { return Protection::Keychain; }
    QByteArray newParameters() const override;
    void obtainKey(Purpose purpose, const QByteArray& parameters, QObject* context,
                   KeyCallback done) override;

    // Deletes this profile's key from the keychain (when a profile is removed); a key that
    // is not there is not an error. Files it protected can no longer be opened.
    void removeKey(QObject* context, std::function<void(Result<Done>)> done);
    Result<Done> removeKeyAndWait(std::chrono::milliseconds timeout = kDefaultWaitTimeout);

private:
    void createKey(QObject* context, KeyCallback done);

    QString m_profileId;
    // Receives the keychain jobs' answers; destroying it disconnects them, so a job that
    // finishes after this source is gone calls nothing.
    std::unique_ptr<QObject> m_receiver;
};

} // namespace moim::keystore
