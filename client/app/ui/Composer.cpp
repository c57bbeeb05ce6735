#include "ui/Composer.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QCompleter>
#include <QDateTime>
#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStringListModel>

namespace moim::ui {

namespace {

// The server relays typing at most every 3 s; telling it more often is wasted.
constexpr qint64 kTypingIntervalMs = 3000;
constexpr int kMaxVisibleLines = 8;

} // namespace

Composer::Composer(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_completer(new QCompleter(this))
    , m_candidates(new QStringListModel(this))
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message… (Enter sends, Shift+Enter for a new line)"));
    setAccessibleName(tr("Message"));
    // One line to start with, growing with what is written up to a few lines.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const auto fitHeight = [this] {
        const int lineHeight = fontMetrics().lineSpacing();
        const int lines = std::clamp(int(document()->size().height()), 1, kMaxVisibleLines);
        setFixedHeight(lines * lineHeight + 2 * int(document()->documentMargin()) +
                       2 * frameWidth() + 4);
    };
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            fitHeight);
    fitHeight();
    m_completer->setModel(m_candidates);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
            &Composer::insertMention);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        const QString prefix = mentionPrefixAtCursor();
        if (prefix != m_prefix) {
            m_prefix = prefix;
            if (prefix.isNull())
                m_completer->popup()->hide();
            else
                Q_EMIT mentionPrefixChanged(prefix);
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (!toPlainText().isEmpty() && now - m_lastTypingMs > kTypingIntervalMs) {
            m_lastTypingMs = now;
            Q_EMIT typingStarted();
        }
    });
}

QString Composer::mentionPrefixAtCursor() const
{
    QTextCursor cursor = textCursor();
    const QString before = toPlainText().left(cursor.position());
    static const QRegularExpression atWord(QStringLiteral("(?:^|\\s)@([\\w.-]*)$"));
    const QRegularExpressionMatch match = atWord.match(before);
    return match.hasMatch() ? match.captured(1) : QString();
}

void Composer::setMentionCandidates(const QString& prefix, const QStringList& usernames)
{
    if (prefix != m_prefix)
        return; // an answer to something typed before
    QStringList items = usernames;
    const QString lower = prefix.toLower();
    for (const QString& special : {QStringLiteral("channel"), QStringLiteral("here")}) {
        if (special.startsWith(lower))
            items.append(special);
    }
    m_candidates->setStringList(items);
    if (items.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) +
                  m_completer->popup()->verticalScrollBar()->sizeHint().width() + 20);
    m_completer->complete(rect);
    m_completer->popup()->setCurrentIndex(m_candidates->index(0));
}

void Composer::insertMention(const QString& username)
{
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(m_prefix.size()));
    cursor.insertText(username + QLatin1Char(' '));
    setTextCursor(cursor);
    m_completer->popup()->hide();
}

void Composer::startEdit(quint64 seq, const QString& text)
{
    m_editingSeq = seq;
    setPlainText(text);
    moveCursor(QTextCursor::End);
    Q_EMIT editingChanged(true);
}

void Composer::cancelEdit()
{
    if (m_editingSeq == 0)
        return;
    m_editingSeq = 0;
    clear();
    Q_EMIT editingChanged(false);
}

void Composer::submit()
{
    const QString text = toPlainText().trimmed();
    if (text.isEmpty())
        return;
    if (m_editingSeq != 0) {
        const quint64 seq = m_editingSeq;
        m_editingSeq = 0;
        Q_EMIT editRequested(seq, text);
        Q_EMIT editingChanged(false);
    } else {
        Q_EMIT sendRequested(text);
    }
    clear();
}

bool Composer::event(QEvent* event)
{
    // Escape cancels an edit here before any shortcut of the surroundings (closing a panel)
    // sees it.
    if (event->type() == QEvent::ShortcutOverride && m_editingSeq != 0 &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        event->accept();
        return true;
    }
    return QPlainTextEdit::event(event);
}

void Composer::keyPressEvent(QKeyEvent* event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Tab:
            if (m_completer->popup()->currentIndex().isValid()) {
                insertMention(m_completer->popup()->currentIndex().data().toString());
                event->accept();
                return;
            }
            break;
        case Qt::Key_Escape:
            m_completer->popup()->hide();
            event->accept();
            return;
        default:
            break;
        }
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        submit();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Up && toPlainText().isEmpty() && m_editingSeq == 0) {
        Q_EMIT editLastRequested();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && m_editingSeq != 0) {
        cancelEdit();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool Composer::canInsertFromMimeData(const QMimeData* source) const
{
    return source->hasUrls() || source->hasImage() || QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData* source)
{
    if (source->hasUrls()) {
        QStringList paths;
        for (const QUrl& url : source->urls()) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
        if (!paths.isEmpty()) {
            Q_EMIT filesAttached(paths);
            return;
        }
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            Q_EMIT imagePasted(image);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace moim::ui
