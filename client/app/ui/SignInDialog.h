#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace moim::ui {

// First run and signed-out state: the server address (remembered), log in or create an
// account. Validates what it can before asking the server, and shows the server's answer.
class SignInDialog : public QDialog {
    Q_OBJECT
public:
    explicit SignInDialog(const QUrl& server, QWidget* parent = nullptr);

    void showProblem(const QString& problem);
    void setBusy(bool busy);

Q_SIGNALS:
    void signInRequested(const QUrl& server, const QString& username, const QString& password,
                         bool createAccount, const QString& displayName);

private:
    void submit();
    void updateMode();

    QLineEdit* m_server;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QLineEdit* m_displayName;
    QLabel* m_displayNameLabel;
    QCheckBox* m_create;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace moim::ui
