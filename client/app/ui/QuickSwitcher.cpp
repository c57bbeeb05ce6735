#include "ui/QuickSwitcher.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace moim::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kIsPersonRole = Qt::UserRole + 2;

} // namespace

QuickSwitcher::QuickSwitcher(QWidget* parent)
    : QDialog(parent)
    , m_filter(new QLineEdit)
    , m_list(new QListView)
    , m_targets(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Jump to…"));
    m_filter->setPlaceholderText(tr("Room or person"));
    m_filter->setAccessibleName(tr("Room or person"));
    m_proxy->setSourceModel(m_targets);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list->setModel(m_proxy);
    m_list->setAccessibleName(tr("Matches"));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    resize(420, 360);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        m_list->setCurrentIndex(m_proxy->index(0, 0));
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &QuickSwitcher::choose);
    connect(m_list, &QListView::activated, this, &QuickSwitcher::choose);
    m_filter->installEventFilter(this);
}

void QuickSwitcher::setTargets(const QList<QPair<quint64, QString>>& rooms,
                               const QList<QPair<quint64, QString>>& people)
{
    m_targets->clear();
    for (const auto& [id, title] : rooms) {
        auto* item = new QStandardItem(title);
        item->setData(id, kIdRole);
        item->setData(false, kIsPersonRole);
        m_targets->appendRow(item);
    }
    for (const auto& [id, name] : people) {
        auto* item = new QStandardItem(QStringLiteral("@") + name);
        item->setData(id, kIdRole);
        item->setData(true, kIsPersonRole);
        m_targets->appendRow(item);
    }
    m_filter->clear();
    m_list->setCurrentIndex(m_proxy->index(0, 0));
    m_filter->setFocus();
}

bool QuickSwitcher::eventFilter(QObject* watched, QEvent* event)
{
    // Up and Down move through the matches while typing goes on in the filter.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = m_list->currentIndex().row() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_proxy->rowCount())
                m_list->setCurrentIndex(m_proxy->index(row, 0));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void QuickSwitcher::choose()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const quint64 id = current.data(kIdRole).toULongLong();
    if (current.data(kIsPersonRole).toBool())
        Q_EMIT personChosen(id);
    else
        Q_EMIT roomChosen(id);
    accept();
}

} // namespace moim::ui
