#pragma once

#include <QIcon>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QWidget>
#include <protocol/SocialMessages.h>
#include <protocol/TeamMessages.h>

class QLabel;
class QLineEdit;
class QListView;

namespace moim::ui {

class PanelHeader;

// The right-hand panel of a room's members: presence, name, @username and team role, a filter
// by name, and a person's profile card on Enter or a double click.
class MembersPanel : public QWidget {
    Q_OBJECT
public:
    enum Role { UserIdRole = Qt::UserRole + 1, PresenceRole };

    explicit MembersPanel(QWidget* parent = nullptr);

    quint64 roomId() const { return m_roomId; }
    // Empties the list until the members of the room arrive.
    void open(quint64 roomId, const QString& roomTitle);
    // presence: what is known of them already (the others show offline until told).
    void setMembers(quint64 roomId, const QList<protocol::MemberInfo>& members, bool complete,
                    const QHash<quint64, protocol::PresenceStatus>& presence);
    void setPresence(quint64 userId, protocol::PresenceStatus status);
    QAbstractItemModel& shown() { return m_filtered; }
    QLineEdit& filter() { return *m_filter; }

Q_SIGNALS:
    void personActivated(quint64 userId);
    void closed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCount();
    void showPresence(QStandardItem* item, protocol::PresenceStatus status);

    quint64 m_roomId = 0;
    QStandardItemModel m_members;
    QSortFilterProxyModel m_filtered;
    PanelHeader* m_header;
    QLabel* m_count;
    QLineEdit* m_filter;
    QListView* m_view;
    bool m_complete = true;
    // A room may have thousands: presence updates find their row without a scan.
    QHash<quint64, QStandardItem*> m_itemOf;
    int m_online = 0;
    // One picture per status, shared by every row.
    const QIcon m_dots[3];
};

} // namespace moim::ui
