#pragma once

#include <QStyledItemDelegate>

namespace moim::ui {

// A sidebar row: section heading above the first row of a section, presence dot for a
// person, the name (bold when unread) and a mention badge.
class RoomDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    bool startsSection(const QModelIndex& index) const;
};

} // namespace moim::ui
