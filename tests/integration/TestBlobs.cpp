// Encrypted attachments against a real moimd on SQLite and PostgreSQL: chunked upload and
// download, resuming, the checks on offsets, hashes, sizes and quotas, who may read a file,
// references from messages, and the collector run by `moimctl blob-gc`.

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <client/Connection.h>
#include <crypto/AttachmentCipher.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/BlobMessages.h>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>
#include <sodium.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/StampedSend.h>
#include <testsupport/TestDatabases.h>
#include <tuple>

using moim::client::Connection;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

QByteArray blake2b(const QByteArray& bytes)
{
    QByteArray digest(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), size_t(digest.size()),
                       reinterpret_cast<const unsigned char*>(bytes.constData()),
                       size_t(bytes.size()), nullptr, 0);
    return digest;
}

// A file as a client would upload it: secretstream ciphertext of random plaintext.
QByteArray encryptedFile(int plainBytes)
{
    return moim::crypto::AttachmentCipher::encryptBytes(moim::crypto::AttachmentCipher::newKey(),
                                                        moim::crypto::randomBytes(plainBytes));
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// Uploads bytes to the room in chunks of chunkBytes; the last answer.
Result<UploadState> upload(Connection& connection, quint64 roomId, const QByteArray& bytes,
                           int chunkBytes = kMaxBlobChunkBytes)
{
    auto state = connection.callAndWait<UploadState>(
        BeginUpload{roomId, quint64(bytes.size()), blake2b(bytes)});
    while (state && !state->complete)
        state = connection.callAndWait<UploadState>(UploadChunk{
            state->uploadId, state->offset, bytes.mid(qint64(state->offset), chunkBytes)});
    return state;
}

// Downloads the whole blob in chunks of chunkBytes; the first error if any.
Result<QByteArray> download(Connection& connection, quint64 roomId, const QByteArray& blobId,
                            quint64 chunkBytes = kMaxBlobChunkBytes)
{
    QByteArray all;
    for (;;) {
        const auto chunk = connection.callAndWait<BlobChunk>(
            Download{roomId, blobId, quint64(all.size()), chunkBytes});
        if (!chunk)
            return chunk.error();
        if (chunk->data.isEmpty())
            return all;
        all += chunk->data;
    }
}

// The bytes, or the error as text: a failed download then shows in the comparison.
QByteArray bytesOf(const Result<QByteArray>& downloaded)
{
    return downloaded ? downloaded.value() : "error: " + downloaded.error().message.toUtf8();
}

Send message(quint64 roomId, const QList<QByteArray>& blobs)
{
    Send send;
    send.roomId = roomId;
    send.clientId = moim::crypto::randomBytes(16);
    send.envelope = moim::crypto::randomBytes(40); // opaque to the server
    send.blobs = blobs;
    return send;
}

} // namespace

// Starts moimd for the row's backend, or skips when PostgreSQL is not there (fails in CI).
#define MOIM_START(backend, arguments)                                                             \
    if (!start(backend, arguments))                                                                \
    MOIM_SKIP_OR_FAIL_UNSTARTED(backend)

class TestBlobs : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<moim::test::ScratchDatabase> m_db;
    std::unique_ptr<moim::test::MoimdProcess> m_server;
    std::vector<std::unique_ptr<Connection>> m_connections;

    // Alice owns team acme; bob is in it; mallory is not. "other" is alice's private channel.
    Connection* m_alice = nullptr;
    Connection* m_bob = nullptr;
    Connection* m_mallory = nullptr;
    quint64 m_general = 0;
    quint64 m_other = 0;

    bool start(const QString& backend, const QStringList& extraArguments = {})
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        m_db = std::make_unique<moim::test::ScratchDatabase>();
        if (!m_db->create(backend))
            return false;
        m_server = std::make_unique<moim::test::MoimdProcess>();
        if (!m_server->start(m_dataDir->path(), m_db->url(), extraArguments))
            return false;
        m_alice = &signIn(QStringLiteral("alice"), true);
        m_bob = &signIn(QStringLiteral("bob"), true);
        m_mallory = &signIn(QStringLiteral("mallory"), true);
        const auto team = m_alice->callAndWait<TeamInfo>(
            CreateTeam{QStringLiteral("acme"), QStringLiteral("Acme")});
        const auto invite = m_alice->callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
        if (!team || !invite || !m_bob->callAndWait<TeamInfo>(JoinTeam{invite->code}))
            return false;
        m_general = m_alice->callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first().roomId;
        const auto other = m_alice->callAndWait<RoomInfo>(
            CreateChannel{team->teamId, QStringLiteral("other"), true, {}});
        if (!other)
            return false;
        m_other = other->roomId;
        return true;
    }

    Connection& signIn(const QString& user, bool signUp)
    {
        m_connections.push_back(std::make_unique<Connection>());
        Connection& connection = *m_connections.back();
        QString error;
        if (!connection.openAndWait(m_server->webSocketUrl(), 10'000, &error))
            qFatal("cannot connect: %s", qPrintable(error));
        const auto session =
            signUp
                ? connection.callAndWait<Session>(
                      SignUp{user, kPassword, {}, QStringLiteral("laptop")})
                : connection.callAndWait<Session>(LogIn{user, kPassword, QStringLiteral("phone")});
        if (!session)
            qFatal("cannot sign in %s: %s", qPrintable(user), qPrintable(session.error().message));
        return connection;
    }

    QString blobPath(const QByteArray& blobId) const
    {
        const QString hex = QString::fromLatin1(blobId.toHex());
        return m_dataDir->filePath(QStringLiteral("blobs/%1/%2").arg(hex.left(2), hex));
    }

    // Every file under the data directory, relative to it.
    QStringList filesOnDisk() const
    {
        QStringList files;
        QDirIterator it(m_dataDir->path(), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(QDir(m_dataDir->path()).relativeFilePath(it.next()));
        files.sort();
        return files;
    }

    // moimctl blob-gc on the server's database and data directory.
    Run blobGc(const QStringList& settings = {})
    {
        return run(QStringLiteral(MOIM_CTL_PATH),
                   QStringList{QStringLiteral("--database"), m_db->url(),
                               QStringLiteral("--data-dir"), m_dataDir->path()} +
                       settings + QStringList{QStringLiteral("blob-gc")});
    }
    Run blobGcNow() { return blobGc({QStringLiteral("--blob-grace-hours"), QStringLiteral("0")}); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(moim::crypto::initializeSodium()); }

    void cleanup()
    {
        if (m_server && QTest::currentTestFailed())
            qWarning().noquote() << "moimd log:\n" << QString::fromUtf8(m_server->log());
        m_connections.clear();
        m_server.reset();
        m_db.reset();
        m_dataDir.reset();
    }

    void uploadInChunksAndDownload_data() { moim::test::addBackendRows(); }
    void uploadInChunksAndDownload()
    {
        QFETCH(QString, backend);
        MOIM_START(backend, QStringList());
        const QByteArray file = encryptedFile(300'000);
        const QByteArray id = blake2b(file);

        // Chunks of 100 000 bytes: each answer says where the next one goes.
        auto state =
            m_alice->callAndWait<UploadState>(BeginUpload{m_general, quint64(file.size()), id});
        QVERIFY2(state, qPrintable(state ? QString() : state.error().message));
        QCOMPARE(state->uploadId.size(), kUploadIdBytes);
        QCOMPARE(state->offset, quint64(0));
        QCOMPARE(state->size, quint64(file.size()));
        QVERIFY(!state->complete);
        int chunks = 0;
        while (!state->complete) {
            const QByteArray uploadId = state->uploadId;
            const quint64 offset = state->offset;
            state = m_alice->callAndWait<UploadState>(
                UploadChunk{uploadId, offset, file.mid(qint64(offset), 100'000)});
            QVERIFY2(state, qPrintable(state ? QString() : state.error().message));
            QCOMPARE(state->uploadId, uploadId);
            QCOMPARE(state->offset, std::min(offset + 100'000, quint64(file.size())));
            ++chunks;
        }
        QCOMPARE(chunks, 4); // 300 000 bytes of plaintext are a little more of ciphertext
        QCOMPARE(state->blobId, id);

        // Back whole, in other chunk sizes, by the uploader and by another member.
        QCOMPARE(bytesOf(download(*m_alice, m_general, id)), file);
        QCOMPARE(bytesOf(download(*m_bob, m_general, id, 65'536)), file);
        const auto middle = m_bob->callAndWait<BlobChunk>(Download{m_general, id, 5, 10});
        QVERIFY(middle);
        QCOMPARE(middle->data, file.mid(5, 10));
        QCOMPARE(middle->offset, quint64(5));
        QCOMPARE(middle->size, quint64(file.size()));
        const auto past =
            m_bob->callAndWait<BlobChunk>(Download{m_general, id, quint64(file.size()) + 7, 10});
        QVERIFY(past);
        QVERIFY(past->data.isEmpty());
        QCOMPARE(past->size, quint64(file.size()));

        // Not a member, another room, or nothing there: one answer, so nothing leaks.
        for (const auto& [who, room, blob] :
             {std::tuple{m_mallory, m_general, id}, std::tuple{m_bob, m_other, id},
              std::tuple{m_alice, m_other, id},
              std::tuple{m_alice, m_general, moim::crypto::randomBytes(32)}}) {
            const auto refused = who->callAndWait<BlobChunk>(Download{room, blob, 0, 100});
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, ErrorCode::NotFound);
            QCOMPARE(refused.error().message, QStringLiteral("no such file in this room"));
        }
        QCOMPARE(
            m_mallory->callAndWait<UploadState>(BeginUpload{m_general, quint64(file.size()), id})
                .error()
                .code,
            ErrorCode::NotFound);

        // The same content again needs no byte: complete at once, and now in "other" too.
        const auto again =
            m_alice->callAndWait<UploadState>(BeginUpload{m_other, quint64(file.size()), id});
        QVERIFY(again);
        QVERIFY(again->complete);
        QVERIFY(again->uploadId.isEmpty());
        QCOMPARE(again->blobId, id);
        QCOMPARE(bytesOf(download(*m_alice, m_other, id)), file);
        QCOMPARE(m_bob->callAndWait<BlobChunk>(Download{m_other, id, 0, 100}).error().code,
                 ErrorCode::NotFound);

        // An archived room takes no new files, but its files stay readable.
        QVERIFY(m_alice->callAndWait<RoomInfo>(UpdateChannel{m_other, {}, {}, true}));
        const auto archived = m_alice->callAndWait<UploadState>(
            BeginUpload{m_other, 10, blake2b(moim::crypto::randomBytes(10))});
        QCOMPARE(archived.error().code, ErrorCode::Forbidden);
        QCOMPARE(archived.error().message, QStringLiteral("this room is archived"));
        QCOMPARE(bytesOf(download(*m_alice, m_other, id)), file);

        // On disk: the ciphertext, byte for byte, in a private file, and nothing else.
        QCOMPARE(filesOnDisk(),
                 QStringList{QDir(m_dataDir->path()).relativeFilePath(blobPath(id))});
        QFile stored(blobPath(id));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), file);
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(stored.permissions() & others, QFileDevice::Permissions());
        for (const QString& dir :
             {QFileInfo(blobPath(id)).absolutePath(), m_dataDir->filePath(QStringLiteral("blobs")),
              m_dataDir->filePath(QStringLiteral("uploads"))})
            QCOMPARE(QFile::permissions(dir) & others, QFileDevice::Permissions());
    }

    void resumeAfterReconnect_data() { moim::test::addBackendRows(); }
    void resumeAfterReconnect()
    {
        QFETCH(QString, backend);
        MOIM_START(backend, QStringList());
        const QByteArray file = encryptedFile(500'000);
        const QByteArray id = blake2b(file);
        const BeginUpload begin{m_general, quint64(file.size()), id};
        const auto first = m_alice->callAndWait<UploadState>(begin);
        QVERIFY(first);
        const auto partly = m_alice->callAndWait<UploadState>(
            UploadChunk{first->uploadId, 0, file.left(kMaxBlobChunkBytes)});
        QVERIFY(partly);
        QCOMPARE(partly->offset, quint64(kMaxBlobChunkBytes));

        // The connection drops; alice comes back (another device, even) and begins again.
        m_alice->close();
        Connection& alice = signIn(QStringLiteral("alice"), false);
        const auto resumed = alice.callAndWait<UploadState>(begin);
        QVERIFY(resumed);
        QCOMPARE(resumed->uploadId, first->uploadId);
        QCOMPARE(resumed->offset, quint64(kMaxBlobChunkBytes));
        QVERIFY(!resumed->complete);

        // A chunk at the wrong offset, one past the end, and someone else's.
        const auto wrong =
            alice.callAndWait<UploadState>(UploadChunk{first->uploadId, 0, file.left(1000)});
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::Conflict);
        QVERIFY2(wrong.error().message.contains(QString::number(kMaxBlobChunkBytes)),
                 qPrintable(wrong.error().message));
        const auto ahead = alice.callAndWait<UploadState>(
            UploadChunk{first->uploadId, quint64(kMaxBlobChunkBytes) + 1, file.mid(1, 10)});
        QCOMPARE(ahead.error().code, ErrorCode::Conflict);
        const auto beyond = alice.callAndWait<UploadState>(
            UploadChunk{first->uploadId, quint64(kMaxBlobChunkBytes),
                        file.mid(kMaxBlobChunkBytes) + QByteArray(1, 'x')});
        QVERIFY(!beyond);
        QCOMPARE(beyond.error().code, ErrorCode::BadRequest);
        const auto foreign = m_bob->callAndWait<UploadState>(UploadChunk{
            first->uploadId, quint64(kMaxBlobChunkBytes), file.mid(kMaxBlobChunkBytes)});
        QCOMPARE(foreign.error().code, ErrorCode::NotFound);
        QCOMPARE(m_bob
                     ->callAndWait<UploadState>(
                         UploadChunk{moim::crypto::randomBytes(16), 0, file.left(10)})
                     .error()
                     .code,
                 ErrorCode::NotFound);

        // None of that changed anything: the rest completes the file.
        const auto done = alice.callAndWait<UploadState>(UploadChunk{
            first->uploadId, quint64(kMaxBlobChunkBytes), file.mid(kMaxBlobChunkBytes)});
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        QVERIFY(done->complete);
        QCOMPARE(done->blobId, id);
        QCOMPARE(bytesOf(download(*m_bob, m_general, id)), file);
        QVERIFY(filesOnDisk().filter(QStringLiteral("uploads/")).isEmpty());
    }

    void hashMismatchStoresNothing_data() { moim::test::addBackendRows(); }
    void hashMismatchStoresNothing()
    {
        QFETCH(QString, backend);
        MOIM_START(backend, QStringList());
        const QByteArray declared = encryptedFile(70'000);
        QByteArray sent = declared;
        sent[1000] = char(sent[1000] ^ 1); // one bit flipped on the way
        const QByteArray id = blake2b(declared);
        auto state =
            m_alice->callAndWait<UploadState>(BeginUpload{m_general, quint64(sent.size()), id});
        QVERIFY(state);
        const QByteArray uploadId = state->uploadId;
        state = m_alice->callAndWait<UploadState>(UploadChunk{uploadId, 0, sent.left(40'000)});
        QVERIFY(state);
        QVERIFY(!filesOnDisk().isEmpty()); // the part file
        state = m_alice->callAndWait<UploadState>(UploadChunk{uploadId, 40'000, sent.mid(40'000)});
        QVERIFY(!state);
        QCOMPARE(state.error().code, ErrorCode::BadRequest);
        QCOMPARE(state.error().message, QStringLiteral("the upload does not match its hash"));

        // Nothing stored, nothing left behind, and the upload is gone.
        QCOMPARE(filesOnDisk(), QStringList());
        QCOMPARE(m_alice->callAndWait<BlobChunk>(Download{m_general, id, 0, 100}).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(m_alice->callAndWait<UploadState>(UploadChunk{uploadId, 0, declared.left(10)})
                     .error()
                     .code,
                 ErrorCode::NotFound);
        const auto fresh =
            m_alice->callAndWait<UploadState>(BeginUpload{m_general, quint64(sent.size()), id});
        QVERIFY(fresh);
        QVERIFY(fresh->uploadId != uploadId);
        QCOMPARE(fresh->offset, quint64(0));
        QVERIFY(upload(*m_alice, m_general, declared));
        QCOMPARE(bytesOf(download(*m_alice, m_general, id)), declared);
    }

    void sizeAndQuotaLimits_data() { moim::test::addBackendRows(); }
    void sizeAndQuotaLimits()
    {
        QFETCH(QString, backend);
        const QStringList limits{QStringLiteral("--max-file-size"), QStringLiteral("1000"),
                                 QStringLiteral("--user-quota"), QStringLiteral("2500")};
        MOIM_START(backend, limits);
        const QByteArray a = moim::crypto::randomBytes(1000);
        const QByteArray b = moim::crypto::randomBytes(1000);
        const QByteArray c = moim::crypto::randomBytes(1000);

        const auto tooBig = m_alice->callAndWait<UploadState>(
            BeginUpload{m_general, 1001, blake2b(moim::crypto::randomBytes(1001))});
        QVERIFY(!tooBig);
        QCOMPARE(tooBig.error().code, ErrorCode::BadRequest);
        QVERIFY2(tooBig.error().message.contains(QStringLiteral("1000")),
                 qPrintable(tooBig.error().message));

        // A stored file counts, and so does an upload that has only begun.
        QVERIFY(upload(*m_alice, m_general, a));
        const auto started =
            m_alice->callAndWait<UploadState>(BeginUpload{m_general, 1000, blake2b(b)});
        QVERIFY(started);
        const auto over =
            m_alice->callAndWait<UploadState>(BeginUpload{m_general, 1000, blake2b(c)});
        QVERIFY(!over);
        QCOMPARE(over.error().code, ErrorCode::Forbidden);
        QCOMPARE(over.error().message, QStringLiteral("quota exceeded: 2000 of 2500 bytes used"));
        // Resuming is not a new upload, and another user has a quota of their own.
        const auto resumed =
            m_alice->callAndWait<UploadState>(BeginUpload{m_general, 1000, blake2b(b)});
        QVERIFY(resumed);
        QCOMPARE(resumed->uploadId, started->uploadId);
        QVERIFY(upload(*m_bob, m_general, c));
        // Content stored already costs nothing more.
        const auto known =
            m_alice->callAndWait<UploadState>(BeginUpload{m_general, 1000, blake2b(c)});
        QVERIFY(known);
        QVERIFY(known->complete);
    }

    void messagesKeepFilesUntilDeleted_data() { moim::test::addBackendRows(); }
    void messagesKeepFilesUntilDeleted()
    {
        QFETCH(QString, backend);
        MOIM_START(backend, QStringList());
        const QByteArray kept = encryptedFile(5000);
        const QByteArray loose = encryptedFile(6000);
        const QByteArray elsewhere = encryptedFile(7000);
        const QByteArray edited = encryptedFile(8000);
        const QByteArray keptId = blake2b(kept);
        const QByteArray looseId = blake2b(loose);
        const QByteArray elsewhereId = blake2b(elsewhere);
        const QByteArray editedId = blake2b(edited);
        QVERIFY(upload(*m_alice, m_general, kept));
        QVERIFY(upload(*m_alice, m_general, loose));
        QVERIFY(upload(*m_alice, m_other, elsewhere));
        const auto unfinished = m_bob->callAndWait<UploadState>(
            BeginUpload{m_general, 9000, blake2b(moim::crypto::randomBytes(9000))});
        QVERIFY(unfinished);
        QVERIFY(m_bob->callAndWait<UploadState>(
            UploadChunk{unfinished->uploadId, 0, moim::crypto::randomBytes(100)}));

        // A message may name only files uploaded to its room; only messages and edits name any.
        for (const QByteArray& unknown : {moim::crypto::randomBytes(32), elsewhereId}) {
            const auto refused =
                moim::test::sendStamped(*m_alice, message(m_general, {keptId, unknown}));
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, ErrorCode::BadRequest);
            QCOMPARE(refused.error().message, QStringLiteral("unknown attachment"));
        }
        const auto sent = moim::test::sendStamped(*m_alice, message(m_general, {keptId}));
        QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().message));
        Send reaction;
        reaction.roomId = m_general;
        reaction.clientId = moim::crypto::randomBytes(16);
        reaction.kind = EventKind::ReactionAdd;
        reaction.refSeq = sent->seq;
        reaction.reactionKey = QByteArrayLiteral("+1");
        reaction.blobs = {keptId};
        QCOMPARE(m_bob->callAndWait<Sent>(reaction).error().code, ErrorCode::BadRequest);

        // Within the grace period nothing goes.
        Run gc = blobGc();
        QCOMPARE(gc.exitCode, 0);
        QVERIFY2(gc.out.startsWith("deleted 0 files and 0 unfinished uploads"), gc.out.constData());
        QCOMPARE(filesOnDisk().filter(QStringLiteral("blobs/")).size(), 3);

        // Without one, what no message names goes: files, their rows, unfinished uploads.
        gc = blobGcNow();
        QCOMPARE(gc.exitCode, 0);
        QVERIFY2(gc.out.startsWith("deleted 2 files and 1 unfinished uploads"), gc.out.constData());
        QVERIFY(QFile::exists(blobPath(keptId)));
        QVERIFY(!QFile::exists(blobPath(looseId)));
        QVERIFY(!QFile::exists(blobPath(elsewhereId)));
        QVERIFY(filesOnDisk().filter(QStringLiteral("uploads/")).isEmpty());
        QCOMPARE(bytesOf(download(*m_bob, m_general, keptId)), kept);
        for (const auto& [room, blob] :
             {std::pair{m_general, looseId}, std::pair{m_other, elsewhereId}})
            QCOMPARE(m_alice->callAndWait<BlobChunk>(Download{room, blob, 0, 100}).error().code,
                     ErrorCode::NotFound);
        QCOMPARE(m_bob
                     ->callAndWait<UploadState>(
                         UploadChunk{unfinished->uploadId, 100, moim::crypto::randomBytes(100)})
                     .error()
                     .code,
                 ErrorCode::NotFound);

        // An edit names another file; both stay while the message lives.
        QVERIFY(upload(*m_alice, m_general, edited));
        Send edit = message(m_general, {editedId});
        edit.kind = EventKind::Edit;
        edit.refSeq = sent->seq;
        QVERIFY(moim::test::sendStamped(*m_alice, edit));
        QVERIFY(blobGcNow().out.startsWith("deleted 0 files"));
        QVERIFY(QFile::exists(blobPath(keptId)));
        QVERIFY(QFile::exists(blobPath(editedId)));

        // Deleting the message lets both go.
        Send deletion;
        deletion.roomId = m_general;
        deletion.clientId = moim::crypto::randomBytes(16);
        deletion.kind = EventKind::Delete;
        deletion.refSeq = sent->seq;
        QVERIFY(moim::test::sendStamped(*m_alice, deletion));
        gc = blobGcNow();
        QCOMPARE(gc.exitCode, 0);
        QVERIFY2(gc.out.startsWith("deleted 2 files"), gc.out.constData());
        QCOMPARE(filesOnDisk(), QStringList());
        for (const QByteArray& blob : {keptId, editedId})
            QCOMPARE(m_bob->callAndWait<BlobChunk>(Download{m_general, blob, 0, 100}).error().code,
                     ErrorCode::NotFound);

        // moimctl refuses a data directory without blobs: it would drop rows and keep files.
        QTemporaryDir elsewhereDir;
        const Run wrongDir =
            run(QStringLiteral(MOIM_CTL_PATH),
                {QStringLiteral("--database"), m_db->url(), QStringLiteral("--data-dir"),
                 elsewhereDir.path(), QStringLiteral("blob-gc")});
        QCOMPARE(wrongDir.exitCode, 1);
        QVERIFY(wrongDir.err.contains("--data-dir"));
    }
};

QTEST_GUILESS_MAIN(TestBlobs)
#include "TestBlobs.moc"
