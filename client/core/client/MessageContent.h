#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::client {

// An encrypted file as a message refers to it: where the ciphertext is (a blob of the room),
// the key that opens it, and what to check once opened.
struct AttachmentRef {
    QByteArray blobId;    // BLAKE2b-256 of the ciphertext
    QByteArray key;       // secretstream key, 32 bytes
    QByteArray plainHash; // BLAKE2b-256 of the plaintext
    qint64 size = 0;      // of the plaintext
    QString name;
    QString mimeType;
    int width = 0; // images and thumbnails
    int height = 0;

    bool operator==(const AttachmentRef&) const = default;
};

// What a message, an edit or a reaction says: the plaintext that end-to-end encryption seals
// into the envelope (the server sees none of it). CBOR { "v": 1, "text": "...", "file": {...},
// "thumbnail": {...} } or { "v": 1, "reaction": "👍" }.
struct MessageContent {
    QString text;
    QString reaction;
    std::optional<AttachmentRef> file;
    std::optional<AttachmentRef> thumbnail; // a small encrypted image of `file`

    static MessageContent ofText(const QString& text)
    {
        MessageContent content;
        content.text = text;
        return content;
    }
    QByteArray toEnvelope() const;
    static std::optional<MessageContent> fromEnvelope(const QByteArray& envelope);
};

} // namespace moim::client
