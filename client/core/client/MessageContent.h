#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::client {

// What a message, an edit or a reaction says: the plaintext that end-to-end encryption seals
// into the envelope (the server sees neither). CBOR { "v": 1, "text": "..." } or
// { "v": 1, "reaction": "👍" }.
struct MessageContent {
    QString text;
    QString reaction;

    QByteArray toEnvelope() const;
    static std::optional<MessageContent> fromEnvelope(const QByteArray& envelope);
};

} // namespace moim::client
