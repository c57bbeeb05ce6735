#include "ui/ThreadPanel.h"

#include "ui/Composer.h"
#include "ui/MessageDelegate.h"
#include "ui/PanelHeader.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

namespace moim::ui {

ThreadPanel::ThreadPanel(QWidget* parent)
    : QWidget(parent)
    , m_header(new PanelHeader(this, tr("Close the thread")))
    , m_view(new QListView)
    , m_delegate(new MessageDelegate(m_view))
    , m_composer(new Composer)
{
    setFocusProxy(m_composer); // F6 in the main window lands here
    setObjectName(QStringLiteral("threadPanel"));
    connect(m_header, &PanelHeader::closed, this, &ThreadPanel::closed);
    m_view->setAccessibleName(tr("Thread"));
    m_view->setModel(&m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setResizeMode(QListView::Adjust);
    m_composer->setPlaceholderText(tr("Reply in the thread…"));
    m_composer->setAccessibleName(tr("Reply"));
    connect(&m_model, &QAbstractItemModel::dataChanged, m_view,
            [this] { QTimer::singleShot(0, m_view, [this] { m_view->doItemsLayout(); }); });
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &ThreadPanel::scrollToBottom);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);
    auto* composerRow = new QHBoxLayout;
    composerRow->setContentsMargins(8, 4, 8, 8);
    composerRow->addWidget(m_composer);
    layout->addLayout(composerRow);
    setMinimumWidth(280);
}

void ThreadPanel::open(quint64 roomId, quint64 myUserId, quint64 rootSeq, const QString& roomTitle)
{
    m_model.reset(roomId, myUserId, rootSeq);
    m_header->setTitle(tr("Thread in %1").arg(roomTitle));
    show();
    m_composer->setFocus();
}

void ThreadPanel::scrollToBottom()
{
    QTimer::singleShot(0, m_view, [this] { m_view->scrollToBottom(); });
}

} // namespace moim::ui
