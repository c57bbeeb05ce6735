#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace moim::ui {

// A device that signed in but holds no keys yet: approve it from a device already in use
// (it shows a code to enter there) or with the recovery passphrase.
class ApprovalDialog : public QDialog {
    Q_OBJECT
public:
    explicit ApprovalDialog(QWidget* parent = nullptr);

    void showCode(const QString& code, const QString& qrPayload);
    void showResult(bool ok, const QString& detail);

Q_SIGNALS:
    void linkCodeWanted();
    void recoveryPassphraseEntered(const QString& passphrase);

private:
    QLabel* m_code;
    QLineEdit* m_passphrase;
    QPushButton* m_restore;
    QLabel* m_status;
};

} // namespace moim::ui
