#include "crypto/LinkCode.h"

#include "crypto/Base32.h"
#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::crypto {

namespace {

const QString kQrPrefix = QStringLiteral("moim-link:");

QByteArray rootKey(const QByteArray& secret)
{
    QByteArray root(32, Qt::Uninitialized);
    const QByteArray personal = QByteArrayLiteral("moim link code v1");
    const QByteArray input = personal + secret;
    crypto_generichash(reinterpret_cast<unsigned char*>(root.data()), size_t(root.size()),
                       reinterpret_cast<const unsigned char*>(input.constData()),
                       quint64(input.size()), nullptr, 0);
    return root;
}

} // namespace

LinkCode::LinkCode(QByteArray secret)
    : m_secret(std::move(secret))
{}

LinkCode LinkCode::generate()
{
    return LinkCode(randomBytes(kSecretBytes));
}

std::optional<LinkCode> LinkCode::parse(const QString& text)
{
    QString code = text.trimmed();
    if (code.startsWith(kQrPrefix, Qt::CaseInsensitive))
        code = code.mid(kQrPrefix.size());
    const auto secret = base32Decode(code, kSecretBytes);
    if (!secret)
        return std::nullopt;
    return LinkCode(*secret);
}

QString LinkCode::text() const
{
    return groupedCode(base32Encode(m_secret), 4);
}

QString LinkCode::qrPayload() const
{
    return kQrPrefix + base32Encode(m_secret);
}

QByteArray LinkCode::linkId() const
{
    QByteArray root = rootKey(m_secret);
    QByteArray id = deriveSubkey(root, 1, "moimLnkI", 16);
    wipe(root);
    return id;
}

QByteArray LinkCode::key() const
{
    QByteArray root = rootKey(m_secret);
    QByteArray key = deriveSubkey(root, 2, "moimLnkK");
    wipe(root);
    return key;
}

} // namespace moim::crypto
