#include "ui/PinsPanel.h"

#include "ui/MessageDelegate.h"
#include "ui/PanelHeader.h"

#include <QLabel>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

namespace moim::ui {

PinsPanel::PinsPanel(QWidget* parent)
    : QWidget(parent)
    , m_header(new PanelHeader(this, tr("Close the pinned messages")))
    , m_empty(new QLabel)
    , m_view(new QListView)
    , m_delegate(new MessageDelegate(m_view))
{
    setFocusProxy(m_view); // F6 in the main window lands here
    setObjectName(QStringLiteral("pinsPanel"));
    connect(m_header, &PanelHeader::closed, this, &PinsPanel::closed);
    m_empty->setWordWrap(true);
    m_empty->setContentsMargins(10, 4, 10, 4);
    m_view->setObjectName(QStringLiteral("pinList"));
    m_view->setAccessibleName(tr("Pinned messages"));
    m_view->setModel(&m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setWordWrap(true);
    connect(&m_model, &QAbstractItemModel::dataChanged, m_view,
            [this] { QTimer::singleShot(0, m_view, [this] { m_view->doItemsLayout(); }); });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT messageChosen(m_model.roomId(),
                             index.data(chat::TimelineModel::SeqRole).toULongLong());
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_empty);
    layout->addWidget(m_view, 1);
    setMinimumWidth(280);
}

void PinsPanel::open(quint64 roomId, quint64 myUserId, const QString& roomTitle,
                     const QHash<quint64, QString>& names)
{
    m_myUserId = myUserId;
    m_names = names;
    m_model.reset(roomId, myUserId);
    m_model.setNames(names);
    m_header->setTitle(tr("Pinned in %1").arg(roomTitle));
    m_empty->setText(tr("Loading…"));
    m_empty->show();
    show();
}

void PinsPanel::setPins(quint64 roomId, const QList<chat::DecryptedEvent>& pins)
{
    if (roomId != m_model.roomId())
        return;
    m_model.reset(roomId, m_myUserId);
    m_model.setNames(m_names);
    m_model.addEvents(pins, false);
    m_empty->setText(tr("Nothing is pinned here. Pin a message from its menu."));
    m_empty->setVisible(pins.isEmpty());
}

} // namespace moim::ui
