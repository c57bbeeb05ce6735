#pragma once

#include <QPlainTextEdit>

class QCompleter;
class QStringListModel;

namespace moim::ui {

// Where a message is written: Enter sends, Shift+Enter starts a new line, Up in an empty
// composer edits my last message, Escape cancels an edit. "@" followed by letters asks for
// mention candidates and offers them in a popup. Files dropped or pasted are handed on.
class Composer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit Composer(QWidget* parent = nullptr);

    void setMentionCandidates(const QString& prefix, const QStringList& usernames);
    void startEdit(quint64 seq, const QString& text);
    quint64 editingSeq() const { return m_editingSeq; }
    void cancelEdit();

Q_SIGNALS:
    void sendRequested(const QString& text);
    void editRequested(quint64 seq, const QString& text);
    void editLastRequested();
    void typingStarted();
    void filesAttached(const QStringList& paths);
    void imagePasted(const QImage& image);
    void mentionPrefixChanged(const QString& prefix);
    void editingChanged(bool editing);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;

private:
    void submit();
    QString mentionPrefixAtCursor() const;
    void insertMention(const QString& username);

    QCompleter* m_completer;
    QStringListModel* m_candidates;
    QString m_prefix;
    quint64 m_editingSeq = 0;
    qint64 m_lastTypingMs = 0;
};

} // namespace moim::ui
