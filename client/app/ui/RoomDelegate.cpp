#include "ui/RoomDelegate.h"

#include "ui/PresenceDot.h"

#include <QPainter>
#include <chat/RoomListModel.h>

namespace moim::ui {

using chat::RoomListModel;

namespace {

constexpr int kRowHeight = 28;
constexpr int kHeadingHeight = 26;

} // namespace

bool RoomDelegate::startsSection(const QModelIndex& index) const
{
    if (index.row() == 0)
        return true;
    const QModelIndex above = index.siblingAtRow(index.row() - 1);
    return above.data(RoomListModel::SectionRole) != index.data(RoomListModel::SectionRole);
}

QSize RoomDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return {option.rect.width(), kRowHeight + (startsSection(index) ? kHeadingHeight : 0)};
}

void RoomDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                         const QModelIndex& index) const
{
    painter->save();
    QRect row = option.rect;
    const QPalette& palette = option.palette;
    if (startsSection(index)) {
        const QRect heading = row.adjusted(10, 4, -10, -(row.height() - kHeadingHeight));
        QFont small = option.font;
        small.setBold(true);
        small.setPointSizeF(small.pointSizeF() * 0.85);
        painter->setFont(small);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        const auto section = RoomListModel::Section(index.data(RoomListModel::SectionRole).toInt());
        const QString title = section == RoomListModel::Section::Favourites ? tr("FAVOURITES")
                              : section == RoomListModel::Section::Channels ? tr("CHANNELS")
                                                                            : tr("DIRECT MESSAGES");
        painter->drawText(heading, Qt::AlignLeft | Qt::AlignVCenter, title);
        row.setTop(row.top() + kHeadingHeight);
    }
    if (option.state & QStyle::State_Selected)
        painter->fillRect(row, palette.highlight());
    else if (option.state & QStyle::State_MouseOver)
        painter->fillRect(row, palette.alternateBase());
    const QColor text = option.state & QStyle::State_Selected
                            ? palette.color(QPalette::HighlightedText)
                            : palette.color(QPalette::Text);
    const quint64 unread = index.data(RoomListModel::UnreadRole).toULongLong();
    const quint64 mentions = index.data(RoomListModel::MentionsRole).toULongLong();
    int x = row.left() + 12;
    const int presence = index.data(RoomListModel::PresenceRole).toInt();
    const auto section = RoomListModel::Section(index.data(RoomListModel::SectionRole).toInt());
    QFont font = option.font;
    font.setBold(unread > 0);
    painter->setFont(font);
    if (presence >= 0) {
        const QColor dot = presenceColor(protocol::PresenceStatus(presence));
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(dot);
        painter->drawEllipse(QPoint(x + 4, row.center().y() + 1), 4, 4);
        x += 14;
    } else if (section == RoomListModel::Section::Channels) {
        painter->setPen(text);
        painter->drawText(QRect(x, row.top(), 14, row.height()), Qt::AlignVCenter,
                          index.data(RoomListModel::PrivateRole).toBool() ? QStringLiteral("🔒")
                                                                          : QStringLiteral("#"));
        x += 16;
    }
    int right = row.right() - 10;
    if (mentions > 0 || (unread > 0 && section != RoomListModel::Section::Channels)) {
        const QString badge = QString::number(mentions > 0 ? mentions : unread);
        const int width = std::max(20, option.fontMetrics.horizontalAdvance(badge) + 10);
        const QRect pill(right - width, row.center().y() - 9, width, 18);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(220, 50, 47));
        painter->drawRoundedRect(pill, 9, 9);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, badge);
        right = pill.left() - 6;
    }
    painter->setPen(text);
    painter->setFont(font);
    const QString name = index.data(Qt::DisplayRole).toString();
    painter->drawText(QRect(x, row.top(), right - x, row.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(font).elidedText(name, Qt::ElideRight, right - x));
    painter->restore();
}

} // namespace moim::ui
