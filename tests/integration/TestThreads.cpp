// thread_history against a real moimd on both backends: the replies of one thread in order,
// paged with after, with the flags history gives them; and every refusal.

#include <QTemporaryDir>
#include <QTest>
#include <client/Connection.h>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/StampedSend.h>
#include <testsupport/TestDatabases.h>

using moim::client::Connection;
using moim::client::MessageContent;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

struct User {
    std::unique_ptr<Connection> connection = std::make_unique<Connection>();
    Session session;
};

// In #general: a message, the root, then three replies to it by two people with a message
// and another thread's root and reply in between; the first reply edited, the second deleted.
// A private channel alice alone is in, and a public one bob never joined, each with a thread.
struct Fixture {
    User alice, bob, mallory;
    quint64 general = 0;
    quint64 secret = 0;
    quint64 open = 0;
    quint64 before = 0;
    quint64 root = 0;
    QList<quint64> replies;
    quint64 between = 0;
    quint64 otherRoot = 0;
    quint64 otherReply = 0;
    quint64 edit = 0;
    quint64 secretRoot = 0;
    quint64 openRoot = 0;
    quint64 openReply = 0;
};

Send message(quint64 roomId, const QString& text, std::optional<quint64> threadRoot = {})
{
    Send send;
    send.roomId = roomId;
    send.clientId = moim::crypto::randomBytes(16);
    send.envelope = MessageContent::ofText(text).toEnvelope();
    send.threadRoot = threadRoot;
    return send;
}

Send pointingAt(quint64 roomId, EventKind kind, quint64 target)
{
    Send send;
    send.roomId = roomId;
    send.clientId = moim::crypto::randomBytes(16);
    send.kind = kind;
    send.refSeq = target;
    return send;
}

QList<quint64> seqsOf(const Events& page)
{
    QList<quint64> seqs;
    for (const RoomEvent& event : page.events)
        seqs.append(event.seq);
    return seqs;
}

} // namespace

class TestThreads : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static bool signUp(moim::test::MoimdProcess& server, User& user, const QString& name)
    {
        QString error;
        if (!user.connection->openAndWait(server.webSocketUrl(), 10'000, &error))
            return false;
        const auto session =
            user.connection->callAndWait<Session>(SignUp{name, kPassword, {}, QStringLiteral("d")});
        if (!session)
            return false;
        user.session = session.value();
        return true;
    }

    // The seq of a stored event, or 0 when it was refused.
    static quint64 stored(User& user, const Send& send)
    {
        const auto sent = moim::test::sendStamped(*user.connection, send);
        if (!sent)
            qWarning().noquote() << "send refused:" << sent.error().message;
        return sent ? sent->seq : 0;
    }

    static bool build(moim::test::MoimdProcess& server, Fixture& f)
    {
        if (!signUp(server, f.alice, QStringLiteral("alice")) ||
            !signUp(server, f.bob, QStringLiteral("bob")) ||
            !signUp(server, f.mallory, QStringLiteral("mallory")))
            return false;
        const auto team =
            f.alice.connection->callAndWait<TeamInfo>(CreateTeam{QStringLiteral("acme"), {}});
        if (!team)
            return false;
        const auto code =
            f.alice.connection->callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
        if (!code || !f.bob.connection->callAndWait<TeamInfo>(JoinTeam{code->code}))
            return false;
        f.general = f.alice.connection->callAndWait<RoomList>(ListRooms{team->teamId})
                        ->rooms.first()
                        .roomId;

        User& a = f.alice;
        User& b = f.bob;
        f.before = stored(a, message(f.general, QStringLiteral("before")));
        f.root = stored(a, message(f.general, QStringLiteral("root")));
        f.replies.append(stored(b, message(f.general, QStringLiteral("r1"), f.root)));
        f.between = stored(a, message(f.general, QStringLiteral("between")));
        f.otherRoot = stored(b, message(f.general, QStringLiteral("other root")));
        f.otherReply = stored(a, message(f.general, QStringLiteral("other r1"), f.otherRoot));
        f.replies.append(stored(a, message(f.general, QStringLiteral("r2"), f.root)));
        f.replies.append(stored(b, message(f.general, QStringLiteral("r3"), f.root)));
        Send edit = message(f.general, QStringLiteral("r1, edited"));
        edit.kind = EventKind::Edit;
        edit.refSeq = f.replies[0];
        f.edit = stored(b, edit);
        if (!stored(a, pointingAt(f.general, EventKind::Delete, f.replies[1])))
            return false;

        const auto secret = a.connection->callAndWait<RoomInfo>(
            CreateChannel{team->teamId, QStringLiteral("secret"), true, {}});
        const auto open = a.connection->callAndWait<RoomInfo>(
            CreateChannel{team->teamId, QStringLiteral("open"), false, {}});
        if (!secret || !open)
            return false;
        f.secret = secret->roomId;
        f.open = open->roomId;
        f.secretRoot = stored(a, message(f.secret, QStringLiteral("secret root")));
        f.openRoot = stored(a, message(f.open, QStringLiteral("open root")));
        f.openReply = stored(a, message(f.open, QStringLiteral("o1"), f.openRoot));
        const quint64 secretReply =
            stored(a, message(f.secret, QStringLiteral("s1"), f.secretRoot));
        QList<quint64> all{f.before, f.root,       f.between,  f.otherRoot, f.otherReply,
                           f.edit,   f.secretRoot, f.openRoot, f.openReply, secretReply};
        all += f.replies;
        return !all.contains(0);
    }

private Q_SLOTS:
    void repliesInOrderAndPaged_data() { moim::test::addBackendRows(); }
    void repliesInOrderAndPaged()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        moim::test::MoimdProcess server;
        QVERIFY(server.start(m_dir.filePath(QStringLiteral("paged-") + backend), db.url()));
        Fixture f;
        QVERIFY2(build(server, f), server.log().constData());
        Connection& bob = *f.bob.connection;

        // Exactly the three replies, in order: not the root, not the other thread, not the
        // messages or the edit between them.
        const auto whole = bob.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, 50});
        QVERIFY2(whole, qPrintable(whole ? QString() : whole.error().message));
        QCOMPARE(whole->roomId, f.general);
        QCOMPARE(seqsOf(whole.value()), f.replies);
        QVERIFY(!whole->hasMoreBefore);
        QVERIFY(!whole->hasMoreAfter);

        // Each reply exactly as history gives it: the edited one flagged, the deleted one
        // included, flagged and erased.
        const auto room = bob.callAndWait<Events>(History{f.general, {}, {}, {}, 200});
        QVERIFY(room);
        for (const RoomEvent& reply : whole->events) {
            QCOMPARE(reply.kind, EventKind::Message);
            QCOMPARE(reply.threadRoot, std::optional<quint64>(f.root));
            const auto same = std::find_if(room->events.cbegin(), room->events.cend(),
                                           [&](const RoomEvent& e) { return e.seq == reply.seq; });
            QVERIFY(same != room->events.cend());
            QVERIFY(*same == reply);
        }
        QVERIFY(whole->events[0].edited);
        QCOMPARE(MessageContent::fromEnvelope(whole->events[0].envelope)->text,
                 QStringLiteral("r1")); // its own envelope keeps the original content
        QVERIFY(whole->events[1].deleted);
        QVERIFY(whole->events[1].envelope.isEmpty());
        QCOMPARE(whole->events[2].senderUserId, f.bob.session.userId);

        // Forward with after, two at a time.
        const auto first = bob.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, 2});
        QVERIFY(first);
        QCOMPARE(seqsOf(first.value()), f.replies.mid(0, 2));
        QVERIFY(first->hasMoreAfter);
        QVERIFY(!first->hasMoreBefore);
        const auto second =
            bob.callAndWait<Events>(ThreadHistory{f.general, f.root, first->events.last().seq, 2});
        QVERIFY(second);
        QCOMPARE(seqsOf(second.value()), f.replies.mid(2));
        QVERIFY(!second->hasMoreAfter);
        QVERIFY(!second->hasMoreBefore);
        // A page that ends exactly on the last reply says nothing follows.
        const auto exact = bob.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, 3});
        QVERIFY(exact);
        QCOMPARE(seqsOf(exact.value()), f.replies);
        QVERIFY(!exact->hasMoreAfter);
        // after need not be a reply: any seq is a cursor.
        const auto fromBetween =
            bob.callAndWait<Events>(ThreadHistory{f.general, f.root, f.between, 50});
        QVERIFY(fromBetween);
        QCOMPARE(seqsOf(fromBetween.value()), f.replies.mid(1));
        const auto past =
            bob.callAndWait<Events>(ThreadHistory{f.general, f.root, f.replies.last(), 50});
        QVERIFY(past);
        QVERIFY(past->events.isEmpty());
        QVERIFY(!past->hasMoreAfter);
        QCOMPARE(bob.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, 1})->events.size(),
                 1);
        QVERIFY(bob.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, 200}));

        // A message without replies has an empty thread; a deleted root keeps its replies.
        const auto none = bob.callAndWait<Events>(ThreadHistory{f.general, f.before, {}, 50});
        QVERIFY(none);
        QVERIFY(none->events.isEmpty());
        QVERIFY(!none->hasMoreAfter);
        QVERIFY(
            moim::test::sendStamped(bob, pointingAt(f.general, EventKind::Delete, f.otherRoot)));
        const auto orphaned =
            bob.callAndWait<Events>(ThreadHistory{f.general, f.otherRoot, {}, 50});
        QVERIFY(orphaned);
        QCOMPARE(seqsOf(orphaned.value()), QList<quint64>{f.otherReply});

        // Whoever may read the room may read its threads, as with history: bob is in the team
        // but not in the public channel.
        const auto open = bob.callAndWait<Events>(ThreadHistory{f.open, f.openRoot, {}, 50});
        QVERIFY2(open, qPrintable(open ? QString() : open.error().message));
        QCOMPARE(open->events.size(), 1);
    }

    void refusals_data() { moim::test::addBackendRows(); }
    void refusals()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        moim::test::MoimdProcess server;
        QVERIFY(server.start(m_dir.filePath(QStringLiteral("refusals-") + backend), db.url()));
        Fixture f;
        QVERIFY2(build(server, f), server.log().constData());
        Connection& alice = *f.alice.connection;
        Connection& bob = *f.bob.connection;
        Connection& mallory = *f.mallory.connection;
        const auto refusal = [](const Result<Events>& outcome) {
            return outcome
                       ? std::pair{QStringLiteral("ok"), QString()}
                       : std::pair{errorCodeName(outcome.error().code), outcome.error().message};
        };
        const auto expect = [&](const char* code, const QString& message) {
            return std::pair{QString::fromLatin1(code), message};
        };
        const QString noRoom = QStringLiteral("no such room");

        // Not in the team; not in the private channel; not a room at all. The same answer as
        // history gives them, which does not say whether the room exists.
        QCOMPARE(refusal(mallory.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, 50})),
                 expect("not_found", noRoom));
        QCOMPARE(refusal(mallory.callAndWait<Events>(History{f.general, {}, {}, {}, 50})),
                 expect("not_found", noRoom));
        QCOMPARE(refusal(bob.callAndWait<Events>(ThreadHistory{f.secret, f.secretRoot, {}, 50})),
                 expect("not_found", noRoom));
        QCOMPARE(refusal(bob.callAndWait<Events>(History{f.secret, {}, {}, {}, 50})),
                 expect("not_found", noRoom));
        QCOMPARE(refusal(alice.callAndWait<Events>(ThreadHistory{999'999, f.root, {}, 50})),
                 expect("not_found", noRoom));
        QCOMPARE(
            alice.callAndWait<Events>(ThreadHistory{f.secret, f.secretRoot, {}, 50})->events.size(),
            1);

        // Roots that are not messages of this room.
        QCOMPARE(refusal(bob.callAndWait<Events>(ThreadHistory{f.general, 999'999, {}, 50})),
                 expect("not_found", QStringLiteral("no message 999999 in this room")));
        QCOMPARE(refusal(bob.callAndWait<Events>(ThreadHistory{f.general, 0, {}, 50})),
                 expect("not_found", QStringLiteral("no message 0 in this room")));
        QCOMPARE(refusal(bob.callAndWait<Events>(ThreadHistory{f.general, f.edit, {}, 50})),
                 expect("not_found", QStringLiteral("no message %1 in this room").arg(f.edit)));
        // bob joining #general: an event, but not a message.
        const auto room = bob.callAndWait<Events>(History{f.general, {}, {}, {}, 200});
        QVERIFY(room);
        const auto joined =
            std::find_if(room->events.cbegin(), room->events.cend(),
                         [](const RoomEvent& e) { return e.kind == EventKind::MemberJoined; });
        QVERIFY(joined != room->events.cend());
        QCOMPARE(
            refusal(bob.callAndWait<Events>(ThreadHistory{f.general, joined->seq, {}, 50})),
            expect("not_found", QStringLiteral("no message %1 in this room").arg(joined->seq)));
        // The root is looked up in the room asked about: #general's root is past the end of
        // the public channel.
        QVERIFY(f.root > f.openReply);
        QCOMPARE(refusal(bob.callAndWait<Events>(ThreadHistory{f.open, f.root, {}, 50})),
                 expect("not_found", QStringLiteral("no message %1 in this room").arg(f.root)));

        // A reply names its thread's root, and is no root itself.
        QCOMPARE(
            refusal(bob.callAndWait<Events>(ThreadHistory{f.general, f.replies[0], {}, 50})),
            expect("bad_request", QStringLiteral("a thread is named by its root, not by a reply")));
        // Even a deleted reply.
        QCOMPARE(
            refusal(bob.callAndWait<Events>(ThreadHistory{f.general, f.replies[1], {}, 50})).first,
            QStringLiteral("bad_request"));

        // The limit, checked before anything else.
        for (const quint64 limit : {quint64(0), quint64(201)}) {
            QCOMPARE(refusal(bob.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, limit})),
                     expect("bad_request", QStringLiteral("limit is 1 to 200")));
            QCOMPARE(
                refusal(mallory.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, limit})),
                expect("bad_request", QStringLiteral("limit is 1 to 200")));
        }

        // Without a session.
        Connection guest;
        QString error;
        QVERIFY(guest.openAndWait(server.webSocketUrl(), 10'000, &error));
        QCOMPARE(refusal(guest.callAndWait<Events>(ThreadHistory{f.general, f.root, {}, 50})).first,
                 QStringLiteral("not_authenticated"));
    }
};

QTEST_GUILESS_MAIN(TestThreads)
#include "TestThreads.moc"
