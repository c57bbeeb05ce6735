#include "ui/MessageDelegate.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmapCache>
#include <QTextDocument>
#include <QToolTip>
#include <chat/ChatMessage.h>
#include <chat/TimelineModel.h>

namespace moim::ui {

using chat::ChatMessage;
using chat::TimelineModel;

namespace {

constexpr int kMargin = 8;
constexpr int kIndent = 14;
constexpr int kDayHeight = 28;
constexpr int kUnreadHeight = 20;
constexpr int kFileHeight = 34;
constexpr int kChipHeight = 24;
constexpr int kThreadHeight = 20;
constexpr int kThumbnailWidth = 320;
constexpr int kThumbnailHeight = 240;
constexpr int kDocumentCacheSize = 400;

QPixmap thumbnailPixmap(const QModelIndex& index)
{
    const QByteArray bytes = index.data(TimelineModel::ThumbnailRole).toByteArray();
    if (bytes.isEmpty())
        return {};
    const QString key = QStringLiteral("moim-thumb-%1-%2")
                            .arg(index.data(TimelineModel::SeqRole).toULongLong())
                            .arg(qHash(bytes));
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    if (!pixmap.loadFromData(bytes))
        return {};
    pixmap = pixmap.scaled(QSize(kThumbnailWidth, kThumbnailHeight), Qt::KeepAspectRatio,
                           Qt::SmoothTransformation);
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

QString dayText(const QDate& day)
{
    const QDate today = QDate::currentDate();
    if (day == today)
        return MessageDelegate::tr("Today");
    if (day == today.addDays(-1))
        return MessageDelegate::tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

} // namespace

MessageDelegate::MessageDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_documents(kDocumentCacheSize)
{}

QString MessageDelegate::bodyText(const QModelIndex& index) const
{
    const auto kind = ChatMessage::Kind(index.data(TimelineModel::KindRole).toInt());
    const QString subject = index.data(TimelineModel::SubjectNameRole).toString();
    switch (kind) {
    case ChatMessage::Kind::MemberJoined:
        return tr("%1 joined").arg(subject);
    case ChatMessage::Kind::MemberLeft:
        return tr("%1 left").arg(subject);
    case ChatMessage::Kind::RoomUpdated:
        return tr("%1 updated the channel")
            .arg(index.data(TimelineModel::SenderNameRole).toString());
    case ChatMessage::Kind::Message:
        break;
    }
    if (index.data(TimelineModel::DeletedRole).toBool())
        return tr("*This message was deleted.*");
    const auto readability =
        ChatMessage::Readability(index.data(TimelineModel::ReadabilityRole).toInt());
    if (readability == ChatMessage::Readability::WaitingForKey)
        return tr("*Waiting for the key to this message…*");
    if (readability == ChatMessage::Readability::Refused)
        return tr("*Refused: %1*").arg(index.data(TimelineModel::ProblemRole).toString());
    return index.data(TimelineModel::TextRole).toString();
}

QTextDocument* MessageDelegate::documentFor(const QModelIndex& index, int width,
                                            const QStyleOptionViewItem& option) const
{
    const QString text = bodyText(index);
    const QString key = QStringLiteral("%1/%2/%3/%4")
                            .arg(index.data(TimelineModel::SeqRole).toULongLong())
                            .arg(width)
                            .arg(qHash(text))
                            .arg(option.font.pointSizeF());
    if (QTextDocument* cached = m_documents.object(key))
        return cached;
    auto* document = new QTextDocument;
    document->setDefaultFont(option.font);
    document->setDocumentMargin(0);
    // Untrusted text: Markdown without raw HTML, so a message cannot smuggle in markup.
    document->setMarkdown(text,
                          QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                          QTextDocument::MarkdownNoHTML));
    document->setTextWidth(width);
    m_documents.insert(key, document);
    return document;
}

MessageDelegate::Layout MessageDelegate::layoutFor(const QStyleOptionViewItem& option,
                                                   const QModelIndex& index) const
{
    Layout layout;
    const QRect area = option.rect;
    const int left = area.left() + kMargin + kIndent;
    const int width = std::max(80, area.width() - 2 * kMargin - kIndent);
    int y = area.top() + 2;
    const QFontMetrics metrics(option.font);
    if (index.data(TimelineModel::DayBreakRole).toBool()) {
        layout.daySeparator =
            QRect(area.left() + kMargin, y, area.width() - 2 * kMargin, kDayHeight);
        y += kDayHeight;
    }
    if (index.data(TimelineModel::UnreadLineRole).toBool()) {
        layout.unreadLine =
            QRect(area.left() + kMargin, y, area.width() - 2 * kMargin, kUnreadHeight);
        y += kUnreadHeight;
    }
    const auto kind = ChatMessage::Kind(index.data(TimelineModel::KindRole).toInt());
    const bool grouped = index.data(TimelineModel::GroupedRole).toBool() &&
                         !index.data(TimelineModel::DayBreakRole).toBool() &&
                         !index.data(TimelineModel::UnreadLineRole).toBool();
    if (kind == ChatMessage::Kind::Message && !grouped) {
        layout.header = QRect(left, y + 4, width, metrics.height());
        y += metrics.height() + 6;
    }
    // A file sent without words takes no empty line above the file.
    const bool fileOnly =
        !index.data(TimelineModel::FileNameRole).toString().isEmpty() && bodyText(index).isEmpty();
    if (!fileOnly) {
        QTextDocument* document = documentFor(index, width, option);
        const int textHeight = int(std::ceil(document->size().height()));
        layout.text = QRect(left, y, width, textHeight);
        y += textHeight + 2;
    }
    if (!index.data(TimelineModel::FileNameRole).toString().isEmpty()) {
        const QPixmap pixmap = thumbnailPixmap(index);
        if (!pixmap.isNull()) {
            layout.thumbnail = QRect(QPoint(left, y + 2), pixmap.deviceIndependentSize().toSize());
            y += layout.thumbnail.height() + 4;
        }
        layout.file = QRect(left, y + 2, std::min(width, 360), kFileHeight - 4);
        y += kFileHeight;
    }
    const QVariantList reactions = index.data(TimelineModel::ReactionsRole).toList();
    if (!reactions.isEmpty()) {
        int x = left;
        for (const QVariant& value : reactions) {
            const QVariantMap reaction = value.toMap();
            const QString label = QStringLiteral("%1 %2").arg(
                reaction.value(QStringLiteral("emoji")).toString(),
                QString::number(reaction.value(QStringLiteral("count")).toInt()));
            const int chipWidth = metrics.horizontalAdvance(label) + 16;
            if (x + chipWidth > left + width && x > left) {
                x = left;
                y += kChipHeight + 4;
            }
            layout.reactions.append({QRect(x, y + 2, chipWidth, kChipHeight - 2), reaction});
            x += chipWidth + 6;
        }
        y += kChipHeight + 4;
    }
    if (index.data(TimelineModel::ReplyCountRole).toULongLong() > 0) {
        layout.thread = QRect(left, y, width, kThreadHeight);
        y += kThreadHeight;
    }
    layout.height = y - area.top() + 2;
    return layout;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return {option.rect.width(), layoutFor(option, index).height};
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    const Layout layout = layoutFor(option, index);
    const QPalette& palette = option.palette;
    painter->save();
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, palette.alternateBase());
    else if (index.data(TimelineModel::MentionsMeRole).toBool())
        painter->fillRect(option.rect, QColor(255, 200, 0, 40));
    const QColor muted = palette.color(QPalette::PlaceholderText);

    if (layout.daySeparator.isValid()) {
        const QString text = dayText(index.data(TimelineModel::TimeRole).toDateTime().date());
        painter->setPen(muted);
        const QRect r = layout.daySeparator;
        painter->drawLine(r.left(), r.center().y(), r.right(), r.center().y());
        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        const int textWidth = QFontMetrics(bold).horizontalAdvance(text) + 20;
        const QRect label(r.center().x() - textWidth / 2, r.top(), textWidth, r.height());
        painter->fillRect(label, palette.base());
        painter->drawText(label, Qt::AlignCenter, text);
        painter->setFont(option.font);
    }
    if (layout.unreadLine.isValid()) {
        const QColor red(220, 50, 47);
        painter->setPen(red);
        const QRect r = layout.unreadLine;
        painter->drawLine(r.left(), r.center().y(), r.right(), r.center().y());
        const QString text = tr("New messages");
        const int textWidth = option.fontMetrics.horizontalAdvance(text) + 12;
        const QRect label(r.right() - textWidth, r.top(), textWidth, r.height());
        painter->fillRect(label, palette.base());
        painter->drawText(label, Qt::AlignCenter, text);
    }
    if (layout.header.isValid()) {
        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(palette.color(QPalette::Text));
        const QString sender = index.data(TimelineModel::SenderNameRole).toString();
        painter->drawText(layout.header, Qt::AlignLeft | Qt::AlignVCenter, sender);
        const int senderWidth = QFontMetrics(bold).horizontalAdvance(sender);
        painter->setFont(option.font);
        painter->setPen(muted);
        QString meta = QLocale().toString(index.data(TimelineModel::TimeRole).toDateTime().time(),
                                          QLocale::ShortFormat);
        const auto delivery =
            ChatMessage::Delivery(index.data(TimelineModel::DeliveryRole).toInt());
        if (delivery == ChatMessage::Delivery::Sending)
            meta = tr("sending…");
        else if (delivery == ChatMessage::Delivery::Failed)
            meta = tr("not sent: %1").arg(index.data(TimelineModel::ProblemRole).toString());
        if (index.data(TimelineModel::EditedRole).toBool() &&
            !index.data(TimelineModel::DeletedRole).toBool())
            meta += QLatin1Char(' ') + tr("(edited)");
        if (index.data(TimelineModel::PinnedRole).toBool())
            meta += QLatin1Char(' ') + tr("(pinned)");
        painter->drawText(layout.header.adjusted(senderWidth + 10, 0, 0, 0),
                          Qt::AlignLeft | Qt::AlignVCenter, meta);
    }

    if (layout.text.isValid()) {
        QTextDocument* document = documentFor(index, layout.text.width(), option);
        painter->translate(layout.text.topLeft());
        QAbstractTextDocumentLayout::PaintContext context;
        const auto kind = ChatMessage::Kind(index.data(TimelineModel::KindRole).toInt());
        const auto delivery =
            ChatMessage::Delivery(index.data(TimelineModel::DeliveryRole).toInt());
        const bool dim = kind != ChatMessage::Kind::Message ||
                         delivery != ChatMessage::Delivery::Stored ||
                         index.data(TimelineModel::ReadabilityRole).toInt() !=
                             int(ChatMessage::Readability::Readable);
        context.palette = palette;
        context.palette.setColor(QPalette::Text, dim ? muted : palette.color(QPalette::Text));
        document->documentLayout()->draw(painter, context);
        painter->translate(-layout.text.topLeft());
    }

    if (layout.thumbnail.isValid())
        painter->drawPixmap(layout.thumbnail.topLeft(), thumbnailPixmap(index));
    if (layout.file.isValid()) {
        painter->setPen(palette.color(QPalette::Mid));
        painter->setBrush(palette.alternateBase());
        painter->drawRoundedRect(layout.file, 6, 6);
        painter->setPen(palette.color(QPalette::Link));
        const QString label = QStringLiteral("📎 %1  (%2)")
                                  .arg(index.data(TimelineModel::FileNameRole).toString(),
                                       QLocale().formattedDataSize(
                                           index.data(TimelineModel::FileSizeRole).toLongLong()));
        painter->drawText(
            layout.file.adjusted(10, 0, -10, 0), Qt::AlignLeft | Qt::AlignVCenter,
            option.fontMetrics.elidedText(label, Qt::ElideMiddle, layout.file.width() - 20));
    }
    for (const auto& [rect, reaction] : layout.reactions) {
        const bool mine = reaction.value(QStringLiteral("mine")).toBool();
        painter->setPen(mine ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid));
        painter->setBrush(mine ? palette.color(QPalette::Highlight).lighter(180)
                               : palette.alternateBase().color());
        painter->drawRoundedRect(rect, 10, 10);
        painter->setPen(mine ? QColor(Qt::black) : palette.color(QPalette::Text));
        painter->drawText(rect, Qt::AlignCenter,
                          QStringLiteral("%1 %2").arg(
                              reaction.value(QStringLiteral("emoji")).toString(),
                              QString::number(reaction.value(QStringLiteral("count")).toInt())));
    }
    if (layout.thread.isValid()) {
        painter->setPen(palette.color(QPalette::Link));
        painter->drawText(layout.thread, Qt::AlignLeft | Qt::AlignVCenter,
                          tr("%n replies", nullptr,
                             int(index.data(TimelineModel::ReplyCountRole).toULongLong())));
    }
    painter->restore();
}

bool MessageDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                  const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event->type() != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto* mouse = static_cast<QMouseEvent*>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    const QPoint pos = mouse->position().toPoint();
    const Layout layout = layoutFor(option, index);
    for (const auto& [rect, reaction] : layout.reactions) {
        if (rect.contains(pos)) {
            Q_EMIT reactionClicked(index, reaction.value(QStringLiteral("emoji")).toString(),
                                   reaction.value(QStringLiteral("mine")).toBool());
            return true;
        }
    }
    if (layout.thread.contains(pos)) {
        Q_EMIT threadClicked(index);
        return true;
    }
    if (layout.file.contains(pos) || layout.thumbnail.contains(pos)) {
        Q_EMIT fileClicked(index);
        return true;
    }
    if (layout.text.contains(pos)) {
        QTextDocument* document = documentFor(index, layout.text.width(), option);
        const QString anchor =
            document->documentLayout()->anchorAt(QPointF(pos - layout.text.topLeft()));
        if (!anchor.isEmpty()) {
            Q_EMIT linkClicked(QUrl(anchor));
            return true;
        }
    }
    return false;
}

bool MessageDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event->type() == QEvent::ToolTip && index.isValid()) {
        const QDateTime time = index.data(TimelineModel::TimeRole).toDateTime();
        QToolTip::showText(event->globalPos(), QLocale().toString(time, QLocale::LongFormat), view);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace moim::ui
