#pragma once

#include <QString>
#include <client/MessageContent.h>
#include <functional>
#include <protocol/Result.h>

namespace moim::client {
class Connection;
}

namespace moim::e2ee {

// Encrypts files on this device and moves their ciphertext to and from the server's blob
// store in chunks: resumable uploads, downloads checked twice (the ciphertext against its
// content address, the plaintext against the hash the sender sealed into the message).
// Blocking on the server's answers, like E2eeSession.
class AttachmentTransfer {
public:
    explicit AttachmentTransfer(client::Connection& connection);

    struct Uploaded {
        client::AttachmentRef file;
        std::optional<client::AttachmentRef> thumbnail; // images only
    };
    // progress(bytes sent, bytes in all), may be empty.
    protocol::Result<Uploaded> upload(quint64 roomId, const QString& path,
                                      const std::function<void(qint64, qint64)>& progress = {});
    // Saves the decrypted file in `directory` under its (sanitized) name, never overwriting:
    // returns the path written.
    protocol::Result<QString> download(quint64 roomId, const client::AttachmentRef& file,
                                       const QString& directory);
    // Small data (thumbnails) in memory.
    protocol::Result<QByteArray> downloadBytes(quint64 roomId, const client::AttachmentRef& file);

    static constexpr int kThumbnailEdge = 320;

private:
    protocol::Result<QByteArray>
    uploadCiphertext(quint64 roomId, QIODevice& cipher, qint64 size, const QByteArray& hash,
                     const std::function<void(qint64, qint64)>& progress);
    protocol::Result<protocol::Done> fetchCiphertext(quint64 roomId, const QByteArray& blobId,
                                                     QIODevice& out);

    client::Connection& m_connection;
};

// A file name safe to create in a directory: no path, no control characters, no leading dot.
QString sanitizedFileName(const QString& name);

} // namespace moim::e2ee
