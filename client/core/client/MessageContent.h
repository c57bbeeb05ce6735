#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::client {

// What a message envelope holds once opened. Until end-to-end encryption lands, envelopes
// are this CBOR map in the clear: { "v": 0, "text": "..." }; the server never reads them
// either way.
struct MessageContent {
    QString text;

    QByteArray toEnvelope() const;
    static std::optional<MessageContent> fromEnvelope(const QByteArray& envelope);
};

} // namespace moim::client
