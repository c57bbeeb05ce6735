#pragma once

#include "chat/ChatMessage.h"
#include "chat/DecryptedEvent.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <deque>
#include <map>

namespace moim::chat {

// The messages of one room in order of seq, for a list view with a custom delegate: message
// events become rows; edits, deletes, pins and reactions fold into the rows they name, also
// when they arrive before it (history loads newest first). Thread replies are not rows here:
// they count on their root. My messages that are not acknowledged yet sit at the end. In
// thread mode the rows are one thread's root and replies.
class TimelineModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        KindRole,        // ChatMessage::Kind as int
        SenderIdRole,    // quint64
        SenderNameRole,  // QString
        SubjectNameRole, // member lines: who joined or left
        TimeRole,        // QDateTime, local
        TextRole,        // QString, the newest edit
        ReadabilityRole, // ChatMessage::Readability as int
        ProblemRole,     // why a message was refused
        DeliveryRole,    // ChatMessage::Delivery as int
        EditedRole,      // bool
        DeletedRole,     // bool
        PinnedRole,      // bool
        MentionsMeRole,  // bool
        ReplyCountRole,  // quint64
        ReactionsRole,   // QVariantList of QVariantMap {emoji, count, mine}
        FileNameRole,    // QString, empty without a file
        FileSizeRole,    // qint64
        ThumbnailRole,   // QByteArray: encoded image, empty until fetched
        GroupedRole,     // bool: same sender as the row above, a short while after it
        DayBreakRole,    // bool: the first row of its day
        UnreadLineRole,  // bool: the first message from others after my read marker
        MineRole,        // bool
    };
    Q_ENUM(Role)

    static constexpr qint64 kGroupWindowMs = 5 * 60 * 1000;

    explicit TimelineModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // threadRoot 0: the room's timeline. Otherwise one thread: its root and its replies.
    void reset(quint64 roomId, quint64 myUserId, quint64 threadRoot = 0);
    quint64 roomId() const { return m_roomId; }
    quint64 threadRoot() const { return m_threadRoot; }
    // Events of this room, history or live (live thread replies add to their root's count).
    void addEvents(const QList<DecryptedEvent>& events, bool live);
    // A page that ends at the room's newest event. When it does not reach back to the events
    // shown (away for longer than a page, or a stale cached page shown first), those are
    // dropped first, pending rows excepted: a gap in the middle could never be paged into,
    // while older pages load again from the top.
    void addNewestPage(const QList<DecryptedEvent>& events, bool hasMoreBefore);
    // A page that follows the newest row shown, when older ones were dropped (dropNewest).
    void addNewerPage(const QList<DecryptedEvent>& events, bool hasMoreAfter);
    void setHasMoreBefore(bool more) { m_hasMoreBefore = more; }
    bool hasMoreBefore() const { return m_hasMoreBefore; }
    // Rows after the newest shown exist (dropped, or live ones not shown while they are):
    // they load by paging on, not live, so that no gap opens.
    bool hasMoreAfter() const { return m_hasMoreAfter; }
    // The room's timeline keeps a window of rows, so that scrolling through a long history
    // leaves memory flat: after an older page, the newest rows over `keep` go; after a newer
    // page (or live ones at the bottom), the oldest. Pending rows stay. What was folded into a
    // dropped row (edits, reactions, pins, deletes) is kept and folds in again when it returns.
    void dropNewest(int keep);
    void dropOldest(int keep);
    int storedRowCount() const { return firstPendingRow(); }
    quint64 oldestSeq() const;
    quint64 newestSeq() const;
    void setReadSeq(quint64 seq);
    quint64 readSeq() const { return m_readSeq; }
    void setNames(const QHash<quint64, QString>& names);
    void setThumbnail(quint64 seq, const QByteArray& image);

    // My message while it is on its way, at the end; confirmed or failed by client id. Nothing
    // when a row of that client id is shown already.
    void addPending(const ChatMessage& message);
    void confirmPending(const QByteArray& clientId, quint64 seq, qint64 createdMs);
    void failPending(const QByteArray& clientId, const QString& problem);

    int rowOfSeq(quint64 seq) const;
    const ChatMessage& messageAt(int row) const { return m_rows.at(size_t(row)).message; }
    // The newest message of mine that can still be edited (for Up in an empty composer).
    std::optional<ChatMessage> lastEditableOfMine() const;

private:
    struct ReactionOp {
        QByteArray key;
        QString emoji;
        quint64 userId = 0;
        bool add = true;
    };
    struct Row {
        ChatMessage message;
        std::map<quint64, ReactionOp> reactionOps; // by seq: folded in order
        // The message or edit whose plaintext the row shows: the newest readable one, so an
        // edit waiting for its key leaves the last readable text in place, not an empty one.
        quint64 textSeq = 0;
        quint64 pinSeq = 0;
    };

    void insertMessage(const DecryptedEvent& event);
    void applyToTarget(const DecryptedEvent& event, bool live);
    void applyFold(Row& row, const DecryptedEvent& event);
    void refold(Row& row);
    void rowChanged(int row);
    int insertionRow(quint64 seq) const;
    bool isRow(const protocol::RoomEvent& event) const;
    int firstPendingRow() const;
    QString nameOf(quint64 userId) const;

    quint64 m_roomId = 0;
    quint64 m_myUserId = 0;
    quint64 m_threadRoot = 0;
    quint64 m_readSeq = 0;
    bool m_hasMoreBefore = true;
    bool m_hasMoreAfter = false;
    bool m_addingNewerPage = false;
    quint64 m_newestEventSeq = 0; // of every event of the room added, rows or not
    // A deque: older pages insert at the front, newer events near the back, each moving only
    // the rows on the shorter side (a vector moved all of them, for every message of a page).
    std::deque<Row> m_rows;
    // Every edit, delete, pin and reaction seen, by the seq of its message: folded in when the
    // message arrives (or comes back after being dropped from the window).
    QHash<quint64, QList<DecryptedEvent>> m_folds;
    // Thread replies already seen, from history or live: one seen twice counts once.
    QSet<quint64> m_knownReplies;
    QHash<quint64, QString> m_names;
};

} // namespace moim::chat
