// End-to-end encryption through moim_e2ee against a real moimd, on SQLite and PostgreSQL:
// three devices of one user (one linked by code, one restored by recovery passphrase) and two
// other users read every message; a device linked later reads the history from the key
// backup; a removed member reads nothing sent after removal; tampered, forged and replayed
// messages are refused; files travel encrypted (with thumbnails for images) and a changed blob
// is detected; and a canary sentence and a canary file never appear in the database files, a
// full dump, the blob store, or the server log.

#include <QDirIterator>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <client/Connection.h>
#include <client/MessageContent.h>
#include <crypto/AttachmentCipher.h>
#include <crypto/Sodium.h>
#include <e2ee/AttachmentTransfer.h>
#include <e2ee/E2eeSession.h>
#include <protocol/AccountMessages.h>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/TestDatabases.h>

using moim::client::Connection;
using moim::client::MessageContent;
using moim::e2ee::AttachmentTransfer;
using moim::e2ee::CryptoEngine;
using moim::e2ee::E2eeSession;
using moim::e2ee::OpenedEvent;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");
const QString kRecovery = QStringLiteral("a long recovery passphrase");

struct Device {
    Connection connection;
    Session session;
    CryptoEngine engine;
    QByteArray saved; // what the device would keep in its encrypted local store
    E2eeSession e2ee{connection, engine, [this] { saved = engine.serialize(); }};
    QList<RoomEvent> events;

    Device()
    {
        QObject::connect(&connection, &Connection::eventReceived, &connection,
                         [this](const Frame& frame) {
                             QString problem;
                             if (frame.type == MessageType::RoomEvent)
                                 events.append(*RoomEvent::fromCbor(frame.body, &problem));
                         });
    }
    QList<RoomEvent> messages(quint64 roomId) const
    {
        QList<RoomEvent> found;
        for (const RoomEvent& event : events) {
            if (event.roomId == roomId && event.kind == EventKind::Message)
                found.append(event);
        }
        return found;
    }
    QString read(const RoomEvent& event)
    {
        const OpenedEvent opened = e2ee.open(event);
        if (opened.status != OpenedEvent::Status::Decrypted)
            return QStringLiteral("<%1: %2>").arg(int(opened.status)).arg(opened.error.message);
        return MessageContent::fromEnvelope(opened.plaintext).value_or(MessageContent{}).text;
    }
};

Send message(quint64 roomId)
{
    Send send;
    send.roomId = roomId;
    send.clientId = moim::crypto::randomBytes(16);
    return send;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readAllFiles(const QString& directory)
{
    QByteArray all;
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

} // namespace

class TestE2ee : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<moim::test::ScratchDatabase> m_db;
    std::unique_ptr<moim::test::MoimdProcess> m_server;
    std::vector<std::unique_ptr<Device>> m_devices;

    Device& device(const QString& user, bool signUp)
    {
        m_devices.push_back(std::make_unique<Device>());
        Device& d = *m_devices.back();
        QString error;
        if (!d.connection.openAndWait(m_server->webSocketUrl(), 10'000, &error))
            qFatal("cannot connect: %s", qPrintable(error));
        const auto session = signUp ? d.connection.callAndWait<Session>(
                                          SignUp{user, kPassword, {}, QStringLiteral("device")})
                                    : d.connection.callAndWait<Session>(
                                          LogIn{user, kPassword, QStringLiteral("another device")});
        if (!session)
            qFatal("cannot sign in %s: %s", qPrintable(user), qPrintable(session.error().message));
        d.session = session.value();
        return d;
    }

    static E2eeSession::DeviceState setUp(Device& d)
    {
        const auto state = d.e2ee.setUp(d.session.userId, d.session.deviceId);
        if (!state)
            qFatal("set-up failed: %s", qPrintable(state.error().message));
        return state.value();
    }

    static quint64 send(Device& d, quint64 roomId, const QString& text)
    {
        const auto sent = d.e2ee.send(message(roomId), MessageContent::ofText(text).toEnvelope());
        if (!sent)
            qFatal("send failed: %s", qPrintable(sent.error().message));
        return sent->seq;
    }

    // Every message of the room, decrypted by this device from history.
    static QStringList history(Device& d, quint64 roomId)
    {
        d.e2ee.fetchKeyShares();
        const auto page = d.connection.callAndWait<Events>(History{roomId, {}, {}, {}, 200});
        if (!page)
            return {QStringLiteral("<history: %1>").arg(page.error().message)};
        QStringList texts;
        for (const RoomEvent& event : page->events) {
            if (event.kind == EventKind::Message)
                texts.append(d.read(event));
        }
        return texts;
    }

private Q_SLOTS:
    void cleanup()
    {
        if (m_server && QTest::currentTestFailed())
            qWarning().noquote() << "moimd log:\n" << QString::fromUtf8(m_server->log());
        m_devices.clear();
        m_server.reset();
        m_db.reset();
    }

    void everyDeviceReadsAndTheServerNeverDoes_data() { moim::test::addBackendRows(); }
    void everyDeviceReadsAndTheServerNeverDoes()
    {
        QFETCH(QString, backend);
        m_db = std::make_unique<moim::test::ScratchDatabase>();
        if (!m_db->create(backend)) {
            if (moim::test::servicesRequired())
                QFAIL("PostgreSQL is required (MOIM_REQUIRE_SERVICES) but not reachable");
            QSKIP("no PostgreSQL");
        }
        m_server = std::make_unique<moim::test::MoimdProcess>();
        QVERIFY(m_server->start(m_dir.path(), m_db->url(),
                                {QStringLiteral("--log-mode"), QStringLiteral("debug")}));

        // Alice's first device makes her master key; the second is linked by code; the
        // third is restored with the recovery passphrase.
        Device& a1 = device(QStringLiteral("alice"), true);
        QCOMPARE(setUp(a1), E2eeSession::DeviceState::Ready);
        Device& a2 = device(QStringLiteral("alice"), false);
        QCOMPARE(setUp(a2), E2eeSession::DeviceState::NeedsApproval);
        QCOMPARE(a2.e2ee.send(message(1), "x").error().code, ErrorCode::Forbidden);
        const auto code = a2.e2ee.offerLink();
        QVERIFY(code);
        QCOMPARE(a2.e2ee.completeLink(code.value()).error().code, ErrorCode::NotFound);
        const auto wrongCode = moim::crypto::LinkCode::generate();
        QCOMPARE(a1.e2ee.approveLink(wrongCode).error().code, ErrorCode::NotFound);
        QVERIFY(a1.e2ee.approveLink(code.value()));
        QCOMPARE(a2.e2ee.completeLink(code.value()).value(), E2eeSession::DeviceState::Ready);

        QVERIFY(a1.e2ee.setRecoveryPassphrase(kRecovery));
        Device& a3 = device(QStringLiteral("alice"), false);
        QCOMPARE(setUp(a3), E2eeSession::DeviceState::NeedsApproval);
        QCOMPARE(a3.e2ee.restoreWithPassphrase(QStringLiteral("not the passphrase!")).error().code,
                 ErrorCode::InvalidCredentials);
        QCOMPARE(a3.e2ee.restoreWithPassphrase(kRecovery).value(), E2eeSession::DeviceState::Ready);

        Device& bob = device(QStringLiteral("bob"), true);
        QCOMPARE(setUp(bob), E2eeSession::DeviceState::Ready);
        Device& carol = device(QStringLiteral("carol"), true);
        QCOMPARE(setUp(carol), E2eeSession::DeviceState::Ready);

        const auto team = a1.connection.callAndWait<TeamInfo>(
            CreateTeam{QStringLiteral("acme"), QStringLiteral("Acme")});
        QVERIFY(team);
        const auto invite = a1.connection.callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
        QVERIFY(invite);
        QVERIFY(bob.connection.callAndWait<TeamInfo>(JoinTeam{invite->code}));
        QVERIFY(carol.connection.callAndWait<TeamInfo>(JoinTeam{invite->code}));
        const quint64 room =
            a1.connection.callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first().roomId;

        const QString canary =
            QStringLiteral("CANARY-") + QString::fromLatin1(moim::crypto::randomBytes(12).toHex());
        const QStringList texts = {
            canary, QStringLiteral("hello from bob"), QStringLiteral("from alice's phone"),
            QStringLiteral("carol says 안녕하세요"), QStringLiteral("alice's third device")};
        QList<Device*> senders = {&a1, &bob, &a2, &carol, &a3};
        for (int i = 0; i < texts.size(); ++i)
            send(*senders[i], room, texts[i]);

        // Live: every device (the senders' own other devices too) got and reads every
        // message; its own sends come back on its other devices only.
        for (Device* d : {&a1, &a2, &a3, &bob, &carol}) {
            QVERIFY(d->e2ee.fetchKeyShares());
            QTRY_VERIFY_WITH_TIMEOUT(d->messages(room).size() >= 4, 10'000);
            for (const RoomEvent& event : d->messages(room))
                QVERIFY2(texts.contains(d->read(event)), qPrintable(d->read(event)));
            QCOMPARE(history(*d, room), texts);
        }

        // Linked later: reads all the history through the key backup.
        Device& a4 = device(QStringLiteral("alice"), false);
        QCOMPARE(setUp(a4), E2eeSession::DeviceState::NeedsApproval);
        QCOMPARE(history(a4, room).size(), texts.size());
        QVERIFY(history(a4, room).constFirst().startsWith(QStringLiteral("<")));
        const auto laterCode = a4.e2ee.offerLink();
        QVERIFY(a2.e2ee.approveLink(laterCode.value()));
        QCOMPARE(a4.e2ee.completeLink(laterCode.value()).value(), E2eeSession::DeviceState::Ready);
        QCOMPARE(history(a4, room), texts);

        // The state survives a restart of the device (its local store).
        auto restarted = CryptoEngine::deserialize(a1.saved);
        QVERIFY(restarted);
        const RoomEvent first = carol.messages(room).constFirst();
        QCOMPARE(first.senderUserId, a1.session.userId);
        QCOMPARE(restarted->open(first).status, OpenedEvent::Status::Decrypted);

        // A removed member reads nothing sent after removal.
        QVERIFY(a1.connection.callAndWait<Ok>(RemoveMember{team->teamId, bob.session.userId}));
        const quint64 secretSeq = send(a1, room, QStringLiteral("after bob left"));
        QTRY_VERIFY_WITH_TIMEOUT(carol.messages(room).constLast().seq == secretSeq, 10'000);
        QVERIFY(carol.e2ee.fetchKeyShares());
        QCOMPARE(carol.read(carol.messages(room).constLast()), QStringLiteral("after bob left"));
        QVERIFY(bob.e2ee.fetchKeyShares());
        QCOMPARE(bob.e2ee.open(carol.messages(room).constLast()).status,
                 OpenedEvent::Status::WaitingForKey);
        QVERIFY(!bob.connection.callAndWait<Events>(History{room, {}, {}, {}, 50}));

        // Tampered, forged and replayed messages are refused, each with its reason.
        const RoomEvent genuine = carol.messages(room).constFirst();
        RoomEvent tampered = genuine;
        tampered.envelope[tampered.envelope.size() - 70] ^= 0x01; // inside the ciphertext
        const OpenedEvent tamperedOpen = carol.e2ee.open(tampered);
        QCOMPARE(tamperedOpen.status, OpenedEvent::Status::Failed);
        QVERIFY(tamperedOpen.error.failure == moim::crypto::CryptoFailure::BadSignature ||
                tamperedOpen.error.failure == moim::crypto::CryptoFailure::Undecryptable);
        RoomEvent badSignature = genuine;
        badSignature.envelope[badSignature.envelope.size() - 1] ^= 0x01;
        QCOMPARE(carol.e2ee.open(badSignature).error.failure,
                 moim::crypto::CryptoFailure::BadSignature);
        RoomEvent forged = genuine; // the server claims bob sent alice's message
        forged.senderUserId = bob.session.userId;
        forged.senderDeviceId = bob.session.deviceId;
        QCOMPARE(carol.e2ee.open(forged).error.failure, moim::crypto::CryptoFailure::Mismatch);
        RoomEvent replayed = genuine;
        replayed.seq += 1000;
        QCOMPARE(carol.e2ee.open(replayed).error.failure, moim::crypto::CryptoFailure::Replay);
        QCOMPARE(carol.e2ee.open(genuine).status, OpenedEvent::Status::Decrypted);

        // Files: a canary file sent encrypted, read by a member, refused to the removed one;
        // an image gets an encrypted thumbnail; a blob altered on the server is detected.
        QTemporaryDir files;
        const QByteArray canaryFile =
            "head " + canary.toUtf8() + QByteArray(300'000, 'z') + canary.toUtf8() + " tail";
        const QString reportPath = files.filePath(QStringLiteral("report.txt"));
        QVERIFY(writeFile(reportPath, canaryFile));
        AttachmentTransfer aliceFiles(a1.connection);
        const auto uploaded = aliceFiles.upload(room, reportPath);
        QVERIFY2(uploaded, qPrintable(uploaded ? QString() : uploaded.error().message));
        QVERIFY(!uploaded->thumbnail);
        MessageContent withFile = MessageContent::ofText(QStringLiteral("see attached"));
        withFile.file = uploaded->file;
        Send fileMessage = message(room);
        fileMessage.blobs = {uploaded->file.blobId};
        const auto sentFile = a1.e2ee.send(fileMessage, withFile.toEnvelope());
        QVERIFY(sentFile);
        QTRY_VERIFY_WITH_TIMEOUT(carol.messages(room).constLast().seq == sentFile->seq, 10'000);
        QVERIFY(carol.e2ee.fetchKeyShares());
        const OpenedEvent fileOpened = carol.e2ee.open(carol.messages(room).constLast());
        QCOMPARE(fileOpened.status, OpenedEvent::Status::Decrypted);
        const auto received = MessageContent::fromEnvelope(fileOpened.plaintext);
        QVERIFY(received && received->file);
        QCOMPARE(received->file->name, QStringLiteral("report.txt"));
        AttachmentTransfer carolFiles(carol.connection);
        const auto saved =
            carolFiles.download(room, *received->file, files.filePath(QStringLiteral("carol")));
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
        QCOMPARE(readFile(saved.value()), canaryFile);
        AttachmentTransfer bobFiles(bob.connection);
        QCOMPARE(bobFiles.download(room, *received->file, files.filePath(QStringLiteral("bob")))
                     .error()
                     .code,
                 ErrorCode::NotFound);

        QImage image(800, 600, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        const QString photoPath = files.filePath(QStringLiteral("photo.png"));
        QVERIFY(image.save(photoPath));
        const auto photo = aliceFiles.upload(room, photoPath);
        QVERIFY(photo && photo->thumbnail);
        QCOMPARE(photo->file.width, 800);
        QCOMPARE(photo->thumbnail->width, 320);
        QCOMPARE(photo->thumbnail->height, 240);
        const auto thumbnail = carolFiles.downloadBytes(room, *photo->thumbnail);
        QVERIFY(thumbnail);
        QCOMPARE(QImage::fromData(thumbnail.value()).size(), QSize(320, 240));

        const QString blobPath =
            m_dir.filePath(QStringLiteral("blobs/%1/%2")
                               .arg(QString::fromLatin1(uploaded->file.blobId.toHex().left(2)),
                                    QString::fromLatin1(uploaded->file.blobId.toHex())));
        QByteArray stored = readFile(blobPath);
        QCOMPARE(stored.size(), int(moim::crypto::AttachmentCipher::cipherSize(canaryFile.size())));
        stored[1000] = char(stored[1000] ^ 1);
        QVERIFY(writeFile(blobPath, stored));
        QCOMPARE(carolFiles.download(room, *received->file, files.filePath(QStringLiteral("again")))
                     .error()
                     .code,
                 ErrorCode::BadRequest);
        QVERIFY(!QDir(files.filePath(QStringLiteral("again"))).exists() ||
                QDir(files.filePath(QStringLiteral("again"))).isEmpty());

        // The canary is nowhere on the server side: database files (and WAL), a full dump,
        // the server log. Blobs are stored raw (SQLite) or hex-escaped (pg_dump).
        const QByteArray plain = canary.toUtf8();
        const QByteArray hexed = plain.toHex();
        QVERIFY(!m_server->log().contains(plain));
        const QByteArray blobStore = readAllFiles(m_dir.filePath(QStringLiteral("blobs")));
        QVERIFY(blobStore.size() > 300'000);
        QVERIFY(!blobStore.contains(plain));
        QVERIFY(!blobStore.contains("zzzzzzzzzzzzzzzz"));
        QVERIFY(!readAllFiles(m_dir.filePath(QStringLiteral("uploads"))).contains(plain));
        if (backend == QLatin1String("sqlite")) {
            const QByteArray databaseFiles = readAllFiles(m_db->directory());
            QVERIFY(databaseFiles.size() > 10'000);
            QVERIFY(!databaseFiles.contains(plain));
        } else {
            QProcess dump;
            dump.start(QStringLiteral("pg_dump"), {m_db->url()});
            QVERIFY(dump.waitForFinished(60'000));
            const QByteArray dumped = dump.readAllStandardOutput();
            QVERIFY2(dump.exitCode() == 0, dump.readAllStandardError().constData());
            QVERIFY(dumped.contains("key_shares"));
            QVERIFY(!dumped.contains(plain));
            QVERIFY(!dumped.contains(hexed));
            const QString dataDir = qEnvironmentVariable("MOIM_TEST_PG_DATA");
            if (!dataDir.isEmpty()) {
                QVERIFY(
                    QProcess::execute(QStringLiteral("psql"), {m_db->url(), QStringLiteral("-qc"),
                                                               QStringLiteral("CHECKPOINT")}) == 0);
                QVERIFY(!readAllFiles(dataDir).contains(plain));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestE2ee)
#include "TestE2ee.moc"
