#include "ui/PanelHeader.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QShortcut>
#include <QToolButton>

namespace moim::ui {

PanelHeader::PanelHeader(QWidget* panel, const QString& closeName)
    : QWidget(panel)
    , m_title(new QLabel)
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    auto* close = new QToolButton;
    close->setIcon(QIcon(QStringLiteral(":/moim/icons/close.svg")));
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(closeName);
    close->setAccessibleName(closeName);
    connect(close, &QToolButton::clicked, this, [this, panel] {
        panel->hide();
        Q_EMIT closed();
    });
    // Escape anywhere in the panel closes it, as the button does.
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), panel, nullptr, nullptr,
                                 Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, close, &QToolButton::click);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(10, 6, 6, 6);
    row->addWidget(m_title, 1);
    row->addWidget(close);
}

void PanelHeader::setTitle(const QString& title)
{
    m_title->setText(title);
}

} // namespace moim::ui
