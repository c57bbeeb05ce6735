// The room audience kept in memory between sends (RoomAudienceCache) and the audience version
// that triggers move on every change it depends on, on both backends.
#include <QTest>
#include <crypto/SessionToken.h>
#include <server/AccountStore.h>
#include <server/DbContext.h>
#include <server/KeyDirectoryStore.h>
#include <server/Migrator.h>
#include <server/RoomAudienceCache.h>
#include <server/RoomStore.h>
#include <server/SocialStore.h>
#include <server/TeamStore.h>
#include <testsupport/TestDatabases.h>

using namespace moim::server;
using moim::protocol::NotifyLevel;

namespace {

constexpr qint64 kNow = 1'700'000'000'000;

// A migrated database with a team of alice (owner), bob and carol, a channel "audience" that
// alice and bob are in, and carol's channel "other".
class Fixture {
public:
    explicit Fixture(const DatabaseSettings& settings)
        : context(QStringLiteral("audience"), settings)
    {
        context.ensureOpen();
        Migrator(context).migrate();
        AccountStore accounts(context);
        const auto person = [&](const char* name) {
            return *accounts.createUserWithDevice(
                QString::fromLatin1(name), QString::fromLatin1(name), QStringLiteral("hash"),
                QStringLiteral("pc"), moim::crypto::tokenDigest(QByteArray(32, name[0])), kNow);
        };
        alice = person("alice");
        bob = person("bob");
        carol = person("carol");
        TeamStore teams(context);
        team =
            *teams.createTeam(QStringLiteral("team"), QStringLiteral("Team"), alice.userId, kNow);
        teams.createInvite(QStringLiteral("code"), team, alice.userId, kNow, std::nullopt,
                           std::nullopt);
        quint64 joined = 0;
        teams.redeemInvite(QStringLiteral("code"), bob.userId, kNow, &joined);
        teams.redeemInvite(QStringLiteral("code"), carol.userId, kNow, &joined);
        RoomStore rooms(context);
        room = *rooms.createChannel(team, QStringLiteral("audience"), false, QString(),
                                    alice.userId, kNow);
        rooms.addMember(room, bob.userId, kNow);
        other = *rooms.createChannel(team, QStringLiteral("other"), false, QString(), carol.userId,
                                     kNow);
    }

    quint64 version(quint64 roomId) const
    {
        const auto access = RoomStore(context).access(roomId, alice.userId);
        return access.value().audienceVersion.value();
    }

    mutable DbContext context;
    DeviceSession alice, bob, carol;
    quint64 team = 0;
    quint64 room = 0;
    quint64 other = 0; // carol's room, bob and alice not in it
};

QList<quint64> alerted(const RoomAudience& audience, quint64 roomId, quint64 senderId,
                       const QList<quint64>& mentions)
{
    QList<quint64> users;
    for (const auto& [userId, notification] :
         audience.notifications(roomId, 9, senderId, mentions, false, false, kNow)) {
        // A wrong mention flag shows as user 0 in the comparison.
        users.append(notification.mention == mentions.contains(userId) ? userId : 0);
    }
    return users;
}

} // namespace

class TestRoomAudience : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void changesMoveTheVersion_data() { moim::test::addBackendRows(); }
    // Each change an audience depends on moves the version of the rooms it touches, and only
    // those; a write that leaves the value as it was moves nothing.
    void changesMoveTheVersion()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        Fixture f(db.settings());
        DbContext& context = f.context;

        quint64 before = f.version(f.room);
        quint64 otherBefore = f.version(f.other);
        const auto moved = [&](const char* what, bool room, bool other) {
            const quint64 now = f.version(f.room);
            const quint64 otherNow = f.version(f.other);
            if ((now > before) != room || (otherNow > otherBefore) != other)
                qWarning() << what << "room" << before << "->" << now << "other" << otherBefore
                           << "->" << otherNow;
            const bool asExpected = (now > before) == room && (otherNow > otherBefore) == other;
            before = now;
            otherBefore = otherNow;
            return asExpected;
        };

        RoomStore rooms(context);
        QVERIFY(rooms.addMember(f.room, f.carol.userId, kNow));
        QVERIFY(moved("join", true, false));
        QVERIFY(rooms.removeMember(f.room, f.carol.userId));
        QVERIFY(moved("leave", true, false));

        SocialStore social(context);
        QVERIFY(social.setNotifyLevel(f.room, f.bob.userId, NotifyLevel::Mentions));
        QVERIFY(moved("notify level", true, false));
        QVERIFY(social.setNotifyLevel(f.room, f.bob.userId, NotifyLevel::Mentions));
        QVERIFY(moved("same notify level", false, false));

        // Bob is not in the other room: his own changes leave it alone.
        social.setDoNotDisturb(f.bob.userId, kNow + 3'600'000);
        QVERIFY(moved("do not disturb", true, false));
        social.setDoNotDisturb(f.bob.userId, kNow + 3'600'000);
        QVERIFY(moved("same do not disturb", false, false));
        social.setRelation({f.alice.userId, true, std::nullopt, std::nullopt}, f.bob.userId);
        QVERIFY(moved("favourite", false, false));
        social.setRelation({f.alice.userId, std::nullopt, std::nullopt, true}, f.bob.userId);
        QVERIFY(moved("block", true, false));
        social.setRelation({f.alice.userId, std::nullopt, std::nullopt, false}, f.bob.userId);
        QVERIFY(moved("unblock", true, false));

        TeamStore teams(context);
        QVERIFY(teams.setMuted(f.team, f.bob.userId, true));
        QVERIFY(moved("team mute", true, false));

        // Carol is in the other room only.
        KeyDirectoryStore keys(context);
        QCOMPARE(
            keys.publishList(
                {f.carol.userId, QByteArray(32, 'k'), 1, {f.carol.deviceId}, QByteArray("doc")},
                kNow),
            KeyDirectoryStore::Published::Stored);
        QVERIFY(moved("device list", false, true));
        AccountStore accounts(context);
        const DeviceSession tablet =
            accounts.createDevice(*accounts.userById(f.carol.userId), QStringLiteral("tablet"),
                                  moim::crypto::tokenDigest(QByteArray(32, 't')), kNow);
        QVERIFY(moved("new unlisted device", false, false));
        QCOMPARE(keys.publishList({f.carol.userId,
                                   QByteArray(32, 'k'),
                                   2,
                                   {f.carol.deviceId, tablet.deviceId},
                                   QByteArray("doc2")},
                                  kNow),
                 KeyDirectoryStore::Published::Stored);
        QVERIFY(moved("device listed", false, true));
        accounts.recordLastSeen({{tablet.deviceId, kNow + 5}});
        QVERIFY(moved("last seen", false, false));
        QVERIFY(accounts.revokeDevice(f.carol.userId, tablet.deviceId, kNow + 10));
        QVERIFY(moved("device revoked", false, true));

        // Leaving the team leaves its rooms.
        teams.removeMember(f.team, f.bob.userId);
        QVERIFY(moved("left the team", true, false));
    }

    void cacheFollowsTheDatabase_data() { moim::test::addBackendRows(); }
    // The cache answers from memory while nothing changed and reads again after any change,
    // with what the database now says.
    void cacheFollowsTheDatabase()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        Fixture f(db.settings());
        DbContext& context = f.context;
        RoomAudienceCache cache;
        const auto audience = [&] { return cache.audience(context, f.room, f.version(f.room)); };

        auto first = audience();
        QCOMPARE(cache.loads(), 1u);
        QCOMPARE(first->members, (QList<quint64>{f.alice.userId, f.bob.userId}));
        QVERIFY(first->memberSet.contains(f.bob.userId));
        QCOMPARE(audience().get(), first.get());
        QCOMPARE(cache.loads(), 1u);
        QCOMPARE(alerted(*first, f.room, f.alice.userId, {}), QList<quint64>{f.bob.userId});

        KeyDirectoryStore keys(context);
        keys.publishList({f.bob.userId, QByteArray(32, 'k'), 1, {f.bob.deviceId}, QByteArray("d")},
                         kNow);
        auto listed = audience();
        QCOMPARE(cache.loads(), 2u);
        QVERIFY(listed->isRecipient(f.bob.userId, f.bob.deviceId));
        QVERIFY(!first->isRecipient(f.bob.userId, f.bob.deviceId));
        QCOMPARE_NE(listed->recipientDigest, first->recipientDigest);

        SocialStore social(context);
        social.setNotifyLevel(f.room, f.bob.userId, NotifyLevel::Mentions);
        QCOMPARE(alerted(*audience(), f.room, f.alice.userId, {}), QList<quint64>{});
        QCOMPARE(alerted(*audience(), f.room, f.alice.userId, {f.bob.userId}),
                 QList<quint64>{f.bob.userId});
        social.setDoNotDisturb(f.bob.userId, kNow + 1);
        QCOMPARE(alerted(*audience(), f.room, f.alice.userId, {f.bob.userId}), QList<quint64>{});
        social.setDoNotDisturb(f.bob.userId, 0);
        social.setRelation({f.alice.userId, std::nullopt, std::nullopt, true}, f.bob.userId);
        QVERIFY(audience()->blockedEitherWay(f.alice.userId, f.bob.userId));
        QCOMPARE(alerted(*audience(), f.room, f.alice.userId, {f.bob.userId}), QList<quint64>{});
        // Bob's block is of alice: what carol would say still reaches him.
        QCOMPARE(alerted(*audience(), f.room, f.carol.userId, {f.bob.userId}),
                 (QList<quint64>{f.alice.userId, f.bob.userId}));
        social.setRelation({f.alice.userId, std::nullopt, std::nullopt, false}, f.bob.userId);
        TeamStore(context).setMuted(f.team, f.bob.userId, true);
        QCOMPARE(alerted(*audience(), f.room, f.alice.userId, {f.bob.userId}), QList<quint64>{});

        QVERIFY(RoomStore(context).removeMember(f.room, f.bob.userId));
        const quint64 loadsBefore = cache.loads();
        QCOMPARE(audience()->members, QList<quint64>{f.alice.userId});
        QCOMPARE(cache.loads(), loadsBefore + 1);
        QVERIFY(!audience()->memberSet.contains(f.bob.userId));
    }

    void boundedByMembers_data() { moim::test::addBackendRows(); }
    // Past its bound the least recently used rooms are read again.
    void boundedByMembers()
    {
        QFETCH(QString, backend);
        MOIM_SCRATCH_DATABASE(db, backend);
        Fixture f(db.settings());
        DbContext& context = f.context;
        RoomAudienceCache cache(2); // the room has two members, the other room one
        const auto read = [&](quint64 roomId) {
            return cache.audience(context, roomId, f.version(roomId));
        };
        read(f.room);
        read(f.room);
        QCOMPARE(cache.loads(), 1u);
        read(f.other);
        read(f.room);
        QCOMPARE(cache.loads(), 3u);
        // Without a version (no row), nothing is kept.
        cache.audience(context, f.room, std::nullopt);
        QCOMPARE(cache.loads(), 4u);
    }
};

QTEST_GUILESS_MAIN(TestRoomAudience)
#include "TestRoomAudience.moc"
