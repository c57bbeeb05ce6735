#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <client/Connection.h>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/SocialMessages.h>
#include <protocol/TeamMessages.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/StampedSend.h>
#include <testsupport/TestDatabases.h>

using moim::client::Connection;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

struct Device {
    Connection connection;
    Session session;
    QList<Frame> pushes;

    Device()
    {
        QObject::connect(&connection, &Connection::eventReceived, &connection,
                         [this](const Frame& frame) { pushes.append(frame); });
    }
    QList<PresenceStatus> presenceOf(quint64 userId) const
    {
        QList<PresenceStatus> statuses;
        for (const PresenceUpdate& update : received<PresenceUpdate>()) {
            if (update.userId == userId)
                statuses.append(update.status);
        }
        return statuses;
    }
    template <typename Message> QList<Message> received() const
    {
        QList<Message> found;
        QString problem;
        for (const Frame& frame : pushes) {
            if (frame.type == Message::kType)
                found.append(*Message::fromCbor(frame.body, &problem));
        }
        return found;
    }
};

Send message(quint64 roomId, const QString& text, QList<quint64> mentions = {})
{
    Send send;
    send.roomId = roomId;
    send.clientId = moim::crypto::randomBytes(16);
    send.envelope = moim::client::MessageContent::ofText(text).toEnvelope();
    send.mentions = mentions;
    return send;
}

} // namespace

class TestSocial : public QObject {
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
        const auto session =
            signUp
                ? d.connection.callAndWait<Session>(
                      SignUp{user, kPassword, {}, QStringLiteral("d")})
                : d.connection.callAndWait<Session>(LogIn{user, kPassword, QStringLiteral("d2")});
        if (!session)
            qFatal("cannot sign in: %s", qPrintable(session.error().message));
        d.session = session.value();
        return d;
    }

    // moimd on a scratch database of that backend; false when PostgreSQL is missing.
    bool startServer(const QString& backend)
    {
        m_db = std::make_unique<moim::test::ScratchDatabase>();
        if (!m_db->create(backend))
            return false;
        m_server = std::make_unique<moim::test::MoimdProcess>();
        return m_server->start(m_dir.path(), m_db->url());
    }

    struct Crew {
        Device& ann;
        Device& ben;
        quint64 teamId;
        QString inviteCode;
        quint64 general;
    };
    // Ann's team "crew" with Ben in it, and its general channel.
    Crew startCrew()
    {
        Device& ann = device(QStringLiteral("ann"), true);
        Device& ben = device(QStringLiteral("ben"), true);
        const auto team =
            ann.connection.callAndWait<TeamInfo>(CreateTeam{QStringLiteral("crew"), {}});
        if (!team)
            qFatal("cannot create the crew");
        const auto code = ann.connection.callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
        if (!code || !ben.connection.callAndWait<TeamInfo>(JoinTeam{code->code}))
            qFatal("cannot bring Ben into the crew");
        const quint64 general =
            ann.connection.callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first().roomId;
        return {ann, ben, team->teamId, code->code, general};
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

    void presenceTypingBlocksAndNotifications_data() { moim::test::addBackendRows(); }
    void presenceTypingBlocksAndNotifications()
    {
        QFETCH(QString, backend);
        if (!startServer(backend))
            MOIM_SKIP_OR_FAIL_UNSTARTED(backend);

        const Crew crew = startCrew();
        Device& ann = crew.ann;
        Device& ben = crew.ben;
        Device& cat = device(QStringLiteral("cat"), true); // shares no team
        const quint64 general = crew.general;

        // Presence: teammates see it, others do not; aggregated over devices.
        auto presence = ben.connection.callAndWait<PresenceList>(
            GetPresence{{ann.session.userId, cat.session.userId}});
        QVERIFY(presence);
        QCOMPARE(presence->presences[0].status, PresenceStatus::Online);
        QCOMPARE(presence->presences[1].status, PresenceStatus::Offline); // not visible
        QVERIFY(ann.connection.callAndWait<Ok>(SetPresence{PresenceStatus::Away}));
        const quint64 annId = ann.session.userId;
        QTRY_VERIFY(!ben.presenceOf(annId).isEmpty());
        QCOMPARE(ben.presenceOf(annId).last(), PresenceStatus::Away);
        QVERIFY(cat.presenceOf(annId).isEmpty());
        Device& ann2 = device(QStringLiteral("ann"), false); // a second, online device
        QTRY_COMPARE(ben.presenceOf(annId).last(), PresenceStatus::Online);
        ann2.connection.close();
        QTRY_COMPARE(ben.presenceOf(annId).last(), PresenceStatus::Away);

        // Typing: relayed to the others, rate-limited, never to outsiders.
        QVERIFY(ben.connection.callAndWait<Ok>(Typing{general}));
        QVERIFY(ben.connection.callAndWait<Ok>(Typing{general})); // within the interval
        QTRY_COMPARE(ann.received<TypingNotice>().size(), 1);
        QTest::qWait(200);
        QCOMPARE(ann.received<TypingNotice>().size(), 1);
        QCOMPARE(ann.received<TypingNotice>().first().userId, ben.session.userId);
        QCOMPARE(cat.connection.callAndWait<Ok>(Typing{general}).error().code, ErrorCode::NotFound);

        // Notifications: all messages by default; mentions only at level "mentions"; none
        // when muted; do-not-disturb silences everything.
        QVERIFY(moim::test::sendStamped(ann.connection, message(general, QStringLiteral("one"))));
        QTRY_COMPARE(ben.received<Notification>().size(), 1);
        QVERIFY(!ben.received<Notification>().first().mention);
        QVERIFY(ben.connection.callAndWait<Ok>(SetNotifyLevel{general, NotifyLevel::Mentions}));
        QVERIFY(moim::test::sendStamped(ann.connection, message(general, QStringLiteral("two"))));
        QVERIFY(moim::test::sendStamped(
            ann.connection, message(general, QStringLiteral("@ben"), {ben.session.userId})));
        QTRY_COMPARE(ben.received<Notification>().size(), 2);
        QVERIFY(ben.received<Notification>().last().mention);
        QVERIFY(ben.connection.callAndWait<Ok>(SetTeamMuted{crew.teamId, true}));
        QVERIFY(moim::test::sendStamped(
            ann.connection, message(general, QStringLiteral("@ben"), {ben.session.userId})));
        QVERIFY(ben.connection.callAndWait<Ok>(SetTeamMuted{crew.teamId, false}));
        QVERIFY(ben.connection.callAndWait<Ok>(
            SetDoNotDisturb{QDateTime::currentMSecsSinceEpoch() + 60'000}));
        QVERIFY(moim::test::sendStamped(
            ann.connection, message(general, QStringLiteral("@ben"), {ben.session.userId})));
        QTest::qWait(300);
        QCOMPARE(ben.received<Notification>().size(), 2);
        QVERIFY(ben.connection.callAndWait<Ok>(SetDoNotDisturb{0}));

        // A device that signs in later hears what it missed: the mentions.
        Device& ben2 = device(QStringLiteral("ben"), false);
        QTRY_COMPARE(ben2.received<MissedNotifications>().size(), 1);
        const auto missed = ben2.received<MissedNotifications>().first();
        QCOMPARE(missed.rooms.size(), 1);
        QCOMPARE(missed.rooms.first().roomId, general);
        QCOMPARE(missed.rooms.first().mentions, 3);

        // Blocking: no direct messages either way, no presence for the blocked.
        const auto direct = ann.connection.callAndWait<RoomInfo>(OpenDirect{{ben.session.userId}});
        QVERIFY(direct);
        QVERIFY(ben.connection.callAndWait<Ok>(SetRelation{ann.session.userId, true, {}, true}));
        QCOMPARE(
            moim::test::sendStamped(ann.connection, message(direct->roomId, QStringLiteral("hi")))
                .error()
                .code,
            ErrorCode::Forbidden);
        QCOMPARE(
            ann.connection.callAndWait<RoomInfo>(OpenDirect{{ben.session.userId}}).error().code,
            ErrorCode::Forbidden);
        presence = ann.connection.callAndWait<PresenceList>(GetPresence{{ben.session.userId}});
        QCOMPARE(presence->presences.first().status, PresenceStatus::Offline);
        const auto relations = ben.connection.callAndWait<RelationList>(ListRelations{});
        QCOMPARE(relations->relations.size(), 1);
        QVERIFY(relations->relations.first().blocked);
        QVERIFY(relations->relations.first().favourite);
        QCOMPARE(cat.connection.callAndWait<Ok>(SetRelation{ann.session.userId, {}, {}, true})
                     .error()
                     .code,
                 ErrorCode::NotFound);
        QVERIFY(ben.connection.callAndWait<Ok>(SetRelation{ann.session.userId, {}, {}, false}));
        // Clearing what was never set is fine toward anyone, even an id nobody has.
        QVERIFY(
            cat.connection.callAndWait<Ok>(SetRelation{ann.session.userId, false, false, false}));
        QVERIFY(ben.connection.callAndWait<Ok>(SetRelation{987'654'321, false, {}, false}));
        QCOMPARE(cat.connection.callAndWait<RelationList>(ListRelations{})->relations.size(), 0);
        QVERIFY(moim::test::sendStamped(ann.connection,
                                        message(direct->roomId, QStringLiteral("hi again"))));
        QTRY_VERIFY(ben.received<Notification>().last().direct);
    }

    void roomMembersAndDisplayNames_data() { moim::test::addBackendRows(); }
    void roomMembersAndDisplayNames()
    {
        QFETCH(QString, backend);
        if (!startServer(backend))
            MOIM_SKIP_OR_FAIL_UNSTARTED(backend);

        const Crew crew = startCrew();
        Device& ann = crew.ann;
        Device& ben = crew.ben;
        Device& dan = device(QStringLiteral("dan"), true);
        Device& cat = device(QStringLiteral("cat"), true); // shares no team
        const quint64 general = crew.general;
        QVERIFY(dan.connection.callAndWait<TeamInfo>(JoinTeam{crew.inviteCode}));
        QVERIFY(ann.connection.callAndWait<Ok>(
            SetMemberRole{crew.teamId, dan.session.userId, TeamRole::Admin}));

        // Every member, by username, with the team role; paged after a username.
        const auto all = ben.connection.callAndWait<MemberList>(ListRoomMembers{general, {}, 200});
        QVERIFY(all);
        QCOMPARE(all->members.size(), 3);
        QCOMPARE(all->members[0].username, QStringLiteral("ann"));
        QCOMPARE(all->members[0].role, TeamRole::Owner);
        QCOMPARE(all->members[1].username, QStringLiteral("ben"));
        QCOMPARE(all->members[1].role, TeamRole::Member);
        QCOMPARE(all->members[2].username, QStringLiteral("dan"));
        QCOMPARE(all->members[2].role, TeamRole::Admin);
        const auto first = ben.connection.callAndWait<MemberList>(ListRoomMembers{general, {}, 2});
        QCOMPARE(first->members.size(), 2);
        const auto rest = ben.connection.callAndWait<MemberList>(
            ListRoomMembers{general, first->members.last().username, 2});
        QCOMPARE(rest->members.size(), 1);
        QCOMPARE(rest->members.first().userId, dan.session.userId);
        QVERIFY(ben.connection
                    .callAndWait<MemberList>(ListRoomMembers{general, QStringLiteral("dan"), 2})
                    ->members.isEmpty());

        // Refusals: an outsider, a private channel one is not in, silly limits.
        QCOMPARE(
            cat.connection.callAndWait<MemberList>(ListRoomMembers{general, {}, 10}).error().code,
            ErrorCode::NotFound);
        const auto secret = ann.connection.callAndWait<RoomInfo>(
            CreateChannel{crew.teamId, QStringLiteral("secret"), true, {}});
        QVERIFY(secret);
        QCOMPARE(ben.connection.callAndWait<MemberList>(ListRoomMembers{secret->roomId, {}, 10})
                     .error()
                     .code,
                 ErrorCode::NotFound);
        QCOMPARE(ann.connection.callAndWait<MemberList>(ListRoomMembers{secret->roomId, {}, 10})
                     ->members.size(),
                 1);
        QCOMPARE(
            ben.connection.callAndWait<MemberList>(ListRoomMembers{general, {}, 0}).error().code,
            ErrorCode::BadRequest);
        QCOMPARE(
            ben.connection.callAndWait<MemberList>(ListRoomMembers{general, {}, 501}).error().code,
            ErrorCode::BadRequest);
        QCOMPARE(
            ben.connection
                .callAndWait<MemberList>(ListRoomMembers{general, QString(40, QLatin1Char('z')), 5})
                .error()
                .code,
            ErrorCode::BadRequest);
        // A direct message has no team: everyone in it is listed without a role.
        const auto direct = ann.connection.callAndWait<RoomInfo>(OpenDirect{{ben.session.userId}});
        QVERIFY(direct);
        const auto pair =
            ann.connection.callAndWait<MemberList>(ListRoomMembers{direct->roomId, {}, 10});
        QCOMPARE(pair->members.size(), 2);
        QCOMPARE(pair->members[0].role, TeamRole::Member);
        QCOMPARE(dan.connection.callAndWait<MemberList>(ListRoomMembers{direct->roomId, {}, 10})
                     .error()
                     .code,
                 ErrorCode::NotFound);

        // A new display name: the rules are those of sign-up; everyone who shares a team and
        // my other devices hear of it, the asking socket and strangers do not.
        Device& ben2 = device(QStringLiteral("ben"), false);
        for (const QString& bad : {QString(), QStringLiteral(" Ben"), QString(65, QLatin1Char('b')),
                                   QStringLiteral("Ben\u202e")})
            QCOMPARE(ben.connection.callAndWait<Ok>(SetDisplayName{bad}).error().code,
                     ErrorCode::BadRequest);
        const QString newName = QStringLiteral("벤 Benjamin");
        QVERIFY(ben.connection.callAndWait<Ok>(SetDisplayName{newName}));
        QTRY_COMPARE(ann.received<UserUpdate>().size(), 1);
        QCOMPARE(ann.received<UserUpdate>().first(), (UserUpdate{ben.session.userId, newName}));
        QTRY_COMPARE(dan.received<UserUpdate>().size(), 1);
        QTRY_COMPARE(ben2.received<UserUpdate>().size(), 1);
        QCOMPARE(ben2.connection.callAndWait<Session>(WhoAmI{})->displayName, newName);
        QCOMPARE(ben.connection.callAndWait<Session>(WhoAmI{})->displayName, newName);
        const auto listed =
            ann.connection.callAndWait<MemberList>(ListRoomMembers{general, {}, 10});
        QCOMPARE(listed->members[1].displayName, newName);
        // The same name again changes nothing and tells nobody.
        QVERIFY(ben.connection.callAndWait<Ok>(SetDisplayName{newName}));
        QTest::qWait(300);
        QCOMPARE(ann.received<UserUpdate>().size(), 1);
        QVERIFY(ben.received<UserUpdate>().isEmpty());
        QVERIFY(cat.received<UserUpdate>().isEmpty());
        // Names are not private: someone who blocked ben still learns his new name.
        QVERIFY(ann.connection.callAndWait<Ok>(SetRelation{ben.session.userId, {}, {}, true}));
        QVERIFY(ben.connection.callAndWait<Ok>(SetDisplayName{QStringLiteral("Ben")}));
        QTRY_COMPARE(ann.received<UserUpdate>().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSocial)
#include "TestSocial.moc"
