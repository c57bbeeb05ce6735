#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <protocol/RoomMessages.h>
#include <protocol/SocialMessages.h>

namespace moim::chat {

// The sidebar: the current team's channels I am in, then my direct messages, each with its
// unread and mention counts and, for a direct message with one person, their presence.
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
    };
    enum class Section { Channels, DirectMessages };

    explicit RoomListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    void setMyUserId(quint64 userId) { m_myUserId = userId; }
    void setChannels(const QList<protocol::RoomInfo>& channels);
    void setDirectMessages(const QList<protocol::RoomInfo>& rooms);
    void setNames(const QHash<quint64, QString>& names);
    void setPresence(quint64 userId, protocol::PresenceStatus state);
    // A message arrived in a room: counts go up unless it is mine or the room is read.
    void noteMessage(quint64 roomId, quint64 seq, bool mine, bool mentionsMe);
    void setReadSeq(quint64 roomId, quint64 seq);
    bool contains(quint64 roomId) const { return rowOf(roomId) >= 0; }
    int rowOf(quint64 roomId) const;
    std::optional<protocol::RoomInfo> room(quint64 roomId) const;
    QString titleOf(const protocol::RoomInfo& room) const;
    quint64 totalUnread() const;
    quint64 totalMentions() const;

Q_SIGNALS:
    void countsChanged();

private:
    void replaceSection(Section section, QList<protocol::RoomInfo> rooms);
    quint64 peerOf(const protocol::RoomInfo& room) const;

    struct Entry {
        Section section;
        protocol::RoomInfo room;
    };
    quint64 m_myUserId = 0;
    QList<Entry> m_entries;
    QHash<quint64, QString> m_names;
    QHash<quint64, protocol::PresenceStatus> m_presence;
};

} // namespace moim::chat
