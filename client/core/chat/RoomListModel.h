#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <protocol/RoomMessages.h>
#include <protocol/SocialMessages.h>

namespace moim::chat {

// The sidebar: direct messages with my favourite people, the current team's channels I am in,
// then my other direct messages, each with its unread and mention counts and, for a direct
// message with one person, their presence. A direct message whose people I all hid is left out
// until something unread arrives in it.
class RoomListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        RoomIdRole = Qt::UserRole + 1,
        SectionRole,  // Section as int
        UnreadRole,   // quint64
        MentionsRole, // quint64
        PrivateRole,  // bool
        PresenceRole, // protocol::PresenceStatus as int; direct messages with one person
        PeerIdRole,   // quint64: that person
        BlockedRole,  // bool: I blocked that person
    };
    // In the order shown. Hidden rooms are kept (their counts go on) but not listed.
    enum class Section { Favourites, Channels, DirectMessages, Hidden };

    explicit RoomListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    void setMyUserId(quint64 userId) { m_myUserId = userId; }
    void setChannels(const QList<protocol::RoomInfo>& channels);
    void setDirectMessages(const QList<protocol::RoomInfo>& rooms);
    void setNames(const QHash<quint64, QString>& names);
    void setPresence(quint64 userId, protocol::PresenceStatus state);
    void setRelations(const QList<protocol::RelationInfo>& relations);
    bool isFavourite(quint64 userId) const { return m_favourites.contains(userId); }
    bool isHidden(quint64 userId) const { return m_hidden.contains(userId); }
    bool isBlocked(quint64 userId) const { return m_blocked.contains(userId); }
    // A message arrived in a room: counts go up unless it is mine or the room is read.
    void noteMessage(quint64 roomId, quint64 seq, bool mine, bool mentionsMe);
    void setReadSeq(quint64 roomId, quint64 seq);
    bool contains(quint64 roomId) const { return rowOf(roomId) >= 0; }
    // -1 for a room that is not listed, hidden ones included.
    int rowOf(quint64 roomId) const;
    // Listed or hidden.
    std::optional<protocol::RoomInfo> room(quint64 roomId) const;
    QString titleOf(const protocol::RoomInfo& room) const;
    quint64 totalUnread() const;
    quint64 totalMentions() const;

Q_SIGNALS:
    void countsChanged();

private:
    struct Entry {
        bool channel;
        Section section;
        protocol::RoomInfo room;
    };
    void replaceRooms(bool channels, QList<protocol::RoomInfo> rooms);
    Section sectionOf(const Entry& entry) const;
    // Puts every room in its section and order; a reset when the listed set changes.
    void arrange(bool reset);
    int slotOf(quint64 roomId) const;
    quint64 peerOf(const protocol::RoomInfo& room) const;

    quint64 m_myUserId = 0;
    QList<Entry> m_entries; // the listed ones first, then the hidden ones
    int m_listed = 0;
    QHash<quint64, QString> m_names;
    QHash<quint64, protocol::PresenceStatus> m_presence;
    QSet<quint64> m_favourites;
    QSet<quint64> m_hidden;
    QSet<quint64> m_blocked;
};

} // namespace moim::chat
