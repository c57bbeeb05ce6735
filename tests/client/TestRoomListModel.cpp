// The sidebar: which rooms it lists and in what order, what a direct message is called, and
// the unread and mention counts as messages come and the read marker moves.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <chat/RoomListModel.h>

using moim::chat::RoomListModel;
using moim::protocol::PresenceStatus;
using moim::protocol::RoomInfo;
using moim::protocol::RoomKind;

namespace {

constexpr quint64 kTeam = 5;
constexpr quint64 kMe = 1;
constexpr quint64 kAlice = 2;
constexpr quint64 kBob = 3;
constexpr quint64 kCarol = 4;

RoomInfo channel(quint64 roomId, const QString& name, RoomKind kind = RoomKind::PublicChannel)
{
    RoomInfo room;
    room.roomId = roomId;
    room.teamId = kTeam;
    room.kind = kind;
    room.name = name;
    room.member = true;
    return room;
}

RoomInfo direct(quint64 roomId, const QList<quint64>& memberIds)
{
    RoomInfo room;
    room.roomId = roomId;
    room.kind = RoomKind::Direct;
    room.member = true;
    room.memberIds = memberIds;
    return room;
}

RoomInfo withCounts(RoomInfo room, quint64 lastSeq, quint64 readSeq, quint64 unread,
                    quint64 mentions)
{
    room.lastSeq = lastSeq;
    room.readSeq = readSeq;
    room.unread = unread;
    room.mentions = mentions;
    return room;
}

QHash<quint64, QString> names()
{
    return {{kMe, QStringLiteral("Me")},
            {kAlice, QStringLiteral("Alice")},
            {kBob, QStringLiteral("Bob")},
            {kCarol, QStringLiteral("Carol")}};
}

QStringList titles(const RoomListModel& model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row).data(Qt::DisplayRole).toString());
    return list;
}

QList<int> sections(const RoomListModel& model)
{
    QList<int> list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row).data(RoomListModel::SectionRole).toInt());
    return list;
}

QVariant dataOf(const RoomListModel& model, quint64 roomId, int role)
{
    const int row = model.rowOf(roomId);
    return row < 0 ? QVariant() : model.index(row).data(role);
}

quint64 unreadOf(const RoomListModel& model, quint64 roomId)
{
    return dataOf(model, roomId, RoomListModel::UnreadRole).toULongLong();
}

quint64 mentionsOf(const RoomListModel& model, quint64 roomId)
{
    return dataOf(model, roomId, RoomListModel::MentionsRole).toULongLong();
}

// Whether a dataChanged recorded by spy covers row for role (no roles: all of them).
bool notified(const QSignalSpy& spy, int row, int role)
{
    for (const QList<QVariant>& arguments : spy) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        const auto roles = arguments.at(2).value<QList<int>>();
        if (topLeft.row() <= row && row <= bottomRight.row() &&
            (roles.isEmpty() || roles.contains(role)))
            return true;
    }
    return false;
}

constexpr int kChannels = int(RoomListModel::Section::Channels);
constexpr int kDirect = int(RoomListModel::Section::DirectMessages);
constexpr int kFavourites = int(RoomListModel::Section::Favourites);

moim::protocol::RelationInfo relation(quint64 userId, bool favourite, bool hidden, bool blocked)
{
    moim::protocol::RelationInfo info;
    info.userId = userId;
    info.favourite = favourite;
    info.hidden = hidden;
    info.blocked = blocked;
    return info;
}

} // namespace

class TestRoomListModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesResortDirectMessages()
    {
        // Direct messages listed before their names are known sort by "user N"; once the
        // names come they sort by them, and the selected room stays selected.
        RoomListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMyUserId(kMe);
        model.setChannels({channel(10, QStringLiteral("general"))});
        model.setDirectMessages({direct(20, {kMe, kCarol}), direct(21, {kMe, kAlice})});
        const QPersistentModelIndex selected = model.index(model.rowOf(20));
        model.setNames({{kAlice, QStringLiteral("Zoe")}, {kCarol, QStringLiteral("Anna")}});
        QCOMPARE(titles(model), (QStringList{QStringLiteral("general"), QStringLiteral("Anna"),
                                             QStringLiteral("Zoe")}));
        QCOMPARE(selected.data(RoomListModel::RoomIdRole).toULongLong(), quint64(20));
        model.setNames({{kAlice, QStringLiteral("Alice")}, {kCarol, QStringLiteral("Carol")}});
        QCOMPARE(titles(model), (QStringList{QStringLiteral("general"), QStringLiteral("Alice"),
                                             QStringLiteral("Carol")}));
        QCOMPARE(sections(model), (QList<int>{kChannels, kDirect, kDirect}));
        QCOMPARE(selected.row(), 2);
        QCOMPARE(selected.data(RoomListModel::RoomIdRole).toULongLong(), quint64(20));
    }

    void favouritesOnTopHiddenLeftOut()
    {
        // A favourite person's direct message is listed above the channels; a hidden person's
        // is left out until something unread arrives in it; the selection follows its room.
        RoomListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMyUserId(kMe);
        model.setNames(names());
        model.setChannels({channel(10, QStringLiteral("general"))});
        model.setDirectMessages({direct(20, {kMe, kAlice}), direct(21, {kMe, kBob}),
                                 direct(22, {kMe, kCarol}), direct(23, {kMe, kBob, kCarol})});
        const QPersistentModelIndex selected = model.index(model.rowOf(22));
        model.setRelations(
            {relation(kCarol, true, false, false), relation(kBob, false, true, true)});
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("Carol"), QStringLiteral("general"),
                              QStringLiteral("Alice"), QStringLiteral("Bob, Carol")}));
        QCOMPARE(sections(model), (QList<int>{kFavourites, kChannels, kDirect, kDirect}));
        QVERIFY(!model.contains(21)); // Bob is hidden; the group with Carol stays
        QVERIFY(model.room(21));      // but kept, counting
        QCOMPARE(model.index(0).data(RoomListModel::RoomIdRole).toULongLong(), quint64(22));
        // The room was selected before it moved: the selection moved with it.
        QCOMPARE(selected.data(RoomListModel::RoomIdRole).toULongLong(), quint64(22));
        QVERIFY(model.isBlocked(kBob));
        QVERIFY(model.isHidden(kBob));
        QVERIFY(model.isFavourite(kCarol));
        QCOMPARE(dataOf(model, 21, RoomListModel::BlockedRole), QVariant());

        // Bob writes: the conversation is back, with its count, until it is read and the
        // list is arranged again.
        model.noteMessage(21, 1, false, false);
        QVERIFY(model.contains(21));
        QCOMPARE(unreadOf(model, 21), quint64(1));
        QCOMPARE(dataOf(model, 21, RoomListModel::BlockedRole).toBool(), true);
        QCOMPARE(model.totalUnread(), quint64(1));
        model.setReadSeq(21, 1);
        model.setRelations(
            {relation(kCarol, true, false, false), relation(kBob, false, true, true)});
        QVERIFY(!model.contains(21));

        // Flags cleared: everything back in its usual place.
        model.setRelations({});
        QCOMPARE(sections(model), (QList<int>{kChannels, kDirect, kDirect, kDirect, kDirect}));
        QVERIFY(model.contains(21));
        QVERIFY(!model.isBlocked(kBob));
        QCOMPARE(selected.data(RoomListModel::RoomIdRole).toULongLong(), quint64(22));
    }

    void modelTesterFindsNoFault()
    {
        RoomListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMyUserId(kMe);
        model.setNames(names());
        model.setDirectMessages({direct(20, {kMe, kAlice}), direct(21, {kMe, kBob, kCarol})});
        model.setChannels({withCounts(channel(10, QStringLiteral("general")), 10, 5, 5, 1),
                           channel(11, QStringLiteral("random"))});
        model.setPresence(kAlice, PresenceStatus::Online);
        model.noteMessage(11, 1, false, true);
        model.noteMessage(20, 1, true, false);
        model.setReadSeq(10, 10);
        model.setNames(names());
        model.setChannels({channel(12, QStringLiteral("design"))});
        model.setDirectMessages({});
        QCOMPARE(model.rowCount(), 1);
        model.setChannels({});
        QCOMPARE(model.rowCount(), 0);
    }

    void channelsFirstThenDirectMessages()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setNames(names());
        RoomInfo archivedDirect = direct(24, {kMe, kCarol});
        archivedDirect.archived = true;
        RoomInfo notMineDirect = direct(25, {kAlice, kBob});
        notMineDirect.member = false;
        // Direct messages first, as they may come from the server.
        model.setDirectMessages({direct(20, {kMe, kBob}), direct(21, {kMe, kCarol, kAlice}),
                                 direct(22, {kMe}), archivedDirect, notMineDirect});
        RoomInfo archived = channel(13, QStringLiteral("old-stuff"));
        archived.archived = true;
        RoomInfo notJoined = channel(14, QStringLiteral("announcements"));
        notJoined.member = false;
        model.setChannels({channel(10, QStringLiteral("random")),
                           channel(11, QStringLiteral("general")), archived, notJoined,
                           channel(12, QStringLiteral("design"), RoomKind::PrivateChannel)});

        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("design"), QStringLiteral("general"),
                              QStringLiteral("random"), QStringLiteral("Alice, Carol"),
                              QStringLiteral("Bob"), QStringLiteral("Notes to self")}));
        QCOMPARE(sections(model),
                 (QList<int>{kChannels, kChannels, kChannels, kDirect, kDirect, kDirect}));
        QCOMPARE(model.index(0).data(RoomListModel::RoomIdRole).toULongLong(), quint64(12));
        QCOMPARE(model.index(0).data(RoomListModel::PrivateRole).toBool(), true);
        QCOMPARE(model.index(1).data(RoomListModel::PrivateRole).toBool(), false);
        QCOMPARE(model.index(3).data(RoomListModel::RoomIdRole).toULongLong(), quint64(21));
        QVERIFY(!model.contains(13));
        QVERIFY(!model.contains(14));
        QVERIFY(!model.contains(24));
        QVERIFY(!model.contains(25));
    }

    void replacingASectionKeepsTheOther()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setNames(names());
        model.setChannels({channel(10, QStringLiteral("general"))});
        model.setDirectMessages({direct(20, {kMe, kAlice})});
        model.setChannels(
            {channel(12, QStringLiteral("zebra")), channel(11, QStringLiteral("ant"))});
        QCOMPARE(titles(model), (QStringList{QStringLiteral("ant"), QStringLiteral("zebra"),
                                             QStringLiteral("Alice")}));
        model.setDirectMessages({direct(21, {kMe, kBob}), direct(20, {kMe, kAlice})});
        QCOMPARE(titles(model), (QStringList{QStringLiteral("ant"), QStringLiteral("zebra"),
                                             QStringLiteral("Alice"), QStringLiteral("Bob")}));
        model.setChannels({});
        QCOMPARE(titles(model), (QStringList{QStringLiteral("Alice"), QStringLiteral("Bob")}));
        QCOMPARE(sections(model), (QList<int>{kDirect, kDirect}));
        model.setChannels({channel(10, QStringLiteral("general"))});
        QCOMPARE(sections(model), (QList<int>{kChannels, kDirect, kDirect}));
    }

    void directMessageTitles()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setNames(names());
        QCOMPARE(model.titleOf(direct(20, {kMe, kAlice})), QStringLiteral("Alice"));
        QCOMPARE(model.titleOf(direct(20, {kAlice, kMe})), QStringLiteral("Alice"));
        QCOMPARE(model.titleOf(direct(21, {kMe, kCarol, kBob, kAlice})),
                 QStringLiteral("Alice, Bob, Carol"));
        QCOMPARE(model.titleOf(direct(22, {kMe})), QStringLiteral("Notes to self"));
        QCOMPARE(model.titleOf(direct(23, {kMe, 99})), QStringLiteral("user 99"));
        RoomInfo general = channel(10, QStringLiteral("general"));
        QCOMPARE(model.titleOf(general), QStringLiteral("general"));

        // Names learned later rename what is listed.
        model.setNames({});
        general.topic = QStringLiteral("Anything goes");
        model.setChannels({general});
        model.setDirectMessages({direct(20, {kMe, kAlice})});
        QCOMPARE(titles(model), (QStringList{QStringLiteral("general"), QStringLiteral("user 2")}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setNames(names());
        QVERIFY(notified(changed, 1, Qt::DisplayRole));
        QCOMPARE(titles(model), (QStringList{QStringLiteral("general"), QStringLiteral("Alice")}));
        QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(), QStringLiteral("Anything goes"));
        QCOMPARE(model.index(1).data(Qt::ToolTipRole).toString(), QStringLiteral("Alice"));
    }

    void noteMessageCountsOthersAfterTheMarker()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setChannels({withCounts(channel(10, QStringLiteral("general")), 20, 20, 0, 0),
                           channel(11, QStringLiteral("random"))});
        QSignalSpy counts(&model, &RoomListModel::countsChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.noteMessage(10, 21, false, false);
        QCOMPARE(unreadOf(model, 10), quint64(1));
        QCOMPARE(mentionsOf(model, 10), quint64(0));
        QCOMPARE(model.room(10)->lastSeq, quint64(21));
        QCOMPARE(counts.count(), 1);
        QVERIFY(notified(changed, model.rowOf(10), RoomListModel::UnreadRole));

        model.noteMessage(10, 22, false, true);
        QCOMPARE(unreadOf(model, 10), quint64(2));
        QCOMPARE(mentionsOf(model, 10), quint64(1));
        QCOMPARE(counts.count(), 2);
        QCOMPARE(dataOf(model, 10, Qt::AccessibleTextRole).toString(),
                 QStringLiteral("general 2 unread 1 mentions"));

        // Mine do not count, mentioning me or not.
        model.noteMessage(11, 1, true, false);
        model.noteMessage(11, 2, true, true);
        QCOMPARE(unreadOf(model, 11), quint64(0));
        QCOMPARE(mentionsOf(model, 11), quint64(0));
        QCOMPARE(model.room(11)->lastSeq, quint64(2));
        model.noteMessage(11, 3, false, false);
        QCOMPARE(unreadOf(model, 11), quint64(1));
        QCOMPARE(model.totalUnread(), quint64(3));
        QCOMPARE(model.totalMentions(), quint64(1));

        // A room not listed is none of the sidebar's business.
        counts.clear();
        model.noteMessage(99, 1, false, true);
        QCOMPARE(counts.count(), 0);
        QCOMPARE(model.totalUnread(), quint64(3));
    }

    // The server's counts cover every message up to lastSeq; a message it already counted,
    // or one seen twice (live and again in a catch-up page), counts once.
    void noteMessageCountsEachMessageOnce()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setChannels({withCounts(channel(10, QStringLiteral("general")), 20, 17, 3, 1)});
        model.noteMessage(10, 19, false, true);
        model.noteMessage(10, 20, false, false);
        QCOMPARE(unreadOf(model, 10), quint64(3));
        QCOMPARE(mentionsOf(model, 10), quint64(1));
        model.noteMessage(10, 21, false, true);
        model.noteMessage(10, 21, false, true);
        QCOMPARE(unreadOf(model, 10), quint64(4));
        QCOMPARE(mentionsOf(model, 10), quint64(2));
        QCOMPARE(model.room(10)->lastSeq, quint64(21));
    }

    void setReadSeqClearsCountsAtTheNewest()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setChannels({withCounts(channel(10, QStringLiteral("general")), 30, 20, 5, 2),
                           withCounts(channel(11, QStringLiteral("random")), 8, 6, 2, 0)});
        QCOMPARE(model.totalUnread(), quint64(7));
        QCOMPARE(model.totalMentions(), quint64(2));
        QSignalSpy counts(&model, &RoomListModel::countsChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // Partly read: how many are left is the server's to say.
        model.setReadSeq(10, 25);
        QCOMPARE(model.room(10)->readSeq, quint64(25));
        QCOMPARE(unreadOf(model, 10), quint64(5));
        QCOMPARE(mentionsOf(model, 10), quint64(2));
        QCOMPARE(counts.count(), 1);

        model.setReadSeq(10, 30);
        QCOMPARE(unreadOf(model, 10), quint64(0));
        QCOMPARE(mentionsOf(model, 10), quint64(0));
        QCOMPARE(counts.count(), 2);
        QVERIFY(notified(changed, model.rowOf(10), RoomListModel::UnreadRole));
        QCOMPARE(model.totalUnread(), quint64(2));
        QCOMPARE(model.totalMentions(), quint64(0));
        QCOMPARE(dataOf(model, 10, Qt::AccessibleTextRole).toString(), QStringLiteral("general"));

        // Beyond what is known counts as read too.
        model.setReadSeq(11, 9);
        QCOMPARE(unreadOf(model, 11), quint64(0));
        QCOMPARE(model.totalUnread(), quint64(0));

        // A message that came after the marker keeps the room unread.
        model.noteMessage(10, 31, false, false);
        model.setReadSeq(10, 30);
        QCOMPARE(unreadOf(model, 10), quint64(1));
        model.setReadSeq(10, 31);
        QCOMPARE(unreadOf(model, 10), quint64(0));

        counts.clear();
        model.setReadSeq(99, 100);
        QCOMPARE(counts.count(), 0);
    }

    void presenceOfOneToOneDirectMessages()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setNames(names());
        model.setChannels({channel(10, QStringLiteral("general"))});
        model.setDirectMessages(
            {direct(20, {kMe, kAlice}), direct(21, {kMe, kBob, kCarol}), direct(22, {kMe})});
        // general, Alice, "Bob, Carol", Notes to self
        QCOMPARE(dataOf(model, 20, RoomListModel::PresenceRole).toInt(),
                 int(PresenceStatus::Offline));
        QCOMPARE(dataOf(model, 20, RoomListModel::PeerIdRole).toULongLong(), kAlice);
        for (quint64 roomId : {quint64(10), quint64(21), quint64(22)}) {
            QCOMPARE(dataOf(model, roomId, RoomListModel::PresenceRole).toInt(), -1);
            QCOMPARE(dataOf(model, roomId, RoomListModel::PeerIdRole).toULongLong(), quint64(0));
        }

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPresence(kAlice, PresenceStatus::Online);
        QCOMPARE(changed.count(), 1);
        QVERIFY(notified(changed, model.rowOf(20), RoomListModel::PresenceRole));
        QCOMPARE(dataOf(model, 20, RoomListModel::PresenceRole).toInt(),
                 int(PresenceStatus::Online));
        model.setPresence(kAlice, PresenceStatus::Away);
        QCOMPARE(dataOf(model, 20, RoomListModel::PresenceRole).toInt(), int(PresenceStatus::Away));

        // Nobody listed has a direct message with Bob alone.
        changed.clear();
        model.setPresence(kBob, PresenceStatus::Online);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(dataOf(model, 21, RoomListModel::PresenceRole).toInt(), -1);

        // Known before the room was listed.
        model.setDirectMessages({direct(20, {kMe, kAlice}), direct(23, {kBob, kMe})});
        QCOMPARE(dataOf(model, 23, RoomListModel::PresenceRole).toInt(),
                 int(PresenceStatus::Online));
        QCOMPARE(dataOf(model, 23, RoomListModel::PeerIdRole).toULongLong(), kBob);
    }

    void totalsAndCountsChanged()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        QCOMPARE(model.totalUnread(), quint64(0));
        QCOMPARE(model.totalMentions(), quint64(0));
        QSignalSpy counts(&model, &RoomListModel::countsChanged);
        model.setChannels({withCounts(channel(10, QStringLiteral("general")), 9, 4, 5, 1),
                           withCounts(channel(11, QStringLiteral("random")), 3, 0, 3, 0)});
        QCOMPARE(counts.count(), 1);
        model.setDirectMessages({withCounts(direct(20, {kMe, kAlice}), 7, 0, 7, 7)});
        QCOMPARE(counts.count(), 2);
        QCOMPARE(model.totalUnread(), quint64(15));
        QCOMPARE(model.totalMentions(), quint64(8));
        QCOMPARE(dataOf(model, 20, RoomListModel::UnreadRole).toULongLong(), quint64(7));

        // Rooms not listed (archived) do not count.
        RoomInfo archived = withCounts(channel(12, QStringLiteral("old")), 50, 0, 50, 50);
        archived.archived = true;
        model.setChannels(
            {withCounts(channel(10, QStringLiteral("general")), 9, 4, 5, 1), archived});
        QCOMPARE(counts.count(), 3);
        QCOMPARE(model.totalUnread(), quint64(12));
        QCOMPARE(model.totalMentions(), quint64(8));
        model.noteMessage(20, 8, false, true);
        QCOMPARE(counts.count(), 4);
        QCOMPARE(model.totalUnread(), quint64(13));
        QCOMPARE(model.totalMentions(), quint64(9));
        model.setReadSeq(20, 8);
        QCOMPARE(counts.count(), 5);
        QCOMPARE(model.totalUnread(), quint64(5));
        QCOMPARE(model.totalMentions(), quint64(1));
    }

    void lookUpByRoomId()
    {
        RoomListModel model;
        model.setMyUserId(kMe);
        model.setChannels(
            {channel(10, QStringLiteral("general")), channel(11, QStringLiteral("design"))});
        model.setDirectMessages({direct(20, {kMe, kAlice})});
        QCOMPARE(model.rowOf(11), 0);
        QCOMPARE(model.rowOf(10), 1);
        QCOMPARE(model.rowOf(20), 2);
        QCOMPARE(model.rowOf(99), -1);
        QVERIFY(model.contains(20));
        QVERIFY(!model.contains(99));
        QVERIFY(!model.room(99));
        const std::optional<RoomInfo> room = model.room(20);
        QVERIFY(room);
        QCOMPARE(room->memberIds, (QList<quint64>{kMe, kAlice}));
        QCOMPARE(room->kind, RoomKind::Direct);
    }
};

QTEST_GUILESS_MAIN(TestRoomListModel)
#include "TestRoomListModel.moc"
