#pragma once

#include "server/BlobStore.h"

#include <protocol/BlobMessages.h>
#include <protocol/Result.h>

namespace moim::server {

class ClientConnection;
class DatabasePool;
class DbContext;
class RequestRouter;
class Responder;

// Encrypted attachments: uploads in chunks (resumable), downloads in chunks, for the members
// of a room. Clients encrypt files themselves; the server stores ciphertext under its
// BLAKE2b-256 and checks that the bytes match it. Files are read, written and hashed on the
// database workers, like every other piece of blocking work.
class BlobService {
public:
    // maxFileSize: bytes of ciphertext per file; userQuota: bytes one user may have stored.
    BlobService(DatabasePool& database, BlobStore files, qint64 maxFileSize, qint64 userQuota);
    void registerRoutes(RequestRouter& router);

private:
    void beginUpload(ClientConnection& connection, protocol::BeginUpload request,
                     Responder responder);
    void uploadChunk(ClientConnection& connection, protocol::UploadChunk request,
                     Responder responder);
    void download(ClientConnection& connection, protocol::Download request, Responder responder);

    // On a database worker: hashes an upload whose bytes are all in and, if they match its
    // hash, moves it into the store. Outside any transaction (hashing takes a while).
    static protocol::Result<protocol::UploadState>
    finish(DbContext& context, const BlobStore& files, const QByteArray& uploadId);

    DatabasePool& m_database;
    BlobStore m_files;
    qint64 m_maxFileSize;
    qint64 m_userQuota;
};

} // namespace moim::server
