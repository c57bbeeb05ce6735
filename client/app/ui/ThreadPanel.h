#pragma once

#include <QWidget>
#include <chat/TimelineModel.h>

class QLabel;
class QListView;

namespace moim::ui {

class Composer;
class MessageDelegate;
class PanelHeader;

// The right-hand panel of one thread: its root, its replies, and a composer that replies.
class ThreadPanel : public QWidget {
    Q_OBJECT
public:
    explicit ThreadPanel(QWidget* parent = nullptr);

    chat::TimelineModel& model() { return m_model; }
    Composer& composer() { return *m_composer; }
    MessageDelegate& delegate() { return *m_delegate; }
    void open(quint64 roomId, quint64 myUserId, quint64 rootSeq, const QString& roomTitle);
    void scrollToBottom();

Q_SIGNALS:
    void closed();

private:
    chat::TimelineModel m_model;
    PanelHeader* m_header;
    QListView* m_view;
    MessageDelegate* m_delegate;
    Composer* m_composer;
};

} // namespace moim::ui
