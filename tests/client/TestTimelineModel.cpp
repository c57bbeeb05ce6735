// The timeline of one room as the window shows it, fed the way ChatService feeds it: history
// pages newest first (each page ascending), live events, events read again once their key
// came, and my own messages before and after the server acknowledged them. Events that name
// another one (edits, deletes, pins, reactions) can arrive before the message they name.

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <chat/TimelineModel.h>

using moim::chat::ChatMessage;
using moim::chat::DecryptedEvent;
using moim::chat::ReactionSummary;
using moim::chat::TimelineModel;
using moim::client::AttachmentRef;
using moim::protocol::EventKind;

namespace {

constexpr quint64 kRoom = 42;
constexpr quint64 kMe = 1;
constexpr quint64 kAlice = 2;
constexpr quint64 kBob = 3;
constexpr qint64 kMinute = 60 * 1000;

// The model splits days in local time, so the tests build their times in local time too.
qint64 localMs(int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2024, 5, day), QTime(hour, minute, second)).toMSecsSinceEpoch();
}

// Ten minutes apart: rows never group unless a test sets times that make them.
qint64 defaultTime(quint64 seq)
{
    return localMs(1, 0, 0) + qint64(seq) * 10 * kMinute;
}

QString textOf(quint64 seq)
{
    return QStringLiteral("message %1").arg(seq);
}

QByteArray clientIdOf(quint64 seq)
{
    return QByteArrayLiteral("client-") + QByteArray::number(seq);
}

DecryptedEvent eventOf(EventKind kind, quint64 seq, quint64 sender)
{
    DecryptedEvent decrypted;
    decrypted.event.roomId = kRoom;
    decrypted.event.seq = seq;
    decrypted.event.kind = kind;
    decrypted.event.senderUserId = sender;
    decrypted.event.senderDeviceId = sender * 100;
    decrypted.event.createdMs = defaultTime(seq);
    return decrypted;
}

DecryptedEvent message(quint64 seq, quint64 sender, const QString& text)
{
    DecryptedEvent decrypted = eventOf(EventKind::Message, seq, sender);
    decrypted.event.clientId = clientIdOf(seq);
    decrypted.readability = DecryptedEvent::Readability::Readable;
    decrypted.content.text = text;
    return decrypted;
}

DecryptedEvent message(quint64 seq, quint64 sender = kAlice)
{
    return message(seq, sender, textOf(seq));
}

DecryptedEvent unreadable(quint64 seq, quint64 sender = kAlice)
{
    DecryptedEvent decrypted = message(seq, sender, QString());
    decrypted.readability = DecryptedEvent::Readability::WaitingForKey;
    return decrypted;
}

DecryptedEvent reply(quint64 seq, quint64 sender, quint64 root)
{
    DecryptedEvent decrypted = message(seq, sender);
    decrypted.event.threadRoot = root;
    return decrypted;
}

DecryptedEvent edit(quint64 seq, quint64 sender, quint64 target, const QString& text)
{
    DecryptedEvent decrypted = eventOf(EventKind::Edit, seq, sender);
    decrypted.event.refSeq = target;
    decrypted.readability = DecryptedEvent::Readability::Readable;
    decrypted.content.text = text;
    return decrypted;
}

// Deletes, pins and unpins carry no envelope.
DecryptedEvent plain(EventKind kind, quint64 seq, quint64 sender, quint64 target)
{
    DecryptedEvent decrypted = eventOf(kind, seq, sender);
    decrypted.event.refSeq = target;
    return decrypted;
}

DecryptedEvent reactionAdd(quint64 seq, quint64 sender, quint64 target, const QByteArray& key,
                           const QString& emoji)
{
    DecryptedEvent decrypted = eventOf(EventKind::ReactionAdd, seq, sender);
    decrypted.event.refSeq = target;
    decrypted.event.reactionKey = key;
    decrypted.readability = DecryptedEvent::Readability::Readable;
    decrypted.content.reaction = emoji;
    return decrypted;
}

// A removal names the key only: it has no envelope, so no emoji.
DecryptedEvent reactionRemove(quint64 seq, quint64 sender, quint64 target, const QByteArray& key)
{
    DecryptedEvent decrypted = eventOf(EventKind::ReactionRemove, seq, sender);
    decrypted.event.refSeq = target;
    decrypted.event.reactionKey = key;
    return decrypted;
}

DecryptedEvent member(EventKind kind, quint64 seq, quint64 subject)
{
    DecryptedEvent decrypted = eventOf(kind, seq, subject);
    decrypted.event.subjectUserId = subject;
    return decrypted;
}

QList<DecryptedEvent> page(quint64 first, quint64 last, quint64 sender = kAlice)
{
    QList<DecryptedEvent> events;
    for (quint64 seq = first; seq <= last; ++seq)
        events.append(message(seq, sender));
    return events;
}

AttachmentRef attachment(const QString& name, qint64 size)
{
    AttachmentRef file;
    file.blobId = QByteArray(32, 'b');
    file.key = QByteArray(32, 'k');
    file.plainHash = QByteArray(32, 'h');
    file.size = size;
    file.name = name;
    file.mimeType = QStringLiteral("image/jpeg");
    return file;
}

ChatMessage pending(const QByteArray& clientId, const QString& text, qint64 createdMs)
{
    ChatMessage sending;
    sending.roomId = kRoom;
    sending.clientId = clientId;
    sending.senderUserId = kMe;
    sending.createdMs = createdMs;
    sending.text = text;
    return sending;
}

QList<quint64> seqsOf(const TimelineModel& model)
{
    QList<quint64> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs.append(model.index(row).data(TimelineModel::SeqRole).toULongLong());
    return seqs;
}

QVariant dataOf(const TimelineModel& model, quint64 seq, int role)
{
    const int row = model.rowOfSeq(seq);
    return row < 0 ? QVariant() : model.index(row).data(role);
}

QList<bool> flagsOf(const TimelineModel& model, int role)
{
    QList<bool> flags;
    for (int row = 0; row < model.rowCount(); ++row)
        flags.append(model.index(row).data(role).toBool());
    return flags;
}

// "emoji(key) user,user*" per reaction, * when one of them is me: readable in a failure.
QString describe(const QList<ReactionSummary>& reactions)
{
    QStringList parts;
    for (const ReactionSummary& reaction : reactions) {
        QStringList users;
        for (quint64 user : reaction.userIds)
            users.append(QString::number(user));
        parts.append(reaction.emoji + QStringLiteral("(") + QString::fromLatin1(reaction.key) +
                     QStringLiteral(") ") + users.join(u',') +
                     (reaction.mine ? QStringLiteral("*") : QString()));
    }
    return parts.join(QStringLiteral("; "));
}

QString reactionsOf(const TimelineModel& model, quint64 seq)
{
    const int row = model.rowOfSeq(seq);
    return row < 0 ? QStringLiteral("<no row>") : describe(model.messageAt(row).reactions);
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

const QByteArray kThumbsUp = QByteArrayLiteral("k-up");
const QByteArray kHeart = QByteArrayLiteral("k-heart");

} // namespace

class TestTimelineModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void windowSignals()
    {
        // The window's drops and newer pages, watched by the model tester, pending rows kept.
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset(kRoom, kBob);
        model.addNewestPage(page(201, 250), true);
        ChatMessage pending;
        pending.roomId = kRoom;
        pending.clientId = QByteArray("pending-1");
        pending.senderUserId = kBob;
        pending.text = QStringLiteral("on its way");
        model.addPending(pending);
        for (quint64 before = 201; before > 1; before -= 50) {
            model.addEvents(page(before - 50, before - 1), false);
            model.dropNewest(120);
            QVERIFY(model.storedRowCount() <= 120);
            QCOMPARE(model.rowCount(), model.storedRowCount() + 1);
        }
        QCOMPARE(model.newestSeq(), quint64(120));
        while (model.hasMoreAfter()) {
            const quint64 after = model.newestSeq();
            model.addNewerPage(page(after + 1, std::min<quint64>(after + 50, 250)),
                               after + 50 < 250);
            model.dropOldest(120);
        }
        QCOMPARE(model.newestSeq(), quint64(250));
        QCOMPARE(model.oldestSeq(), quint64(131));
        QCOMPARE(model.messageAt(model.rowCount() - 1).text, QStringLiteral("on its way"));
    }

    void hundredThousandMessagesInAWindow()
    {
        // Scrolling from the newest of 100,000 messages to the oldest and back, a page of 50
        // at a time, as the window does: never more than 1,000 rows, every message met in
        // order, and what was folded into a message (an edit and a reaction seen long before
        // their message, with the newest page) still there each time it comes back.
        constexpr quint64 kMessages = 100'000;
        constexpr int kKeep = 1000;
        constexpr quint64 kPage = 50;
        // No QAbstractItemModelTester here: it checks the whole model at every change, which
        // for 4,000 pages takes minutes; windowSignals below runs it over the same calls.
        TimelineModel model;
        model.reset(kRoom, kBob);
        QList<DecryptedEvent> newest = page(kMessages - kPage + 1, kMessages);
        newest.append(edit(kMessages + 1, kAlice, 10, QStringLiteral("ten, edited")));
        newest.append(reactionAdd(kMessages + 2, kBob, 10, QByteArray("k1"), QStringLiteral("👍")));
        model.addNewestPage(newest, true);
        const auto checkTen = [&] {
            const int row = model.rowOfSeq(10);
            QVERIFY(row >= 0);
            QCOMPARE(model.messageAt(row).text, QStringLiteral("ten, edited"));
            QCOMPARE(model.messageAt(row).reactions.size(), 1);
            QVERIFY(model.messageAt(row).reactions.first().mine);
        };
        int widest = 0;
        while (model.oldestSeq() > 1) {
            const quint64 before = model.oldestSeq();
            model.addEvents(page(before > kPage ? before - kPage : 1, before - 1), false);
            model.dropNewest(kKeep);
            widest = std::max(widest, model.rowCount());
            QCOMPARE(model.messageAt(0).seq, before > kPage ? before - kPage : 1);
        }
        QCOMPARE(widest, kKeep);
        QVERIFY(model.hasMoreAfter());
        QCOMPARE(model.newestSeq(), quint64(kKeep));
        checkTen();

        // A live message while the newest rows are not shown: not appended after a gap.
        model.addEvents({message(kMessages + 3, kAlice)}, true);
        QCOMPARE(model.rowOfSeq(kMessages + 3), -1);
        QCOMPARE(model.newestSeq(), quint64(kKeep));

        // Back down to the newest (the live one included), the oldest rows going.
        while (model.hasMoreAfter()) {
            const quint64 after = model.newestSeq();
            const quint64 last = std::min(after + kPage, kMessages + 3);
            QList<DecryptedEvent> events = page(after + 1, std::min(last, kMessages));
            if (last > kMessages) {
                events.append(edit(kMessages + 1, kAlice, 10, QStringLiteral("ten, edited")));
                events.append(
                    reactionAdd(kMessages + 2, kBob, 10, QByteArray("k1"), QStringLiteral("👍")));
                events.append(message(kMessages + 3, kAlice));
            }
            model.addNewerPage(events, last < kMessages + 3);
            model.dropOldest(kKeep);
            QVERIFY(model.rowCount() <= kKeep);
            QCOMPARE(model.newestSeq(), std::min(last, kMessages) == kMessages && last > kMessages
                                            ? kMessages + 3
                                            : last);
        }
        QCOMPARE(model.rowCount(), kKeep);
        QCOMPARE(model.newestSeq(), kMessages + 3);
        QVERIFY(model.hasMoreBefore());
        QCOMPARE(model.rowOfSeq(10), -1);

        // Up again to message 10: its edit and reaction fold in once more.
        while (model.rowOfSeq(10) < 0) {
            const quint64 before = model.oldestSeq();
            model.addEvents(page(before > kPage ? before - kPage : 1, before - 1), false);
            model.dropNewest(kKeep);
        }
        checkTen();
        // Live messages at the bottom of the window keep coming once it is back at the end.
        model.addNewestPage(page(kMessages - kPage + 1, kMessages + 3), true);
        QVERIFY(!model.hasMoreAfter());
        model.addEvents({message(kMessages + 4, kAlice)}, true);
        QCOMPARE(model.newestSeq(), kMessages + 4);
    }

    // Everything the window does to a timeline, under Qt's own consistency checks of models.
    void modelTesterFindsNoFault()
    {
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset(kRoom, kMe);
        model.setNames({{kMe, QStringLiteral("Me")}, {kAlice, QStringLiteral("Alice")}});
        model.addEvents(page(101, 150), false);
        QList<DecryptedEvent> older = page(51, 100);
        older.append(member(EventKind::MemberJoined, 50, kBob));
        std::sort(older.begin(), older.end(),
                  [](const auto& a, const auto& b) { return a.event.seq < b.event.seq; });
        model.addEvents(older, false);
        model.addEvents({edit(40, kAlice, 30, QStringLiteral("waits for its message"))}, false);
        model.addEvents(page(20, 39) + page(41, 49), false);
        model.addPending(pending("a", QStringLiteral("first of mine"), defaultTime(151)));
        model.addPending(pending("b", QStringLiteral("second of mine"), defaultTime(152)));
        model.addEvents({message(151, kBob), unreadable(152)}, true);
        model.confirmPending("a", 153, defaultTime(153));
        model.failPending("b", QStringLiteral("no connection"));
        model.addEvents({reactionAdd(154, kAlice, 153, kThumbsUp, QStringLiteral("👍")),
                         edit(155, kAlice, 101, QStringLiteral("edited")),
                         plain(EventKind::Delete, 156, kAlice, 102),
                         plain(EventKind::Pin, 157, kAlice, 103), reply(158, kBob, 104),
                         message(152, kAlice)},
                        true);
        model.setReadSeq(120);
        model.setThumbnail(105, QByteArrayLiteral("jpeg"));
        model.addPending(pending("c", QStringLiteral("third of mine"), defaultTime(160)));
        DecryptedEvent stored = message(160, kMe);
        stored.event.clientId = "c";
        model.addEvents({stored}, false);
        // 50 + 51 + 29 from history, 151 to 153 and 160, the failed one of mine.
        QCOMPARE(model.rowCount(), 50 + 51 + 29 + 4 + 1);
        QCOMPARE(dataOf(model, 30, TimelineModel::TextRole).toString(),
                 QStringLiteral("waits for its message"));
        QCOMPARE(model.messageAt(model.rowCount() - 1).delivery, ChatMessage::Delivery::Failed);
        model.reset(kRoom + 1, kMe);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.roomId(), kRoom + 1);
    }

    void pagesLoadedNewestFirstGiveRowsInSeqOrder()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        QCOMPARE(model.oldestSeq(), quint64(0));
        QCOMPARE(model.newestSeq(), quint64(0));
        model.addEvents(page(21, 30), false);
        model.addEvents(page(11, 20), false);
        model.addEvents(page(1, 10), false);
        QList<quint64> expected;
        for (quint64 seq = 1; seq <= 30; ++seq)
            expected.append(seq);
        QCOMPARE(seqsOf(model), expected);
        QCOMPARE(model.oldestSeq(), quint64(1));
        QCOMPARE(model.newestSeq(), quint64(30));
        QCOMPARE(model.index(0).data(TimelineModel::TextRole).toString(), textOf(1));
        QCOMPARE(model.index(29).data(Qt::DisplayRole).toString(), textOf(30));
        QCOMPARE(model.index(29).data(TimelineModel::KindRole).toInt(),
                 int(ChatMessage::Kind::Message));

        // Live events go after the newest, also when gaps remain.
        model.addEvents({message(35), message(40)}, true);
        QCOMPARE(model.newestSeq(), quint64(40));
        QCOMPARE(seqsOf(model).mid(28), (QList<quint64>{29, 30, 35, 40}));
        // A gap filled later lands in its place.
        model.addEvents(page(31, 34), false);
        QCOMPARE(seqsOf(model).mid(28), (QList<quint64>{29, 30, 31, 32, 33, 34, 35, 40}));
    }

    void duplicatesAreIgnored()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents(page(11, 20), false);
        // An overlapping page and a live event seen twice.
        model.addEvents(page(5, 15), false);
        model.addEvents({message(21), message(21)}, true);
        model.addEvents({message(21)}, true);
        QList<quint64> expected;
        for (quint64 seq = 5; seq <= 21; ++seq)
            expected.append(seq);
        QCOMPARE(seqsOf(model), expected);
        // A copy saying something else does not replace what was read.
        model.addEvents({message(12, kAlice, QStringLiteral("forged copy"))}, true);
        QCOMPARE(dataOf(model, 12, TimelineModel::TextRole).toString(), textOf(12));
    }

    void eventsOfOtherRoomsAndWithoutSeqAreIgnored()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent elsewhere = message(1);
        elsewhere.event.roomId = kRoom + 1;
        DecryptedEvent noSeq = message(2);
        noSeq.event.seq = 0;
        model.addEvents({elsewhere, noSeq}, true);
        QCOMPARE(model.rowCount(), 0);
    }

    void memberLinesAreRows()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.setNames({{kBob, QStringLiteral("Bob")}});
        model.addEvents({member(EventKind::MemberJoined, 1, kBob), message(2),
                         member(EventKind::MemberLeft, 3, kBob),
                         eventOf(EventKind::RoomUpdated, 4, kAlice)},
                        false);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0).data(TimelineModel::KindRole).toInt(),
                 int(ChatMessage::Kind::MemberJoined));
        QCOMPARE(model.index(0).data(TimelineModel::SubjectNameRole).toString(),
                 QStringLiteral("Bob"));
        QCOMPARE(model.index(2).data(TimelineModel::KindRole).toInt(),
                 int(ChatMessage::Kind::MemberLeft));
        QCOMPARE(model.index(3).data(TimelineModel::KindRole).toInt(),
                 int(ChatMessage::Kind::RoomUpdated));
        // Someone without a known name still has one.
        QCOMPARE(model.index(1).data(TimelineModel::SenderNameRole).toString(),
                 QStringLiteral("user 2"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setNames({{kBob, QStringLiteral("Bob")}, {kAlice, QStringLiteral("Alice")}});
        QVERIFY(notified(changed, 1, TimelineModel::SenderNameRole));
        QCOMPARE(model.index(1).data(TimelineModel::SenderNameRole).toString(),
                 QStringLiteral("Alice"));
    }

    void threadRepliesCountOnTheirRoot()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent root = message(10);
        root.event.replyCount = 2; // the server's count as of reading
        root.event.lastReplyMs = defaultTime(12);
        model.addEvents({root, reply(11, kBob, 10), reply(12, kAlice, 10), message(13)}, false);
        QCOMPARE(seqsOf(model), (QList<quint64>{10, 13}));
        QCOMPARE(dataOf(model, 10, TimelineModel::ReplyCountRole).toULongLong(), quint64(2));

        // History already counted in the root's summary; a page seen again changes nothing.
        model.addEvents({reply(11, kBob, 10), reply(12, kAlice, 10)}, false);
        QCOMPARE(dataOf(model, 10, TimelineModel::ReplyCountRole).toULongLong(), quint64(2));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        DecryptedEvent live = reply(14, kBob, 10);
        live.event.createdMs = defaultTime(14) + 1234;
        model.addEvents({live}, true);
        QCOMPARE(seqsOf(model), (QList<quint64>{10, 13}));
        QCOMPARE(dataOf(model, 10, TimelineModel::ReplyCountRole).toULongLong(), quint64(3));
        QCOMPARE(model.messageAt(0).lastReplyMs, defaultTime(14) + 1234);
        QVERIFY(notified(changed, 0, TimelineModel::ReplyCountRole));
        model.addEvents({reply(15, kMe, 10)}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::ReplyCountRole).toULongLong(), quint64(4));
        // The same reply again (a push and a catch-up page, say), or one history already
        // showed arriving live: counted once.
        model.addEvents({reply(15, kMe, 10), reply(12, kAlice, 10)}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::ReplyCountRole).toULongLong(), quint64(4));
        QCOMPARE(dataOf(model, 13, TimelineModel::ReplyCountRole).toULongLong(), quint64(0));

        // A reply to a root that is not loaded is not a row either.
        model.addEvents({reply(16, kBob, 3)}, true);
        QCOMPARE(seqsOf(model), (QList<quint64>{10, 13}));
    }

    void newestEditWins_data()
    {
        QTest::addColumn<QList<int>>("order");
        QTest::newRow("in order") << QList<int>{0, 1, 2};
        QTest::newRow("reversed") << QList<int>{2, 1, 0};
        QTest::newRow("newest first") << QList<int>{2, 0, 1};
        QTest::newRow("newest between") << QList<int>{0, 2, 1};
    }
    void newestEditWins()
    {
        QFETCH(QList<int>, order);
        const QList<DecryptedEvent> edits{edit(20, kAlice, 10, QStringLiteral("first edit")),
                                          edit(30, kAlice, 10, QStringLiteral("second edit")),
                                          edit(40, kAlice, 10, QStringLiteral("third edit"))};
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(10, kAlice, QStringLiteral("original"))}, false);
        QCOMPARE(dataOf(model, 10, TimelineModel::EditedRole).toBool(), false);
        for (int i : order)
            model.addEvents({edits.at(i)}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(),
                 QStringLiteral("third edit"));
        QCOMPARE(dataOf(model, 10, TimelineModel::EditedRole).toBool(), true);
        QCOMPARE(model.rowCount(), 1);
    }

    void unreadableEditKeepsTheLastReadableText()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(10, kAlice, QStringLiteral("original"))}, false);
        model.addEvents({edit(20, kAlice, 10, QStringLiteral("first edit"))}, true);
        DecryptedEvent waiting = edit(30, kAlice, 10, QString());
        waiting.readability = DecryptedEvent::Readability::WaitingForKey;
        model.addEvents({waiting}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(),
                 QStringLiteral("first edit"));
        QCOMPARE(dataOf(model, 10, TimelineModel::EditedRole).toBool(), true);
        // Its key comes: read again, it shows.
        model.addEvents({edit(30, kAlice, 10, QStringLiteral("second edit"))}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(),
                 QStringLiteral("second edit"));

        // A message still waiting for its key, with a readable edit: the edit shows, and the
        // message read later does not hide it.
        model.addEvents({unreadable(40)}, true);
        model.addEvents({edit(50, kAlice, 40, QStringLiteral("readable edit"))}, true);
        QCOMPARE(dataOf(model, 40, TimelineModel::TextRole).toString(),
                 QStringLiteral("readable edit"));
        model.addEvents({message(40, kAlice, QStringLiteral("first words"))}, true);
        QCOMPARE(dataOf(model, 40, TimelineModel::TextRole).toString(),
                 QStringLiteral("readable edit"));
    }

    void onlyTheSendersEditsCount()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(10, kAlice, QStringLiteral("original"))}, false);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.addEvents({edit(20, kBob, 10, QStringLiteral("Bob's words"))}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(), QStringLiteral("original"));
        QCOMPARE(dataOf(model, 10, TimelineModel::EditedRole).toBool(), false);
        // Someone else's newer edit does not hide the sender's older one.
        model.addEvents({edit(15, kAlice, 10, QStringLiteral("Alice's edit"))}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(),
                 QStringLiteral("Alice's edit"));
        QVERIFY(notified(changed, 0, TimelineModel::TextRole));
        model.addEvents({edit(30, kBob, 10, QStringLiteral("Bob again"))}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(),
                 QStringLiteral("Alice's edit"));
    }

    void editsBeforeTheirMessageApplyWhenItLoads()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        // The newest page names message 5 before any page holds it.
        QList<DecryptedEvent> newest = page(101, 200);
        newest.replace(120 - 101, edit(120, kAlice, 5, QStringLiteral("middle edit")));
        newest.replace(180 - 101, edit(180, kAlice, 5, QStringLiteral("newest edit")));
        newest.replace(190 - 101, edit(190, kBob, 5, QStringLiteral("not the sender")));
        model.addEvents(newest, false);
        QCOMPARE(model.rowCount(), 97);
        QCOMPARE(model.rowOfSeq(5), -1);

        QList<DecryptedEvent> older = page(1, 100);
        older.replace(50 - 1, edit(50, kAlice, 5, QStringLiteral("oldest edit")));
        model.addEvents(older, false);
        QCOMPARE(model.rowCount(), 196);
        QCOMPARE(dataOf(model, 5, TimelineModel::TextRole).toString(),
                 QStringLiteral("newest edit"));
        QCOMPARE(dataOf(model, 5, TimelineModel::EditedRole).toBool(), true);
        QCOMPARE(seqsOf(model).first(), quint64(1));
        QCOMPARE(seqsOf(model).last(), quint64(200));
    }

    void deleteClearsTextFileAndReactions()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent withFile = message(10, kAlice, QStringLiteral("a photo"));
        withFile.content.file = attachment(QStringLiteral("photo.jpg"), 123456);
        withFile.content.thumbnail = attachment(QStringLiteral("thumb.jpg"), 900);
        model.addEvents({withFile, reactionAdd(11, kBob, 10, kThumbsUp, QStringLiteral("👍")),
                         reactionAdd(12, kMe, 10, kHeart, QStringLiteral("❤️"))},
                        false);
        model.setThumbnail(10, QByteArrayLiteral("jpeg bytes"));
        QCOMPARE(dataOf(model, 10, TimelineModel::FileNameRole).toString(),
                 QStringLiteral("photo.jpg"));
        QCOMPARE(dataOf(model, 10, TimelineModel::FileSizeRole).toLongLong(), qint64(123456));
        QCOMPARE(dataOf(model, 10, TimelineModel::ThumbnailRole).toByteArray(),
                 QByteArrayLiteral("jpeg bytes"));
        QCOMPARE(dataOf(model, 10, TimelineModel::ReactionsRole).toList().size(), 2);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.addEvents({plain(EventKind::Delete, 13, kAlice, 10)}, true);
        QVERIFY(notified(changed, 0, TimelineModel::DeletedRole));
        QCOMPARE(dataOf(model, 10, TimelineModel::DeletedRole).toBool(), true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(), QString());
        QCOMPARE(dataOf(model, 10, TimelineModel::FileNameRole).toString(), QString());
        QCOMPARE(dataOf(model, 10, TimelineModel::FileSizeRole).toLongLong(), qint64(0));
        QCOMPARE(dataOf(model, 10, TimelineModel::ThumbnailRole).toByteArray(), QByteArray());
        QCOMPARE(dataOf(model, 10, TimelineModel::ReactionsRole).toList(), QVariantList());
        QVERIFY(!model.messageAt(0).file);
        QVERIFY(!model.messageAt(0).thumbnail);

        // What comes after the delete does not bring anything back.
        model.addEvents({reactionAdd(14, kBob, 10, kHeart, QStringLiteral("❤️")),
                         edit(15, kAlice, 10, QStringLiteral("edited after delete"))},
                        true);
        model.setThumbnail(10, QByteArrayLiteral("late thumbnail"));
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(), QString());
        QCOMPARE(dataOf(model, 10, TimelineModel::ReactionsRole).toList(), QVariantList());
        QCOMPARE(dataOf(model, 10, TimelineModel::DeletedRole).toBool(), true);
    }

    void deletesBeforeTheirMessageApplyWhenItLoads()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({reactionAdd(101, kBob, 5, kThumbsUp, QStringLiteral("👍")),
                         plain(EventKind::Delete, 102, kAlice, 5), message(103)},
                        false);
        DecryptedEvent target = message(5);
        target.content.file = attachment(QStringLiteral("a.pdf"), 10);
        model.addEvents({target, message(6)}, false);
        QCOMPARE(dataOf(model, 5, TimelineModel::DeletedRole).toBool(), true);
        QCOMPARE(dataOf(model, 5, TimelineModel::TextRole).toString(), QString());
        QCOMPARE(dataOf(model, 5, TimelineModel::FileNameRole).toString(), QString());
        QCOMPARE(reactionsOf(model, 5), QString());

        // The server's summary says so too (it keeps no envelope of a deleted message).
        DecryptedEvent summarized = message(4);
        summarized.event.deleted = true;
        model.addEvents({summarized}, false);
        QCOMPARE(dataOf(model, 4, TimelineModel::DeletedRole).toBool(), true);
        QCOMPARE(dataOf(model, 4, TimelineModel::TextRole).toString(), QString());
    }

    // A message I could not read yet was deleted; its key coming later must not bring back
    // what the sender deleted (ChatService reads the stored copy again, from before the
    // delete).
    void deletedMessageStaysEmptyWhenItsKeyComes()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({unreadable(10)}, true);
        model.addEvents({plain(EventKind::Delete, 11, kAlice, 10)}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::DeletedRole).toBool(), true);

        DecryptedEvent readNow = message(10, kAlice, QStringLiteral("regretted words"));
        readNow.content.file = attachment(QStringLiteral("regretted.jpg"), 99);
        readNow.content.thumbnail = attachment(QStringLiteral("thumb.jpg"), 9);
        model.addEvents({readNow}, false);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(dataOf(model, 10, TimelineModel::DeletedRole).toBool(), true);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(), QString());
        QCOMPARE(dataOf(model, 10, TimelineModel::FileNameRole).toString(), QString());
        QVERIFY(!model.messageAt(0).file);
        QVERIFY(!model.messageAt(0).thumbnail);
    }

    void pinFollowsTheNewestPinEvent_data()
    {
        QTest::addColumn<QList<int>>("order");
        QTest::addColumn<bool>("messageFirst");
        QTest::addColumn<bool>("pinned");
        // 0: pin at 20, 1: unpin at 30, 2: pin at 40.
        QTest::newRow("pin, unpin") << QList<int>{0, 1} << true << false;
        QTest::newRow("unpin, pin") << QList<int>{1, 0} << true << false;
        QTest::newRow("unpin, pin, before message") << QList<int>{1, 0} << false << false;
        QTest::newRow("pin only") << QList<int>{0} << true << true;
        QTest::newRow("all in order") << QList<int>{0, 1, 2} << true << true;
        QTest::newRow("all reversed") << QList<int>{2, 1, 0} << true << true;
        QTest::newRow("all reversed, before message") << QList<int>{2, 1, 0} << false << true;
        QTest::newRow("newest first") << QList<int>{2, 0, 1} << true << true;
        QTest::newRow("unpin last") << QList<int>{2, 0, 1} << false << true;
    }
    void pinFollowsTheNewestPinEvent()
    {
        QFETCH(QList<int>, order);
        QFETCH(bool, messageFirst);
        QFETCH(bool, pinned);
        const QList<DecryptedEvent> pins{plain(EventKind::Pin, 20, kAlice, 10),
                                         plain(EventKind::Unpin, 30, kBob, 10),
                                         plain(EventKind::Pin, 40, kMe, 10)};
        TimelineModel model;
        model.reset(kRoom, kMe);
        if (messageFirst)
            model.addEvents({message(10)}, false);
        for (int i : order)
            model.addEvents({pins.at(i)}, messageFirst);
        if (!messageFirst)
            model.addEvents({message(10)}, false);
        QCOMPARE(dataOf(model, 10, TimelineModel::PinnedRole).toBool(), pinned);
    }

    void pinnedSummaryFromHistory()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent summarized = message(10);
        summarized.event.pinned = true;
        summarized.event.edited = true;
        model.addEvents({summarized, message(11)}, false);
        QCOMPARE(dataOf(model, 10, TimelineModel::PinnedRole).toBool(), true);
        QCOMPARE(dataOf(model, 10, TimelineModel::EditedRole).toBool(), true);
        QCOMPARE(dataOf(model, 11, TimelineModel::PinnedRole).toBool(), false);
        model.addEvents({plain(EventKind::Unpin, 12, kAlice, 10)}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::PinnedRole).toBool(), false);
    }

    // Five reaction events in every order of arrival, with the message loaded before them or
    // after them: the result is always the fold in seq order.
    void reactionsFoldInSeqOrder_data()
    {
        QTest::addColumn<bool>("messageFirst");
        QTest::newRow("message loaded first") << true;
        QTest::newRow("message loaded last") << false;
    }
    void reactionsFoldInSeqOrder()
    {
        QFETCH(bool, messageFirst);
        const QList<DecryptedEvent> events{
            reactionAdd(20, kAlice, 10, kThumbsUp, QStringLiteral("👍")),
            reactionRemove(21, kAlice, 10, kThumbsUp),
            reactionAdd(22, kBob, 10, kThumbsUp, QStringLiteral("👍")),
            reactionAdd(23, kMe, 10, kHeart, QStringLiteral("❤️")),
            reactionAdd(24, kAlice, 10, kThumbsUp, QStringLiteral("👍")),
        };
        const QString expected = QStringLiteral("👍(k-up) 3,2; ❤️(k-heart) 1*");
        QList<int> order{0, 1, 2, 3, 4};
        int orders = 0;
        do {
            TimelineModel model;
            model.reset(kRoom, kMe);
            if (messageFirst)
                model.addEvents({message(10)}, false);
            for (int i : order)
                model.addEvents({events.at(i)}, true);
            if (!messageFirst)
                model.addEvents({message(10)}, false);
            QCOMPARE(reactionsOf(model, 10), expected);
            ++orders;
        } while (std::next_permutation(order.begin(), order.end()));
        QCOMPARE(orders, 120);
    }

    void reactionsRoleGivesCountsAndMine()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(10), reactionAdd(11, kAlice, 10, kThumbsUp, QStringLiteral("👍")),
                         reactionAdd(12, kBob, 10, kThumbsUp, QStringLiteral("👍")),
                         reactionAdd(13, kMe, 10, kThumbsUp, QStringLiteral("👍")),
                         reactionAdd(14, kBob, 10, kHeart, QStringLiteral("❤️")),
                         // The same person adding twice counts once.
                         reactionAdd(15, kBob, 10, kHeart, QStringLiteral("❤️"))},
                        false);
        const QVariantList reactions = dataOf(model, 10, TimelineModel::ReactionsRole).toList();
        QCOMPARE(reactions.size(), 2);
        const QVariantMap first = reactions.at(0).toMap();
        QCOMPARE(first.value(QStringLiteral("emoji")).toString(), QStringLiteral("👍"));
        QCOMPARE(first.value(QStringLiteral("count")).toInt(), 3);
        QCOMPARE(first.value(QStringLiteral("mine")).toBool(), true);
        const QVariantMap second = reactions.at(1).toMap();
        QCOMPARE(second.value(QStringLiteral("emoji")).toString(), QStringLiteral("❤️"));
        QCOMPARE(second.value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(second.value(QStringLiteral("mine")).toBool(), false);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.addEvents({reactionRemove(16, kMe, 10, kThumbsUp)}, true);
        QVERIFY(notified(changed, 0, TimelineModel::ReactionsRole));
        QCOMPARE(reactionsOf(model, 10), QStringLiteral("👍(k-up) 2,3; ❤️(k-heart) 3"));
        // Removing what one never added changes nothing.
        model.addEvents({reactionRemove(17, kAlice, 10, kHeart)}, true);
        QCOMPARE(reactionsOf(model, 10), QStringLiteral("👍(k-up) 2,3; ❤️(k-heart) 3"));
    }

    void removingTheLastReactionRemovesTheEntry()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(10), reactionAdd(11, kMe, 10, kThumbsUp, QStringLiteral("👍")),
                         reactionAdd(12, kAlice, 10, kHeart, QStringLiteral("❤️"))},
                        false);
        model.addEvents({reactionRemove(13, kMe, 10, kThumbsUp)}, true);
        QCOMPARE(reactionsOf(model, 10), QStringLiteral("❤️(k-heart) 2"));
        model.addEvents({reactionRemove(14, kAlice, 10, kHeart)}, true);
        QCOMPARE(reactionsOf(model, 10), QString());
        QCOMPARE(dataOf(model, 10, TimelineModel::ReactionsRole).toList(), QVariantList());
        // And it can come back.
        model.addEvents({reactionAdd(15, kBob, 10, kHeart, QStringLiteral("❤️"))}, true);
        QCOMPARE(reactionsOf(model, 10), QStringLiteral("❤️(k-heart) 3"));
    }

    void reactionEmojiComesFromAnAddEvent()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(10)}, false);
        // The first add could not be read: the key is known, the emoji not yet.
        DecryptedEvent unread = reactionAdd(11, kAlice, 10, kThumbsUp, QString());
        unread.readability = DecryptedEvent::Readability::WaitingForKey;
        model.addEvents({unread}, true);
        QCOMPARE(reactionsOf(model, 10), QStringLiteral("(k-up) 2"));
        QCOMPARE(dataOf(model, 10, TimelineModel::ReactionsRole)
                     .toList()
                     .at(0)
                     .toMap()
                     .value(QStringLiteral("emoji"))
                     .toString(),
                 QString());
        // A readable add of the same key names it.
        model.addEvents({reactionAdd(12, kBob, 10, kThumbsUp, QStringLiteral("👍"))}, true);
        QCOMPARE(reactionsOf(model, 10), QStringLiteral("👍(k-up) 2,3"));
        // A removal names no emoji and takes nothing away from the name.
        model.addEvents({reactionRemove(13, kBob, 10, kThumbsUp)}, true);
        QCOMPARE(reactionsOf(model, 10), QStringLiteral("👍(k-up) 2"));

        // On its own, an add read again once its key came names it too.
        model.addEvents({message(20), reactionAdd(21, kAlice, 20, kHeart, QString())}, true);
        QCOMPARE(reactionsOf(model, 20), QStringLiteral("(k-heart) 2"));
        model.addEvents({reactionAdd(21, kAlice, 20, kHeart, QStringLiteral("❤️"))}, false);
        QCOMPARE(reactionsOf(model, 20), QStringLiteral("❤️(k-heart) 2"));
    }

    void waitingForKeyRowBecomesReadable()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(9), unreadable(10), message(11)}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::ReadabilityRole).toInt(),
                 int(ChatMessage::Readability::WaitingForKey));
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(), QString());
        // An unreadable copy of a readable row does not take it back.
        model.addEvents({unreadable(11)}, false);
        QCOMPARE(dataOf(model, 11, TimelineModel::ReadabilityRole).toInt(),
                 int(ChatMessage::Readability::Readable));
        QCOMPARE(dataOf(model, 11, TimelineModel::TextRole).toString(), textOf(11));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        DecryptedEvent readNow = message(10, kAlice, QStringLiteral("now readable"));
        readNow.content.file = attachment(QStringLiteral("notes.txt"), 42);
        model.addEvents({readNow}, false);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(notified(changed, 1, TimelineModel::ReadabilityRole));
        QCOMPARE(dataOf(model, 10, TimelineModel::ReadabilityRole).toInt(),
                 int(ChatMessage::Readability::Readable));
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(),
                 QStringLiteral("now readable"));
        QCOMPARE(dataOf(model, 10, TimelineModel::FileNameRole).toString(),
                 QStringLiteral("notes.txt"));
    }

    void readableEditOfAnUnreadableMessageIsKept()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({unreadable(10), edit(11, kAlice, 10, QStringLiteral("edited"))}, true);
        model.addEvents({message(10, kAlice, QStringLiteral("original"))}, false);
        QCOMPARE(dataOf(model, 10, TimelineModel::TextRole).toString(), QStringLiteral("edited"));
        QCOMPARE(dataOf(model, 10, TimelineModel::EditedRole).toBool(), true);
    }

    void refusedRowSaysWhy()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent refused = message(10, kAlice, QString());
        refused.readability = DecryptedEvent::Readability::Refused;
        refused.problem = QStringLiteral("the signature does not match");
        model.addEvents({refused}, true);
        QCOMPARE(dataOf(model, 10, TimelineModel::ReadabilityRole).toInt(),
                 int(ChatMessage::Readability::Refused));
        QCOMPARE(dataOf(model, 10, TimelineModel::ProblemRole).toString(),
                 QStringLiteral("the signature does not match"));
    }

    void pendingRowsStayAtTheEnd()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents(page(1, 5), false);
        ChatMessage first = pending("a", QStringLiteral("on its way"), defaultTime(6));
        first.seq = 77; // not the model's to believe
        first.delivery = ChatMessage::Delivery::Stored;
        model.addPending(first);
        model.addPending(pending("b", QStringLiteral("also on its way"), defaultTime(6)));
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.index(5).data(TimelineModel::SeqRole).toULongLong(), quint64(0));
        QCOMPARE(model.index(5).data(TimelineModel::DeliveryRole).toInt(),
                 int(ChatMessage::Delivery::Sending));
        QCOMPARE(model.index(5).data(TimelineModel::TextRole).toString(),
                 QStringLiteral("on its way"));
        QCOMPARE(model.index(5).data(TimelineModel::MineRole).toBool(), true);
        QCOMPARE(model.newestSeq(), quint64(5));

        // Live events go before them.
        model.addEvents({message(6), message(7)}, true);
        model.addEvents({message(8, kBob)}, true);
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 4, 5, 6, 7, 8, 0, 0}));
        QCOMPARE(model.index(8).data(TimelineModel::TextRole).toString(),
                 QStringLiteral("on its way"));
        QCOMPARE(model.index(9).data(TimelineModel::TextRole).toString(),
                 QStringLiteral("also on its way"));
        QCOMPARE(model.newestSeq(), quint64(8));
        QCOMPARE(model.oldestSeq(), quint64(1));
        QCOMPARE(model.rowOfSeq(77), -1);
    }

    void confirmPendingMovesTheRowToItsSeq()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents(page(1, 5), false);
        model.addPending(pending("a", QStringLiteral("first of mine"), defaultTime(6)));
        model.addPending(pending("b", QStringLiteral("second of mine"), defaultTime(6)));
        model.addEvents({message(6), message(8)}, true);
        // A reaction to it, seen before the acknowledgement came.
        model.addEvents({reactionAdd(9, kAlice, 7, kThumbsUp, QStringLiteral("👍"))}, true);

        model.confirmPending("a", 7, defaultTime(7) + 5);
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 4, 5, 6, 7, 8, 0}));
        const int row = model.rowOfSeq(7);
        QCOMPARE(row, 6);
        QCOMPARE(model.index(row).data(TimelineModel::DeliveryRole).toInt(),
                 int(ChatMessage::Delivery::Stored));
        QCOMPARE(model.index(row).data(TimelineModel::TextRole).toString(),
                 QStringLiteral("first of mine"));
        QCOMPARE(model.messageAt(row).createdMs, defaultTime(7) + 5);
        QCOMPARE(model.messageAt(row).clientId, QByteArrayLiteral("a"));
        QCOMPARE(reactionsOf(model, 7), QStringLiteral("👍(k-up) 2"));
        QCOMPARE(model.index(8).data(TimelineModel::TextRole).toString(),
                 QStringLiteral("second of mine"));
        QCOMPARE(model.index(8).data(TimelineModel::DeliveryRole).toInt(),
                 int(ChatMessage::Delivery::Sending));
        QCOMPARE(model.newestSeq(), quint64(8));

        // Confirming what is not pending (twice, or unknown) changes nothing.
        model.confirmPending("a", 7, defaultTime(7));
        model.confirmPending("zzz", 10, defaultTime(10));
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 4, 5, 6, 7, 8, 0}));

        model.confirmPending("b", 10, defaultTime(10));
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 4, 5, 6, 7, 8, 10}));
        QCOMPARE(model.newestSeq(), quint64(10));
    }

    // A row that moves changes what the rows around it show (grouping, day breaks): a view
    // that updates only on dataChanged must hear about them.
    void confirmPendingTellsTheRowsAroundIt()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent first = message(10, kAlice);
        first.event.createdMs = localMs(3, 10, 0);
        DecryptedEvent third = message(12, kAlice);
        third.event.createdMs = localMs(3, 10, 1);
        model.addEvents({first}, true);
        model.addPending(pending("a", QStringLiteral("mine"), localMs(3, 10, 0, 30)));
        model.addPending(pending("b", QStringLiteral("mine too"), localMs(3, 10, 0, 40)));
        model.addEvents({third}, true);
        QCOMPARE(flagsOf(model, TimelineModel::GroupedRole),
                 (QList<bool>{false, true, false, true}));

        QStringList textsWhileRemoved;
        connect(&model, &QAbstractItemModel::rowsAboutToBeRemoved, &model,
                [&](const QModelIndex&, int from, int to) {
                    for (int row = from; row <= to; ++row)
                        textsWhileRemoved.append(
                            model.index(row).data(TimelineModel::TextRole).toString());
                });
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.confirmPending("a", 11, localMs(3, 10, 0, 30));
        // The row is still there to read while it is about to go.
        QCOMPARE(textsWhileRemoved, QStringList{QStringLiteral("mine")});
        QCOMPARE(seqsOf(model), (QList<quint64>{10, 11, 12, 0}));
        QCOMPARE(flagsOf(model, TimelineModel::GroupedRole),
                 (QList<bool>{false, false, false, false}));
        QVERIFY2(notified(changed, 2, TimelineModel::GroupedRole),
                 "message 12 no longer follows Alice's message");
        QVERIFY2(notified(changed, 3, TimelineModel::GroupedRole),
                 "the pending row no longer follows mine");
    }

    // The same when my message comes back as a stored event before the acknowledgement.
    void storedEventForAPendingRowTellsTheRowsAroundIt()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent first = message(10, kAlice);
        first.event.createdMs = localMs(3, 10, 0);
        DecryptedEvent third = message(12, kAlice);
        third.event.createdMs = localMs(3, 10, 1);
        model.addEvents({first}, true);
        model.addPending(pending("a", QStringLiteral("mine"), localMs(3, 10, 0, 30)));
        model.addPending(pending("b", QStringLiteral("mine too"), localMs(3, 10, 0, 40)));
        model.addEvents({third}, true);
        QCOMPARE(flagsOf(model, TimelineModel::GroupedRole),
                 (QList<bool>{false, true, false, true}));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        DecryptedEvent stored = message(11, kMe, QStringLiteral("mine"));
        stored.event.clientId = "a";
        stored.event.createdMs = localMs(3, 10, 0, 30);
        model.addEvents({stored}, true);
        QCOMPARE(seqsOf(model), (QList<quint64>{10, 11, 12, 0}));
        QCOMPARE(flagsOf(model, TimelineModel::GroupedRole),
                 (QList<bool>{false, false, false, false}));
        QVERIFY2(notified(changed, 2, TimelineModel::GroupedRole),
                 "message 12 no longer follows Alice's message");
        QVERIFY2(notified(changed, 3, TimelineModel::GroupedRole),
                 "the pending row no longer follows mine");
    }

    void failPendingMarksItFailed()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents(page(1, 3), false);
        model.addPending(pending("a", QStringLiteral("first"), defaultTime(4)));
        model.addPending(pending("b", QStringLiteral("second"), defaultTime(4)));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.failPending("b", QStringLiteral("the room is archived"));
        QVERIFY(notified(changed, 4, TimelineModel::DeliveryRole));
        QCOMPARE(model.index(4).data(TimelineModel::DeliveryRole).toInt(),
                 int(ChatMessage::Delivery::Failed));
        QCOMPARE(model.index(4).data(TimelineModel::ProblemRole).toString(),
                 QStringLiteral("the room is archived"));
        QCOMPARE(model.index(4).data(TimelineModel::SeqRole).toULongLong(), quint64(0));
        QCOMPARE(model.index(3).data(TimelineModel::DeliveryRole).toInt(),
                 int(ChatMessage::Delivery::Sending));
        // Still mine at the end, after what arrives meanwhile.
        model.addEvents({message(4)}, true);
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 4, 0, 0}));
        QCOMPARE(model.index(5).data(TimelineModel::DeliveryRole).toInt(),
                 int(ChatMessage::Delivery::Failed));
        model.failPending("unknown", QStringLiteral("nothing"));
        QCOMPARE(model.rowCount(), 6);
    }

    void storedEventReplacesThePendingRowWithItsClientId()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents(page(1, 3), false);
        model.addPending(pending("a", QStringLiteral("first"), defaultTime(4)));
        model.addPending(pending("b", QStringLiteral("second"), defaultTime(5)));
        DecryptedEvent stored = message(5, kMe, QStringLiteral("second"));
        stored.event.clientId = "b";
        model.addEvents({message(4), stored}, false);
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 4, 5, 0}));
        QCOMPARE(model.index(4).data(TimelineModel::DeliveryRole).toInt(),
                 int(ChatMessage::Delivery::Stored));
        QCOMPARE(model.index(5).data(TimelineModel::TextRole).toString(), QStringLiteral("first"));
        // The acknowledgement that comes afterwards adds no second row.
        model.confirmPending("b", 5, defaultTime(5));
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 4, 5, 0}));
    }

    void newestPageAfterAGapReplacesTheRows()
    {
        // A stale cached page (1-5), then the server's newest page (101-105): the rows in
        // between could never be paged into, so the old ones go; my pending row stays.
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addNewestPage(page(1, 5), true);
        model.addPending(pending("a", QStringLiteral("on its way"), defaultTime(200)));
        model.addNewestPage(page(101, 105), true);
        QCOMPARE(seqsOf(model), (QList<quint64>{101, 102, 103, 104, 105, 0}));
        QCOMPARE(model.oldestSeq(), quint64(101));

        // A newest page that reaches back to what is shown (overlapping or next) keeps it.
        model.addNewestPage(page(104, 108), true);
        model.addNewestPage(page(109, 110), true);
        QCOMPARE(seqsOf(model),
                 (QList<quint64>{101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 0}));
        // Events that are not rows count as shown: a reaction at 111 joins 112 to the rest.
        DecryptedEvent reaction = eventOf(EventKind::ReactionAdd, 111, kBob);
        reaction.event.refSeq = 110;
        model.addEvents({reaction}, true);
        model.addNewestPage(page(112, 112), true);
        QCOMPARE(model.oldestSeq(), quint64(101));
        QCOMPARE(model.newestSeq(), quint64(112));
    }

    void pendingListedAgainShowsOnce()
    {
        // The outbox lists what it holds whenever the room opens: what is shown, still
        // sending or stored meanwhile, is not added again.
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents(page(1, 2), false);
        model.addPending(pending("a", QStringLiteral("first"), defaultTime(3)));
        DecryptedEvent stored = message(3, kMe, QStringLiteral("stored meanwhile"));
        stored.event.clientId = "s";
        model.addEvents({stored}, true);
        model.addPending(pending("a", QStringLiteral("first"), defaultTime(3)));
        model.addPending(pending("s", QStringLiteral("stored meanwhile"), defaultTime(3)));
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 0}));
        model.addPending(pending("b", QStringLiteral("second"), defaultTime(4)));
        QCOMPARE(seqsOf(model), (QList<quint64>{1, 2, 3, 0, 0}));
    }

    void groupedRole_data()
    {
        QTest::addColumn<quint64>("previousSender");
        QTest::addColumn<qint64>("previousMs");
        QTest::addColumn<bool>("previousIsMemberLine");
        QTest::addColumn<quint64>("sender");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<bool>("mentionsMe");
        QTest::addColumn<bool>("grouped");
        const qint64 ten = localMs(2, 10, 0);
        QTest::newRow("same sender, a minute later")
            << kAlice << ten << false << kAlice << ten + kMinute << false << true;
        QTest::newRow("just inside the window")
            << kAlice << ten << false << kAlice << ten + 5 * kMinute - 1 << false << true;
        QTest::newRow("five minutes later")
            << kAlice << ten << false << kAlice << ten + 5 * kMinute << false << false;
        QTest::newRow("mine") << kMe << ten << false << kMe << ten + kMinute << false << true;
        QTest::newRow("other sender")
            << kAlice << ten << false << kBob << ten + kMinute << false << false;
        QTest::newRow("across midnight") << kAlice << localMs(2, 23, 58) << false << kAlice
                                         << localMs(3, 0, 1) << false << false;
        QTest::newRow("mentioning me")
            << kAlice << ten << false << kAlice << ten + kMinute << true << false;
        QTest::newRow("after a member line")
            << kAlice << ten << true << kAlice << ten + kMinute << false << false;
    }
    void groupedRole()
    {
        QFETCH(quint64, previousSender);
        QFETCH(qint64, previousMs);
        QFETCH(bool, previousIsMemberLine);
        QFETCH(quint64, sender);
        QFETCH(qint64, ms);
        QFETCH(bool, mentionsMe);
        QFETCH(bool, grouped);
        DecryptedEvent previous = previousIsMemberLine
                                      ? member(EventKind::MemberJoined, 1, previousSender)
                                      : message(1, previousSender);
        previous.event.createdMs = previousMs;
        DecryptedEvent next = message(2, sender);
        next.event.createdMs = ms;
        if (mentionsMe)
            next.event.mentions = {kBob, kMe};
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({previous, next}, false);
        QCOMPARE(model.index(0).data(TimelineModel::GroupedRole).toBool(), false);
        QCOMPARE(model.index(1).data(TimelineModel::GroupedRole).toBool(), grouped);
    }

    // The older row a page brings changes the grouping of the row below it.
    void insertingAboveRegroupsTheRowBelow()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent second = message(2, kAlice);
        second.event.createdMs = localMs(2, 10, 1);
        model.addEvents({second}, false);
        QCOMPARE(model.index(0).data(TimelineModel::GroupedRole).toBool(), false);
        QCOMPARE(model.index(0).data(TimelineModel::DayBreakRole).toBool(), true);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        DecryptedEvent first = message(1, kAlice);
        first.event.createdMs = localMs(2, 10, 0);
        model.addEvents({first}, false);
        QCOMPARE(model.index(1).data(TimelineModel::GroupedRole).toBool(), true);
        QCOMPARE(model.index(1).data(TimelineModel::DayBreakRole).toBool(), false);
        QVERIFY(notified(changed, 1, TimelineModel::GroupedRole));
    }

    void dayBreakRole()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        const QList<qint64> times{localMs(1, 10, 0), localMs(1, 23, 59), localMs(2, 0, 0),
                                  localMs(2, 9, 0), localMs(5, 8, 0)};
        QList<DecryptedEvent> events;
        for (int i = 0; i < times.size(); ++i) {
            events.append(message(quint64(i) + 1, kAlice));
            events.last().event.createdMs = times.at(i);
        }
        model.addEvents(events, false);
        QCOMPARE(flagsOf(model, TimelineModel::DayBreakRole),
                 (QList<bool>{true, false, true, false, true}));
        QCOMPARE(model.index(2).data(TimelineModel::TimeRole).toDateTime(),
                 QDateTime(QDate(2024, 5, 2), QTime(0, 0)));
    }

    void unreadLineRole()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        // 1 Alice, 2 me, 3 Alice, 4 Bob, 5 me
        model.addEvents({message(1, kAlice), message(2, kMe), message(3, kAlice), message(4, kBob),
                         message(5, kMe)},
                        false);
        QCOMPARE(model.readSeq(), quint64(0));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setReadSeq(2);
        QCOMPARE(model.readSeq(), quint64(2));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 4);
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(TimelineModel::UnreadLineRole));
        QCOMPARE(flagsOf(model, TimelineModel::UnreadLineRole),
                 (QList<bool>{false, false, true, false, false}));

        model.setReadSeq(2);
        QCOMPARE(changed.count(), 1);

        model.setReadSeq(3);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(flagsOf(model, TimelineModel::UnreadLineRole),
                 (QList<bool>{false, false, false, true, false}));
        // Only my own message is left after the marker: no line.
        model.setReadSeq(4);
        QCOMPARE(flagsOf(model, TimelineModel::UnreadLineRole),
                 (QList<bool>{false, false, false, false, false}));
        model.setReadSeq(5);
        QCOMPARE(flagsOf(model, TimelineModel::UnreadLineRole),
                 (QList<bool>{false, false, false, false, false}));
        // Nor on my messages on their way.
        model.addPending(pending("a", QStringLiteral("mine"), defaultTime(6)));
        QCOMPARE(flagsOf(model, TimelineModel::UnreadLineRole),
                 (QList<bool>{false, false, false, false, false, false}));
        // A new message of someone else's arrives after the marker.
        model.addEvents({message(6, kBob)}, true);
        QCOMPARE(flagsOf(model, TimelineModel::UnreadLineRole),
                 (QList<bool>{false, false, false, false, false, true, false}));
    }

    // My own message right after the marker (sent from another device, which does not move
    // the marker) does not hide the line from the first message of others after it.
    void unreadLineSkipsMyOwnMessagesAfterTheMarker()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(1, kAlice), message(2, kMe), message(3, kMe), message(4, kBob),
                         message(5, kAlice)},
                        false);
        model.setReadSeq(1);
        QCOMPARE(flagsOf(model, TimelineModel::UnreadLineRole),
                 (QList<bool>{false, false, false, true, false}));
    }

    void mentionsMeRole()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        DecryptedEvent mentionsMe = message(1);
        mentionsMe.event.mentions = {kBob, kMe};
        DecryptedEvent mentionsBob = message(2);
        mentionsBob.event.mentions = {kBob};
        DecryptedEvent everyone = message(3);
        everyone.event.mentionAll = true;
        model.addEvents({mentionsMe, mentionsBob, everyone, message(4)}, false);
        QCOMPARE(flagsOf(model, TimelineModel::MentionsMeRole),
                 (QList<bool>{true, false, true, false}));
    }

    void lastEditableOfMine()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        QVERIFY(!model.lastEditableOfMine());
        DecryptedEvent withFile = message(3, kMe);
        withFile.content.file = attachment(QStringLiteral("a.png"), 5);
        model.addEvents({message(1, kMe, QStringLiteral("one")), message(2, kMe),
                         edit(7, kMe, 2, QStringLiteral("two, edited")), withFile, message(4, kMe),
                         plain(EventKind::Delete, 8, kMe, 4), unreadable(5, kMe),
                         message(6, kAlice), member(EventKind::MemberJoined, 9, kMe)},
                        false);
        model.addPending(pending("a", QStringLiteral("on its way"), defaultTime(10)));
        std::optional<ChatMessage> editable = model.lastEditableOfMine();
        QVERIFY(editable);
        QCOMPARE(editable->seq, quint64(2));
        QCOMPARE(editable->text, QStringLiteral("two, edited"));

        model.addEvents({plain(EventKind::Delete, 11, kMe, 2)}, true);
        editable = model.lastEditableOfMine();
        QVERIFY(editable);
        QCOMPARE(editable->seq, quint64(1));
        model.confirmPending("a", 12, defaultTime(12));
        editable = model.lastEditableOfMine();
        QVERIFY(editable);
        QCOMPARE(editable->seq, quint64(12));
        QCOMPARE(editable->text, QStringLiteral("on its way"));
    }

    void rowOfSeq()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        QCOMPARE(model.rowOfSeq(1), -1);
        model.addEvents({message(10), message(20), message(30)}, false);
        model.addPending(pending("a", QStringLiteral("mine"), defaultTime(40)));
        QCOMPARE(model.rowOfSeq(10), 0);
        QCOMPARE(model.rowOfSeq(20), 1);
        QCOMPARE(model.rowOfSeq(30), 2);
        QCOMPARE(model.rowOfSeq(0), -1);
        QCOMPARE(model.rowOfSeq(5), -1);
        QCOMPARE(model.rowOfSeq(15), -1);
        QCOMPARE(model.rowOfSeq(31), -1);
    }

    void thumbnailOfALoadedRow()
    {
        TimelineModel model;
        model.reset(kRoom, kMe);
        model.addEvents({message(10)}, false);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setThumbnail(10, QByteArrayLiteral("png"));
        QVERIFY(notified(changed, 0, TimelineModel::ThumbnailRole));
        QCOMPARE(dataOf(model, 10, TimelineModel::ThumbnailRole).toByteArray(),
                 QByteArrayLiteral("png"));
        changed.clear();
        model.setThumbnail(11, QByteArrayLiteral("png"));
        QCOMPARE(changed.count(), 0);
    }

    // A long history read back page by page, as scrolling up does. Correctness only: no
    // timing is asserted.
    void loadsOneHundredThousandMessagesInPages()
    {
        constexpr quint64 kTotal = 100'000;
        constexpr quint64 kPage = 200;
        TimelineModel model;
        model.reset(kRoom, kMe);
        for (quint64 last = kTotal; last > 0; last -= kPage) {
            QList<DecryptedEvent> events;
            events.reserve(qsizetype(kPage));
            for (quint64 seq = last - kPage + 1; seq <= last; ++seq)
                events.append(message(seq, seq % 3 == 0 ? kMe : kAlice));
            model.addEvents(events, false);
            QCOMPARE(model.oldestSeq(), last - kPage + 1);
        }
        QCOMPARE(model.rowCount(), int(kTotal));
        QCOMPARE(model.newestSeq(), kTotal);
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.messageAt(row).seq != quint64(row) + 1)
                QFAIL(qPrintable(
                    QStringLiteral("row %1 holds seq %2").arg(row).arg(model.messageAt(row).seq)));
        }
        for (quint64 seq = 1; seq <= kTotal; ++seq) {
            if (model.rowOfSeq(seq) != int(seq) - 1)
                QFAIL(qPrintable(
                    QStringLiteral("seq %1 found at row %2").arg(seq).arg(model.rowOfSeq(seq))));
        }
        QCOMPARE(model.rowOfSeq(kTotal + 1), -1);
        QCOMPARE(model.index(0).data(TimelineModel::TextRole).toString(), textOf(1));
        QCOMPARE(model.index(int(kTotal) - 1).data(TimelineModel::TextRole).toString(),
                 textOf(kTotal));
        QCOMPARE(model.index(49'999).data(TimelineModel::TextRole).toString(), textOf(50'000));
    }
};

QTEST_GUILESS_MAIN(TestTimelineModel)
#include "TestTimelineModel.moc"
