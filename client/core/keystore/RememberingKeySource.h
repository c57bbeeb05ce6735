#pragma once

#include "keystore/LocalKeySource.h"

#include <memory>
#include <optional>

namespace moim::keystore {

// Asks the wrapped source once and remembers the key and its parameters for the life of this
// object, so a process that saves its secrets after every change derives a passphrase key (or
// asks the keychain) once, not each time. Later files reuse the same parameters (salt), which
// is safe: each save still has a fresh random nonce.
class RememberingKeySource final : public LocalKeySource {
public:
    explicit RememberingKeySource(std::unique_ptr<LocalKeySource> inner);

    Protection protection() const override;
    QByteArray newParameters() const override;
    void obtainKey(Purpose purpose, const QByteArray& parameters, QObject* context,
                   KeyCallback done) override;

private:
    std::unique_ptr<LocalKeySource> m_inner;
    mutable QByteArray m_parameters;
    std::optional<LocalKey> m_key;
};

} // namespace moim::keystore
