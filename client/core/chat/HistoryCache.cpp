#include "chat/HistoryCache.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <crypto/AeadBox.h>
#include <crypto/Sodium.h>
#include <util/LogCategories.h>

namespace moim::chat {

namespace {

const QByteArray kCanary = QByteArrayLiteral("moim history cache v1");

QByteArray eventPlace(quint64 roomId, quint64 seq)
{
    return QByteArrayLiteral("event ") + crypto::littleEndian64(roomId) +
           crypto::littleEndian64(seq);
}

// An outbox item's place: its client id.
QByteArray outboxPlace(const QByteArray& clientId)
{
    return QByteArrayLiteral("outbox ") + clientId;
}

QByteArray encodeEvent(const DecryptedEvent& event)
{
    QCborMap map;
    map.insert(QStringLiteral("e"), event.event.toCbor());
    map.insert(QStringLiteral("r"), int(event.readability));
    if (event.readability == DecryptedEvent::Readability::Readable)
        map.insert(QStringLiteral("c"), event.content.toEnvelope());
    if (!event.problem.isEmpty())
        map.insert(QStringLiteral("p"), event.problem);
    return map.toCborValue().toCbor();
}

std::optional<DecryptedEvent> decodeEvent(const QByteArray& bytes)
{
    const QCborMap map = QCborValue::fromCbor(bytes).toMap();
    QString error;
    const auto event =
        protocol::RoomEvent::fromCbor(map.value(QStringLiteral("e")).toMap(), &error);
    if (!event)
        return std::nullopt;
    DecryptedEvent decrypted;
    decrypted.event = *event;
    const qint64 readability = map.value(QStringLiteral("r")).toInteger(-1);
    if (readability < 0 || readability > int(DecryptedEvent::Readability::Refused))
        return std::nullopt;
    decrypted.readability = DecryptedEvent::Readability(readability);
    if (decrypted.readability == DecryptedEvent::Readability::Readable) {
        const auto content =
            client::MessageContent::fromEnvelope(map.value(QStringLiteral("c")).toByteArray());
        if (!content)
            return std::nullopt;
        decrypted.content = *content;
    }
    decrypted.problem = map.value(QStringLiteral("p")).toString();
    return decrypted;
}

qint64 indexRow(quint64 roomId, quint64 seq)
{
    return qint64((roomId << 32) | (seq & 0xffffffffULL));
}

} // namespace

HistoryCache::HistoryCache(QString path)
    : m_path(std::move(path))
    , m_connectionName(QStringLiteral("moim-cache-") + QUuid::createUuid().toString())
    , m_indexName(QStringLiteral("moim-search-") + QUuid::createUuid().toString())
{}

HistoryCache::~HistoryCache()
{
    close();
}

void HistoryCache::close()
{
    crypto::wipe(m_key);
    m_indexed = false;
    for (const QString& name : {m_connectionName, m_indexName}) {
        if (QSqlDatabase::contains(name)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    }
}

bool HistoryCache::open(const QByteArray& key, QString* error)
{
    close();
    m_key = key;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            *error = db.lastError().text();
            close();
            return false;
        }
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
        QSqlQuery query(db);
        for (const char* statement :
             {"PRAGMA journal_mode=WAL",
              // A cache: losing the last rows to a power cut is fine, an fsync per message
              // is not.
              "PRAGMA synchronous=NORMAL",
              "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, sealed BLOB NOT NULL)",
              "CREATE TABLE IF NOT EXISTS events (room_id INTEGER NOT NULL, seq INTEGER NOT "
              "NULL, sealed BLOB NOT NULL, PRIMARY KEY (room_id, seq))",
              "CREATE TABLE IF NOT EXISTS blobs (name TEXT PRIMARY KEY, sealed BLOB NOT NULL)",
              "CREATE TABLE IF NOT EXISTS outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, "
              "client_id BLOB NOT NULL UNIQUE, sealed BLOB NOT NULL)"})
            query.exec(QString::fromLatin1(statement));
        // Another key made this cache (the profile signed in as another device since): it
        // cannot be read, so it starts afresh.
        query.exec(QStringLiteral("SELECT sealed FROM meta WHERE name = 'key_check'"));
        const bool known = query.next();
        const bool readable =
            known && unseal(query.value(0).toByteArray(), QByteArrayLiteral("key check"));
        if (known && !readable) {
            qCInfo(lcClient) << "history cache made under another key: starting afresh";
            query.exec(QStringLiteral("DELETE FROM events"));
            query.exec(QStringLiteral("DELETE FROM blobs"));
            query.exec(QStringLiteral("DELETE FROM outbox"));
            query.exec(QStringLiteral("DELETE FROM meta"));
        }
        if (!readable) {
            query.prepare(QStringLiteral("INSERT OR REPLACE INTO meta VALUES ('key_check', ?)"));
            query.addBindValue(seal(kCanary, QByteArrayLiteral("key check")));
            query.exec();
        }
    }
    prune();
    {
        QSqlDatabase index = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_indexName);
        index.setDatabaseName(QStringLiteral(":memory:"));
        if (!index.open()) {
            *error = index.lastError().text();
            close();
            return false;
        }
        QSqlQuery query(index);
        if (!query.exec(QStringLiteral(
                "CREATE VIRTUAL TABLE hits USING fts5(text, room UNINDEXED, seq UNINDEXED, "
                "sender UNINDEXED, created UNINDEXED, root UNINDEXED, tokenize = 'unicode61')"))) {
            *error = query.lastError().text();
            close();
            return false;
        }
    }
    return true;
}

QByteArray HistoryCache::seal(const QByteArray& plaintext, const QByteArray& place) const
{
    return crypto::AeadBox::seal(m_key, plaintext, QByteArrayLiteral("moim cache ") + place);
}

std::optional<QByteArray> HistoryCache::unseal(const QByteArray& sealed,
                                               const QByteArray& place) const
{
    const auto opened =
        crypto::AeadBox::open(m_key, sealed, QByteArrayLiteral("moim cache ") + place);
    if (!opened)
        return std::nullopt;
    return opened.value();
}

void HistoryCache::prune()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery rooms(db);
    rooms.prepare(
        QStringLiteral("SELECT room_id FROM events GROUP BY room_id HAVING COUNT(*) > ?"));
    rooms.addBindValue(kEventsKeptPerRoom);
    rooms.exec();
    QList<quint64> crowded;
    while (rooms.next())
        crowded.append(rooms.value(0).toULongLong());
    for (quint64 roomId : crowded) {
        QSqlQuery cutoff(db);
        cutoff.prepare(QStringLiteral(
            "SELECT seq FROM events WHERE room_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?"));
        cutoff.addBindValue(roomId);
        cutoff.addBindValue(kEventsKeptPerRoom - 1);
        if (!cutoff.exec() || !cutoff.next())
            continue;
        QSqlQuery drop(db);
        drop.prepare(QStringLiteral("DELETE FROM events WHERE room_id = ? AND seq < ?"));
        drop.addBindValue(roomId);
        drop.addBindValue(cutoff.value(0));
        drop.exec();
        // The search index covers what is kept, no more: it lives in memory.
        if (m_indexed) {
            QSqlQuery unindex(QSqlDatabase::database(m_indexName));
            unindex.prepare(QStringLiteral("DELETE FROM hits WHERE room = ? AND seq < ?"));
            unindex.addBindValue(qint64(roomId));
            unindex.addBindValue(cutoff.value(0).toLongLong());
            unindex.exec();
        }
    }
}

void HistoryCache::buildIndex()
{
    if (!isOpen() || m_indexed)
        return;
    m_indexed = true;
    QSqlQuery rows(QSqlDatabase::database(m_connectionName));
    rows.setForwardOnly(true);
    rows.exec(QStringLiteral("SELECT room_id, seq, sealed FROM events ORDER BY room_id, seq"));
    QSqlDatabase searchDb = QSqlDatabase::database(m_indexName);
    searchDb.transaction();
    while (rows.next()) {
        const auto plain =
            unseal(rows.value(2).toByteArray(),
                   eventPlace(rows.value(0).toULongLong(), rows.value(1).toULongLong()));
        if (!plain)
            continue;
        if (const auto event = decodeEvent(*plain))
            index(*event);
    }
    searchDb.commit();
}

void HistoryCache::index(const DecryptedEvent& decrypted)
{
    if (!m_indexed)
        return; // buildIndex() reads it from the rows later
    const protocol::RoomEvent& event = decrypted.event;
    QSqlQuery query(QSqlDatabase::database(m_indexName));
    switch (event.kind) {
    case protocol::EventKind::Message:
        if (decrypted.readability != DecryptedEvent::Readability::Readable || event.deleted)
            return;
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO hits (rowid, text, room, seq, "
                                     "sender, created, root) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(indexRow(event.roomId, event.seq));
        query.addBindValue(decrypted.content.file && decrypted.content.text.isEmpty()
                               ? decrypted.content.file->name
                               : decrypted.content.text);
        // As integers (Qt binds an unsigned 64-bit value as text), so that they compare as
        // numbers in prune().
        query.addBindValue(qint64(event.roomId));
        query.addBindValue(qint64(event.seq));
        query.addBindValue(qint64(event.senderUserId));
        query.addBindValue(event.createdMs);
        query.addBindValue(qint64(event.threadRoot.value_or(0)));
        query.exec();
        return;
    case protocol::EventKind::Edit:
        if (decrypted.readability != DecryptedEvent::Readability::Readable || !event.refSeq)
            return;
        query.prepare(QStringLiteral("UPDATE hits SET text = ? WHERE rowid = ?"));
        query.addBindValue(decrypted.content.text);
        query.addBindValue(indexRow(event.roomId, *event.refSeq));
        query.exec();
        return;
    case protocol::EventKind::Delete:
        if (!event.refSeq)
            return;
        query.prepare(QStringLiteral("DELETE FROM hits WHERE rowid = ?"));
        query.addBindValue(indexRow(event.roomId, *event.refSeq));
        query.exec();
        return;
    default:
        return;
    }
}

void HistoryCache::storeEvents(const QList<DecryptedEvent>& events)
{
    if (!isOpen() || events.isEmpty())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO events VALUES (?, ?, ?)"));
    for (const DecryptedEvent& event : events) {
        if (event.event.seq == 0)
            continue;
        query.addBindValue(event.event.roomId);
        query.addBindValue(event.event.seq);
        query.addBindValue(
            seal(encodeEvent(event), eventPlace(event.event.roomId, event.event.seq)));
        query.exec();
        index(event);
    }
    db.commit();
    // Scrolling far back stores page after page: the cache (and the index in memory) keep
    // their bound as it happens, not only at the next start.
    m_storedSincePrune += int(events.size());
    if (m_storedSincePrune >= kPruneEvery) {
        m_storedSincePrune = 0;
        prune();
    }
}

QList<DecryptedEvent> HistoryCache::newest(quint64 roomId, int limit) const
{
    QList<DecryptedEvent> events;
    if (!isOpen())
        return events;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "SELECT seq, sealed FROM events WHERE room_id = ? ORDER BY seq DESC LIMIT ?"));
    query.addBindValue(roomId);
    query.addBindValue(limit);
    query.exec();
    while (query.next()) {
        const auto plain =
            unseal(query.value(1).toByteArray(), eventPlace(roomId, query.value(0).toULongLong()));
        if (!plain)
            continue;
        if (auto event = decodeEvent(*plain))
            events.prepend(*event);
    }
    return events;
}

void HistoryCache::putBlob(const QString& name, const QByteArray& value)
{
    if (!isOpen())
        return;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO blobs VALUES (?, ?)"));
    query.addBindValue(name);
    query.addBindValue(seal(value, QByteArrayLiteral("blob ") + name.toUtf8()));
    query.exec();
}

QByteArray HistoryCache::blob(const QString& name) const
{
    if (!isOpen())
        return {};
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT sealed FROM blobs WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return {};
    return unseal(query.value(0).toByteArray(), QByteArrayLiteral("blob ") + name.toUtf8())
        .value_or(QByteArray());
}

void HistoryCache::putOutboxItem(const QByteArray& clientId, const QByteArray& value)
{
    if (!isOpen())
        return;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    // An update keeps the item's place; a new one goes last.
    query.prepare(QStringLiteral("INSERT INTO outbox (client_id, sealed) VALUES (?, ?) "
                                 "ON CONFLICT (client_id) DO UPDATE SET sealed = excluded.sealed"));
    query.addBindValue(clientId);
    query.addBindValue(seal(value, outboxPlace(clientId)));
    query.exec();
}

void HistoryCache::removeOutboxItem(const QByteArray& clientId)
{
    if (!isOpen())
        return;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("DELETE FROM outbox WHERE client_id = ?"));
    query.addBindValue(clientId);
    query.exec();
}

QList<QByteArray> HistoryCache::outbox() const
{
    QList<QByteArray> items;
    if (!isOpen())
        return items;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.exec(QStringLiteral("SELECT client_id, sealed FROM outbox ORDER BY position"));
    while (query.next()) {
        if (const auto plain =
                unseal(query.value(1).toByteArray(), outboxPlace(query.value(0).toByteArray())))
            items.append(*plain);
    }
    return items;
}

QList<SearchHit> HistoryCache::search(const QString& text, int limit)
{
    QList<SearchHit> hits;
    if (!isOpen())
        return hits;
    buildIndex();
    // Every word as a quoted prefix: what people type is never FTS syntax.
    QStringList terms;
    for (const QString& word :
         text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        QString quoted = word;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        terms.append(QLatin1Char('"') + quoted + QStringLiteral("\"*"));
    }
    if (terms.isEmpty())
        return hits;
    QSqlQuery query(QSqlDatabase::database(m_indexName));
    query.prepare(
        QStringLiteral("SELECT room, seq, sender, created, text, root FROM hits WHERE hits "
                       "MATCH ? ORDER BY created DESC LIMIT ?"));
    query.addBindValue(terms.join(QLatin1Char(' ')));
    query.addBindValue(limit);
    if (!query.exec())
        return hits;
    while (query.next())
        hits.append({query.value(0).toULongLong(), query.value(1).toULongLong(),
                     query.value(2).toULongLong(), query.value(3).toLongLong(),
                     query.value(4).toString(), query.value(5).toULongLong()});
    return hits;
}

} // namespace moim::chat
