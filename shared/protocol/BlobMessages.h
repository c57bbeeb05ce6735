#pragma once

#include "protocol/MessageType.h"

#include <QByteArray>
#include <QCborMap>
#include <optional>

namespace moim::protocol {

// Encrypted attachments: the server stores ciphertext blobs addressed by the BLAKE2b-256 of
// their bytes, uploaded and downloaded in chunks. It never holds a file's key.

inline constexpr int kBlobIdBytes = 32;
inline constexpr int kUploadIdBytes = 16;
inline constexpr int kMaxBlobChunkBytes = 256 * 1024;
inline constexpr int kMaxBlobsPerEvent = 16;

// Starts (or resumes: the same user, room and hash) an upload of `size` bytes of ciphertext
// whose BLAKE2b-256 is `hash`, for the room.
struct BeginUpload {
    static constexpr MessageType kType = MessageType::BeginUpload;
    quint64 roomId = 0;
    quint64 size = 0;
    QByteArray hash;

    QCborMap toCbor() const;
    static std::optional<BeginUpload> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const BeginUpload&) const = default;
};

// Where an upload stands: the next chunk goes at `offset`; complete when all bytes are in and
// they hashed to the blob id.
struct UploadState {
    static constexpr MessageType kType = MessageType::UploadState;
    QByteArray uploadId;
    quint64 offset = 0;
    quint64 size = 0;
    bool complete = false;
    QByteArray blobId; // set when complete

    QCborMap toCbor() const;
    static std::optional<UploadState> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const UploadState&) const = default;
};

struct UploadChunk {
    static constexpr MessageType kType = MessageType::UploadChunk;
    QByteArray uploadId;
    quint64 offset = 0;
    QByteArray data; // 1 to kMaxBlobChunkBytes

    QCborMap toCbor() const;
    static std::optional<UploadChunk> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const UploadChunk&) const = default;
};

// Reads part of a blob of the room.
struct Download {
    static constexpr MessageType kType = MessageType::Download;
    quint64 roomId = 0;
    QByteArray blobId;
    quint64 offset = 0;
    quint64 length = kMaxBlobChunkBytes; // 1 to kMaxBlobChunkBytes

    QCborMap toCbor() const;
    static std::optional<Download> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Download&) const = default;
};

struct BlobChunk {
    static constexpr MessageType kType = MessageType::BlobChunk;
    QByteArray blobId;
    quint64 offset = 0;
    quint64 size = 0; // of the whole blob
    QByteArray data;  // empty at or past the end

    QCborMap toCbor() const;
    static std::optional<BlobChunk> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const BlobChunk&) const = default;
};

} // namespace moim::protocol
