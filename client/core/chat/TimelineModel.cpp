#include "chat/TimelineModel.h"

#include <QDateTime>
#include <algorithm>

namespace moim::chat {

using protocol::EventKind;

namespace {

ChatMessage::Kind rowKind(EventKind kind)
{
    switch (kind) {
    case EventKind::MemberJoined:
        return ChatMessage::Kind::MemberJoined;
    case EventKind::MemberLeft:
        return ChatMessage::Kind::MemberLeft;
    case EventKind::RoomUpdated:
        return ChatMessage::Kind::RoomUpdated;
    default:
        return ChatMessage::Kind::Message;
    }
}

ChatMessage::Readability readabilityOf(DecryptedEvent::Readability readability)
{
    switch (readability) {
    case DecryptedEvent::Readability::WaitingForKey:
        return ChatMessage::Readability::WaitingForKey;
    case DecryptedEvent::Readability::Refused:
        return ChatMessage::Readability::Refused;
    default:
        return ChatMessage::Readability::Readable;
    }
}

} // namespace

TimelineModel::TimelineModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString TimelineModel::nameOf(quint64 userId) const
{
    const auto found = m_names.constFind(userId);
    return found != m_names.cend() ? *found : tr("user %1").arg(userId);
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const ChatMessage& message = m_rows[size_t(row)].message;
    const ChatMessage* previous = row > 0 ? &m_rows[size_t(row) - 1].message : nullptr;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return message.text;
    case Qt::AccessibleTextRole:
        return QString(nameOf(message.senderUserId) + QStringLiteral(": ") + message.text);
    case SeqRole:
        return message.seq;
    case KindRole:
        return int(message.kind);
    case SenderIdRole:
        return message.senderUserId;
    case SenderNameRole:
        return nameOf(message.senderUserId);
    case SubjectNameRole:
        return nameOf(message.subjectUserId);
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(message.createdMs);
    case ReadabilityRole:
        return int(message.readability);
    case ProblemRole:
        return message.problem;
    case DeliveryRole:
        return int(message.delivery);
    case EditedRole:
        return message.edited;
    case DeletedRole:
        return message.deleted;
    case PinnedRole:
        return message.pinned;
    case MentionsMeRole:
        return message.mentionsMe;
    case ReplyCountRole:
        return message.replyCount;
    case ReactionsRole: {
        QVariantList list;
        for (const ReactionSummary& reaction : message.reactions)
            list.append(QVariantMap{{QStringLiteral("emoji"), reaction.emoji},
                                    {QStringLiteral("count"), int(reaction.userIds.size())},
                                    {QStringLiteral("mine"), reaction.mine}});
        return list;
    }
    case FileNameRole:
        return message.file ? message.file->name : QString();
    case FileSizeRole:
        return message.file ? message.file->size : qint64(0);
    case ThumbnailRole:
        return message.thumbnailImage;
    case MineRole:
        return message.senderUserId == m_myUserId;
    case DayBreakRole: {
        if (!previous)
            return true;
        const QDate day = QDateTime::fromMSecsSinceEpoch(message.createdMs).date();
        return QDateTime::fromMSecsSinceEpoch(previous->createdMs).date() != day;
    }
    case GroupedRole:
        return previous && previous->kind == ChatMessage::Kind::Message &&
               message.kind == ChatMessage::Kind::Message &&
               previous->senderUserId == message.senderUserId && !message.mentionsMe &&
               message.createdMs - previous->createdMs < kGroupWindowMs &&
               QDateTime::fromMSecsSinceEpoch(previous->createdMs).date() ==
                   QDateTime::fromMSecsSinceEpoch(message.createdMs).date();
    case UnreadLineRole:
        if (message.seq == 0 || message.seq <= m_readSeq || message.senderUserId == m_myUserId)
            return false;
        // Mine between the marker and this one (sent from another device, which does not move
        // the marker) do not take the line from the first message of others.
        for (int r = row - 1; r >= 0; --r) {
            const ChatMessage& before = m_rows[size_t(r)].message;
            if (before.seq <= m_readSeq)
                return true;
            if (before.senderUserId != m_myUserId)
                return false;
        }
        return false;
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SeqRole, "seq");
    names.insert(SenderNameRole, "sender");
    names.insert(TextRole, "text");
    names.insert(ReactionsRole, "reactions");
    return names;
}

bool TimelineModel::isRow(const protocol::RoomEvent& event) const
{
    if (m_threadRoot != 0)
        return event.kind == EventKind::Message &&
               (event.seq == m_threadRoot || event.threadRoot == m_threadRoot);
    switch (event.kind) {
    case EventKind::Message:
        return !event.threadRoot;
    case EventKind::MemberJoined:
    case EventKind::MemberLeft:
    case EventKind::RoomUpdated:
        return true;
    default:
        return false;
    }
}

void TimelineModel::reset(quint64 roomId, quint64 myUserId, quint64 threadRoot)
{
    beginResetModel();
    m_roomId = roomId;
    m_myUserId = myUserId;
    m_threadRoot = threadRoot;
    m_readSeq = 0;
    m_hasMoreBefore = true;
    m_newestEventSeq = 0;
    m_rows.clear();
    m_knownReplies.clear();
    m_folds.clear();
    m_hasMoreAfter = false;
    endResetModel();
}

int TimelineModel::firstPendingRow() const
{
    int row = int(m_rows.size());
    while (row > 0 && m_rows[size_t(row) - 1].message.seq == 0)
        --row;
    return row;
}

int TimelineModel::insertionRow(quint64 seq) const
{
    const auto stored = m_rows.begin() + firstPendingRow();
    const auto at = std::lower_bound(m_rows.begin(), stored, seq,
                                     [](const Row& row, quint64 s) { return row.message.seq < s; });
    return int(at - m_rows.begin());
}

int TimelineModel::rowOfSeq(quint64 seq) const
{
    if (seq == 0)
        return -1;
    const int row = insertionRow(seq);
    return row < int(m_rows.size()) && m_rows[size_t(row)].message.seq == seq ? row : -1;
}

quint64 TimelineModel::oldestSeq() const
{
    return m_rows.empty() ? 0 : m_rows.front().message.seq;
}

quint64 TimelineModel::newestSeq() const
{
    const int pending = firstPendingRow();
    return pending == 0 ? 0 : m_rows[size_t(pending) - 1].message.seq;
}

void TimelineModel::addNewestPage(const QList<DecryptedEvent>& events, bool hasMoreBefore)
{
    const auto first = std::find_if(events.cbegin(), events.cend(), [this](const auto& event) {
        return event.event.roomId == m_roomId && event.event.seq != 0;
    });
    // Thread replies are not consecutive in the room: only the room's timeline can tell. With
    // newer rows dropped, what is shown ends at the newest row, not at the newest event seen.
    const quint64 shownUpTo = m_hasMoreAfter ? newestSeq() : m_newestEventSeq;
    const bool gap = m_threadRoot == 0 && hasMoreBefore && first != events.cend() &&
                     shownUpTo != 0 && first->event.seq > shownUpTo + 1;
    m_hasMoreAfter = false;
    if (gap && firstPendingRow() > 0) {
        beginRemoveRows({}, 0, firstPendingRow() - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + firstPendingRow());
        endRemoveRows();
    }
    addEvents(events, false);
}

void TimelineModel::addEvents(const QList<DecryptedEvent>& events, bool live)
{
    for (const DecryptedEvent& event : events) {
        if (event.event.roomId != m_roomId || event.event.seq == 0)
            continue;
        m_newestEventSeq = std::max(m_newestEventSeq, event.event.seq);
        if (isRow(event.event)) {
            // Past the window's end: it comes with the newer pages.
            if (m_hasMoreAfter && !m_addingNewerPage && event.event.seq > newestSeq())
                continue;
            insertMessage(event);
        } else {
            applyToTarget(event, live);
        }
    }
}

void TimelineModel::addNewerPage(const QList<DecryptedEvent>& events, bool hasMoreAfter)
{
    // hasMoreAfter() stays true while the page goes in: views asking then (to keep their
    // position) must not take the window for the live end.
    m_addingNewerPage = true;
    addEvents(events, false);
    m_addingNewerPage = false;
    m_hasMoreAfter = hasMoreAfter;
}

void TimelineModel::dropNewest(int keep)
{
    const int stored = firstPendingRow();
    if (stored <= keep)
        return;
    beginRemoveRows({}, keep, stored - 1);
    m_rows.erase(m_rows.begin() + keep, m_rows.begin() + stored);
    endRemoveRows();
    m_hasMoreAfter = true;
}

void TimelineModel::dropOldest(int keep)
{
    const int stored = firstPendingRow();
    if (stored <= keep)
        return;
    const int dropped = stored - keep;
    beginRemoveRows({}, 0, dropped - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + dropped);
    endRemoveRows();
    m_hasMoreBefore = true;
    // The new first row has no row above to group under or share a day with.
    if (!m_rows.empty())
        rowChanged(0);
}

void TimelineModel::insertMessage(const DecryptedEvent& decrypted)
{
    const protocol::RoomEvent& event = decrypted.event;
    if (rowOfSeq(event.seq) >= 0) {
        // Seen again (a key came, or a page overlapped): take the newer reading.
        Row& row = m_rows[size_t(rowOfSeq(event.seq))];
        if (decrypted.readability == DecryptedEvent::Readability::Readable &&
            row.message.readability != ChatMessage::Readability::Readable) {
            row.message.readability = ChatMessage::Readability::Readable;
            row.message.problem.clear();
            // Read from the copy stored before a delete that came meanwhile: keep it deleted.
            if (!row.message.deleted) {
                if (row.textSeq == 0) {
                    row.message.text = decrypted.content.text;
                    row.textSeq = event.seq;
                }
                row.message.file = decrypted.content.file;
                row.message.thumbnail = decrypted.content.thumbnail;
            }
            rowChanged(rowOfSeq(event.seq));
        }
        return;
    }
    // My own message confirmed through history or another path: the pending row gives way.
    int removed = -1;
    if (!event.clientId.isEmpty()) {
        for (int r = firstPendingRow(); r < int(m_rows.size()); ++r) {
            if (m_rows[size_t(r)].message.clientId == event.clientId) {
                beginRemoveRows({}, r, r);
                m_rows.erase(m_rows.begin() + r);
                endRemoveRows();
                removed = r;
                break;
            }
        }
    }
    Row row;
    ChatMessage& message = row.message;
    message.kind = rowKind(event.kind);
    message.roomId = event.roomId;
    message.seq = event.seq;
    message.clientId = event.clientId;
    message.senderUserId = event.senderUserId;
    message.subjectUserId = event.subjectUserId.value_or(0);
    message.createdMs = event.createdMs;
    message.readability = readabilityOf(decrypted.readability);
    message.problem = decrypted.problem;
    message.text = decrypted.content.text;
    if (decrypted.readability == DecryptedEvent::Readability::Readable)
        row.textSeq = event.seq;
    message.file = decrypted.content.file;
    message.thumbnail = decrypted.content.thumbnail;
    message.replyCount = event.replyCount;
    message.lastReplyMs = event.lastReplyMs;
    message.edited = event.edited;
    message.deleted = event.deleted;
    message.pinned = event.pinned;
    message.mentionsMe = event.mentionAll || event.mentions.contains(m_myUserId);
    if (message.deleted) {
        message.text.clear();
        message.file.reset();
        message.thumbnail.reset();
    }
    for (const DecryptedEvent& fold : m_folds.value(event.seq))
        applyFold(row, fold);
    refold(row);

    const int at = insertionRow(event.seq);
    beginInsertRows({}, at, at);
    m_rows.insert(m_rows.begin() + at, std::move(row));
    endInsertRows();
    // The row below may now group under this one, or lose its day separator; so may the one
    // that followed the pending row (now one further down, as at <= removed).
    if (at + 1 < int(m_rows.size()))
        rowChanged(at + 1);
    if (removed >= 0 && removed != at && removed + 1 < int(m_rows.size()))
        rowChanged(removed + 1);
}

void TimelineModel::applyToTarget(const DecryptedEvent& event, bool live)
{
    const quint64 target = event.event.kind == EventKind::Message
                               ? event.event.threadRoot.value_or(0)
                               : event.event.refSeq.value_or(0);
    if (target == 0)
        return;
    const int row = rowOfSeq(target);
    if (event.event.kind == EventKind::Message) {
        // A thread reply: history counts are the server's; a live one adds to them, once.
        if (m_knownReplies.contains(event.event.seq))
            return;
        m_knownReplies.insert(event.event.seq);
        if (row >= 0 && live) {
            ChatMessage& root = m_rows[size_t(row)].message;
            ++root.replyCount;
            root.lastReplyMs = event.event.createdMs;
            rowChanged(row);
        }
        return;
    }
    QList<DecryptedEvent>& folds = m_folds[target];
    const auto known = std::find_if(folds.begin(), folds.end(), [&](const DecryptedEvent& seen) {
        return seen.event.seq == event.event.seq;
    });
    if (known == folds.end())
        folds.append(event);
    else if (event.readability == DecryptedEvent::Readability::Readable)
        *known = event; // read again once its key came
    if (row < 0)
        return;
    applyFold(m_rows[size_t(row)], event);
    refold(m_rows[size_t(row)]);
    rowChanged(row);
}

void TimelineModel::applyFold(Row& row, const DecryptedEvent& decrypted)
{
    const protocol::RoomEvent& event = decrypted.event;
    ChatMessage& message = row.message;
    switch (event.kind) {
    case EventKind::Edit:
        if (event.senderUserId != message.senderUserId)
            return;
        message.edited = true;
        // Edits may come in any order (a key arriving late reads an older one again).
        if (!message.deleted && decrypted.readability == DecryptedEvent::Readability::Readable &&
            event.seq > row.textSeq) {
            message.text = decrypted.content.text;
            row.textSeq = event.seq;
        }
        return;
    case EventKind::Delete:
        message.deleted = true;
        message.text.clear();
        message.file.reset();
        message.thumbnail.reset();
        message.thumbnailImage.clear();
        row.reactionOps.clear();
        return;
    case EventKind::Pin:
    case EventKind::Unpin:
        if (event.seq < row.pinSeq)
            return;
        row.pinSeq = event.seq;
        message.pinned = event.kind == EventKind::Pin;
        return;
    case EventKind::ReactionAdd:
    case EventKind::ReactionRemove:
        if (message.deleted)
            return;
        row.reactionOps[event.seq] = {event.reactionKey, decrypted.content.reaction,
                                      event.senderUserId, event.kind == EventKind::ReactionAdd};
        return;
    default:
        return;
    }
}

void TimelineModel::refold(Row& row)
{
    QList<ReactionSummary> reactions;
    for (const auto& [seq, op] : row.reactionOps) {
        auto found = std::find_if(reactions.begin(), reactions.end(),
                                  [&](const ReactionSummary& r) { return r.key == op.key; });
        if (found == reactions.end()) {
            if (!op.add)
                continue;
            reactions.append({op.emoji, op.key, {}, false});
            found = reactions.end() - 1;
        }
        if (found->emoji.isEmpty())
            found->emoji = op.emoji;
        if (op.add && !found->userIds.contains(op.userId))
            found->userIds.append(op.userId);
        else if (!op.add)
            found->userIds.removeAll(op.userId);
    }
    reactions.removeIf([](const ReactionSummary& r) { return r.userIds.isEmpty(); });
    for (ReactionSummary& reaction : reactions)
        reaction.mine = reaction.userIds.contains(m_myUserId);
    row.message.reactions = reactions;
}

void TimelineModel::rowChanged(int row)
{
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at);
}

void TimelineModel::setReadSeq(quint64 seq)
{
    if (seq == m_readSeq)
        return;
    m_readSeq = seq;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {UnreadLineRole});
}

void TimelineModel::setNames(const QHash<quint64, QString>& names)
{
    m_names = names;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                           {SenderNameRole, SubjectNameRole, Qt::AccessibleTextRole});
}

void TimelineModel::setThumbnail(quint64 seq, const QByteArray& image)
{
    const int row = rowOfSeq(seq);
    if (row < 0)
        return;
    m_rows[size_t(row)].message.thumbnailImage = image;
    rowChanged(row);
}

void TimelineModel::addPending(const ChatMessage& message)
{
    // The outbox lists what it holds each time the room opens: a message shown already (still
    // sending, or stored meanwhile) is not shown twice.
    for (const Row& shown : m_rows) {
        if (shown.message.clientId == message.clientId)
            return;
    }
    Row row;
    row.message = message;
    row.message.seq = 0;
    row.message.delivery = ChatMessage::Delivery::Sending;
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.push_back(std::move(row));
    endInsertRows();
}

void TimelineModel::confirmPending(const QByteArray& clientId, quint64 seq, qint64 createdMs)
{
    for (int r = firstPendingRow(); r < int(m_rows.size()); ++r) {
        if (m_rows[size_t(r)].message.clientId != clientId)
            continue;
        // Taken only once the removal is announced: views may read it until then.
        beginRemoveRows({}, r, r);
        Row row = std::move(m_rows[size_t(r)]);
        m_rows.erase(m_rows.begin() + r);
        endRemoveRows();
        if (rowOfSeq(seq) >= 0)
            return; // already came back through history
        row.message.seq = seq;
        row.textSeq = seq; // what I wrote, readable by me
        row.message.createdMs = createdMs;
        row.message.delivery = ChatMessage::Delivery::Stored;
        for (const DecryptedEvent& fold : m_folds.value(seq))
            applyFold(row, fold);
        refold(row);
        const int at = insertionRow(seq);
        beginInsertRows({}, at, at);
        m_rows.insert(m_rows.begin() + at, std::move(row));
        endInsertRows();
        // As in insertMessage: the rows after it and after where it was follow another row.
        if (at + 1 < int(m_rows.size()))
            rowChanged(at + 1);
        if (r != at && r + 1 < int(m_rows.size()))
            rowChanged(r + 1);
        return;
    }
}

void TimelineModel::failPending(const QByteArray& clientId, const QString& problem)
{
    for (int r = firstPendingRow(); r < int(m_rows.size()); ++r) {
        if (m_rows[size_t(r)].message.clientId == clientId) {
            m_rows[size_t(r)].message.delivery = ChatMessage::Delivery::Failed;
            m_rows[size_t(r)].message.problem = problem;
            rowChanged(r);
            return;
        }
    }
}

std::optional<ChatMessage> TimelineModel::lastEditableOfMine() const
{
    for (auto it = m_rows.rbegin(); it != m_rows.rend(); ++it) {
        const ChatMessage& message = it->message;
        if (message.senderUserId == m_myUserId && message.kind == ChatMessage::Kind::Message &&
            message.seq != 0 && !message.deleted &&
            message.readability == ChatMessage::Readability::Readable && !message.file)
            return message;
    }
    return std::nullopt;
}

} // namespace moim::chat
