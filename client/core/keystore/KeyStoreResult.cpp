#include "keystore/KeyStoreResult.h"

namespace moim::keystore {

QString errorName(KeyStoreError error)
{
    switch (error) {
    case KeyStoreError::NotFound:
        return QStringLiteral("not-found");
    case KeyStoreError::KeychainUnavailable:
        return QStringLiteral("keychain-unavailable");
    case KeyStoreError::WrongPassphrase:
        return QStringLiteral("wrong-passphrase");
    case KeyStoreError::Corrupt:
        return QStringLiteral("corrupt");
    case KeyStoreError::Io:
        return QStringLiteral("io");
    case KeyStoreError::Timeout:
        return QStringLiteral("timeout");
    case KeyStoreError::KeyLost:
        return QStringLiteral("key-lost");
    case KeyStoreError::WrongProtection:
        return QStringLiteral("wrong-protection");
    }
    return QStringLiteral("unknown");
}

} // namespace moim::keystore
