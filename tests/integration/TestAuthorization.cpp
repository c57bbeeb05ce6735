#include <QTemporaryDir>
#include <QTest>
#include <client/Connection.h>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/EventMessages.h>
#include <protocol/KeyMessages.h>
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

// Who asks: the columns of the matrix.
enum Actor { NoTeam, OtherTeam, Member, Admin, Revoked, ActorCount };
const char* const kActorNames[] = {"no-team", "other-team", "member", "admin", "revoked"};

struct User {
    std::unique_ptr<Connection> connection = std::make_unique<Connection>();
    Session session;
};

// A team with an owner, an admin, a member and a victim to remove; a public channel they
// are all in, a private one only the owner and admin are in, a message by the owner in each;
// another team; a user in no team; and a device of the member that was revoked.
struct Fixture {
    User owner, admin, member, victim, outsider, stranger;
    Connection revoked;
    quint64 teamId = 0;
    quint64 publicRoom = 0;
    quint64 privateRoom = 0;
    quint64 ownerMessage = 0;
    quint64 privateMessage = 0;
    quint64 ownerDevice = 0;
};

Send textMessage(quint64 roomId)
{
    Send send;
    send.roomId = roomId;
    send.clientId = moim::crypto::randomBytes(16);
    send.envelope = moim::client::MessageContent::ofText(QStringLiteral("hi")).toEnvelope();
    return send;
}

} // namespace

class TestAuthorization : public QObject {
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

    static bool build(moim::test::MoimdProcess& server, Fixture& f)
    {
        const auto names = {std::pair{&f.owner, "owner"}, {&f.admin, "admin"},
                            {&f.member, "member"},        {&f.victim, "victim"},
                            {&f.outsider, "outsider"},    {&f.stranger, "stranger"}};
        for (const auto& [user, name] : names) {
            if (!signUp(server, *user, QString::fromLatin1(name)))
                return false;
        }
        f.ownerDevice = f.owner.session.deviceId;
        const auto team =
            f.owner.connection->callAndWait<TeamInfo>(CreateTeam{QStringLiteral("team"), {}});
        const auto other = f.outsider.connection->callAndWait<TeamInfo>(
            CreateTeam{QStringLiteral("elsewhere"), {}});
        if (!team || !other)
            return false;
        f.teamId = team->teamId;
        for (User* user : {&f.admin, &f.member, &f.victim}) {
            const auto code =
                f.owner.connection->callAndWait<Invite>(CreateInvite{f.teamId, {}, {}});
            if (!code || !user->connection->callAndWait<TeamInfo>(JoinTeam{code->code}))
                return false;
        }
        f.owner.connection->callAndWait<Ok>(
            SetMemberRole{f.teamId, f.admin.session.userId, TeamRole::Admin});
        const auto rooms = f.owner.connection->callAndWait<RoomList>(ListRooms{f.teamId});
        f.publicRoom = rooms->rooms.first().roomId;
        const auto secret = f.owner.connection->callAndWait<RoomInfo>(
            CreateChannel{f.teamId, QStringLiteral("secret"), true, {}});
        f.privateRoom = secret->roomId;
        f.owner.connection->callAndWait<Ok>(AddToChannel{f.privateRoom, f.admin.session.userId});
        f.ownerMessage =
            moim::test::sendStamped(*f.owner.connection, textMessage(f.publicRoom))->seq;
        f.privateMessage =
            moim::test::sendStamped(*f.owner.connection, textMessage(f.privateRoom))->seq;

        // The member's second device, revoked: a client holding its token gets nowhere.
        Connection second;
        QString error;
        second.openAndWait(server.webSocketUrl(), 10'000, &error);
        const auto device = second.callAndWait<Session>(
            LogIn{QStringLiteral("member"), kPassword, QStringLiteral("old")});
        if (!device || !f.member.connection->callAndWait<Ok>(RevokeDevice{device->deviceId}))
            return false;
        if (!f.revoked.openAndWait(server.webSocketUrl(), 10'000, &error))
            return false;
        return f.revoked.callAndWait<Session>(Resume{*device->token}).error().code ==
               ErrorCode::InvalidToken;
    }

private Q_SLOTS:
    void everyRequestAgainstEveryActor_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("actor");
        for (const char* backend : {"sqlite", "postgres"}) {
            for (int actor = 0; actor < ActorCount; ++actor)
                QTest::addRow("%s-%s", backend, kActorNames[actor])
                    << QString::fromLatin1(backend) << actor;
        }
    }

    void everyRequestAgainstEveryActor()
    {
        QFETCH(QString, backend);
        QFETCH(int, actor);
        MOIM_SCRATCH_DATABASE(db, backend);
        moim::test::MoimdProcess server;
        QVERIFY(server.start(m_dir.filePath(QStringLiteral("%1-%2").arg(backend).arg(actor)),
                             db.url()));
        Fixture f;
        QVERIFY(build(server, f));
        Connection& c = actor == NoTeam      ? *f.stranger.connection
                        : actor == OtherTeam ? *f.outsider.connection
                        : actor == Member    ? *f.member.connection
                        : actor == Admin     ? *f.admin.connection
                                             : f.revoked;

        // One row per request type: what each actor gets. "ok", or an error code name.
        struct Row {
            const char* request;
            std::function<Result<Done>()> call;
            std::array<const char*, ActorCount> expected;
        };
        const auto done = [](auto result) -> Result<Done> {
            if (!result)
                return result.error();
            return Done{};
        };
        const char* ok = "ok";
        const char* nf = "not_found";
        const char* fb = "forbidden";
        const char* na = "not_authenticated";
        const std::vector<Row> rows{
            {"who_am_i",
             [&] { return done(c.callAndWait<Session>(WhoAmI{})); },
             {ok, ok, ok, ok, na}},
            {"list_devices",
             [&] { return done(c.callAndWait<DeviceList>(ListDevices{})); },
             {ok, ok, ok, ok, na}},
            {"rename_device (not mine)",
             [&] {
                 return done(c.callAndWait<Ok>(RenameDevice{f.ownerDevice, QStringLiteral("x")}));
             },
             {nf, nf, nf, nf, na}},
            {"revoke_device (not mine)",
             [&] { return done(c.callAndWait<Ok>(RevokeDevice{f.ownerDevice})); },
             {nf, nf, nf, nf, na}},
            {"create_team",
             [&] {
                 return done(
                     c.callAndWait<TeamInfo>(CreateTeam{QStringLiteral("new%1").arg(actor), {}}));
             },
             {ok, ok, ok, ok, na}},
            {"list_teams",
             [&] { return done(c.callAndWait<TeamList>(ListTeams{})); },
             {ok, ok, ok, ok, na}},
            {"create_invite",
             [&] {
                 return done(c.callAndWait<Invite>(CreateInvite{f.teamId, {}, {}}));
             },
             {nf, nf, fb, ok, na}},
            {"join_team (bad code)",
             [&] { return done(c.callAndWait<TeamInfo>(JoinTeam{QStringLiteral("nope")})); },
             {nf, nf, nf, nf, na}},
            {"list_team_members",
             [&] { return done(c.callAndWait<MemberList>(ListTeamMembers{f.teamId})); },
             {nf, nf, ok, ok, na}},
            {"set_member_role",
             [&] {
                 return done(c.callAndWait<Ok>(
                     SetMemberRole{f.teamId, f.victim.session.userId, TeamRole::Admin}));
             },
             {nf, nf, fb, fb, na}},
            {"set_team_muted",
             [&] {
                 return done(c.callAndWait<Ok>(SetTeamMuted{f.teamId, true}));
             },
             {nf, nf, ok, ok, na}},
            {"create_channel",
             [&] {
                 return done(c.callAndWait<RoomInfo>(
                     CreateChannel{f.teamId, QStringLiteral("c%1").arg(actor), false, {}}));
             },
             {nf, nf, ok, ok, na}},
            {"list_rooms",
             [&] { return done(c.callAndWait<RoomList>(ListRooms{f.teamId})); },
             {nf, nf, ok, ok, na}},
            {"join_channel (public)",
             [&] { return done(c.callAndWait<RoomInfo>(JoinChannel{f.publicRoom})); },
             {nf, nf, ok, ok, na}},
            {"join_channel (private)",
             [&] { return done(c.callAndWait<RoomInfo>(JoinChannel{f.privateRoom})); },
             {nf, nf, nf, ok, na}},
            {"update_channel (topic)",
             [&] {
                 UpdateChannel u;
                 u.roomId = f.publicRoom;
                 u.topic = QStringLiteral("t");
                 return done(c.callAndWait<RoomInfo>(u));
             },
             {nf, nf, ok, ok, na}},
            {"add_to_channel",
             [&] {
                 return done(
                     c.callAndWait<Ok>(AddToChannel{f.privateRoom, f.victim.session.userId}));
             },
             {nf, nf, nf, ok, na}},
            {"open_direct",
             [&] { return done(c.callAndWait<RoomInfo>(OpenDirect{{f.owner.session.userId}})); },
             {fb, fb, ok, ok, na}},
            {"find_users",
             [&] { return done(c.callAndWait<MemberList>(FindUsers{{QStringLiteral("owner")}})); },
             {ok, ok, ok, ok, na}},
            {"mention_candidates",
             [&] {
                 return done(c.callAndWait<MemberList>(
                     MentionCandidates{f.publicRoom, QStringLiteral("o"), 5}));
             },
             {nf, nf, ok, ok, na}},
            {"list_room_members (public)",
             [&] {
                 return done(c.callAndWait<MemberList>(ListRoomMembers{f.publicRoom, {}, 50}));
             },
             {nf, nf, ok, ok, na}},
            {"list_room_members (private)",
             [&] {
                 return done(c.callAndWait<MemberList>(ListRoomMembers{f.privateRoom, {}, 50}));
             },
             {nf, nf, nf, ok, na}},
            {"send (public)",
             [&] { return done(moim::test::sendStamped(c, textMessage(f.publicRoom))); },
             {nf, nf, ok, ok, na}},
            {"send (private)",
             [&] { return done(moim::test::sendStamped(c, textMessage(f.privateRoom))); },
             {nf, nf, nf, ok, na}},
            {"room_devices (public)",
             [&] { return done(c.callAndWait<RoomRecipients>(RoomDevices{f.publicRoom})); },
             {nf, nf, ok, ok, na}},
            {"room_devices (private)",
             [&] { return done(c.callAndWait<RoomRecipients>(RoomDevices{f.privateRoom})); },
             {nf, nf, nf, ok, na}},
            {"share_keys (public)",
             [&] {
                 return done(c.callAndWait<Ok>(ShareKeys{f.publicRoom, {}}));
             },
             {nf, nf, ok, ok, na}},
            {"share_keys (private)",
             [&] {
                 return done(c.callAndWait<Ok>(ShareKeys{f.privateRoom, {}}));
             },
             {nf, nf, nf, ok, na}},
            {"history (public)",
             [&] {
                 return done(c.callAndWait<Events>(History{f.publicRoom, {}, {}, {}, 10}));
             },
             {nf, nf, ok, ok, na}},
            {"history (private)",
             [&] {
                 return done(c.callAndWait<Events>(History{f.privateRoom, {}, {}, {}, 10}));
             },
             {nf, nf, nf, ok, na}},
            {"thread_history (public)",
             [&] {
                 return done(
                     c.callAndWait<Events>(ThreadHistory{f.publicRoom, f.ownerMessage, {}, 10}));
             },
             {nf, nf, ok, ok, na}},
            {"thread_history (private)",
             [&] {
                 return done(
                     c.callAndWait<Events>(ThreadHistory{f.privateRoom, f.privateMessage, {}, 10}));
             },
             {nf, nf, nf, ok, na}},
            {"mark_read",
             [&] {
                 return done(c.callAndWait<Ok>(MarkRead{f.publicRoom, 1}));
             },
             {nf, nf, ok, ok, na}},
            {"mark_unread",
             [&] {
                 return done(c.callAndWait<Ok>(MarkUnread{f.publicRoom, 1}));
             },
             {nf, nf, ok, ok, na}},
            {"list_pins (public)",
             [&] { return done(c.callAndWait<Events>(ListPins{f.publicRoom})); },
             {nf, nf, ok, ok, na}},
            {"list_pins (private)",
             [&] { return done(c.callAndWait<Events>(ListPins{f.privateRoom})); },
             {nf, nf, nf, ok, na}},
            {"register_push (remove)",
             [&] { return done(c.callAndWait<Ok>(RegisterPush{QString()})); },
             {ok, ok, ok, ok, na}},
            {"register_push (gateway off)",
             [&] {
                 return done(
                     c.callAndWait<Ok>(RegisterPush{QStringLiteral("https://push.example/x")}));
             },
             {fb, fb, fb, fb, na}},
            {"set_presence",
             [&] { return done(c.callAndWait<Ok>(SetPresence{PresenceStatus::Away})); },
             {ok, ok, ok, ok, na}},
            {"get_presence",
             [&] {
                 return done(c.callAndWait<PresenceList>(GetPresence{{f.owner.session.userId}}));
             },
             {ok, ok, ok, ok, na}},
            {"typing",
             [&] { return done(c.callAndWait<Ok>(Typing{f.publicRoom})); },
             {nf, nf, ok, ok, na}},
            {"set_display_name",
             [&] { return done(c.callAndWait<Ok>(SetDisplayName{QStringLiteral("Someone")})); },
             {ok, ok, ok, ok, na}},
            {"set_relation",
             [&] {
                 return done(c.callAndWait<Ok>(SetRelation{f.owner.session.userId, true, {}, {}}));
             },
             {nf, nf, ok, ok, na}},
            {"list_relations",
             [&] { return done(c.callAndWait<RelationList>(ListRelations{})); },
             {ok, ok, ok, ok, na}},
            {"set_notify_level",
             [&] {
                 return done(
                     c.callAndWait<Ok>(SetNotifyLevel{f.publicRoom, NotifyLevel::Mentions}));
             },
             {nf, nf, ok, ok, na}},
            {"set_do_not_disturb",
             [&] { return done(c.callAndWait<Ok>(SetDoNotDisturb{0})); },
             {ok, ok, ok, ok, na}},
            {"send delete (the owner's message)",
             [&] {
                 Send remove;
                 remove.roomId = f.publicRoom;
                 remove.clientId = moim::crypto::randomBytes(16);
                 remove.kind = EventKind::Delete;
                 remove.refSeq = f.ownerMessage;
                 return done(moim::test::sendStamped(c, remove));
             },
             {nf, nf, fb, ok, na}},
            {"remove_member",
             [&] {
                 return done(c.callAndWait<Ok>(RemoveMember{f.teamId, f.victim.session.userId}));
             },
             {nf, nf, fb, ok, na}},
            {"update_channel (archive)",
             [&] {
                 UpdateChannel u;
                 u.roomId = f.publicRoom;
                 u.archived = true;
                 return done(c.callAndWait<RoomInfo>(u));
             },
             {nf, nf, fb, ok, na}},
            {"leave_room",
             [&] { return done(c.callAndWait<Ok>(LeaveRoom{f.privateRoom})); },
             {nf, nf, nf, ok, na}},
            {"leave_team",
             [&] { return done(c.callAndWait<Ok>(LeaveTeam{f.teamId})); },
             {nf, nf, ok, ok, na}},
        };
        for (const Row& row : rows) {
            const auto outcome = row.call();
            const QString got =
                outcome ? QStringLiteral("ok") : errorCodeName(outcome.error().code);
            if (got != QLatin1String(row.expected[size_t(actor)]))
                qWarning().noquote() << "moimd log:\n" << QString::fromUtf8(server.log());
            QVERIFY2(got == QLatin1String(row.expected[size_t(actor)]),
                     qPrintable(QStringLiteral("%1 as %2: expected %3, got %4 (%5)")
                                    .arg(QString::fromLatin1(row.request),
                                         QString::fromLatin1(kActorNames[actor]),
                                         QString::fromLatin1(row.expected[size_t(actor)]), got,
                                         outcome ? QString() : outcome.error().message)));
        }
    }
};

QTEST_GUILESS_MAIN(TestAuthorization)
#include "TestAuthorization.moc"
