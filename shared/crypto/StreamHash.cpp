#include "crypto/StreamHash.h"

#include <QIODevice>

namespace moim::crypto {

StreamHash::StreamHash()
{
    crypto_generichash_init(&m_state, nullptr, 0, kBytes);
}

void StreamHash::add(const QByteArray& piece)
{
    crypto_generichash_update(&m_state, reinterpret_cast<const unsigned char*>(piece.constData()),
                              quint64(piece.size()));
}

QByteArray StreamHash::finish()
{
    QByteArray digest(kBytes, Qt::Uninitialized);
    crypto_generichash_final(&m_state, reinterpret_cast<unsigned char*>(digest.data()), kBytes);
    return digest;
}

QByteArray StreamHash::of(const QByteArray& bytes)
{
    StreamHash hash;
    hash.add(bytes);
    return hash.finish();
}

std::optional<QByteArray> StreamHash::ofDevice(QIODevice& device)
{
    if (!device.seek(0))
        return std::nullopt;
    StreamHash hash;
    while (!device.atEnd()) {
        const QByteArray piece = device.read(1 << 16);
        if (piece.isEmpty())
            return std::nullopt;
        hash.add(piece);
    }
    return hash.finish();
}

} // namespace moim::crypto
