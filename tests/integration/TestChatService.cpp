// The desktop app's chat service against a real moimd: two people on their own service
// threads sign up, share a team, and exchange encrypted messages, reactions and edits; one
// keeps writing while the server is down and everything arrives once, in order, when it is
// back.
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <chat/ChatService.h>
#include <client/Connection.h>
#include <client/ProfileStore.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/TeamMessages.h>
#include <testsupport/MoimdProcess.h>

using moim::chat::ChatService;
using moim::chat::DecryptedEvent;
using namespace moim;

namespace {

constexpr int kWaitMs = 20'000;

// One person: a chat service on its own thread, and what it said, collected on the test's
// thread through queued connections as the window would get them.
class Person : public QObject {
public:
    Person(const QString& profileDirectory)
    {
        ChatService::Options options;
        options.profileDirectory = profileDirectory;
        options.keyProtection.application = QStringLiteral("moim-test");
        options.keyProtection.passphrase = QStringLiteral("device passphrase");
        options.keyProtection.cheapPassphrase = true;
        options.deviceName = QStringLiteral("test desktop");
        service = new ChatService(options);
        service->moveToThread(&thread);
        connect(&thread, &QThread::finished, service, &QObject::deleteLater);
        thread.start();
        connect(service, &ChatService::signedIn, this,
                [this](const chat::SessionProfile& p) { profile = p; });
        connect(service, &ChatService::signInFailed, this,
                [this](const QString& problem) { failures.append(problem); });
        connect(service, &ChatService::connectionStateChanged, this,
                [this](ChatService::ConnectionState s, const QString&) { state = s; });
        connect(service, &ChatService::channelsLoaded, this,
                [this](quint64, const QList<protocol::RoomInfo>& rooms) {
                    for (const auto& room : rooms)
                        channels.insert(room.name, room);
                });
        connect(service, &ChatService::eventsArrived, this,
                [this](quint64, const QList<DecryptedEvent>& list, bool) { events += list; });
        connect(
            service, &ChatService::historyLoaded, this,
            [this](quint64, const QList<DecryptedEvent>& list, bool, bool) { history += list; });
        connect(
            service, &ChatService::messageSent, this,
            [this](const QByteArray& id, quint64, quint64 seq, qint64) { sent.insert(id, seq); });
        connect(service, &ChatService::messageFailed, this,
                [this](const QByteArray&, quint64, const QString& problem) {
                    failures.append(problem);
                });
        connect(service, &ChatService::alert, this,
                [this](quint64, quint64, quint64, const QString& text, bool mention) {
                    alerts.append({text, mention});
                });
        connect(service, &ChatService::pendingListed, this,
                [this](quint64, const QList<chat::ChatMessage>& list) { pending = list; });
        connect(service, &ChatService::searchFinished, this,
                [this](const QString&, const QList<chat::SearchHit>& hits) { searchHits = hits; });
        connect(service, &ChatService::mentionCandidatesFound, this,
                [this](quint64, const QString&, const QList<protocol::MemberInfo>& members) {
                    candidates = members;
                });
    }
    ~Person() override
    {
        thread.quit();
        thread.wait();
    }

    template <typename F> void call(F&& f)
    {
        QMetaObject::invokeMethod(
            service, [s = service, f = std::forward<F>(f)] { f(*s); }, Qt::QueuedConnection);
    }

    QList<DecryptedEvent> readable(protocol::EventKind kind) const
    {
        QList<DecryptedEvent> found;
        for (const DecryptedEvent& event : events) {
            if (event.event.kind == kind &&
                event.readability == DecryptedEvent::Readability::Readable)
                found.append(event);
        }
        return found;
    }

    QThread thread;
    ChatService* service = nullptr;
    chat::SessionProfile profile;
    ChatService::ConnectionState state = ChatService::ConnectionState::SignedOut;
    QStringList failures;
    QHash<QString, protocol::RoomInfo> channels;
    QList<DecryptedEvent> events;
    QList<DecryptedEvent> history;
    QHash<QByteArray, quint64> sent;
    QList<QPair<QString, bool>> alerts;
    QList<protocol::MemberInfo> candidates;
    QList<chat::SearchHit> searchHits;
    QList<chat::ChatMessage> pending;
};

// A second socket of the same device (the session token from the profile): sets teams up
// the way another client would, without becoming a new device.
std::unique_ptr<client::Connection> resumed(const QUrl& server, const QString& profileDirectory)
{
    QString error;
    const auto stored = client::ProfileStore(profileDirectory).load(&error);
    if (!stored)
        return nullptr;
    auto connection = std::make_unique<client::Connection>();
    if (!connection->openAndWait(server, 10'000, &error))
        return nullptr;
    if (!connection->callAndWait<protocol::Session>(protocol::Resume{stored->token}))
        return nullptr;
    return connection;
}

} // namespace

class TestChatService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(crypto::initializeSodium()); }
    void conversationAndOfflineQueue();
    void wrongPasswordAndUnreachableServer();
    void rateLimitedOutboxWaits();
};

void TestChatService::conversationAndOfflineQueue()
{
    QTemporaryDir data;
    QTemporaryDir aliceDir;
    QTemporaryDir bobDir;
    test::MoimdProcess server;
    QVERIFY(server.start(data.path(),
                         QStringLiteral("sqlite:") + data.filePath(QStringLiteral("moim.db"))));
    const QUrl url = server.webSocketUrl();

    Person alice(aliceDir.path());
    Person bob(bobDir.path());
    alice.call([url](ChatService& s) {
        s.signIn(url, QStringLiteral("alice"), QStringLiteral("correct horse 1"), true,
                 QStringLiteral("Alice Kim"));
    });
    bob.call([url](ChatService& s) {
        s.signIn(url, QStringLiteral("bob"), QStringLiteral("correct horse 2"), true, {});
    });
    QTRY_VERIFY_WITH_TIMEOUT(alice.profile.userId != 0, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(bob.profile.userId != 0, kWaitMs);
    QCOMPARE(alice.profile.displayName, QStringLiteral("Alice Kim"));
    QCOMPARE(alice.state, ChatService::ConnectionState::Online);

    auto aliceSocket = resumed(url, aliceDir.path());
    auto bobSocket = resumed(url, bobDir.path());
    QVERIFY(aliceSocket && bobSocket);
    const auto team = aliceSocket->callAndWait<protocol::TeamInfo>(
        protocol::CreateTeam{QStringLiteral("acme"), QStringLiteral("Acme")});
    QVERIFY(team);
    const auto invite =
        aliceSocket->callAndWait<protocol::Invite>(protocol::CreateInvite{team->teamId, {}, {}});
    QVERIFY(invite);
    QVERIFY(bobSocket->callAndWait<protocol::TeamInfo>(protocol::JoinTeam{invite->code}));

    alice.call([](ChatService& s) { s.reloadRooms(); });
    bob.call([](ChatService& s) { s.reloadRooms(); });
    QTRY_VERIFY_WITH_TIMEOUT(alice.channels.contains(QStringLiteral("general")), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(bob.channels.contains(QStringLiteral("general")), kWaitMs);
    const quint64 general = alice.channels.value(QStringLiteral("general")).roomId;
    alice.call([general](ChatService& s) { s.openRoom(general); });
    bob.call([general](ChatService& s) { s.openRoom(general); });

    // A message with a mention: decrypted on the other side, and it alerts.
    const QByteArray firstId = crypto::randomBytes(16);
    alice.call([general, firstId](ChatService& s) {
        s.sendMessage(general, firstId, QStringLiteral("hello @bob, **welcome**"), 0);
    });
    QTRY_VERIFY_WITH_TIMEOUT(alice.sent.contains(firstId), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(bob.readable(protocol::EventKind::Message).size(), 1, kWaitMs);
    const DecryptedEvent received = bob.readable(protocol::EventKind::Message).first();
    QCOMPARE(received.content.text, QStringLiteral("hello @bob, **welcome**"));
    QCOMPARE(received.event.seq, alice.sent.value(firstId));
    QVERIFY(received.event.mentions.contains(bob.profile.userId));
    QTRY_VERIFY_WITH_TIMEOUT(!bob.alerts.isEmpty(), kWaitMs);
    QCOMPARE(bob.alerts.first().first, QStringLiteral("hello @bob, **welcome**"));
    QVERIFY(bob.alerts.first().second);

    // Mention candidates for the composer.
    bob.call([general](ChatService& s) { s.findMentionCandidates(general, QStringLiteral("al")); });
    QTRY_COMPARE_WITH_TIMEOUT(bob.candidates.size(), 1, kWaitMs);
    QCOMPARE(bob.candidates.first().username, QStringLiteral("alice"));

    // A reaction and an edit fold on the other side with their plaintext.
    const quint64 firstSeq = alice.sent.value(firstId);
    bob.call([general, firstSeq](ChatService& s) {
        s.react(general, firstSeq, QStringLiteral("👍"), false);
    });
    QTRY_COMPARE_WITH_TIMEOUT(alice.readable(protocol::EventKind::ReactionAdd).size(), 1, kWaitMs);
    QCOMPARE(alice.readable(protocol::EventKind::ReactionAdd).first().content.reaction,
             QStringLiteral("👍"));
    QCOMPARE(alice.readable(protocol::EventKind::ReactionAdd).first().event.refSeq, firstSeq);
    alice.call([general, firstSeq](ChatService& s) {
        s.editMessage(general, firstSeq, QStringLiteral("hello @bob, welcome!"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(bob.readable(protocol::EventKind::Edit).size(), 1, kWaitMs);
    QCOMPARE(bob.readable(protocol::EventKind::Edit).first().content.text,
             QStringLiteral("hello @bob, welcome!"));

    // The server goes away: Alice's client says so, and keeps what she writes meanwhile.
    const quint16 port = server.port();
    QCOMPARE(server.terminate(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(alice.state, ChatService::ConnectionState::Offline, kWaitMs);
    QList<QByteArray> offlineIds;
    for (int i = 1; i <= 3; ++i) {
        const QByteArray id = crypto::randomBytes(16);
        offlineIds.append(id);
        alice.call([general, id, i](ChatService& s) {
            s.sendMessage(general, id, QStringLiteral("written offline %1").arg(i), 0);
        });
    }
    QTest::qWait(500);
    QVERIFY(alice.failures.isEmpty());
    QVERIFY(!alice.sent.contains(offlineIds.first()));

    // Back on the same address: both reconnect by themselves (backoff with jitter), the
    // queue goes out in order, once, and Bob catches up on what he missed.
    test::MoimdProcess again;
    QVERIFY(again.start(data.path(),
                        QStringLiteral("sqlite:") + data.filePath(QStringLiteral("moim.db")),
                        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)}));
    QTRY_COMPARE_WITH_TIMEOUT(alice.state, ChatService::ConnectionState::Online, 60'000);
    for (const QByteArray& id : offlineIds)
        QTRY_VERIFY_WITH_TIMEOUT(alice.sent.contains(id), kWaitMs);
    QVERIFY(alice.sent.value(offlineIds[0]) < alice.sent.value(offlineIds[1]));
    QVERIFY(alice.sent.value(offlineIds[1]) < alice.sent.value(offlineIds[2]));
    QTRY_COMPARE_WITH_TIMEOUT(bob.state, ChatService::ConnectionState::Online, 60'000);
    QTRY_COMPARE_WITH_TIMEOUT(bob.readable(protocol::EventKind::Message).size(), 4, kWaitMs);
    QStringList texts;
    for (const DecryptedEvent& event : bob.readable(protocol::EventKind::Message))
        texts.append(event.content.text);
    QCOMPARE(
        texts,
        (QStringList{QStringLiteral("hello @bob, **welcome**"), QStringLiteral("written offline 1"),
                     QStringLiteral("written offline 2"), QStringLiteral("written offline 3")}));
    QVERIFY(alice.failures.isEmpty());

    // History pages decrypt too.
    alice.call([general](ChatService& s) { s.openRoom(general); });
    QTRY_VERIFY_WITH_TIMEOUT(std::count_if(alice.history.cbegin(), alice.history.cend(),
                                           [](const DecryptedEvent& e) {
                                               return e.content.text ==
                                                      QLatin1String("written offline 3");
                                           }) >= 1,
                             kWaitMs);

    // The app closes and opens again with the server down: the last state comes from the
    // encrypted cache (rooms, the messages read, search), with no network.
    QCOMPARE(again.terminate(), 0);
    alice.thread.quit();
    alice.thread.wait();
    {
        Person reopened(aliceDir.path());
        reopened.call([](ChatService& s) { s.start(); });
        QTRY_VERIFY_WITH_TIMEOUT(reopened.profile.userId == alice.profile.userId, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(reopened.channels.contains(QStringLiteral("general")), kWaitMs);
        QVERIFY(reopened.state != ChatService::ConnectionState::Online);
        reopened.call([general](ChatService& s) { s.openRoom(general); });
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(reopened.history.cbegin(), reopened.history.cend(),
                                             [](const DecryptedEvent& e) {
                                                 return e.content.text ==
                                                        QLatin1String("written offline 3");
                                             }),
                                 kWaitMs);
        reopened.call([](ChatService& s) { s.search(QStringLiteral("offline")); });
        QTRY_COMPARE_WITH_TIMEOUT(reopened.searchHits.size(), 3, kWaitMs);
        QCOMPARE(reopened.searchHits.first().text, QStringLiteral("written offline 3"));
        // Written now and the app closed before the connection returns: kept, sent later.
        // A reply in a thread too.
        reopened.call([general](ChatService& s) {
            s.sendMessage(general, QByteArrayLiteral("0123456789abcdef"),
                          QStringLiteral("written before closing"), 0);
        });
        reopened.call([general, firstSeq](ChatService& s) {
            s.sendMessage(general, QByteArrayLiteral("fedcba9876543210"),
                          QStringLiteral("a reply before closing"), firstSeq);
        });
        QTest::qWait(300);
        reopened.thread.quit();
        reopened.thread.wait();
    }
    {
        // Opened again, still offline: the message waiting in the outbox shows in its room,
        // mine and sending, though nothing but the cache knows of it.
        Person offline(aliceDir.path());
        offline.call([](ChatService& s) { s.start(); });
        QTRY_VERIFY_WITH_TIMEOUT(offline.channels.contains(QStringLiteral("general")), kWaitMs);
        offline.call([general](ChatService& s) { s.openRoom(general); });
        QTRY_COMPARE_WITH_TIMEOUT(offline.pending.size(), 1, kWaitMs);
        const chat::ChatMessage waiting = offline.pending.first();
        QCOMPARE(waiting.clientId, QByteArrayLiteral("0123456789abcdef"));
        QCOMPARE(waiting.text, QStringLiteral("written before closing"));
        QCOMPARE(waiting.senderUserId, alice.profile.userId);
        QCOMPARE(waiting.delivery, chat::ChatMessage::Delivery::Sending);
        QVERIFY(waiting.createdMs > 0);
        QCOMPARE(waiting.threadRoot, quint64(0));
        // The reply waits in its thread, not in the room.
        offline.call([general, firstSeq](ChatService& s) { s.openThread(general, firstSeq); });
        QTRY_VERIFY_WITH_TIMEOUT(
            !offline.pending.isEmpty() && offline.pending.first().threadRoot == firstSeq, kWaitMs);
        QCOMPARE(offline.pending.size(), 1);
        QCOMPARE(offline.pending.first().text, QStringLiteral("a reply before closing"));
        offline.thread.quit();
        offline.thread.wait();
    }
    test::MoimdProcess third;
    QVERIFY(third.start(data.path(),
                        QStringLiteral("sqlite:") + data.filePath(QStringLiteral("moim.db")),
                        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)}));
    Person reopened(aliceDir.path());
    reopened.call([](ChatService& s) { s.start(); });
    QTRY_VERIFY_WITH_TIMEOUT(reopened.sent.contains(QByteArrayLiteral("0123456789abcdef")), 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(bob.events.cbegin(), bob.events.cend(),
                                         [](const DecryptedEvent& e) {
                                             return e.content.text ==
                                                    QLatin1String("written before closing");
                                         }),
                             60'000);
}

void TestChatService::wrongPasswordAndUnreachableServer()
{
    QTemporaryDir data;
    QTemporaryDir profile;
    test::MoimdProcess server;
    QVERIFY(server.start(data.path(),
                         QStringLiteral("sqlite:") + data.filePath(QStringLiteral("moim.db"))));
    Person person(profile.path());
    const QUrl url = server.webSocketUrl();
    person.call([url](ChatService& s) {
        s.signIn(url, QStringLiteral("carol"), QStringLiteral("right password"), true, {});
    });
    QTRY_VERIFY_WITH_TIMEOUT(person.profile.userId != 0, kWaitMs);

    QTemporaryDir otherProfile;
    Person again(otherProfile.path());
    again.call([url](ChatService& s) {
        s.signIn(url, QStringLiteral("carol"), QStringLiteral("wrong password"), false, {});
    });
    QTRY_COMPARE_WITH_TIMEOUT(again.failures.size(), 1, kWaitMs);
    QVERIFY2(again.failures.first().contains(QLatin1String("password"), Qt::CaseInsensitive),
             qPrintable(again.failures.first()));
    QCOMPARE(again.profile.userId, quint64(0));

    // Nothing listens there: a clear answer, not a hang.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QUrl nowhere(QStringLiteral("ws://127.0.0.1:%1").arg(probe.serverPort()));
    probe.close();
    again.call([nowhere](ChatService& s) {
        s.signIn(nowhere, QStringLiteral("carol"), QStringLiteral("right password"), false, {});
    });
    QTRY_COMPARE_WITH_TIMEOUT(again.failures.size(), 2, kWaitMs);
    QVERIFY2(again.failures.last().contains(QLatin1String("Cannot reach")),
             qPrintable(again.failures.last()));
}

void TestChatService::rateLimitedOutboxWaits()
{
    // A server that allows few requests a second: a long outbox waits as told and goes out
    // whole, in order, with nothing failed.
    QTemporaryDir data;
    QTemporaryDir profile;
    test::MoimdProcess server;
    QVERIFY(server.start(data.path(),
                         QStringLiteral("sqlite:") + data.filePath(QStringLiteral("moim.db")),
                         {QStringLiteral("--requests-per-second"), QStringLiteral("20"),
                          QStringLiteral("--request-burst"), QStringLiteral("20")}));
    const QUrl url = server.webSocketUrl();
    Person person(profile.path());
    person.call([url](ChatService& s) {
        s.signIn(url, QStringLiteral("dana"), QStringLiteral("dana password 1"), true, {});
    });
    QTRY_VERIFY_WITH_TIMEOUT(person.profile.userId != 0, kWaitMs);
    person.call(
        [](ChatService& s) { s.createTeam(QStringLiteral("quiet"), QStringLiteral("Quiet")); });
    QTRY_VERIFY_WITH_TIMEOUT(person.channels.contains(QStringLiteral("general")), kWaitMs);
    const quint64 general = person.channels.value(QStringLiteral("general")).roomId;
    QList<QByteArray> ids;
    for (int i = 0; i < 40; ++i) {
        const QByteArray id = crypto::randomBytes(16);
        ids.append(id);
        person.call([general, id, i](ChatService& s) {
            s.sendMessage(general, id, QStringLiteral("burst %1").arg(i), 0);
        });
    }
    QTRY_VERIFY2_WITH_TIMEOUT(person.sent.size() == ids.size(),
                              qPrintable(QStringLiteral("%1 sent, state %2, failures: %3")
                                             .arg(person.sent.size())
                                             .arg(int(person.state))
                                             .arg(person.failures.join(QLatin1Char('|')))),
                              60'000);
    QVERIFY2(person.failures.isEmpty(), qPrintable(person.failures.join(QLatin1Char('|'))));
    for (qsizetype i = 1; i < ids.size(); ++i)
        QVERIFY(person.sent.value(ids[i - 1]) < person.sent.value(ids[i]));
}

QTEST_GUILESS_MAIN(TestChatService)
#include "TestChatService.moc"
