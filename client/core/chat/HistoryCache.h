#pragma once

#include "chat/DecryptedEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace moim::chat {

// A hit of a local search: where it is and what it says.
struct SearchHit {
    quint64 roomId = 0;
    quint64 seq = 0;
    quint64 senderUserId = 0;
    qint64 createdMs = 0;
    QString text;
    quint64 threadRoot = 0; // a thread reply: the root it belongs to
};

// What this device keeps of the history it has read, so the app opens with the last state
// and searches offline: a SQLite file in the profile whose every row is sealed
// (XChaCha20-Poly1305 under a key derived from the device's secret, the row's place as
// associated data), and a search index over the decrypted text that lives only in memory,
// built from the rows after opening (buildIndex, or the first search), so that opening stays
// quick. The file alone tells a thief which rooms and sequence numbers
// were read, and how much, but no text. Used from one thread (the chat service's).
class HistoryCache {
public:
    static constexpr int kEventsKeptPerRoom = 5000;
    static constexpr int kPruneEvery = 1000; // events stored

    explicit HistoryCache(QString path);
    ~HistoryCache();
    HistoryCache(const HistoryCache&) = delete;
    HistoryCache& operator=(const HistoryCache&) = delete;

    // A cache made under another key (another identity on this profile) is started afresh.
    bool open(const QByteArray& key, QString* error);
    bool isOpen() const { return !m_key.isEmpty(); }
    void close();

    void storeEvents(const QList<DecryptedEvent>& events);
    // The newest `limit` events of a room, ascending.
    QList<DecryptedEvent> newest(quint64 roomId, int limit) const;

    // Opaque blobs kept sealed: the room list state.
    void putBlob(const QString& name, const QByteArray& value);
    QByteArray blob(const QString& name) const;

    // The outbox, one sealed row per item in the order written: adding, replacing and
    // removing an item costs the same however long the outbox is.
    void putOutboxItem(const QByteArray& clientId, const QByteArray& value);
    void removeOutboxItem(const QByteArray& clientId);
    QList<QByteArray> outbox() const;

    // Reads every row into the in-memory search index; once per opening.
    void buildIndex();
    bool indexed() const { return m_indexed; }
    // Messages whose text has every word (as a word prefix), newest first.
    QList<SearchHit> search(const QString& query, int limit);

private:
    void index(const DecryptedEvent& event);
    QByteArray seal(const QByteArray& plaintext, const QByteArray& place) const;
    std::optional<QByteArray> unseal(const QByteArray& sealed, const QByteArray& place) const;
    void prune();

    QString m_path;
    QString m_connectionName;
    QString m_indexName;
    QByteArray m_key;
    bool m_indexed = false;
    int m_storedSincePrune = 0;
};

} // namespace moim::chat
