#pragma once

#include <QWidget>
#include <chat/TimelineModel.h>

class QLabel;
class QListView;

namespace moim::ui {

class MessageDelegate;
class PanelHeader;

// The right-hand panel of a room's pinned messages; Enter or a double click on one shows it in
// the timeline.
class PinsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PinsPanel(QWidget* parent = nullptr);

    chat::TimelineModel& model() { return m_model; }
    MessageDelegate& delegate() { return *m_delegate; }
    quint64 roomId() const { return m_model.roomId(); }
    // Empties the list until the pins of the room arrive.
    void open(quint64 roomId, quint64 myUserId, const QString& roomTitle,
              const QHash<quint64, QString>& names);
    void setPins(quint64 roomId, const QList<chat::DecryptedEvent>& pins);

Q_SIGNALS:
    void messageChosen(quint64 roomId, quint64 seq);
    void closed();

private:
    chat::TimelineModel m_model;
    quint64 m_myUserId = 0;
    QHash<quint64, QString> m_names;
    PanelHeader* m_header;
    QLabel* m_empty;
    QListView* m_view;
    MessageDelegate* m_delegate;
};

} // namespace moim::ui
