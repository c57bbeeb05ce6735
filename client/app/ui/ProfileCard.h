#pragma once

#include <QDialog>
#include <chat/ChatService.h>

class QCheckBox;
class QLabel;
class QPushButton;

namespace moim::ui {

// What the window knows of a person when their card opens.
struct Person {
    quint64 userId = 0;
    QString name;
    QString username; // empty when not known yet
    protocol::PresenceStatus presence = protocol::PresenceStatus::Offline;
    bool favourite = false;
    bool hidden = false;
    bool blocked = false;
    bool me = false;
};

// A person's card: name, @username, presence, whether their keys are verified, a button to
// write to them, and my private flags toward them (favourite, hidden, blocked), each applied
// at once through the chat service.
class ProfileCard : public QDialog {
    Q_OBJECT
public:
    ProfileCard(chat::ChatService& service, const Person& person, QWidget* parent = nullptr);

    QPushButton& messageButton() { return *m_message; }
    QCheckBox& favourite() { return *m_favourite; }
    QCheckBox& hidden() { return *m_hidden; }
    QCheckBox& blocked() { return *m_blocked; }
    QLabel& verification() { return *m_verification; }
    QLabel& status() { return *m_status; }

Q_SIGNALS:
    void messageWanted(quint64 userId);

private:
    void change(protocol::SetRelation change);

    chat::ChatService& m_service;
    Person m_person;
    QPushButton* m_message;
    QCheckBox* m_favourite;
    QCheckBox* m_hidden;
    QCheckBox* m_blocked;
    QLabel* m_verification;
    QLabel* m_status;
};

} // namespace moim::ui
