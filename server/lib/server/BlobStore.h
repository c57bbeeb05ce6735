#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::server {

// The files of encrypted attachments. A finished blob lives at
// <dataDir>/blobs/<first 2 hex digits>/<64 hex digits of its BLAKE2b-256>, an upload in
// progress at <dataDir>/uploads/<32 hex digits of its id>.part. Directories are 0700 and files
// 0600: they hold ciphertext only, but nobody else on the host needs to list or read them.
//
// It holds nothing but paths, so one copy may be used from every database worker at once;
// callers order the writes to one upload (its row lock) and to one blob (its row).
class BlobStore {
public:
    explicit BlobStore(const QString& dataDir);

    // Creates (or tightens) the two directories; false with *error when that fails.
    bool prepare(QString* error) const;

    QString blobPath(const QByteArray& blobId) const;
    QString partPath(const QByteArray& uploadId) const;

    bool hasBlob(const QByteArray& blobId) const;
    // Writes data at offset of the upload's part file, after cutting away anything beyond
    // offset: bytes a failed transaction wrote but never counted.
    bool writePart(const QByteArray& uploadId, quint64 offset, const QByteArray& data) const;
    // BLAKE2b-256 of the part file, read in pieces; empty when it cannot be read or does not
    // hold exactly `size` bytes.
    QByteArray hashPart(const QByteArray& uploadId, quint64 size) const;
    // Moves the finished part into the store under its hash, flushed to disk first.
    bool promote(const QByteArray& uploadId, const QByteArray& blobId) const;
    void removePart(const QByteArray& uploadId) const;
    void removeBlob(const QByteArray& blobId) const;
    // Up to `length` bytes from offset; nullopt when the file cannot be read.
    std::optional<QByteArray> read(const QByteArray& blobId, quint64 offset, qint64 length) const;

private:
    QString m_blobDir;
    QString m_uploadDir;
};

} // namespace moim::server
