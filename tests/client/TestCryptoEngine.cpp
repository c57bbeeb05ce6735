// The decisions of the client's end-to-end encryption state, without a server: trust on
// first use and rollback of device lists, when a sender key must rotate, what a share and an
// envelope must match, and that the state survives serialization.

#include <QTest>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <e2ee/CryptoEngine.h>

using moim::crypto::CryptoFailure;
using moim::e2ee::CryptoEngine;
using moim::e2ee::OpenedEvent;
using moim::e2ee::Rotation;
using namespace moim::protocol;

namespace {

constexpr quint64 kRoom = 7;
constexpr qint64 kDay = 24LL * 3600 * 1000;

CryptoEngine device(quint64 user, quint64 deviceId, bool master = true)
{
    CryptoEngine engine;
    engine.createIdentity(user, deviceId);
    if (master)
        engine.createMasterKey();
    return engine;
}

QByteArray listOf(const CryptoEngine& owner, quint64 version,
                  QList<moim::crypto::DeviceKeys> devices)
{
    return owner.signDeviceList(devices, version, 0);
}

RoomRecipients recipients(const QList<const CryptoEngine*>& devices)
{
    RoomRecipients room;
    room.roomId = kRoom;
    for (const CryptoEngine* engine : devices) {
        if (!room.members.isEmpty() && room.members.last().userId == engine->userId())
            room.members.last().devices.append(engine->deviceId());
        else
            room.members.append({engine->userId(), 1, {engine->deviceId()}});
    }
    return room;
}

// Seals `text` from sender and wraps it as the server would store it.
RoomEvent sealed(CryptoEngine& sender, quint64 seq, const QString& text, qint64 nowMs = 0)
{
    Send send;
    send.roomId = kRoom;
    send.clientId = moim::crypto::randomBytes(16);
    if (!sender.seal(send, moim::client::MessageContent::ofText(text).toEnvelope(), nowMs))
        qFatal("no outbound key");
    RoomEvent event;
    event.roomId = kRoom;
    event.seq = seq;
    event.senderUserId = sender.userId();
    event.senderDeviceId = sender.deviceId();
    event.clientId = send.clientId;
    event.envelope = send.envelope;
    return event;
}

QString textOf(const OpenedEvent& opened)
{
    return moim::client::MessageContent::fromEnvelope(opened.plaintext)
        .value_or(moim::client::MessageContent{})
        .text;
}

} // namespace

class TestCryptoEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(moim::crypto::initializeSodium()); }

    void deviceListsTrustOnFirstUseAndRefuseRollback()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        const QByteArray v1 = listOf(alice, 1, {alice.deviceKeys()});
        const QByteArray v2 = listOf(alice, 2, {alice.deviceKeys()});
        QVERIFY(bob.acceptDeviceList(1, v2));
        QCOMPARE(bob.acceptDeviceList(1, v1).error().failure, CryptoFailure::Rollback);
        QVERIFY(bob.acceptDeviceList(1, v2)); // the same list again is fine
        // Another list at the same version (a fork) is refused too.
        const QByteArray fork = listOf(alice, 2, {alice.deviceKeys(), bob.deviceKeys()});
        QCOMPARE(bob.acceptDeviceList(1, fork).error().failure, CryptoFailure::Rollback);
        // Alice's list presented as someone else's.
        QCOMPARE(bob.acceptDeviceList(3, v2).error().failure, CryptoFailure::Mismatch);
        QCOMPARE(bob.acceptDeviceList(1, "junk").error().failure, CryptoFailure::Malformed);
        QVERIFY(!bob.trust(1)->masterChanged);
    }

    void masterKeyChangeIsFlaggedAndUnverifies()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        QVERIFY(bob.acceptDeviceList(1, listOf(alice, 1, {alice.deviceKeys()})));
        bob.setVerified(1, true);
        QVERIFY(bob.trust(1)->verified);
        CryptoEngine aliceAgain = device(1, 12); // lost everything, new master key
        QVERIFY(bob.acceptDeviceList(1, listOf(aliceAgain, 1, {aliceAgain.deviceKeys()})));
        QVERIFY(bob.trust(1)->masterChanged);
        QVERIFY(!bob.trust(1)->verified);
        QCOMPARE(bob.trust(1)->masterKey, aliceAgain.masterPublicKey());
        QCOMPARE(bob.trust(1)->previousMasterKey, alice.masterPublicKey());
        // My own list signed by a master key I do not hold is refused outright.
        CryptoEngine impostor = device(2, 99);
        QCOMPARE(
            bob.acceptDeviceList(2, listOf(impostor, 5, {impostor.deviceKeys()})).error().failure,
            CryptoFailure::BadSignature);
    }

    void rotationRules()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        CryptoEngine carol = device(3, 31);
        for (CryptoEngine* e : {&alice, &bob, &carol})
            alice.acceptDeviceList(e->userId(), listOf(*e, 1, {e->deviceKeys()}));
        const RoomRecipients three = recipients({&alice, &bob, &carol});
        QCOMPARE(alice.rotationNeeded(three, 0), Rotation::NoKey);
        const auto distribution = alice.startEpoch(three, 0);
        QCOMPARE(distribution.shares.size(), 2); // not to itself
        QCOMPARE(distribution.backup.size(), 1); // its own copy, for its other devices
        QCOMPARE(alice.rotationNeeded(three, 0), Rotation::None);
        // A member leaves, or a device joins: a new epoch.
        QCOMPARE(alice.rotationNeeded(recipients({&alice, &bob}), 0), Rotation::DevicesChanged);
        RoomRecipients withNewDevice = three;
        withNewDevice.members[1].devices.append(22);
        QCOMPARE(alice.rotationNeeded(withNewDevice, 0), Rotation::DevicesChanged);
        // After 100 messages, and after 7 days.
        for (int i = 0; i < CryptoEngine::kMessagesPerEpoch - 1; ++i)
            sealed(alice, quint64(i + 1), QStringLiteral("m"));
        QCOMPARE(alice.rotationNeeded(three, 0), Rotation::None);
        sealed(alice, 100, QStringLiteral("m"));
        QCOMPARE(alice.rotationNeeded(three, 0), Rotation::MessageLimit);
        alice.startEpoch(three, 0);
        QCOMPARE(alice.rotationNeeded(three, 7 * kDay - 1), Rotation::None);
        QCOMPARE(alice.rotationNeeded(three, 7 * kDay), Rotation::AgeLimit);
    }

    void listsNeededWhenUnknownOrNewer()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        RoomRecipients room = recipients({&alice, &bob});
        QCOMPARE(alice.listsNeeded(room), (QList<quint64>{1, 2}));
        alice.acceptDeviceList(1, listOf(alice, 1, {alice.deviceKeys()}));
        alice.acceptDeviceList(2, listOf(bob, 1, {bob.deviceKeys()}));
        QCOMPARE(alice.listsNeeded(room), QList<quint64>{});
        room.members[1].version = 2;
        QCOMPARE(alice.listsNeeded(room), QList<quint64>{2});
        room.members[1].version = 1;
        room.members[1].devices.append(99); // a device the list we hold does not name
        QCOMPARE(alice.listsNeeded(room), QList<quint64>{2});
        room.members.append({3, 0, {}}); // a user with no keys yet needs nothing
        room.members[1].devices.removeLast();
        QCOMPARE(alice.listsNeeded(room), QList<quint64>{});
    }

    void sharesAndMessagesEndToEnd()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        for (CryptoEngine* e : {&alice, &bob}) {
            alice.acceptDeviceList(e->userId(), listOf(*e, 1, {e->deviceKeys()}));
            bob.acceptDeviceList(e->userId(), listOf(*e, 1, {e->deviceKeys()}));
        }
        const auto distribution = alice.startEpoch(recipients({&alice, &bob}), 0);
        const RoomEvent first = sealed(alice, 1, QStringLiteral("one"));
        const RoomEvent second = sealed(alice, 2, QStringLiteral("two"));
        QCOMPARE(bob.open(second).status, OpenedEvent::Status::WaitingForKey);

        const ShareItem& item = distribution.shares.first();
        // A share whose server metadata names another sender is refused.
        QCOMPARE(bob.acceptShare({1, kRoom, 3, 31, item.sealed, 0}).error().failure,
                 CryptoFailure::Mismatch);
        QVERIFY(bob.acceptShare({1, kRoom, 1, 11, item.sealed, 0}));
        // Out of order: the second message first, then the first.
        QCOMPARE(textOf(bob.open(second)), QStringLiteral("two"));
        QCOMPARE(textOf(bob.open(first)), QStringLiteral("one"));
        // Own messages read back on the sending device too.
        QCOMPARE(textOf(alice.open(first)), QStringLiteral("one"));
        // A message moved to another room by the server.
        RoomEvent moved = first;
        moved.roomId = kRoom + 1;
        QCOMPARE(bob.open(moved).error.failure, CryptoFailure::Mismatch);
        // A server event without envelope is plain.
        RoomEvent plain = first;
        plain.envelope.clear();
        QCOMPARE(bob.open(plain).status, OpenedEvent::Status::Plain);
    }

    void needsTheSendersListForAShare()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        alice.acceptDeviceList(2, listOf(bob, 1, {bob.deviceKeys()}));
        const auto distribution = alice.startEpoch(recipients({&alice, &bob}), 0);
        const auto accepted = bob.acceptShare({1, kRoom, 1, 11, distribution.shares[0].sealed, 0});
        QVERIFY(accepted);
        QVERIFY(accepted->needDeviceList);
        QCOMPARE(bob.inboundKeyCount(), 0);
        // A list that does not name the sending device does not help.
        CryptoEngine aliceOther = device(1, 12, false);
        bob.acceptDeviceList(1, listOf(alice, 1, {aliceOther.deviceKeys()}));
        QVERIFY(
            bob.acceptShare({1, kRoom, 1, 11, distribution.shares[0].sealed, 0})->needDeviceList);
        // Once a list names the sending device with its keys, the share is taken in.
        bob.acceptDeviceList(1, listOf(alice, 2, {alice.deviceKeys()}));
        QVERIFY(
            !bob.acceptShare({1, kRoom, 1, 11, distribution.shares[0].sealed, 0})->needDeviceList);
        QCOMPARE(bob.inboundKeyCount(), 1);
    }

    void backupRestoresOnAnotherDeviceOfTheSameUser()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        alice.acceptDeviceList(2, listOf(bob, 1, {bob.deviceKeys()}));
        const auto distribution = alice.startEpoch(recipients({&alice, &bob}), 0);
        const RoomEvent event = sealed(alice, 1, QStringLiteral("history"));
        CryptoEngine laptop = device(1, 12, false);
        laptop.adoptMasterKey(alice.masterSecretKey(), alice.backupKey());
        QCOMPARE(laptop.open(event).status, OpenedEvent::Status::WaitingForKey);
        QVERIFY(laptop.restoreBackupItem(distribution.backup.first()));
        QCOMPARE(textOf(laptop.open(event)), QStringLiteral("history"));
        // Another user's backup key does not open it; a box moved to another slot neither.
        QVERIFY(!bob.restoreBackupItem(distribution.backup.first()));
        BackupItem moved = distribution.backup.first();
        moved.slot[0] = char(moved.slot[0] ^ 1);
        QVERIFY(!laptop.restoreBackupItem(moved));
    }

    void reactionKeysAgreeAcrossMyDevicesOnly()
    {
        CryptoEngine phone = device(1, 11);
        CryptoEngine laptop = device(1, 12, false);
        laptop.adoptMasterKey(phone.masterSecretKey(), phone.backupKey());
        const QString thumbs = QStringLiteral("👍");
        QCOMPARE(phone.reactionKey(kRoom, 5, thumbs), laptop.reactionKey(kRoom, 5, thumbs));
        QVERIFY(phone.reactionKey(kRoom, 5, thumbs) != phone.reactionKey(kRoom, 6, thumbs));
        QVERIFY(phone.reactionKey(kRoom, 5, thumbs) != device(2, 21).reactionKey(kRoom, 5, thumbs));
        QVERIFY(!phone.reactionKey(kRoom, 5, thumbs).contains(thumbs.toUtf8()));
    }

    void serializationKeepsEverything()
    {
        CryptoEngine alice = device(1, 11);
        CryptoEngine bob = device(2, 21);
        alice.acceptDeviceList(2, listOf(bob, 1, {bob.deviceKeys()}));
        bob.acceptDeviceList(1, listOf(alice, 1, {alice.deviceKeys()}));
        const auto distribution = alice.startEpoch(recipients({&alice, &bob}), 0);
        bob.acceptShare({1, kRoom, 1, 11, distribution.shares[0].sealed, 0});
        const RoomEvent first = sealed(alice, 1, QStringLiteral("kept"));
        QCOMPARE(textOf(bob.open(first)), QStringLiteral("kept"));

        auto restoredAlice = CryptoEngine::deserialize(alice.serialize());
        auto restoredBob = CryptoEngine::deserialize(bob.serialize());
        QVERIFY(restoredAlice && restoredBob);
        QCOMPARE(restoredAlice->deviceKeys(), alice.deviceKeys());
        QCOMPARE(restoredAlice->masterPublicKey(), alice.masterPublicKey());
        QCOMPARE(restoredBob->trust(1)->masterKey, alice.masterPublicKey());
        // The outbound chain continues where it was; the replay guard remembers.
        const RoomEvent second = sealed(*restoredAlice, 2, QStringLiteral("continued"));
        QCOMPARE(textOf(restoredBob->open(second)), QStringLiteral("continued"));
        RoomEvent replay = first;
        replay.seq = 99;
        QCOMPARE(restoredBob->open(replay).error.failure, CryptoFailure::Replay);
        QVERIFY(!CryptoEngine::deserialize("junk"));
        QVERIFY(!CryptoEngine::deserialize(alice.serialize().left(40)));
    }
};

QTEST_GUILESS_MAIN(TestCryptoEngine)
#include "TestCryptoEngine.moc"
