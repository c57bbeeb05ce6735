#include <QDateTime>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <client/Connection.h>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>
#include <server/DbContext.h>
#include <server/SocialStore.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/StampedSend.h>
#include <testsupport/TestDatabases.h>

using moim::client::Connection;
using moim::client::MessageContent;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

// One device of a user, with what the server pushed to it.
struct Device {
    Connection connection;
    Session session;
    QList<RoomEvent> events;
    QList<ReadMarker> markers;

    Device()
    {
        QObject::connect(&connection, &Connection::eventReceived, &connection,
                         [this](const Frame& frame) {
                             QString problem;
                             if (frame.type == MessageType::RoomEvent)
                                 events.append(*RoomEvent::fromCbor(frame.body, &problem));
                             else if (frame.type == MessageType::ReadMarker)
                                 markers.append(*ReadMarker::fromCbor(frame.body, &problem));
                         });
    }
    QList<RoomEvent> messagesIn(quint64 roomId) const
    {
        QList<RoomEvent> found;
        for (const RoomEvent& event : events) {
            if (event.roomId == roomId && event.kind == EventKind::Message)
                found.append(event);
        }
        return found;
    }
};

Send message(quint64 roomId, const QString& text)
{
    Send send;
    send.roomId = roomId;
    send.clientId = moim::crypto::randomBytes(16);
    send.envelope = MessageContent::ofText(text).toEnvelope();
    return send;
}

QString textOf(const RoomEvent& event)
{
    return MessageContent::fromEnvelope(event.envelope).value_or(MessageContent{}).text;
}

} // namespace

class TestMessaging : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<moim::test::ScratchDatabase> m_db;
    std::unique_ptr<moim::test::MoimdProcess> m_server;
    std::vector<std::unique_ptr<Device>> m_devices;

    bool start(const QString& backend)
    {
        m_db = std::make_unique<moim::test::ScratchDatabase>();
        if (!m_db->create(backend))
            return false;
        m_server = std::make_unique<moim::test::MoimdProcess>();
        return m_server->start(m_dir.path(), m_db->url());
    }

    Device& device(const QString& user, bool signUp)
    {
        m_devices.push_back(std::make_unique<Device>());
        Device& d = *m_devices.back();
        QString error;
        if (!d.connection.openAndWait(m_server->webSocketUrl(), 10'000, &error))
            qFatal("cannot connect: %s", qPrintable(error));
        const auto session =
            signUp
                ? d.connection.callAndWait<Session>(
                      SignUp{user, kPassword, {}, QStringLiteral("d")})
                : d.connection.callAndWait<Session>(LogIn{user, kPassword, QStringLiteral("d2")});
        if (!session)
            qFatal("cannot sign in %s: %s", qPrintable(user), qPrintable(session.error().message));
        d.session = session.value();
        return d;
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

    void teamChannelMessagesAndSync_data() { moim::test::addBackendRows(); }
    void teamChannelMessagesAndSync()
    {
        QFETCH(QString, backend);
        if (!start(backend))
            MOIM_SKIP_OR_FAIL_UNSTARTED(backend);
        Device& alice = device(QStringLiteral("alice"), true);
        Device& alice2 = device(QStringLiteral("alice"), false); // her second device
        Device& bob = device(QStringLiteral("bob"), true);
        Device& mallory = device(QStringLiteral("mallory"), true); // in no team of theirs

        const auto team = alice.connection.callAndWait<TeamInfo>(
            CreateTeam{QStringLiteral("acme"), QStringLiteral("Acme")});
        QVERIFY(team);
        QCOMPARE(team->role, TeamRole::Owner);
        QCOMPARE(alice.connection.callAndWait<TeamInfo>(CreateTeam{QStringLiteral("ACME"), {}})
                     .error()
                     .code,
                 ErrorCode::Conflict);
        // Only admins invite; the invite is used once at most here.
        const auto invite =
            alice.connection.callAndWait<Invite>(CreateInvite{team->teamId, 60'000, 1});
        QVERIFY(invite);
        // Crockford's base32: nothing a command line could take for an option.
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{20}$"))
                     .match(invite->code)
                     .hasMatch(),
                 qPrintable(invite->code));
        QCOMPARE(
            bob.connection.callAndWait<Invite>(CreateInvite{team->teamId, {}, {}}).error().code,
            ErrorCode::NotFound);
        QVERIFY(bob.connection.callAndWait<TeamInfo>(JoinTeam{invite->code}));
        QCOMPARE(mallory.connection.callAndWait<TeamInfo>(JoinTeam{invite->code}).error().code,
                 ErrorCode::NotFound); // used up
        QCOMPARE(mallory.connection.callAndWait<TeamInfo>(JoinTeam{QStringLiteral("nonsense")})
                     .error()
                     .code,
                 ErrorCode::NotFound);

        const auto rooms = bob.connection.callAndWait<RoomList>(ListRooms{team->teamId});
        QVERIFY(rooms);
        QCOMPARE(rooms->rooms.size(), 1);
        const RoomInfo general = rooms->rooms.first();
        QCOMPARE(general.name, QStringLiteral("general"));
        QVERIFY(general.member);
        QCOMPARE(mallory.connection.callAndWait<RoomList>(ListRooms{team->teamId}).error().code,
                 ErrorCode::NotFound);

        // A message reaches every device of every member at once, the sender's other device too.
        Send hello = message(general.roomId, QStringLiteral("hello @bob"));
        hello.mentions = {bob.session.userId, mallory.session.userId}; // mallory is dropped
        const auto sent = moim::test::sendStamped(alice.connection, hello);
        QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().message));
        QVERIFY(!sent->duplicate);
        QTRY_COMPARE(bob.messagesIn(general.roomId).size(), 1);
        QTRY_COMPARE(alice2.messagesIn(general.roomId).size(), 1);
        QCOMPARE(textOf(bob.messagesIn(general.roomId).first()), QStringLiteral("hello @bob"));
        QCOMPARE(bob.messagesIn(general.roomId).first().mentions,
                 QList<quint64>{bob.session.userId});
        QVERIFY(alice.messagesIn(general.roomId).isEmpty()); // the sender's socket got `sent`
        QVERIFY(mallory.events.isEmpty());

        // The same client id again: one message, the same answer.
        const auto again = moim::test::sendStamped(alice.connection, hello);
        QVERIFY(again);
        QVERIFY(again->duplicate);
        QCOMPARE(again->seq, sent->seq);
        QTest::qWait(200);
        QCOMPARE(bob.messagesIn(general.roomId).size(), 1);

        // Unread and mention counts, then the read marker moves forward only and syncs.
        auto bobRoom = bob.connection.callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first();
        QCOMPARE(bobRoom.unread, 1);
        QCOMPARE(bobRoom.mentions, 1);
        QCOMPARE(bob.connection.callAndWait<TeamList>(ListTeams{})->teams.first().mentions, 1);
        Device& bob2 = device(QStringLiteral("bob"), false);
        QVERIFY(bob.connection.callAndWait<Ok>(MarkRead{general.roomId, sent->seq}));
        QTRY_COMPARE(bob2.markers.size(), 1);
        QCOMPARE(bob2.markers.first().readSeq, sent->seq);
        QVERIFY(bob.connection.callAndWait<Ok>(MarkRead{general.roomId, 1})); // backwards: no-op
        bobRoom = bob.connection.callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first();
        QCOMPARE(bobRoom.readSeq, sent->seq);
        QCOMPARE(bobRoom.unread, 0);
        QVERIFY(bob.connection.callAndWait<Ok>(MarkUnread{general.roomId, sent->seq}));
        QCOMPARE(
            bob.connection.callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first().unread, 1);

        // Threads, reactions, edits, pins, deletes.
        Send reply = message(general.roomId, QStringLiteral("a reply"));
        reply.threadRoot = sent->seq;
        const auto replied = moim::test::sendStamped(bob.connection, reply);
        QVERIFY(replied);
        Send replyToReply = message(general.roomId, QStringLiteral("nested"));
        replyToReply.threadRoot = replied->seq;
        QCOMPARE(moim::test::sendStamped(bob.connection, replyToReply).error().code,
                 ErrorCode::BadRequest);
        Send react;
        react.roomId = general.roomId;
        react.clientId = moim::crypto::randomBytes(16);
        react.kind = EventKind::ReactionAdd;
        react.refSeq = sent->seq;
        react.reactionKey = QByteArrayLiteral("\xf0\x9f\x91\x8d");
        QVERIFY(moim::test::sendStamped(bob.connection, react));
        react.clientId = moim::crypto::randomBytes(16);
        QCOMPARE(moim::test::sendStamped(bob.connection, react).error().code, ErrorCode::Conflict);
        Send edit = message(general.roomId, QStringLiteral("hello @bob!"));
        edit.kind = EventKind::Edit;
        edit.refSeq = sent->seq;
        QCOMPARE(moim::test::sendStamped(bob.connection, edit).error().code, ErrorCode::Forbidden);
        edit.clientId = moim::crypto::randomBytes(16);
        QVERIFY(moim::test::sendStamped(alice.connection, edit));
        Send pin;
        pin.roomId = general.roomId;
        pin.clientId = moim::crypto::randomBytes(16);
        pin.kind = EventKind::Pin;
        pin.refSeq = sent->seq;
        QVERIFY(moim::test::sendStamped(bob.connection, pin));
        Send remove;
        remove.roomId = general.roomId;
        remove.clientId = moim::crypto::randomBytes(16);
        remove.kind = EventKind::Delete;
        remove.refSeq = replied->seq;
        // The team owner may delete bob's reply; mallory may not even see it.
        QVERIFY(moim::test::sendStamped(alice2.connection, remove));

        const auto page =
            bob.connection.callAndWait<Events>(History{general.roomId, {}, {}, sent->seq, 10});
        QVERIFY(page);
        const RoomEvent root =
            *std::find_if(page->events.begin(), page->events.end(),
                          [&](const RoomEvent& e) { return e.seq == sent->seq; });
        QCOMPARE(root.replyCount, 1);
        QVERIFY(root.edited);
        QVERIFY(root.pinned);
        const auto pins = bob.connection.callAndWait<Events>(ListPins{general.roomId});
        QVERIFY(pins);
        QCOMPARE(pins->events.size(), 1);
        QCOMPARE(pins->events.first().seq, sent->seq);
        QCOMPARE(mallory.connection.callAndWait<Events>(ListPins{general.roomId}).error().code,
                 ErrorCode::NotFound);
        QVERIFY(!root.deleted);

        // Mallory cannot read, send or touch the room.
        QCOMPARE(mallory.connection.callAndWait<Events>(History{general.roomId, {}, {}, {}, 10})
                     .error()
                     .code,
                 ErrorCode::NotFound);
        QCOMPARE(moim::test::sendStamped(mallory.connection,
                                         message(general.roomId, QStringLiteral("x")))
                     .error()
                     .code,
                 ErrorCode::NotFound);
        QCOMPARE(mallory.connection.callAndWait<Ok>(MarkRead{general.roomId, 1}).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(mallory.connection.callAndWait<RoomInfo>(OpenDirect{{alice.session.userId}})
                     .error()
                     .code,
                 ErrorCode::Forbidden);

        // Reconnect: bob2 goes away, messages arrive meanwhile, and paging after its last
        // position returns exactly what it missed, in order.
        const quint64 lastSeen = bob2.events.last().seq;
        bob2.connection.close();
        QTRY_VERIFY(bob2.connection.state() == Connection::State::Disconnected);
        QList<quint64> missed;
        for (int i = 0; i < 25; ++i) {
            const auto s = moim::test::sendStamped(
                alice.connection, message(general.roomId, QStringLiteral("m%1").arg(i)));
            QVERIFY(s);
            missed.append(s->seq);
        }
        Device& bob3 = device(QStringLiteral("bob"), false);
        QList<quint64> caughtUp;
        quint64 cursor = lastSeen;
        for (;;) {
            const auto more =
                bob3.connection.callAndWait<Events>(History{general.roomId, {}, cursor, {}, 7});
            QVERIFY(more);
            for (const RoomEvent& e : more->events)
                caughtUp.append(e.seq);
            if (!more->hasMoreAfter)
                break;
            cursor = more->events.last().seq;
        }
        QCOMPARE(caughtUp.size(), qsizetype(caughtUp.last() - lastSeen));
        for (qsizetype i = 1; i < caughtUp.size(); ++i)
            QCOMPARE(caughtUp[i], caughtUp[i - 1] + 1); // no gaps, no duplicates
        QCOMPARE(caughtUp.mid(caughtUp.size() - missed.size()), missed);

        // Paging backwards never uses offsets and ends where the room began.
        QList<quint64> backwards;
        std::optional<quint64> before;
        for (;;) {
            const auto older =
                bob.connection.callAndWait<Events>(History{general.roomId, before, {}, {}, 9});
            QVERIFY(older);
            for (auto it = older->events.crbegin(); it != older->events.crend(); ++it)
                backwards.append(it->seq);
            if (!older->hasMoreBefore)
                break;
            before = older->events.first().seq;
        }
        QCOMPARE(backwards.last(), 1);
        QCOMPARE(backwards.first(), missed.last());
        QCOMPARE(
            bob.connection.callAndWait<Events>(History{general.roomId, 5, 3, {}, 10}).error().code,
            ErrorCode::BadRequest);
        QCOMPARE(bob.connection.callAndWait<Events>(History{general.roomId, {}, {}, {}, 201})
                     .error()
                     .code,
                 ErrorCode::BadRequest);

        // Direct messages between people who share a team.
        const auto direct =
            bob.connection.callAndWait<RoomInfo>(OpenDirect{{alice.session.userId}});
        QVERIFY(direct);
        QCOMPARE(direct->kind, RoomKind::Direct);
        QCOMPARE(alice.connection.callAndWait<RoomInfo>(OpenDirect{{bob.session.userId}})->roomId,
                 direct->roomId);
        QVERIFY(moim::test::sendStamped(bob.connection,
                                        message(direct->roomId, QStringLiteral("psst"))));
        QTRY_COMPARE(alice.messagesIn(direct->roomId).size(), 1);
        QTRY_COMPARE(alice2.messagesIn(direct->roomId).size(), 1);
        QCOMPARE(mallory.connection.callAndWait<Events>(History{direct->roomId, {}, {}, {}, 10})
                     .error()
                     .code,
                 ErrorCode::NotFound);
    }

    // Sends that arrive together share commits; on PostgreSQL their plain messages are
    // stored as one batch (SendBatch). Whatever shares a batch: every send is stored once, in
    // order, without gaps in the sequence; a resend in the same burst gets the first answer;
    // a reaction (not batched) among them sees the messages before it; mentions count.
    void burstsStoreEverySendOnce_data() { moim::test::addBackendRows(); }
    void burstsStoreEverySendOnce()
    {
        QFETCH(QString, backend);
        if (!start(backend))
            MOIM_SKIP_OR_FAIL_UNSTARTED(backend);
        Device& alice = device(QStringLiteral("alice"), true);
        Device& bob = device(QStringLiteral("bob"), true);
        const auto team = alice.connection.callAndWait<TeamInfo>(
            CreateTeam{QStringLiteral("acme"), QStringLiteral("Acme")});
        QVERIFY(team);
        const auto invite =
            alice.connection.callAndWait<Invite>(CreateInvite{team->teamId, 60'000, 1});
        QVERIFY(invite);
        QVERIFY(bob.connection.callAndWait<TeamInfo>(JoinTeam{invite->code}));
        const auto direct =
            bob.connection.callAndWait<RoomInfo>(OpenDirect{{alice.session.userId}});
        QVERIFY(direct);
        const quint64 general =
            bob.connection.callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first().roomId;
        const QList<quint64> roomIds{general, direct->roomId};
        QHash<quint64, QByteArray> digests;
        QHash<quint64, quint64> lastSeqBefore;
        for (const quint64 roomId : roomIds) {
            const auto recipients =
                alice.connection.callAndWait<RoomRecipients>(RoomDevices{roomId});
            QVERIFY2(recipients, qPrintable(recipients ? QString() : recipients.error().message));
            digests[roomId] = recipients->digest;
            const auto newest =
                alice.connection.callAndWait<Events>(History{roomId, {}, {}, {}, 1});
            QVERIFY(newest);
            lastSeqBefore[roomId] = newest->events.isEmpty() ? 0 : newest->events.last().seq;
        }
        const auto first =
            moim::test::sendStamped(alice.connection, message(general, QStringLiteral("first")));
        QVERIFY(first);
        lastSeqBefore[general] = first->seq;

        struct Answer {
            quint64 roomId = 0;
            QString text; // empty for a reaction
            bool mentionsBob = false;
            std::optional<Result<Sent>> result;
        };
        std::vector<std::unique_ptr<Answer>> answers;
        QHash<int, std::pair<int, int>> resends; // index of a resend → of its original
        const auto post = [&](Device& from, const Send& send, const QString& text) {
            answers.push_back(std::make_unique<Answer>());
            Answer* answer = answers.back().get();
            answer->roomId = send.roomId;
            answer->text = text;
            answer->mentionsBob = send.mentions.contains(bob.session.userId);
            from.connection.call<Sent>(
                send, [answer](Result<Sent> result) { answer->result = std::move(result); });
            return int(answers.size()) - 1;
        };
        constexpr int kSends = 240;
        for (int i = 0; i < kSends; ++i) {
            const quint64 roomId = roomIds.at(i % 2);
            const QString text = QStringLiteral("burst %1").arg(i);
            Send send = message(roomId, text);
            send.recipients = digests.value(roomId);
            if (i % 5 == 0)
                send.mentions = {bob.session.userId};
            Device& from = i % 3 == 0 ? bob : alice;
            if (&from == &bob)
                send.mentions.clear();
            const int original = post(from, send, text);
            if (i % 10 == 0) // a resend before the answer came: the same event
                resends.insert(post(from, send, text), {original, i});
            if (i % 40 == 0) { // a reaction, which is not batched, among the messages
                Send react;
                react.roomId = general;
                react.clientId = moim::crypto::randomBytes(16);
                react.kind = EventKind::ReactionAdd;
                react.refSeq = first->seq;
                react.reactionKey = QByteArray::number(i);
                post(bob, react, QString());
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(answers.cbegin(), answers.cend(),
                                             [](const auto& a) { return a->result.has_value(); }),
                                 30'000);

        QHash<quint64, QMap<quint64, QString>> storedBySeq; // room → seq → text ("" reaction)
        QHash<quint64, int> bobMentions;
        for (int i = 0; i < int(answers.size()); ++i) {
            const Answer& answer = *answers[size_t(i)];
            QVERIFY2(*answer.result,
                     qPrintable(*answer.result ? QString() : answer.result->error().message));
            const Sent& sent = answer.result->value();
            QCOMPARE(sent.roomId, answer.roomId);
            if (resends.contains(i)) {
                const Sent& original = answers[size_t(resends[i].first)]->result->value();
                QVERIFY(sent.duplicate);
                QCOMPARE(sent.seq, original.seq);
                continue;
            }
            QVERIFY(!sent.duplicate);
            QVERIFY2(!storedBySeq[sent.roomId].contains(sent.seq),
                     qPrintable(QStringLiteral("seq %1 given twice").arg(sent.seq)));
            storedBySeq[sent.roomId].insert(sent.seq, answer.text);
            if (answer.mentionsBob)
                ++bobMentions[sent.roomId];
        }
        for (const quint64 roomId : roomIds) {
            // No gaps: the burst's events follow the room's last one before it, one by one.
            const auto& bySeq = storedBySeq[roomId];
            QCOMPARE(bySeq.firstKey(), lastSeqBefore[roomId] + 1);
            QCOMPARE(bySeq.lastKey(), lastSeqBefore[roomId] + quint64(bySeq.size()));
            // History holds each message once, with its text, at the seq its sender was told.
            QMap<quint64, QString> fromHistory;
            std::optional<quint64> after = lastSeqBefore[roomId];
            for (;;) {
                const auto page =
                    bob.connection.callAndWait<Events>(History{roomId, {}, after, {}, 200});
                QVERIFY(page);
                for (const RoomEvent& event : page->events) {
                    QVERIFY(!fromHistory.contains(event.seq));
                    fromHistory.insert(event.seq, event.kind == EventKind::Message ? textOf(event)
                                                                                   : QString());
                }
                if (!page->hasMoreAfter)
                    break;
                after = page->events.last().seq;
            }
            QCOMPARE(fromHistory, bySeq);
        }
        const auto bobRooms = bob.connection.callAndWait<RoomList>(ListRooms{team->teamId});
        QCOMPARE(bobRooms->rooms.first().mentions, bobMentions.value(general));
        QVERIFY(bobMentions.value(general) > 0);
        // The rooms' sequence moved with the batch: the next send follows it.
        Send after = message(general, QStringLiteral("after"));
        const auto next = moim::test::sendStamped(alice.connection, after);
        QVERIFY(next);
        QCOMPARE(next->seq, storedBySeq[general].lastKey() + 1);

        // What people missed, asked for many at once (as a reconnection storm does, in one
        // statement on PostgreSQL) is what each is told alone: alice missed bob's direct
        // messages, bob his mentions.
        moim::server::DbContext context(QStringLiteral("test-missed"), m_db->settings());
        context.ensureOpen();
        moim::server::SocialStore social(context);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QList<quint64> users{alice.session.userId, bob.session.userId};
        const auto together = social.missedRoomsOf(users, now);
        QCOMPARE(together.size(), 2);
        for (const quint64 user : users) {
            QVERIFY(!together.value(user).isEmpty());
            QCOMPARE(together.value(user), social.missedRoomsOf({user}, now).value(user));
        }
    }

    void channelsAndRoles()
    {
        QVERIFY(start(QStringLiteral("sqlite")));
        Device& owner = device(QStringLiteral("olga"), true);
        Device& member = device(QStringLiteral("max"), true);
        Device& other = device(QStringLiteral("nina"), true);
        const auto team =
            owner.connection.callAndWait<TeamInfo>(CreateTeam{QStringLiteral("ops"), {}});
        QVERIFY(team);
        for (Device* d : {&member, &other}) {
            const auto code =
                owner.connection.callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
            QVERIFY(d->connection.callAndWait<TeamInfo>(JoinTeam{code->code}));
        }
        const auto secret = owner.connection.callAndWait<RoomInfo>(
            CreateChannel{team->teamId, QStringLiteral("Secret"), true, QStringLiteral("shh")});
        QVERIFY(secret);
        QCOMPARE(secret->name, QStringLiteral("secret"));
        QCOMPARE(owner.connection
                     .callAndWait<RoomInfo>(
                         CreateChannel{team->teamId, QStringLiteral("secret"), false, {}})
                     .error()
                     .code,
                 ErrorCode::Conflict);
        QCOMPARE(owner.connection
                     .callAndWait<RoomInfo>(
                         CreateChannel{team->teamId, QStringLiteral("bad name!"), false, {}})
                     .error()
                     .code,
                 ErrorCode::BadRequest);
        // Private: invisible to non-members, joined only by being added.
        auto visible = member.connection.callAndWait<RoomList>(ListRooms{team->teamId});
        QCOMPARE(visible->rooms.size(), 1);
        QCOMPARE(member.connection.callAndWait<RoomInfo>(JoinChannel{secret->roomId}).error().code,
                 ErrorCode::NotFound);
        QVERIFY(
            owner.connection.callAndWait<Ok>(AddToChannel{secret->roomId, member.session.userId}));
        visible = member.connection.callAndWait<RoomList>(ListRooms{team->teamId});
        QCOMPARE(visible->rooms.size(), 2);
        // Topic by members; archive by admins or the creator; archived rooms take no messages.
        UpdateChannel topic;
        topic.roomId = secret->roomId;
        topic.topic = QStringLiteral("new topic");
        QCOMPARE(member.connection.callAndWait<RoomInfo>(topic)->topic,
                 QStringLiteral("new topic"));
        UpdateChannel archive;
        archive.roomId = secret->roomId;
        archive.archived = true;
        QCOMPARE(member.connection.callAndWait<RoomInfo>(archive).error().code,
                 ErrorCode::Forbidden);
        QVERIFY(owner.connection.callAndWait<RoomInfo>(archive)->archived);
        QCOMPARE(
            moim::test::sendStamped(member.connection, message(secret->roomId, QStringLiteral("x")))
                .error()
                .code,
            ErrorCode::Forbidden);
        // Roles: members cannot remove; admins remove members; owners cannot be left ownerless.
        QCOMPARE(member.connection.callAndWait<Ok>(RemoveMember{team->teamId, other.session.userId})
                     .error()
                     .code,
                 ErrorCode::Forbidden);
        QVERIFY(owner.connection.callAndWait<Ok>(
            SetMemberRole{team->teamId, member.session.userId, TeamRole::Admin}));
        QVERIFY(
            member.connection.callAndWait<Ok>(RemoveMember{team->teamId, other.session.userId}));
        QCOMPARE(other.connection.callAndWait<RoomList>(ListRooms{team->teamId}).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(owner.connection.callAndWait<Ok>(LeaveTeam{team->teamId}).error().code,
                 ErrorCode::Conflict);
        QCOMPARE(member.connection.callAndWait<Ok>(RemoveMember{team->teamId, owner.session.userId})
                     .error()
                     .code,
                 ErrorCode::Forbidden);
        const auto members =
            owner.connection.callAndWait<MemberList>(ListTeamMembers{team->teamId});
        QCOMPARE(members->members.size(), 2);
        const auto candidates = owner.connection.callAndWait<MemberList>(
            MentionCandidates{visible->rooms.first().roomId, QStringLiteral("M"), 10});
        QVERIFY(candidates);
        QCOMPARE(candidates->members.size(), 1);
        QCOMPARE(candidates->members.first().username, QStringLiteral("max"));
        QVERIFY(member.connection.callAndWait<Ok>(LeaveTeam{team->teamId}));
        QCOMPARE(
            owner.connection.callAndWait<MemberList>(ListTeamMembers{team->teamId})->members.size(),
            1);
    }
};

QTEST_GUILESS_MAIN(TestMessaging)
#include "TestMessaging.moc"
