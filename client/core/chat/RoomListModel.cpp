#include "chat/RoomListModel.h"

#include <algorithm>

namespace moim::chat {

RoomListModel::RoomListModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int RoomListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
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
    default:
        return {};
    }
}

void RoomListModel::replaceSection(Section section, QList<protocol::RoomInfo> rooms)
{
    rooms.removeIf([](const protocol::RoomInfo& room) { return !room.member || room.archived; });
    std::sort(rooms.begin(), rooms.end(),
              [this](const protocol::RoomInfo& a, const protocol::RoomInfo& b) {
                  return titleOf(a).localeAwareCompare(titleOf(b)) < 0;
              });
    beginResetModel();
    m_entries.removeIf([section](const Entry& entry) { return entry.section == section; });
    QList<Entry> added;
    for (const protocol::RoomInfo& room : rooms)
        added.append({section, room});
    if (section == Section::Channels)
        m_entries = added + m_entries;
    else
        m_entries += added;
    endResetModel();
    Q_EMIT countsChanged();
}

void RoomListModel::setChannels(const QList<protocol::RoomInfo>& channels)
{
    replaceSection(Section::Channels, channels);
}

void RoomListModel::setDirectMessages(const QList<protocol::RoomInfo>& rooms)
{
    replaceSection(Section::DirectMessages, rooms);
}

void RoomListModel::setNames(const QHash<quint64, QString>& names)
{
    m_names = names;
    if (m_entries.isEmpty())
        return;
    // Direct messages are titled by names: a name that arrives or changes can move them. The
    // selection and any other persistent index follow their room.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<quint64> persistentRooms;
    for (const QModelIndex& at : persistent)
        persistentRooms.append(m_entries.at(at.row()).room.roomId);
    std::stable_sort(m_entries.begin(), m_entries.end(), [this](const Entry& a, const Entry& b) {
        if (a.section != b.section)
            return a.section < b.section;
        return titleOf(a.room).localeAwareCompare(titleOf(b.room)) < 0;
    });
    for (int i = 0; i < persistent.size(); ++i)
        changePersistentIndex(persistent[i], index(rowOf(persistentRooms[i])));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

void RoomListModel::setPresence(quint64 userId, protocol::PresenceStatus state)
{
    m_presence.insert(userId, state);
    for (int row = 0; row < rowCount(); ++row) {
        if (peerOf(m_entries.at(row).room) == userId)
            Q_EMIT dataChanged(index(row), index(row), {PresenceRole});
    }
}

int RoomListModel::rowOf(quint64 roomId) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_entries.at(row).room.roomId == roomId)
            return row;
    }
    return -1;
}

std::optional<protocol::RoomInfo> RoomListModel::room(quint64 roomId) const
{
    const int row = rowOf(roomId);
    return row < 0 ? std::nullopt : std::optional(m_entries.at(row).room);
}

void RoomListModel::noteMessage(quint64 roomId, quint64 seq, bool mine, bool mentionsMe)
{
    const int row = rowOf(roomId);
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
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT countsChanged();
}

void RoomListModel::setReadSeq(quint64 roomId, quint64 seq)
{
    const int row = rowOf(roomId);
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
