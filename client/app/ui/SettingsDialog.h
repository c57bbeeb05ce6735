#pragma once

#include "ui/AppSettings.h"

#include <QDialog>
#include <QHash>
#include <chat/ChatService.h>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTreeWidget;

namespace moim::ui {

// Account, devices, security (safety numbers, verification, recovery), notifications and
// appearance. Asks the chat service and shows its answers; keeps nothing itself.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(chat::ChatService& service, AppSettings& settings,
                   const chat::SessionProfile& profile, const QHash<quint64, QString>& people,
                   quint64 currentRoom, const QString& currentRoomTitle, QWidget* parent = nullptr);

Q_SIGNALS:
    void themeChosen(moim::ui::AppSettings::Theme theme);
    void fontSizeChosen(int pointSize);
    void linkDeviceWanted();
    void recoveryWanted();
    void signOutWanted();

private:
    QWidget* accountPage(const chat::SessionProfile& profile);
    QWidget* devicesPage();
    QWidget* securityPage(const QHash<quint64, QString>& people);
    QWidget* notificationsPage(quint64 currentRoom, const QString& currentRoomTitle);
    QWidget* appearancePage();
    void showDevices(const QList<protocol::DeviceInfo>& devices);
    void showVerification(quint64 userId, const QString& number, bool verified, bool changed);

    chat::ChatService& m_service;
    AppSettings& m_settings;
    quint64 m_myDeviceId = 0;
    QLineEdit* m_displayName = nullptr;
    QLabel* m_nameStatus = nullptr;
    QLineEdit* m_oldPassword = nullptr;
    QLineEdit* m_newPassword = nullptr;
    QLineEdit* m_repeatPassword = nullptr;
    QCheckBox* m_revokeOthers = nullptr;
    QLabel* m_passwordStatus = nullptr;
    QTreeWidget* m_devices = nullptr;
    QComboBox* m_person = nullptr;
    QLabel* m_safetyNumber = nullptr;
    QLabel* m_verificationState = nullptr;
    QPushButton* m_verify = nullptr;
    QLabel* m_notifyStatus = nullptr;
};

} // namespace moim::ui
