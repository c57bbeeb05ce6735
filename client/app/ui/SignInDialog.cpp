#include "ui/SignInDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace moim::ui {

SignInDialog::SignInDialog(const QUrl& server, QWidget* parent)
    : QDialog(parent)
    , m_server(new QLineEdit(server.isValid() ? server.toString()
                                              : QStringLiteral("ws://127.0.0.1:7420")))
    , m_username(new QLineEdit)
    , m_password(new QLineEdit)
    , m_displayName(new QLineEdit)
    , m_displayNameLabel(new QLabel(tr("&Display name:")))
    , m_create(new QCheckBox(tr("&Create a new account")))
    , m_problem(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Sign in to Moim"));
    m_server->setAccessibleName(tr("Server address"));
    m_username->setAccessibleName(tr("Username"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_displayName->setAccessibleName(tr("Display name"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_problem->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    m_displayNameLabel->setBuddy(m_displayName);
    form->addRow(m_displayNameLabel, m_displayName);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_create);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_create, &QCheckBox::toggled, this, &SignInDialog::updateMode);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateMode();
    m_username->setFocus();
}

void SignInDialog::updateMode()
{
    const bool create = m_create->isChecked();
    m_displayName->setVisible(create);
    m_displayNameLabel->setVisible(create);
    m_buttons->button(QDialogButtonBox::Ok)->setText(create ? tr("Create account") : tr("Log in"));
}

void SignInDialog::showProblem(const QString& problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    setBusy(false);
}

void SignInDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    for (QWidget* field : {static_cast<QWidget*>(m_server), static_cast<QWidget*>(m_username),
                           static_cast<QWidget*>(m_password), static_cast<QWidget*>(m_create)})
        field->setEnabled(!busy);
    if (busy) {
        m_problem->setText(tr("Connecting…"));
        m_problem->setStyleSheet({});
        m_problem->show();
    } else {
        m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
    }
}

void SignInDialog::submit()
{
    QString address = m_server->text().trimmed();
    if (!address.contains(QLatin1String("://")))
        address.prepend(QStringLiteral("ws://"));
    const QUrl server(address, QUrl::StrictMode);
    if (!server.isValid() || server.host().isEmpty() ||
        (server.scheme() != QLatin1String("ws") && server.scheme() != QLatin1String("wss"))) {
        showProblem(tr("The server address must look like ws://host:7420 or wss://host."));
        return;
    }
    if (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showProblem(tr("Enter your username and password."));
        return;
    }
    setBusy(true);
    Q_EMIT signInRequested(server, m_username->text().trimmed(), m_password->text(),
                           m_create->isChecked(), m_displayName->text().trimmed());
}

} // namespace moim::ui
