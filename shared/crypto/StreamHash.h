#pragma once

#include <QByteArray>
#include <optional>
#include <sodium.h>

class QIODevice;

namespace moim::crypto {

// BLAKE2b-256 over data given in pieces: the content address of a blob and the check of a
// file's plaintext, computed as the bytes stream by.
class StreamHash {
public:
    static constexpr int kBytes = 32;

    StreamHash();
    void add(const QByteArray& piece);
    QByteArray finish();

    static QByteArray of(const QByteArray& bytes);
    // The hash of everything `device` holds from its start; nullopt on a read error.
    static std::optional<QByteArray> ofDevice(QIODevice& device);

private:
    crypto_generichash_state m_state;
};

} // namespace moim::crypto
