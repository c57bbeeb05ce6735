#pragma once

#include <QCache>
#include <QStyledItemDelegate>

class QTextDocument;

namespace moim::ui {

// Paints one timeline row: day separator, "new messages" line, sender and time (left out
// when grouped under the previous message), the Markdown text, file and thumbnail, reactions
// as chips, and the edited / deleted / waiting-for-key / sending states. One delegate paints
// every row; no widget per message.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit MessageDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    // Laid-out text is cached by row content; the model's changes reset it.
    void forget() { m_documents.clear(); }

Q_SIGNALS:
    void reactionClicked(const QModelIndex& index, const QString& emoji, bool mine);
    void threadClicked(const QModelIndex& index);
    void fileClicked(const QModelIndex& index);
    void linkClicked(const QUrl& url);

private:
    struct Layout {
        QRect daySeparator;
        QRect unreadLine;
        QRect header;
        QRect text;
        QRect file;
        QRect thumbnail;
        QList<QPair<QRect, QVariantMap>> reactions;
        QRect thread;
        int height = 0;
    };
    Layout layoutFor(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    QTextDocument* documentFor(const QModelIndex& index, int width,
                               const QStyleOptionViewItem& option) const;
    QString bodyText(const QModelIndex& index) const;

    mutable QCache<QString, QTextDocument> m_documents;
};

} // namespace moim::ui
