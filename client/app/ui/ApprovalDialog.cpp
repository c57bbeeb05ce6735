#include "ui/ApprovalDialog.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace moim::ui {

ApprovalDialog::ApprovalDialog(QWidget* parent)
    : QDialog(parent)
    , m_code(new QLabel)
    , m_passphrase(new QLineEdit)
    , m_restore(new QPushButton(tr("&Restore")))
    , m_status(new QLabel)
{
    setWindowTitle(tr("Approve this device"));
    auto* intro = new QLabel(tr("Messages are end-to-end encrypted. This new device can read "
                                "and send once a device you already use approves it, or with "
                                "your recovery passphrase."));
    intro->setWordWrap(true);

    auto* linkBox = new QGroupBox(tr("From another device"));
    auto* showCode = new QPushButton(tr("&Show a link code"));
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setFamily(QStringLiteral("monospace"));
    m_code->setFont(big);
    m_code->setAccessibleName(tr("Link code"));
    auto* linkLayout = new QVBoxLayout(linkBox);
    linkLayout->addWidget(new QLabel(tr("Enter the code in Settings → Devices → Link a device "
                                        "on a device already in use.")));
    linkLayout->addWidget(showCode);
    linkLayout->addWidget(m_code);

    auto* recoveryBox = new QGroupBox(tr("With the recovery passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Recovery passphrase"));
    auto* recoveryLayout = new QVBoxLayout(recoveryBox);
    recoveryLayout->addWidget(m_passphrase);
    recoveryLayout->addWidget(m_restore);

    m_status->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Later"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(linkBox);
    layout->addWidget(recoveryBox);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(showCode, &QPushButton::clicked, this, [this] {
        m_status->setText(tr("Asking the server for a code…"));
        Q_EMIT linkCodeWanted();
    });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (m_passphrase->text().isEmpty())
            return;
        m_status->setText(tr("Checking the passphrase (this takes a few seconds)…"));
        m_restore->setEnabled(false);
        Q_EMIT recoveryPassphraseEntered(m_passphrase->text());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ApprovalDialog::showCode(const QString& code, const QString& qrPayload)
{
    m_code->setText(code);
    m_code->setToolTip(qrPayload);
    m_status->setText(tr("Waiting for another device to enter the code (10 minutes)…"));
}

void ApprovalDialog::showResult(bool ok, const QString& detail)
{
    m_restore->setEnabled(true);
    if (ok) {
        accept();
        return;
    }
    m_status->setText(detail);
}

} // namespace moim::ui
