#include "ui/SettingsDialog.h"

#include "ui/ServiceCall.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <protocol/AccountRules.h>
#include <protocol/Limits.h>

namespace moim::ui {

using chat::ChatService;

namespace {

constexpr int kDeviceIdRole = Qt::UserRole + 1;

QString when(qint64 ms)
{
    return ms > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat)
                  : QString();
}

} // namespace

SettingsDialog::SettingsDialog(ChatService& service, AppSettings& settings,
                               const chat::SessionProfile& profile,
                               const QHash<quint64, QString>& people, quint64 currentRoom,
                               const QString& currentRoomTitle, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_settings(settings)
    , m_myDeviceId(profile.deviceId)
{
    setWindowTitle(tr("Settings"));
    // Listening before the pages ask anything: the service thread may answer before this
    // constructor returns, and an answer emitted with nobody connected is lost.
    connect(&m_service, &ChatService::devicesListed, this, &SettingsDialog::showDevices);
    connect(&m_service, &ChatService::verificationChecked, this, &SettingsDialog::showVerification);
    connect(&m_service, &ChatService::operationFinished, this,
            [this](const QString& operation, bool ok, const QString& detail) {
                if (operation == QLatin1String("set_display_name")) {
                    m_nameStatus->setText(ok ? tr("Name saved.") : detail);
                } else if (operation == QLatin1String("change_password")) {
                    m_passwordStatus->setText(ok ? tr("Password changed.") : detail);
                    if (ok) {
                        m_oldPassword->clear();
                        m_newPassword->clear();
                        m_repeatPassword->clear();
                    }
                } else if (operation == QLatin1String("notify_level") ||
                           operation == QLatin1String("do_not_disturb")) {
                    m_notifyStatus->setText(ok ? tr("Saved.") : detail);
                }
            });
    auto* tabs = new QTabWidget;
    tabs->addTab(accountPage(profile), tr("Account"));
    tabs->addTab(devicesPage(), tr("Devices"));
    tabs->addTab(securityPage(people), tr("Security"));
    tabs->addTab(notificationsPage(currentRoom, currentRoomTitle), tr("Notifications"));
    tabs->addTab(appearancePage(), tr("Appearance"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    resize(560, 440);

    callService(m_service, [](ChatService& s) { s.listDevices(); });
}

QWidget* SettingsDialog::accountPage(const chat::SessionProfile& profile)
{
    auto* page = new QWidget;
    auto* form = new QFormLayout;
    form->addRow(tr("Username:"), new QLabel(profile.username));
    m_displayName = new QLineEdit(profile.displayName);
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_displayName->setAccessibleName(tr("Display name"));
    m_displayName->setMaxLength(protocol::kMaxDisplayNameLength * 2);
    auto* saveName = new QPushButton(tr("Save &name"));
    saveName->setObjectName(QStringLiteral("saveDisplayName"));
    m_nameStatus = new QLabel;
    m_nameStatus->setWordWrap(true);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(m_displayName, 1);
    nameRow->addWidget(saveName);
    form->addRow(tr("Display name:"), nameRow);
    form->addRow(QString(), m_nameStatus);
    const auto saveDisplayName = [this] {
        const QString name = m_displayName->text().trimmed();
        // The server's rules, checked here first so that the answer is immediate.
        if (const auto problem = protocol::displayNameProblem(name)) {
            m_nameStatus->setText(tr("This name cannot be used: %1").arg(*problem));
            return;
        }
        m_nameStatus->setText(tr("Saving…"));
        callService(m_service, [name](ChatService& s) { s.setDisplayName(name); });
    };
    connect(saveName, &QPushButton::clicked, this, saveDisplayName);
    connect(m_displayName, &QLineEdit::returnPressed, this, saveDisplayName);
    form->addRow(tr("Server:"), new QLabel(profile.server.toString()));

    auto* passwordBox = new QGroupBox(tr("Change the password"));
    m_oldPassword = new QLineEdit;
    m_newPassword = new QLineEdit;
    m_repeatPassword = new QLineEdit;
    for (QLineEdit* edit : {m_oldPassword, m_newPassword, m_repeatPassword})
        edit->setEchoMode(QLineEdit::Password);
    m_oldPassword->setAccessibleName(tr("Current password"));
    m_newPassword->setAccessibleName(tr("New password"));
    m_repeatPassword->setAccessibleName(tr("New password again"));
    m_revokeOthers = new QCheckBox(tr("Sign out every other device"));
    m_passwordStatus = new QLabel;
    m_passwordStatus->setWordWrap(true);
    auto* change = new QPushButton(tr("Change password"));
    auto* passwordForm = new QFormLayout(passwordBox);
    passwordForm->addRow(tr("Current:"), m_oldPassword);
    passwordForm->addRow(tr("New:"), m_newPassword);
    passwordForm->addRow(tr("Again:"), m_repeatPassword);
    passwordForm->addRow(m_revokeOthers);
    passwordForm->addRow(change, m_passwordStatus);
    connect(change, &QPushButton::clicked, this, [this] {
        if (m_newPassword->text() != m_repeatPassword->text()) {
            m_passwordStatus->setText(tr("The new passwords do not match."));
            return;
        }
        const QString oldPassword = m_oldPassword->text();
        const QString newPassword = m_newPassword->text();
        const bool revoke = m_revokeOthers->isChecked();
        m_passwordStatus->setText(tr("Changing…"));
        callService(m_service, [oldPassword, newPassword, revoke](ChatService& s) {
            s.changePassword(oldPassword, newPassword, revoke);
        });
    });

    auto* signOut = new QPushButton(tr("Sign out of this device…"));
    connect(signOut, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT signOutWanted();
    });
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(passwordBox);
    layout->addWidget(signOut, 0, Qt::AlignLeft);
    layout->addStretch();
    return page;
}

QWidget* SettingsDialog::devicesPage()
{
    auto* page = new QWidget;
    m_devices = new QTreeWidget;
    m_devices->setAccessibleName(tr("Devices"));
    m_devices->setHeaderLabels({tr("Device"), tr("Added"), tr("Last seen")});
    m_devices->setRootIsDecorated(false);
    m_devices->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* rename = new QPushButton(tr("&Rename…"));
    auto* revoke = new QPushButton(tr("Re&voke"));
    auto* link = new QPushButton(tr("&Link a new device…"));
    connect(rename, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem* item = m_devices->currentItem();
        if (!item)
            return;
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Rename device"), tr("Name:"), QLineEdit::Normal,
                                  item->text(0).remove(tr(" (this device)")), &ok);
        if (!ok || name.trimmed().isEmpty())
            return;
        const quint64 id = item->data(0, kDeviceIdRole).toULongLong();
        callService(m_service,
                    [id, name = name.trimmed()](ChatService& s) { s.renameDevice(id, name); });
    });
    connect(revoke, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem* item = m_devices->currentItem();
        if (!item)
            return;
        const quint64 id = item->data(0, kDeviceIdRole).toULongLong();
        const QString question =
            id == m_myDeviceId
                ? tr("Revoke this device? You will be signed out and its keys removed.")
                : tr("Revoke \"%1\"? It is signed out at once and cannot read new messages.")
                      .arg(item->text(0));
        if (QMessageBox::question(this, tr("Revoke device"), question) != QMessageBox::Yes)
            return;
        if (id == m_myDeviceId)
            accept();
        callService(m_service, [id](ChatService& s) { s.revokeDevice(id); });
    });
    connect(link, &QPushButton::clicked, this, &SettingsDialog::linkDeviceWanted);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(rename);
    buttons->addWidget(revoke);
    buttons->addStretch();
    buttons->addWidget(link);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_devices);
    layout->addLayout(buttons);
    return page;
}

void SettingsDialog::showDevices(const QList<protocol::DeviceInfo>& devices)
{
    m_devices->clear();
    for (const protocol::DeviceInfo& device : devices) {
        auto* item =
            new QTreeWidgetItem({device.current ? device.name + tr(" (this device)") : device.name,
                                 when(device.createdMs), when(device.lastSeenMs)});
        item->setData(0, kDeviceIdRole, device.id);
        m_devices->addTopLevelItem(item);
    }
}

QWidget* SettingsDialog::securityPage(const QHash<quint64, QString>& people)
{
    auto* page = new QWidget;
    auto* intro = new QLabel(tr("Compare the safety number with the person, in person or on a "
                                "call. When both of you see the same number, nobody is "
                                "reading along: mark them verified."));
    intro->setWordWrap(true);
    m_person = new QComboBox;
    m_person->setAccessibleName(tr("Person"));
    QList<QPair<QString, quint64>> sorted;
    for (auto it = people.cbegin(); it != people.cend(); ++it)
        sorted.append({it.value(), it.key()});
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [name, id] : sorted)
        m_person->addItem(name, id);
    m_safetyNumber = new QLabel;
    m_safetyNumber->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono(QStringLiteral("monospace"));
    mono.setPointSizeF(m_safetyNumber->font().pointSizeF() * 1.2);
    m_safetyNumber->setFont(mono);
    m_safetyNumber->setWordWrap(true);
    m_safetyNumber->setAccessibleName(tr("Safety number"));
    m_verificationState = new QLabel;
    m_verificationState->setWordWrap(true);
    m_verify = new QPushButton(tr("&Mark verified"));
    m_verify->setEnabled(false);
    connect(m_person, &QComboBox::currentIndexChanged, this, [this] {
        const quint64 id = m_person->currentData().toULongLong();
        m_safetyNumber->setText(tr("Checking…"));
        m_verificationState->clear();
        m_verify->setEnabled(false);
        if (id)
            callService(m_service, [id](ChatService& s) { s.checkVerification(id); });
    });
    connect(m_verify, &QPushButton::clicked, this, [this] {
        const quint64 id = m_person->currentData().toULongLong();
        if (id)
            callService(m_service, [id](ChatService& s) { s.markVerified(id, true); });
    });
    auto* recovery = new QPushButton(tr("Set the &recovery passphrase…"));
    connect(recovery, &QPushButton::clicked, this, &SettingsDialog::recoveryWanted);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(m_person);
    layout->addWidget(m_safetyNumber);
    layout->addWidget(m_verificationState);
    layout->addWidget(m_verify, 0, Qt::AlignLeft);
    layout->addStretch();
    layout->addWidget(recovery, 0, Qt::AlignLeft);
    if (m_person->count() > 0)
        Q_EMIT m_person->currentIndexChanged(0);
    return page;
}

void SettingsDialog::showVerification(quint64 userId, const QString& number, bool verified,
                                      bool changed)
{
    if (userId != m_person->currentData().toULongLong())
        return;
    m_safetyNumber->setText(number);
    if (changed) {
        m_verificationState->setText(
            tr("WARNING: %1's keys changed since you first talked. Compare the safety number "
               "again before trusting them.")
                .arg(m_person->currentText()));
        m_verificationState->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    } else {
        m_verificationState->setText(verified ? tr("Verified.") : tr("Not verified yet."));
        m_verificationState->setStyleSheet({});
    }
    m_verify->setEnabled(!verified || changed);
}

QWidget* SettingsDialog::notificationsPage(quint64 currentRoom, const QString& currentRoomTitle)
{
    auto* page = new QWidget;
    auto* roomBox = new QGroupBox(tr("Notify me in %1 about").arg(currentRoomTitle));
    auto* levels = new QButtonGroup(page);
    auto* roomLayout = new QVBoxLayout(roomBox);
    const std::pair<QString, protocol::NotifyLevel> choices[] = {
        {tr("Every message"), protocol::NotifyLevel::All},
        {tr("Mentions and direct messages only"), protocol::NotifyLevel::Mentions},
        {tr("Nothing"), protocol::NotifyLevel::None}};
    for (const auto& [label, level] : choices) {
        auto* button = new QRadioButton(label);
        levels->addButton(button, int(level));
        roomLayout->addWidget(button);
    }
    roomBox->setEnabled(currentRoom != 0);
    connect(levels, &QButtonGroup::idClicked, this, [this, currentRoom](int id) {
        const auto level = protocol::NotifyLevel(id);
        callService(m_service,
                    [currentRoom, level](ChatService& s) { s.setNotifyLevel(currentRoom, level); });
    });

    auto* dndBox = new QGroupBox(tr("Do not disturb"));
    auto* dnd = new QComboBox;
    dnd->setAccessibleName(tr("Do not disturb"));
    dnd->addItem(tr("Off"), 0);
    dnd->addItem(tr("For 1 hour"), 60);
    dnd->addItem(tr("For 8 hours"), 8 * 60);
    dnd->addItem(tr("For 24 hours"), 24 * 60);
    auto* apply = new QPushButton(tr("Apply"));
    connect(apply, &QPushButton::clicked, this, [this, dnd] {
        const int minutes = dnd->currentData().toInt();
        const qint64 until =
            minutes == 0 ? 0 : QDateTime::currentMSecsSinceEpoch() + qint64(minutes) * 60'000;
        callService(m_service, [until](ChatService& s) { s.setDoNotDisturb(until); });
    });
    auto* dndLayout = new QHBoxLayout(dndBox);
    dndLayout->addWidget(dnd, 1);
    dndLayout->addWidget(apply);
    m_notifyStatus = new QLabel;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(roomBox);
    layout->addWidget(dndBox);
    layout->addWidget(m_notifyStatus);
    layout->addStretch();
    return page;
}

QWidget* SettingsDialog::appearancePage()
{
    auto* page = new QWidget;
    auto* theme = new QComboBox;
    theme->setAccessibleName(tr("Theme"));
    theme->addItem(tr("Follow the system"), int(AppSettings::Theme::System));
    theme->addItem(tr("Light"), int(AppSettings::Theme::Light));
    theme->addItem(tr("Dark"), int(AppSettings::Theme::Dark));
    theme->setCurrentIndex(theme->findData(int(m_settings.theme())));
    connect(theme, &QComboBox::currentIndexChanged, this, [this, theme] {
        const auto chosen = AppSettings::Theme(theme->currentData().toInt());
        m_settings.setTheme(chosen);
        Q_EMIT themeChosen(chosen);
    });
    auto* size = new QSpinBox;
    size->setAccessibleName(tr("Text size"));
    size->setRange(6, 40);
    size->setValue(m_settings.fontPointSize() > 0 ? m_settings.fontPointSize()
                                                  : font().pointSize());
    connect(size, &QSpinBox::valueChanged, this, [this](int points) {
        m_settings.setFontPointSize(points);
        Q_EMIT fontSizeChosen(points);
    });
    auto* language = new QComboBox;
    language->setAccessibleName(tr("Language"));
    language->addItem(tr("Follow the system"), QString());
    language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    language->setCurrentIndex(language->findData(m_settings.language()));
    auto* languageNote = new QLabel;
    connect(language, &QComboBox::currentIndexChanged, this, [this, language, languageNote] {
        m_settings.setLanguage(language->currentData().toString());
        languageNote->setText(tr("The new language applies when Moim starts again."));
    });
    auto* form = new QFormLayout(page);
    form->addRow(tr("Theme:"), theme);
    form->addRow(tr("Text size:"), size);
    form->addRow(tr("Language:"), language);
    form->addRow(languageNote);
    return page;
}

} // namespace moim::ui
