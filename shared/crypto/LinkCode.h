#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::crypto {

// The code a new device shows (as text or in a QR payload) and an existing device enters. It
// carries 80 random bits; the server sees only linkId(), a hash of it, so it can route the
// exchange without being able to read or forge it (key() seals both directions).
class LinkCode {
public:
    static constexpr int kSecretBytes = 10;

    static LinkCode generate();
    static std::optional<LinkCode> parse(const QString& text);

    QString text() const;      // "ABCD-EFGH-JKMN-PQRS"
    QString qrPayload() const; // "moim-link:ABCDEFGHJKMNPQRS"
    QByteArray linkId() const; // 16 bytes, what the server indexes by
    QByteArray key() const;    // 32 bytes, seals the exchange

    const QByteArray& secret() const { return m_secret; }

private:
    explicit LinkCode(QByteArray secret);

    QByteArray m_secret;
};

} // namespace moim::crypto
