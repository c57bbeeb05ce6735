#include "chat/RoomListModel.h"

#include <algorithm>

namespace moim::chat {

RoomListModel::RoomListModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int RoomListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_listed;
}

quint64 RoomListModel::peerOf(const protocol::RoomInfo& room) const
{
    if (room.kind != protocol::RoomKind::Direct)
        return 0;
    QList<quint64> others = room.memberIds;
    others.removeAll(m_myUserId);
    return others.size() == 1 ? others.first() : 0;
}

QString RoomListModel::titleOf(const protocol::RoomInfo& room) const
{
    if (room.kind != protocol::RoomKind::Direct)
        return room.name;
    QStringList names;
    for (quint64 id : room.memberIds) {
        if (id != m_myUserId)
            names.append(m_names.value(id, tr("user %1").arg(id)));
    }
    if (names.isEmpty())
        return tr("Notes to self");
    std::sort(names.begin(), names.end());
    return names.join(QStringLiteral(", "));
}

QVariant RoomListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Entry& entry = m_entries.at(index.row());
    const protocol::RoomInfo& room = entry.room;
    switch (role) {
    case Qt::DisplayRole:
        return titleOf(room);
    case Qt::ToolTipRole:
        return room.topic.isEmpty() ? titleOf(room) : room.topic;
    case Qt::AccessibleTextRole: {
        QString text = titleOf(room);
        if (room.unread)
            text += QLatin1Char(' ') + tr("%n unread", nullptr, int(room.unread));
        if (room.mentions)
            text += QLatin1Char(' ') + tr("%n mentions", nullptr, int(room.mentions));
        return text;
    }
    case RoomIdRole:
        return room.roomId;
    case SectionRole:
        return int(entry.section);
    case UnreadRole:
        return room.unread;
    case MentionsRole:
        return room.mentions;
    case PrivateRole:
        return room.kind == protocol::RoomKind::PrivateChannel;
    case PresenceRole: {
        const quint64 peer = peerOf(room);
        return peer ? int(m_presence.value(peer, protocol::PresenceStatus::Offline)) : -1;
    }
    case PeerIdRole:
        return peerOf(room);
    case BlockedRole:
        return m_blocked.contains(peerOf(room));
    default:
        return {};
    }
}

RoomListModel::Section RoomListModel::sectionOf(const Entry& entry) const
{
    if (entry.channel)
        return Section::Channels;
    const quint64 peer = peerOf(entry.room);
    if (peer && m_favourites.contains(peer))
        return Section::Favourites;
    bool allHidden = true;
    bool anyone = false;
    for (const quint64 id : entry.room.memberIds) {
        if (id == m_myUserId)
            continue;
        anyone = true;
        allHidden = allHidden && m_hidden.contains(id);
    }
    if (anyone && allHidden && entry.room.unread == 0)
        return Section::Hidden;
    return Section::DirectMessages;
}

void RoomListModel::arrange(bool reset)
{
    QList<Entry> arranged = m_entries;
    for (Entry& entry : arranged)
        entry.section = sectionOf(entry);
    std::stable_sort(arranged.begin(), arranged.end(), [this](const Entry& a, const Entry& b) {
        if (a.section != b.section)
            return a.section < b.section;
        return titleOf(a.room).localeAwareCompare(titleOf(b.room)) < 0;
    });
    if (reset) {
        beginResetModel();
        m_entries = arranged;
        m_listed = int(std::count_if(arranged.cbegin(), arranged.cend(),
                                     [](const Entry& e) { return e.section != Section::Hidden; }));
        endResetModel();
        Q_EMIT countsChanged();
        return;
    }
    // Rooms that leave or join the list do so as removed and inserted rows, so that the
    // selection and other persistent indexes of the rest survive; then the order changes.
    QSet<quint64> listedAfter;
    for (const Entry& entry : std::as_const(arranged)) {
        if (entry.section != Section::Hidden)
            listedAfter.insert(entry.room.roomId);
    }
    for (int row = m_listed - 1; row >= 0; --row) {
        if (listedAfter.contains(m_entries.at(row).room.roomId))
            continue;
        beginRemoveRows({}, row, row);
        m_entries.move(row, m_entries.size() - 1);
        --m_listed;
        endRemoveRows();
    }
    for (int slot = m_listed; slot < m_entries.size(); ++slot) {
        if (!listedAfter.contains(m_entries.at(slot).room.roomId))
            continue;
        beginInsertRows({}, m_listed, m_listed);
        m_entries.move(slot, m_listed);
        ++m_listed;
        endInsertRows();
    }
    // Same rooms listed, perhaps in another order: the selection and any other persistent
    // index follow their room.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<quint64> persistentRooms;
    for (const QModelIndex& at : persistent)
        persistentRooms.append(m_entries.at(at.row()).room.roomId);
    m_entries = arranged;
    for (int i = 0; i < persistent.size(); ++i)
        changePersistentIndex(persistent[i], index(rowOf(persistentRooms[i])));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (m_listed > 0)
        Q_EMIT dataChanged(index(0), index(m_listed - 1));
}

void RoomListModel::replaceRooms(bool channels, QList<protocol::RoomInfo> rooms)
{
    rooms.removeIf([](const protocol::RoomInfo& room) { return !room.member || room.archived; });
    m_entries.removeIf([channels](const Entry& entry) { return entry.channel == channels; });
    for (const protocol::RoomInfo& room : std::as_const(rooms))
        m_entries.append({channels, Section::Hidden, room});
    arrange(true);
}

void RoomListModel::setChannels(const QList<protocol::RoomInfo>& channels)
{
    replaceRooms(true, channels);
}

void RoomListModel::setDirectMessages(const QList<protocol::RoomInfo>& rooms)
{
    replaceRooms(false, rooms);
}

void RoomListModel::setNames(const QHash<quint64, QString>& names)
{
    m_names = names;
    // Direct messages are titled by names: a name that arrives or changes can move them.
    if (!m_entries.isEmpty())
        arrange(false);
}

void RoomListModel::setRelations(const QList<protocol::RelationInfo>& relations)
{
    m_favourites.clear();
    m_hidden.clear();
    m_blocked.clear();
    for (const protocol::RelationInfo& relation : relations) {
        if (relation.favourite)
            m_favourites.insert(relation.userId);
        if (relation.hidden)
            m_hidden.insert(relation.userId);
        if (relation.blocked)
            m_blocked.insert(relation.userId);
    }
    if (!m_entries.isEmpty())
        arrange(false);
}

void RoomListModel::setPresence(quint64 userId, protocol::PresenceStatus state)
{
    m_presence.insert(userId, state);
    for (int row = 0; row < rowCount(); ++row) {
        if (peerOf(m_entries.at(row).room) == userId)
            Q_EMIT dataChanged(index(row), index(row), {PresenceRole});
    }
}

int RoomListModel::slotOf(quint64 roomId) const
{
    for (int slot = 0; slot < m_entries.size(); ++slot) {
        if (m_entries.at(slot).room.roomId == roomId)
            return slot;
    }
    return -1;
}

int RoomListModel::rowOf(quint64 roomId) const
{
    const int slot = slotOf(roomId);
    return slot < m_listed ? slot : -1;
}

std::optional<protocol::RoomInfo> RoomListModel::room(quint64 roomId) const
{
    const int slot = slotOf(roomId);
    return slot < 0 ? std::nullopt : std::optional(m_entries.at(slot).room);
}

void RoomListModel::noteMessage(quint64 roomId, quint64 seq, bool mine, bool mentionsMe)
{
    const int row = slotOf(roomId);
    if (row < 0)
        return;
    protocol::RoomInfo& room = m_entries[row].room;
    // The server's counts cover everything up to lastSeq: a message there was counted already
    // (or is seen twice, live and in a catch-up page).
    const bool counted = seq <= room.lastSeq;
    room.lastSeq = std::max(room.lastSeq, seq);
    if (mine) {
        // Writing in a room is reading it: what came before is no longer unread.
        room.readSeq = std::max(room.readSeq, seq);
        if (room.readSeq >= room.lastSeq) {
            room.unread = 0;
            room.mentions = 0;
        }
    } else if (seq > room.readSeq && !counted) {
        ++room.unread;
        if (mentionsMe)
            ++room.mentions;
    }
    if (row >= m_listed) {
        // Something unread brings a hidden direct message back.
        if (room.unread > 0)
            arrange(false);
        return;
    }
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT countsChanged();
}

void RoomListModel::setReadSeq(quint64 roomId, quint64 seq)
{
    const int row = slotOf(roomId);
    if (row < 0)
        return;
    protocol::RoomInfo& room = m_entries[row].room;
    room.readSeq = seq;
    // The exact counts after a partial read are the server's to say (room_info on reload);
    // read up to the newest known message means nothing is left.
    if (seq >= room.lastSeq) {
        room.unread = 0;
        room.mentions = 0;
    }
    if (row < m_listed)
        Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT countsChanged();
}

quint64 RoomListModel::totalUnread() const
{
    quint64 total = 0;
    for (const Entry& entry : m_entries)
        total += entry.room.unread;
    return total;
}

quint64 RoomListModel::totalMentions() const
{
    quint64 total = 0;
    for (const Entry& entry : m_entries)
        total += entry.room.mentions;
    return total;
}

} // namespace moim::chat
