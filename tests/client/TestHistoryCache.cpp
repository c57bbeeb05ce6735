// The history cache keeps what this device read, sealed row by row, and searches it from an
// index that exists only in memory.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <chat/HistoryCache.h>
#include <crypto/Sodium.h>

using moim::chat::DecryptedEvent;
using moim::chat::HistoryCache;
using moim::protocol::EventKind;

namespace {

DecryptedEvent message(quint64 roomId, quint64 seq, const QString& text, quint64 sender = 7)
{
    DecryptedEvent event;
    event.event.roomId = roomId;
    event.event.seq = seq;
    event.event.kind = EventKind::Message;
    event.event.senderUserId = sender;
    event.event.createdMs = 1'700'000'000'000 + qint64(seq) * 1000;
    event.event.clientId = QByteArray(16, char(seq));
    event.event.envelope = QByteArray(64, 'x');
    event.readability = DecryptedEvent::Readability::Readable;
    event.content.text = text;
    return event;
}

DecryptedEvent pointing(EventKind kind, quint64 roomId, quint64 seq, quint64 target,
                        const QString& text = {})
{
    DecryptedEvent event = message(roomId, seq, text);
    event.event.kind = kind;
    event.event.refSeq = target;
    if (kind == EventKind::Delete) {
        event.event.envelope.clear();
        event.readability = DecryptedEvent::Readability::Plain;
        event.content = {};
    }
    return event;
}

QList<quint64> seqs(const QList<moim::chat::SearchHit>& hits)
{
    QList<quint64> found;
    for (const auto& hit : hits)
        found.append(hit.seq);
    return found;
}

} // namespace

class TestHistoryCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(moim::crypto::initializeSodium()); }
    void keepsSealedRowsAndSearches();
    void anotherKeyStartsAfresh();
    void keepsTheNewestPerRoom();
    void outboxKeepsItsOrder();
};

void TestHistoryCache::keepsSealedRowsAndSearches()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    const QByteArray key = moim::crypto::randomBytes(32);
    {
        HistoryCache cache(path);
        QString error;
        QVERIFY2(cache.open(key, &error), qPrintable(error));
        cache.storeEvents({message(1, 1, QStringLiteral("the canary sings at dawn")),
                           message(1, 2, QStringLiteral("오늘 회의는 3시에 해요")),
                           message(2, 1, QStringLiteral("canary in another room")),
                           message(1, 3, QStringLiteral("a deleted canary"))});
        cache.storeEvents({pointing(EventKind::Delete, 1, 4, 3)});
        QCOMPARE(seqs(cache.search(QStringLiteral("canary"), 10)), (QList<quint64>{1, 1}));
        QCOMPARE(cache.search(QStringLiteral("cana sing"), 10).size(), 1);
        QCOMPARE(cache.search(QStringLiteral("회의"), 10).size(), 1);
        QCOMPARE(cache.search(QStringLiteral("\"unbalanced (AND OR*"), 10).size(), 0);
        // An edit replaces what is found.
        cache.storeEvents({pointing(EventKind::Edit, 1, 5, 1, QStringLiteral("the robin sings"))});
        QCOMPARE(cache.search(QStringLiteral("robin"), 10).size(), 1);
        QCOMPARE(seqs(cache.search(QStringLiteral("canary"), 10)), (QList<quint64>{1}));
        const QList<DecryptedEvent> newest = cache.newest(1, 3);
        QCOMPARE(newest.size(), 3);
        QCOMPARE(newest.first().event.seq, quint64(3));
        QCOMPARE(newest.last().event.seq, quint64(5));
        QCOMPARE(cache.newest(1, 10).first().content.text,
                 QStringLiteral("the canary sings at dawn"));
        cache.putBlob(QStringLiteral("outbox"), QByteArrayLiteral("written offline: canary"));
        QCOMPARE(cache.blob(QStringLiteral("outbox")),
                 QByteArrayLiteral("written offline: canary"));
        QCOMPARE(cache.blob(QStringLiteral("missing")), QByteArray());
    }
    // Nothing of the text is in the file, WAL included.
    for (const QString& file : QStringList{path, path + QStringLiteral("-wal")}) {
        QFile raw(file);
        if (!raw.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = raw.readAll();
        QVERIFY2(!bytes.contains("canary"), qPrintable(file));
        QVERIFY(!bytes.contains(QStringLiteral("회의").toUtf8()));
        QVERIFY(!bytes.contains("robin"));
    }
    QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());
    // Opened again: the index is rebuilt from the sealed rows.
    HistoryCache again(path);
    QString error;
    QVERIFY(again.open(key, &error));
    QCOMPARE(again.search(QStringLiteral("robin"), 10).size(), 1);
    QCOMPARE(again.search(QStringLiteral("dawn"), 10).size(), 0);
    QCOMPARE(seqs(again.search(QStringLiteral("canary"), 10)), (QList<quint64>{1}));
    QCOMPARE(again.blob(QStringLiteral("outbox")), QByteArrayLiteral("written offline: canary"));
}

void TestHistoryCache::anotherKeyStartsAfresh()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    {
        HistoryCache cache(path);
        QString error;
        QVERIFY(cache.open(moim::crypto::randomBytes(32), &error));
        cache.storeEvents({message(1, 1, QStringLiteral("old device"))});
        cache.putBlob(QStringLiteral("state"), QByteArrayLiteral("x"));
    }
    HistoryCache cache(path);
    QString error;
    QVERIFY(cache.open(moim::crypto::randomBytes(32), &error));
    QVERIFY(cache.newest(1, 10).isEmpty());
    QVERIFY(cache.search(QStringLiteral("device"), 10).isEmpty());
    QCOMPARE(cache.blob(QStringLiteral("state")), QByteArray());
    cache.storeEvents({message(1, 2, QStringLiteral("new device"))});
    QCOMPARE(cache.newest(1, 10).size(), 1);
}

void TestHistoryCache::keepsTheNewestPerRoom()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    const QByteArray key = moim::crypto::randomBytes(32);
    {
        HistoryCache cache(path);
        QString error;
        QVERIFY(cache.open(key, &error));
        QList<DecryptedEvent> events;
        for (quint64 seq = 1; seq <= quint64(HistoryCache::kEventsKeptPerRoom) + 10; ++seq)
            events.append(message(1, seq, QStringLiteral("m%1").arg(seq)));
        cache.storeEvents(events);
        cache.storeEvents({message(2, 1, QStringLiteral("other room"))});
    }
    HistoryCache cache(path);
    QString error;
    QVERIFY(cache.open(key, &error));
    const QList<DecryptedEvent> kept = cache.newest(1, HistoryCache::kEventsKeptPerRoom + 100);
    QCOMPARE(kept.size(), HistoryCache::kEventsKeptPerRoom);
    QCOMPARE(kept.first().event.seq, quint64(11));
    QCOMPARE(cache.newest(2, 10).size(), 1);

    // Storing goes on (a reader scrolling far back): the bound holds as it does, for the rows
    // and for the search index in memory.
    cache.buildIndex();
    QCOMPARE(cache.search(QStringLiteral("m999"), 5).size(), 1);
    QList<DecryptedEvent> older;
    for (quint64 seq = 20'000; seq < 20'000 + quint64(HistoryCache::kPruneEvery); ++seq)
        older.append(message(1, seq, QStringLiteral("late%1").arg(seq)));
    cache.storeEvents(older);
    QCOMPARE(cache.newest(1, HistoryCache::kEventsKeptPerRoom + 100).size(),
             HistoryCache::kEventsKeptPerRoom);
    QCOMPARE(cache.search(QStringLiteral("m999"), 10).size(), 0); // pruned with its row
    QCOMPARE(cache.search(QStringLiteral("late20999"), 10).size(), 1);
}

void TestHistoryCache::outboxKeepsItsOrder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    const QByteArray key = moim::crypto::randomBytes(32);
    {
        HistoryCache cache(path);
        QString error;
        QVERIFY(cache.open(key, &error));
        cache.putOutboxItem(QByteArrayLiteral("a"), QByteArrayLiteral("first"));
        cache.putOutboxItem(QByteArrayLiteral("b"), QByteArrayLiteral("second"));
        cache.putOutboxItem(QByteArrayLiteral("c"), QByteArrayLiteral("third"));
        // Updating keeps the place (an upload finished while offline).
        cache.putOutboxItem(QByteArrayLiteral("b"), QByteArrayLiteral("second, uploaded"));
        cache.removeOutboxItem(QByteArrayLiteral("a"));
    }
    HistoryCache cache(path);
    QString error;
    QVERIFY(cache.open(key, &error));
    QCOMPARE(cache.outbox(), (QList<QByteArray>{QByteArrayLiteral("second, uploaded"),
                                                QByteArrayLiteral("third")}));
}

QTEST_GUILESS_MAIN(TestHistoryCache)
#include "TestHistoryCache.moc"
