#include "ui/MembersPanel.h"

#include "ui/PanelHeader.h"
#include "ui/PresenceDot.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace moim::ui {

namespace {

QString roleName(protocol::TeamRole role)
{
    switch (role) {
    case protocol::TeamRole::Owner:
        return MembersPanel::tr("owner");
    case protocol::TeamRole::Admin:
        return MembersPanel::tr("admin");
    case protocol::TeamRole::Member:
        break;
    }
    return {};
}

} // namespace

MembersPanel::MembersPanel(QWidget* parent)
    : QWidget(parent)
    , m_header(new PanelHeader(this, tr("Close the member list")))
    , m_count(new QLabel)
    , m_filter(new QLineEdit)
    , m_view(new QListView)
    , m_dots{presenceDot(protocol::PresenceStatus::Offline),
             presenceDot(protocol::PresenceStatus::Online),
             presenceDot(protocol::PresenceStatus::Away)}
{
    setFocusProxy(m_filter); // F6 in the main window lands here
    setObjectName(QStringLiteral("membersPanel"));
    m_count->setTextFormat(Qt::PlainText);
    connect(m_header, &PanelHeader::closed, this, &MembersPanel::closed);

    m_filter->setObjectName(QStringLiteral("memberFilter"));
    m_filter->setPlaceholderText(tr("Find a member"));
    m_filter->setAccessibleName(tr("Find a member"));
    m_filter->setClearButtonEnabled(true);
    m_filtered.setSourceModel(&m_members);
    m_filtered.setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filtered.setFilterRole(Qt::AccessibleTextRole);
    connect(m_filter, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_filtered.setFilterFixedString(text.trimmed()); });
    // Down from the filter goes to the list; Enter in it opens the first match.
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_filtered.rowCount() > 0)
            Q_EMIT personActivated(m_filtered.index(0, 0).data(UserIdRole).toULongLong());
    });

    m_view->setObjectName(QStringLiteral("memberList"));
    m_view->setAccessibleName(tr("Members"));
    m_view->setModel(&m_filtered);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformItemSizes(true);
    connect(m_view, &QListView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT personActivated(index.data(UserIdRole).toULongLong());
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_header);
    m_count->setContentsMargins(10, 0, 10, 0);
    layout->addWidget(m_count);
    auto* filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(8, 0, 8, 0);
    filterRow->addWidget(m_filter);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);
}

bool MembersPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Down && m_filtered.rowCount() > 0) {
        m_view->setFocus();
        m_view->setCurrentIndex(m_filtered.index(0, 0));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void MembersPanel::open(quint64 roomId, const QString& roomTitle)
{
    m_roomId = roomId;
    m_header->setTitle(tr("Members of %1").arg(roomTitle));
    m_members.clear();
    m_itemOf.clear();
    m_online = 0;
    m_filter->clear();
    m_complete = true;
    m_count->setText(tr("Loading…"));
    show();
}

void MembersPanel::setMembers(quint64 roomId, const QList<protocol::MemberInfo>& members,
                              bool complete,
                              const QHash<quint64, protocol::PresenceStatus>& presence)
{
    if (roomId != m_roomId)
        return;
    m_members.clear();
    m_itemOf.clear();
    m_online = 0;
    for (const protocol::MemberInfo& member : members) {
        const QString name = member.displayName.isEmpty() ? member.username : member.displayName;
        QString text = name + QStringLiteral("  @") + member.username;
        const QString role = roleName(member.role);
        if (!role.isEmpty())
            text += QStringLiteral("  · ") + role;
        auto* item = new QStandardItem(text);
        item->setData(member.userId, UserIdRole);
        item->setData(QString(name + QLatin1Char(' ') + member.username), Qt::AccessibleTextRole);
        item->setData(int(protocol::PresenceStatus::Offline), PresenceRole);
        showPresence(item, presence.value(member.userId, protocol::PresenceStatus::Offline));
        m_members.appendRow(item);
        m_itemOf.insert(member.userId, item);
    }
    m_complete = complete;
    updateCount();
}

void MembersPanel::setPresence(quint64 userId, protocol::PresenceStatus status)
{
    if (QStandardItem* item = m_itemOf.value(userId)) {
        showPresence(item, status);
        updateCount();
    }
}

void MembersPanel::showPresence(QStandardItem* item, protocol::PresenceStatus status)
{
    const auto online = [](int shown) { return shown == int(protocol::PresenceStatus::Online); };
    m_online += int(online(int(status))) - int(online(item->data(PresenceRole).toInt()));
    item->setData(int(status), PresenceRole);
    item->setIcon(m_dots[int(status) % 3]);
}

void MembersPanel::updateCount()
{
    const int online = m_online;
    QString text = tr("%n members", nullptr, m_members.rowCount());
    if (!m_complete)
        text = tr("The first %n members", nullptr, m_members.rowCount());
    m_count->setText(text + QStringLiteral(" · ") + tr("%n online", nullptr, online));
}

} // namespace moim::ui
