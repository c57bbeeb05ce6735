#include "keystore/LocalKeySource.h"

#include "keystore/Wait.h"

namespace moim::keystore {

QString protectionName(Protection protection)
{
    switch (protection) {
    case Protection::Keychain:
        return QStringLiteral("keychain");
    case Protection::Passphrase:
        return QStringLiteral("passphrase");
    }
    return QStringLiteral("unknown");
}

LocalKeySource::~LocalKeySource() = default;

Result<LocalKey> LocalKeySource::obtainKeyAndWait(Purpose purpose, const QByteArray& parameters,
                                                  std::chrono::milliseconds timeout)
{
    return detail::waitFor<LocalKey>(
        [this, purpose, &parameters](QObject* context, KeyCallback done) {
            obtainKey(purpose, parameters, context, std::move(done));
        },
        timeout, detail::waitSubject(protection()));
}

} // namespace moim::keystore
