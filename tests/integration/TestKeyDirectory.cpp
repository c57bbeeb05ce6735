// The key directory refuses what it must, on both backends: device lists signed by the wrong
// key, for another user, going back in version, naming foreign or revoked devices; key shares
// for devices that are not recipients; link codes of other accounts, answered twice or awaited
// by the wrong device; and a send whose recipient digest is stale.

#include <QTemporaryDir>
#include <QTest>
#include <client/Connection.h>
#include <crypto/LinkCode.h>
#include <crypto/RecipientDigest.h>
#include <crypto/SignedDeviceList.h>
#include <crypto/SigningKeyPair.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/EventMessages.h>
#include <protocol/KeyMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/TestDatabases.h>

using moim::client::Connection;
using moim::crypto::DeviceKeys;
using moim::crypto::SignedDeviceList;
using moim::crypto::SigningKeyPair;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

struct User {
    std::unique_ptr<Connection> connection = std::make_unique<Connection>();
    Session session;
};

DeviceKeys keysFor(quint64 deviceId)
{
    return {deviceId, SigningKeyPair::generate().publicKey(), QByteArray(32, char(deviceId))};
}

QByteArray listOf(const SigningKeyPair& master, quint64 userId, quint64 version,
                  const QList<DeviceKeys>& devices)
{
    moim::crypto::DeviceListContent content;
    content.userId = userId;
    content.version = version;
    content.devices = devices;
    return SignedDeviceList::sign(content, master);
}

template <typename Reply, typename Request>
ErrorCode refusal(Connection& connection, const Request& request)
{
    const auto answer = connection.callAndWait<Reply>(request);
    return answer ? ErrorCode::NoAnswer : answer.error().code;
}

} // namespace

class TestKeyDirectory : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    moim::test::MoimdProcess* m_server = nullptr;

    User signIn(const QString& name, bool signUp)
    {
        User user;
        QString error;
        if (!user.connection->openAndWait(m_server->webSocketUrl(), 10'000, &error))
            qFatal("cannot connect: %s", qPrintable(error));
        const auto session = signUp ? user.connection->callAndWait<Session>(
                                          SignUp{name, kPassword, {}, QStringLiteral("d")})
                                    : user.connection->callAndWait<Session>(
                                          LogIn{name, kPassword, QStringLiteral("e")});
        if (!session)
            qFatal("cannot sign in: %s", qPrintable(session.error().message));
        user.session = session.value();
        return user;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(moim::crypto::initializeSodium()); }

    void refusals_data() { moim::test::addBackendRows(); }
    void refusals()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        moim::test::MoimdProcess server;
        QVERIFY(server.start(m_dir.filePath(backend), db.url()));
        m_server = &server;
        User alice = signIn(QStringLiteral("alice"), true);
        User alicePhone = signIn(QStringLiteral("alice"), false);
        User bob = signIn(QStringLiteral("bob"), true);
        const quint64 a = alice.session.userId;
        const quint64 aDevice = alice.session.deviceId;
        const quint64 phone = alicePhone.session.deviceId;
        Connection& c = *alice.connection;

        const SigningKeyPair master = SigningKeyPair::generate();
        const SigningKeyPair other = SigningKeyPair::generate();
        // Malformed or forged documents, another user's list, a stranger's device.
        QCOMPARE(refusal<Ok>(c, PublishDeviceList{"junk", false}), ErrorCode::BadRequest);
        QByteArray forged = listOf(master, a, 1, {keysFor(aDevice)});
        forged[forged.size() - 1] = char(forged[forged.size() - 1] ^ 1);
        QCOMPARE(refusal<Ok>(c, PublishDeviceList{forged, false}), ErrorCode::BadRequest);
        QCOMPARE(refusal<Ok>(
                     c, PublishDeviceList{listOf(master, bob.session.userId, 1, {keysFor(aDevice)}),
                                          false}),
                 ErrorCode::Forbidden);
        QCOMPARE(
            refusal<Ok>(
                c, PublishDeviceList{listOf(master, a, 1, {keysFor(bob.session.deviceId)}), false}),
            ErrorCode::BadRequest);
        QCOMPARE(refusal<Ok>(c, PublishDeviceList{QByteArray(kMaxDeviceListBytes + 1, 'x'), false}),
                 ErrorCode::BadRequest);
        // A good list; then no going back, no other master unless replaced.
        QVERIFY(c.callAndWait<Ok>(
            PublishDeviceList{listOf(master, a, 2, {keysFor(aDevice), keysFor(phone)}), false}));
        QCOMPARE(refusal<Ok>(c, PublishDeviceList{listOf(master, a, 2, {keysFor(aDevice)}), false}),
                 ErrorCode::Conflict);
        QCOMPARE(refusal<Ok>(c, PublishDeviceList{listOf(master, a, 1, {keysFor(aDevice)}), false}),
                 ErrorCode::Conflict);
        QCOMPARE(refusal<Ok>(c, PublishDeviceList{listOf(other, a, 3, {keysFor(aDevice)}), false}),
                 ErrorCode::Conflict);
        // A revoked device cannot be listed again.
        QVERIFY(c.callAndWait<Ok>(RevokeDevice{phone}));
        QCOMPARE(refusal<Ok>(
                     c, PublishDeviceList{listOf(master, a, 3, {keysFor(aDevice), keysFor(phone)}),
                                          false}),
                 ErrorCode::Conflict);
        QVERIFY(
            c.callAndWait<Ok>(PublishDeviceList{listOf(other, a, 3, {keysFor(aDevice)}), true}));
        // Lists of strangers look like none.
        const auto lists = bob.connection->callAndWait<DeviceLists>(GetDeviceLists{{a}});
        QVERIFY(lists);
        QVERIFY(lists->lists.first().document.isEmpty());

        // A room: its recipients are the listed, unrevoked devices; shares only to them.
        const auto team =
            c.callAndWait<TeamInfo>(CreateTeam{QStringLiteral("keys"), QStringLiteral("K")});
        const auto invite = c.callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
        QVERIFY(bob.connection->callAndWait<TeamInfo>(JoinTeam{invite->code}));
        const quint64 room = c.callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first().roomId;
        const auto recipients = c.callAndWait<RoomRecipients>(RoomDevices{room});
        QVERIFY(recipients);
        QCOMPARE(recipients->digest, moim::crypto::recipientDigest({{a, aDevice}}));
        QCOMPARE(refusal<Ok>(c, ShareKeys{room, {{bob.session.userId, bob.session.deviceId, "x"}}}),
                 ErrorCode::StaleDevices);
        QCOMPARE(refusal<Ok>(c, ShareKeys{room, {{a, phone, "x"}}}), ErrorCode::StaleDevices);
        QCOMPARE(refusal<Ok>(c, ShareKeys{room + 1000, {}}), ErrorCode::NotFound);
        // Sends: a digest of another set, or none, is stale; the current one goes through.
        Send send;
        send.roomId = room;
        send.clientId = moim::crypto::randomBytes(16);
        send.envelope = "opaque";
        QCOMPARE(refusal<Sent>(c, send), ErrorCode::StaleDevices);
        send.recipients = moim::crypto::recipientDigest({{a, aDevice}, {a, phone}});
        QCOMPARE(refusal<Sent>(c, send), ErrorCode::StaleDevices);
        send.recipients = QByteArray(31, 'r');
        QCOMPARE(refusal<Sent>(c, send), ErrorCode::BadRequest);
        send.recipients = recipients->digest;
        QVERIFY(c.callAndWait<Sent>(send));

        // Acknowledging someone else's share deletes nothing of theirs.
        QVERIFY(c.callAndWait<Ok>(ShareKeys{room, {{a, aDevice, "to myself"}}}));
        QVERIFY(bob.connection->callAndWait<Ok>(AckKeyShares{{1, 2, 3}}));
        const auto pending = c.callAndWait<KeyShares>(FetchKeyShares{});
        QVERIFY(pending);
        QCOMPARE(pending->shares.size(), 1);
        QCOMPARE(pending->shares.first().sealed, QByteArray("to myself"));
        QCOMPARE(refusal<KeyShares>(c, FetchKeyShares{501}), ErrorCode::BadRequest);

        // Links: another account's code is not found; an answer is given once; only the
        // offering device may await it.
        User aliceLaptop = signIn(QStringLiteral("alice"), false);
        const auto code = moim::crypto::LinkCode::generate();
        QVERIFY(aliceLaptop.connection->callAndWait<Ok>(OfferLink{code.linkId(), "offer"}));
        QCOMPARE(refusal<Ok>(*aliceLaptop.connection, OfferLink{code.linkId(), "again"}),
                 ErrorCode::Conflict);
        QCOMPARE(refusal<LinkOffer>(*bob.connection, TakeLink{code.linkId()}), ErrorCode::NotFound);
        QCOMPARE(refusal<LinkOffer>(*aliceLaptop.connection, TakeLink{code.linkId()}),
                 ErrorCode::NotFound);
        QCOMPARE(refusal<LinkAnswer>(*aliceLaptop.connection, AwaitLink{code.linkId()}),
                 ErrorCode::NotFound); // not answered yet
        QCOMPARE(c.callAndWait<LinkOffer>(TakeLink{code.linkId()})->payload, QByteArray("offer"));
        QCOMPARE(refusal<Ok>(*bob.connection, AnswerLink{code.linkId(), "answer"}),
                 ErrorCode::NotFound);
        QVERIFY(c.callAndWait<Ok>(AnswerLink{code.linkId(), "answer"}));
        QCOMPARE(refusal<Ok>(c, AnswerLink{code.linkId(), "twice"}), ErrorCode::Conflict);
        QCOMPARE(refusal<LinkAnswer>(c, AwaitLink{code.linkId()}), ErrorCode::NotFound);
        QCOMPARE(aliceLaptop.connection->callAndWait<LinkAnswer>(AwaitLink{code.linkId()})->payload,
                 QByteArray("answer"));

        // Recovery blobs and backup slots belong to their user only.
        QVERIFY(c.callAndWait<Ok>(SetRecovery{"blob"}));
        QVERIFY(bob.connection->callAndWait<RecoveryBlob>(GetRecovery{})->blob.isEmpty());
        QCOMPARE(refusal<Ok>(c, SetRecovery{QByteArray(kMaxRecoveryBlobBytes + 1, 'b')}),
                 ErrorCode::BadRequest);
        QVERIFY(c.callAndWait<Ok>(PutKeyBackup{{{QByteArray(32, 's'), "first"}}}));
        QVERIFY(c.callAndWait<Ok>(PutKeyBackup{{{QByteArray(32, 's'), "second"}}}));
        QCOMPARE(c.callAndWait<KeyBackupPage>(GetKeyBackup{{}, 10})->items.first().box,
                 QByteArray("first"));
        QVERIFY(bob.connection->callAndWait<KeyBackupPage>(GetKeyBackup{{}, 10})->items.isEmpty());
        QCOMPARE(refusal<Ok>(c, PutKeyBackup{{{QByteArray(31, 's'), "x"}}}), ErrorCode::BadRequest);
        m_server = nullptr;
    }
};

QTEST_GUILESS_MAIN(TestKeyDirectory)
#include "TestKeyDirectory.moc"
