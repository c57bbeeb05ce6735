#include "ui/ProfileCard.h"

#include "ui/PresenceDot.h"
#include "ui/ServiceCall.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace moim::ui {

using chat::ChatService;

namespace {

QString presenceText(protocol::PresenceStatus status)
{
    switch (status) {
    case protocol::PresenceStatus::Online:
        return ProfileCard::tr("Online");
    case protocol::PresenceStatus::Away:
        return ProfileCard::tr("Away");
    case protocol::PresenceStatus::Offline:
        break;
    }
    return ProfileCard::tr("Offline");
}

} // namespace

ProfileCard::ProfileCard(ChatService& service, const Person& person, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_person(person)
    , m_message(new QPushButton(tr("Send a &message")))
    , m_favourite(new QCheckBox(tr("&Favourite: list our conversation at the top")))
    , m_hidden(new QCheckBox(tr("&Hide our conversation from the sidebar")))
    , m_blocked(new QCheckBox(tr("&Block")))
    , m_verification(new QLabel)
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("profileCard"));
    setWindowTitle(person.name);
    auto* name = new QLabel(person.name);
    name->setObjectName(QStringLiteral("profileName"));
    name->setTextFormat(Qt::PlainText);
    QFont big = name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.4);
    name->setFont(big);
    auto* handle =
        new QLabel(person.username.isEmpty() ? QString() : QStringLiteral("@") + person.username);
    handle->setTextFormat(Qt::PlainText);
    handle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* dot = new QLabel;
    dot->setPixmap(presenceDot(person.presence).pixmap(16, 16));
    auto* presence = new QLabel(person.me ? tr("This is you") : presenceText(person.presence));
    auto* presenceRow = new QHBoxLayout;
    presenceRow->addWidget(dot);
    presenceRow->addWidget(presence, 1);

    m_verification->setWordWrap(true);
    m_verification->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_favourite->setChecked(person.favourite);
    m_hidden->setChecked(person.hidden);
    m_blocked->setChecked(person.blocked);
    m_blocked->setToolTip(tr("Neither of you can write to the other in direct messages, they no "
                             "longer see when you are online, and you get no notifications "
                             "for their messages. They are not told."));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(name);
    layout->addWidget(handle);
    layout->addLayout(presenceRow);
    layout->addWidget(m_verification);
    layout->addWidget(m_message, 0, Qt::AlignLeft);
    layout->addSpacing(8);
    layout->addWidget(m_favourite);
    layout->addWidget(m_hidden);
    layout->addWidget(m_blocked);
    layout->addWidget(m_status);
    // My own card shows who I am and nothing to do toward myself.
    for (QWidget* towardOthers : std::initializer_list<QWidget*>{
             m_verification, m_message, m_favourite, m_hidden, m_blocked, m_status})
        towardOthers->setVisible(!person.me);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_message, &QPushButton::clicked, this, [this] {
        Q_EMIT messageWanted(m_person.userId);
        accept();
    });
    connect(m_favourite, &QCheckBox::clicked, this, [this](bool on) {
        protocol::SetRelation relation;
        relation.favourite = on;
        change(relation);
    });
    connect(m_hidden, &QCheckBox::clicked, this, [this](bool on) {
        protocol::SetRelation relation;
        relation.hidden = on;
        change(relation);
    });
    connect(m_blocked, &QCheckBox::clicked, this, [this](bool on) {
        if (on && QMessageBox::question(this, tr("Block %1").arg(m_person.name),
                                        m_blocked->toolTip()) != QMessageBox::Yes) {
            m_blocked->setChecked(false);
            return;
        }
        protocol::SetRelation relation;
        relation.blocked = on;
        change(relation);
    });
    connect(&m_service, &ChatService::operationFinished, this,
            [this](const QString& operation, bool ok, const QString& detail) {
                if (operation == QLatin1String("set_relation"))
                    m_status->setText(ok ? tr("Saved.") : detail);
            });
    connect(&m_service, &ChatService::verificationChecked, this,
            [this](quint64 userId, const QString&, bool verified, bool changed) {
                if (userId != m_person.userId)
                    return;
                if (changed) {
                    m_verification->setText(
                        tr("WARNING: their keys changed since you first talked. Compare the "
                           "safety number again (Settings, Security) before trusting them."));
                    m_verification->setStyleSheet(
                        QStringLiteral("color: #c0392b; font-weight: bold"));
                } else {
                    m_verification->setText(verified ? tr("Verified.")
                                                     : tr("Not verified yet (Settings, "
                                                          "Security)."));
                }
            });
    if (!person.me) {
        m_verification->setText(tr("Checking their keys…"));
        const quint64 id = person.userId;
        callService(m_service, [id](ChatService& s) { s.checkVerification(id); });
    }
}

void ProfileCard::change(protocol::SetRelation change)
{
    change.userId = m_person.userId;
    m_status->setText(tr("Saving…"));
    callService(m_service, [change](ChatService& s) { s.setRelation(change); });
}

} // namespace moim::ui
