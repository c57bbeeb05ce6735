#include "ui/MainWindow.h"

#include "ui/ApprovalDialog.h"
#include "ui/Composer.h"
#include "ui/DesktopNotifier.h"
#include "ui/MembersPanel.h"
#include "ui/MessageDelegate.h"
#include "ui/PinsPanel.h"
#include "ui/ProfileCard.h"
#include "ui/QuickSwitcher.h"
#include "ui/RoomDelegate.h"
#include "ui/ServiceCall.h"
#include "ui/SettingsDialog.h"
#include "ui/SignInDialog.h"
#include "ui/ThreadPanel.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>
#include <chat/QuickReaction.h>
#include <crypto/Sodium.h>
#include <utility>

namespace moim::ui {

using chat::ChatMessage;
using chat::ChatService;
using chat::TimelineModel;

namespace {

constexpr qint64 kTypingShownMs = 5000;
constexpr int kNearTopPixels = 40;

QStringList commonEmoji()
{
    return {
        QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"), QStringLiteral("🎉"),
        QStringLiteral("😮"), QStringLiteral("😢"),      QStringLiteral("🙏"), QStringLiteral("👀"),
        QStringLiteral("✅"), QStringLiteral("🔥"),      QStringLiteral("👏"), QStringLiteral("🙌"),
        QStringLiteral("😄"), QStringLiteral("🤔"),   QStringLiteral("👋"), QStringLiteral("💯"),
        QStringLiteral("🚀"), QStringLiteral("☕"),      QStringLiteral("🍻"), QStringLiteral("👎")};
}

} // namespace

template <typename F> void MainWindow::callService(F&& call)
{
    ui::callService(m_service, std::forward<F>(call));
}

MainWindow::MainWindow(ChatService& service, AppSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("MainWindow"));
    buildUi();
    buildMenus();
    connectService();
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(1100, 720);
    restoreState(m_settings.windowState());
    applyTheme(m_settings.theme());
    updateTitle();
    m_typingTimer.setInterval(1000);
    connect(&m_typingTimer, &QTimer::timeout, this, &MainWindow::updateTyping);
    m_relayout.setSingleShot(true);
    connect(&m_relayout, &QTimer::timeout, this, [this] {
        // Rows change height when reactions, edits or thumbnails arrive.
        const bool follow = atBottom();
        m_timelineView->doItemsLayout();
        if (follow)
            m_timelineView->scrollToBottom();
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    auto* toolbar = addToolBar(tr("Teams"));
    toolbar->setObjectName(QStringLiteral("teams"));
    toolbar->setMovable(false);
    m_teamSwitcher = new QComboBox;
    m_teamSwitcher->setAccessibleName(tr("Team"));
    m_teamSwitcher->setMinimumWidth(180);
    toolbar->addWidget(new QLabel(tr("Team:") + QLatin1Char(' ')));
    toolbar->addWidget(m_teamSwitcher);
    connect(m_teamSwitcher, &QComboBox::currentIndexChanged, this, &MainWindow::selectTeam);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search messages (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search messages"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(320);
    toolbar->addWidget(m_search);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        const QString query = m_search->text().trimmed();
        if (!query.isEmpty())
            callService([query](ChatService& s) { s.search(query); });
    });
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });

    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("connectionBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setAutoFillBackground(true);
    m_banner->setStyleSheet(QStringLiteral("background: #b58900; color: white; padding: 4px"));
    m_banner->hide();

    m_roomList = new QListView;
    m_roomList->setObjectName(QStringLiteral("roomList"));
    m_roomList->setAccessibleName(tr("Rooms"));
    m_roomList->setModel(&m_rooms);
    m_roomList->setItemDelegate(new RoomDelegate(m_roomList));
    m_roomList->setMouseTracking(true);
    m_roomList->setMinimumWidth(200);
    connect(m_roomList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    openRoom(current.data(chat::RoomListModel::RoomIdRole).toULongLong());
            });

    m_roomHeader = new QLabel;
    m_roomHeader->setObjectName(QStringLiteral("roomHeader"));
    m_roomHeader->setTextFormat(Qt::PlainText);
    m_roomHeader->setContentsMargins(10, 6, 10, 6);
    QFont headerFont = m_roomHeader->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    m_roomHeader->setFont(headerFont);

    m_timelineView = new QListView;
    m_timelineView->setObjectName(QStringLiteral("timeline"));
    m_timelineView->setAccessibleName(tr("Messages"));
    m_timelineView->setModel(&m_timeline);
    m_delegate = new MessageDelegate(m_timelineView);
    m_timelineView->setItemDelegate(m_delegate);
    m_timelineView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timelineView->setResizeMode(QListView::Adjust);
    m_timelineView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timelineView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_timelineView->setWordWrap(true);
    connect(m_timelineView, &QListView::customContextMenuRequested, this,
            &MainWindow::showTimelineMenu);
    connect(m_timelineView->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        if (m_adjustingScroll)
            return;
        maybeLoadOlder();
        maybeLoadNewer();
        markReadIfVisible();
    });
    connect(&m_timeline, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_relayout.isActive())
            m_relayout.start(0);
    });
    connect(&m_timeline, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &MainWindow::holdScrollPosition);
    connect(&m_timeline, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &MainWindow::holdScrollPosition);
    connect(m_delegate, &MessageDelegate::reactionClicked, this, &MainWindow::toggleReaction);
    connect(m_delegate, &MessageDelegate::fileClicked, this, &MainWindow::saveFile);
    connect(m_delegate, &MessageDelegate::linkClicked, this, [](const QUrl& url) {
        const QString scheme = url.scheme();
        if (scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
            scheme == QLatin1String("mailto"))
            QDesktopServices::openUrl(url);
    });

    m_typing = new QLabel;
    m_typing->setObjectName(QStringLiteral("typing"));
    m_typing->setContentsMargins(10, 0, 10, 0);
    m_editingHint = new QLabel(tr("Editing a message — Escape cancels"));
    m_editingHint->setContentsMargins(10, 0, 10, 0);
    m_editingHint->hide();

    m_composer = new Composer;
    m_composer->setObjectName(QStringLiteral("composer"));
    auto* attach = new QToolButton;
    // SVG icons from resources/ (sharp at any scale); the text shows where they are missing.
    attach->setIcon(QIcon(QStringLiteral(":/moim/icons/attach.svg")));
    attach->setText(QStringLiteral("📎"));
    attach->setAccessibleName(tr("Attach files"));
    auto* emoji = new QToolButton;
    emoji->setIcon(QIcon(QStringLiteral(":/moim/icons/emoji.svg")));
    emoji->setText(QStringLiteral("😀"));
    emoji->setToolTip(tr("Insert an emoji"));
    emoji->setAccessibleName(tr("Insert an emoji"));
    auto* send = new QToolButton;
    send->setText(tr("Send"));
    send->setIcon(QIcon(QStringLiteral(":/moim/icons/send.svg")));
    send->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    send->setAccessibleName(tr("Send"));
    connect(attach, &QToolButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach files"));
        if (!paths.isEmpty())
            sendFiles(paths);
    });
    attach->setToolTip(tr("Attach files (Ctrl+U)"));
    auto* attachShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_U), this);
    connect(attachShortcut, &QShortcut::activated, attach, &QToolButton::click);
    connect(emoji, &QToolButton::clicked, this, [this, emoji] {
        showEmojiMenu(emoji->mapToGlobal(QPoint(0, 0)),
                      [this](const QString& chosen) { m_composer->insertPlainText(chosen); });
    });
    connect(send, &QToolButton::clicked, this, [this] {
        QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QApplication::sendEvent(m_composer, &enter);
    });
    connect(m_composer, &Composer::sendRequested, this, &MainWindow::sendText);
    connect(m_composer, &Composer::editRequested, this, [this](quint64 seq, const QString& text) {
        const quint64 room = m_currentRoom;
        callService([room, seq, text](ChatService& s) { s.editMessage(room, seq, text); });
    });
    connect(m_composer, &Composer::editLastRequested, this, &MainWindow::editLast);
    connect(m_composer, &Composer::editingChanged, m_editingHint, &QLabel::setVisible);
    connect(m_composer, &Composer::filesAttached, this, &MainWindow::sendFiles);
    connect(m_composer, &Composer::imagePasted, this, &MainWindow::sendPastedImage);
    connect(m_composer, &Composer::typingStarted, this, [this] {
        const quint64 room = m_currentRoom;
        if (room)
            callService([room](ChatService& s) { s.sendTyping(room); });
    });
    connect(m_composer, &Composer::mentionPrefixChanged, this, [this](const QString& prefix) {
        const quint64 room = m_currentRoom;
        if (room)
            callService([room, prefix](ChatService& s) { s.findMentionCandidates(room, prefix); });
    });

    auto* composerRow = new QHBoxLayout;
    composerRow->setContentsMargins(8, 4, 8, 8);
    composerRow->addWidget(attach, 0, Qt::AlignBottom);
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(emoji, 0, Qt::AlignBottom);
    composerRow->addWidget(send, 0, Qt::AlignBottom);

    auto* center = new QWidget;
    auto* centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->setSpacing(0);
    auto* headerRow = new QHBoxLayout;
    headerRow->setContentsMargins(0, 0, 8, 0);
    headerRow->addWidget(m_roomHeader, 1);
    // A button at the right of the room's name that opens a side panel, and its shortcut
    // (named in the tooltip).
    const auto addPanelButton =
        [this, headerRow](const QString& name, const QString& icon, const QString& text,
                          const QString& tooltip, const QString& accessibleName,
                          const QKeySequence& keys, void (MainWindow::*openPanel)()) {
            auto* button = new QToolButton;
            button->setObjectName(name);
            button->setIcon(QIcon(icon));
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            button->setText(text);
            button->setToolTip(tooltip);
            button->setAccessibleName(accessibleName);
            button->setAutoRaise(true);
            connect(button, &QToolButton::clicked, this, openPanel);
            connect(new QShortcut(keys, this), &QShortcut::activated, this, openPanel);
            headerRow->addWidget(button);
        };
    addPanelButton(QStringLiteral("pinsButton"), QStringLiteral(":/moim/icons/pin.svg"),
                   tr("Pinned"), tr("Pinned messages of this room (Ctrl+Shift+P)"),
                   tr("Pinned messages of this room"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &MainWindow::showPins);
    addPanelButton(QStringLiteral("membersButton"), QStringLiteral(":/moim/icons/members.svg"),
                   tr("Members"), tr("Members of this room (Ctrl+Shift+M)"),
                   tr("Members of this room"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
                   &MainWindow::showMembers);
    centerLayout->addWidget(m_banner);
    centerLayout->addLayout(headerRow);
    centerLayout->addWidget(m_timelineView, 1);
    centerLayout->addWidget(m_typing);
    centerLayout->addWidget(m_editingHint);
    centerLayout->addLayout(composerRow);

    m_thread = new ThreadPanel;
    m_thread->hide();
    connect(&m_thread->composer(), &Composer::sendRequested, this, &MainWindow::sendReply);
    connect(&m_thread->delegate(), &MessageDelegate::reactionClicked, this,
            &MainWindow::toggleReaction);
    connect(&m_thread->delegate(), &MessageDelegate::fileClicked, this, &MainWindow::saveFile);
    connect(m_delegate, &MessageDelegate::threadClicked, this, [this](const QModelIndex& index) {
        openThread(index.data(TimelineModel::SeqRole).toULongLong());
    });

    m_members = new MembersPanel;
    m_members->hide();
    connect(m_members, &MembersPanel::personActivated, this, &MainWindow::showProfile);
    m_pins = new PinsPanel;
    m_pins->hide();
    connect(m_pins, &PinsPanel::messageChosen, this, &MainWindow::jumpTo);
    connect(&m_pins->delegate(), &MessageDelegate::fileClicked, this, &MainWindow::saveFile);

    auto* splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_roomList);
    splitter->addWidget(center);
    splitter->addWidget(m_thread);
    splitter->addWidget(m_members);
    splitter->addWidget(m_pins);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 860, 360, 300, 340});
    setCentralWidget(splitter);

    // The message menu from the keyboard, for the message that has the focus.
    for (const QKeySequence& keys :
         {QKeySequence(Qt::Key_Menu), QKeySequence(Qt::SHIFT | Qt::Key_F10)}) {
        auto* menuKey =
            new QShortcut(keys, m_timelineView, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(menuKey, &QShortcut::activated, this, &MainWindow::showMessageMenuOfCurrent);
    }
    // F6 and Shift+F6 move between the sidebar, the messages, the composer and an open panel.
    connect(new QShortcut(QKeySequence(Qt::Key_F6), this), &QShortcut::activated, this,
            [this] { cycleFocus(1); });
    connect(new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6), this), &QShortcut::activated, this,
            [this] { cycleFocus(-1); });
    // A closed panel hands the focus back to the composer rather than to whatever is next.
    const auto focusComposer = [this] { m_composer->setFocus(); };
    connect(m_thread, &ThreadPanel::closed, this, focusComposer);
    connect(m_members, &MembersPanel::closed, this, focusComposer);
    connect(m_pins, &PinsPanel::closed, this, focusComposer);

    auto* quick = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this);
    connect(quick, &QShortcut::activated, this, &MainWindow::openQuickSwitcher);
    setAcceptDrops(true);

    m_notifier = new DesktopNotifier(QApplication::windowIcon(), this);
    connect(m_notifier, &DesktopNotifier::windowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_notifier, &DesktopNotifier::roomRequested, this, &MainWindow::showRoomAnywhere);
    connect(&m_rooms, &chat::RoomListModel::countsChanged, this, &MainWindow::updateTray);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&Moim"));
    file->addAction(tr("&Jump to…"), QKeySequence(Qt::CTRL | Qt::Key_K), this,
                    &MainWindow::openQuickSwitcher);
    file->addAction(tr("New &direct message…"), this, [this] {
        QStringList people;
        QHash<QString, quint64> ids;
        for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
            if (it.key() != m_profile.userId) {
                people.append(it.value());
                ids.insert(it.value(), it.key());
            }
        }
        people.sort(Qt::CaseInsensitive);
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("New direct message"), tr("Person:"),
                                                     people, 0, false, &ok);
        if (ok && ids.contains(chosen)) {
            const quint64 userId = ids.value(chosen);
            callService([userId](ChatService& s) { s.openDirect({userId}); });
        }
    });
    file->addSeparator();
    file->addAction(tr("&Create a team…"), this, [this] {
        bool ok = false;
        const QString handle =
            QInputDialog::getText(this, tr("Create a team"),
                                  tr("Short name (letters, digits, dots, dashes; used in links):"),
                                  QLineEdit::Normal, {}, &ok);
        if (!ok || handle.trimmed().isEmpty())
            return;
        const QString name = QInputDialog::getText(this, tr("Create a team"), tr("Shown name:"),
                                                   QLineEdit::Normal, handle.trimmed(), &ok);
        if (ok)
            callService(
                [handle = handle.trimmed(), name](ChatService& s) { s.createTeam(handle, name); });
    });
    file->addAction(tr("&Join a team…"), this, [this] {
        bool ok = false;
        const QString code =
            QInputDialog::getText(this, tr("Join a team"), tr("Invite code or moim:// link:"),
                                  QLineEdit::Normal, {}, &ok);
        if (ok && !code.trimmed().isEmpty())
            callService([code](ChatService& s) { s.joinTeam(code); });
    });
    m_inviteAction = file->addAction(tr("&Invite people…"), this, [this] {
        if (const quint64 team = m_currentTeam)
            callService([team](ChatService& s) { s.createInvite(team); });
    });
    m_inviteAction->setEnabled(false);
    file->addAction(tr("&New channel…"), this, [this] {
        if (!m_currentTeam)
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("New channel"), tr("Channel name:"),
                                                   QLineEdit::Normal, {}, &ok);
        if (ok && !name.trimmed().isEmpty()) {
            const quint64 team = m_currentTeam;
            callService([team, name = name.trimmed()](ChatService& s) {
                s.createChannel(team, name, false, {});
            });
        }
    });
    file->addSeparator();
    file->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::openSettings);
    file->addAction(tr("&Sign out"), this, &MainWindow::signOut);
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    QMenu* security = menuBar()->addMenu(tr("&Security"));
    security->addAction(tr("&Link a new device…"), this, &MainWindow::linkDevice);
    security->addAction(tr("Set the &recovery passphrase…"), this, &MainWindow::setRecovery);
    security->addAction(tr("&Approve this device…"), this, &MainWindow::showApproval);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const std::pair<QString, AppSettings::Theme> themeChoices[] = {
        {tr("Follow the &system"), AppSettings::Theme::System},
        {tr("&Light"), AppSettings::Theme::Light},
        {tr("&Dark"), AppSettings::Theme::Dark}};
    for (const auto& [label, value] : themeChoices) {
        QAction* action = theme->addAction(label);
        action->setCheckable(true);
        action->setChecked(m_settings.theme() == value);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = value] {
            m_settings.setTheme(choice);
            applyTheme(choice);
        });
    }
    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const std::pair<QString, QString> languageChoices[] = {
        {tr("Follow the &system"), QString()},
        {QStringLiteral("English"), QStringLiteral("en")},
        {QStringLiteral("한국어"), QStringLiteral("ko")}};
    for (const auto& [label, code] : languageChoices) {
        QAction* action = language->addAction(label);
        action->setCheckable(true);
        action->setChecked(m_settings.language() == code);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, value = code] {
            m_settings.setLanguage(value);
            QMessageBox::information(this, tr("Language"),
                                     tr("The new language applies when Moim starts again."));
        });
    }
    view->addAction(tr("&Bigger text"), QKeySequence::ZoomIn, this,
                    [this] { setTextSize(QApplication::font().pointSize() + 1); });
    view->addAction(tr("&Smaller text"), QKeySequence::ZoomOut, this,
                    [this] { setTextSize(QApplication::font().pointSize() - 1); });
}

void MainWindow::setTextSize(int pointSize)
{
    QFont font = QApplication::font();
    font.setPointSize(std::clamp(pointSize, 6, 40));
    QApplication::setFont(font);
    m_settings.setFontPointSize(font.pointSize());
    m_delegate->forget();
    m_timelineView->doItemsLayout();
}

void MainWindow::signOut()
{
    if (QMessageBox::question(this, tr("Sign out"),
                              tr("Sign out of this device? Its keys are removed; to read "
                                 "old messages here again you will need another device or "
                                 "your recovery passphrase.")) == QMessageBox::Yes)
        callService([](ChatService& s) { s.signOut(); });
}

void MainWindow::openSettings()
{
    QHash<quint64, QString> people = m_names;
    people.remove(m_profile.userId);
    const auto room = m_rooms.room(m_currentRoom);
    SettingsDialog dialog(m_service, m_settings, m_profile, people, room ? m_currentRoom : 0,
                          room ? m_rooms.titleOf(*room) : QString(), this);
    connect(&dialog, &SettingsDialog::themeChosen, this, &MainWindow::applyTheme);
    connect(&dialog, &SettingsDialog::fontSizeChosen, this, &MainWindow::setTextSize);
    connect(&dialog, &SettingsDialog::linkDeviceWanted, this, &MainWindow::linkDevice);
    connect(&dialog, &SettingsDialog::recoveryWanted, this, &MainWindow::setRecovery);
    connect(&dialog, &SettingsDialog::signOutWanted, this, &MainWindow::signOut);
    dialog.exec();
}

void MainWindow::connectService()
{
    connect(&m_service, &ChatService::signInNeeded, this, &MainWindow::showSignIn);
    connect(&m_service, &ChatService::signInFailed, this, [this](const QString& problem) {
        if (m_signIn)
            m_signIn->showProblem(problem);
        else
            showSignIn(m_settings.lastServer(), problem);
    });
    connect(&m_service, &ChatService::signedIn, this, &MainWindow::onSignedIn);
    connect(&m_service, &ChatService::signedOut, this, [this] {
        m_timeline.reset(0, 0);
        m_rooms.setChannels({});
        m_rooms.setDirectMessages({});
        m_teamSwitcher->clear();
        m_currentRoom = 0;
    });
    connect(&m_service, &ChatService::keyPassphraseNeeded, this, [this](bool wrong) {
        bool ok = false;
        const QString passphrase = QInputDialog::getText(
            this, tr("Protect this device's keys"),
            wrong ? tr("That passphrase does not open this device's keys. Try again:")
                  : tr("No system keychain is available (or this profile uses a passphrase). "
                       "Enter the passphrase that protects this device's keys:"),
            QLineEdit::Password, {}, &ok);
        if (ok && !passphrase.isEmpty())
            callService([passphrase](ChatService& s) { s.useKeyPassphrase(passphrase); });
    });
    connect(&m_service, &ChatService::connectionStateChanged, this, &MainWindow::onConnectionState);
    connect(&m_service, &ChatService::approvalNeeded, this, &MainWindow::showApproval);
    connect(&m_service, &ChatService::approved, this, [this] {
        if (m_approval)
            m_approval->showResult(true, {});
        statusBar()->showMessage(tr("This device is approved: it reads and sends now."), 8000);
    });
    connect(&m_service, &ChatService::linkCodeReady, this,
            [this](const QString& code, const QString& qr) {
                if (m_approval)
                    m_approval->showCode(code, qr);
            });
    connect(&m_service, &ChatService::operationFinished, this,
            [this](const QString& operation, bool ok, const QString& detail) {
                if (m_approval && (operation == QLatin1String("recovery_restore") ||
                                   operation == QLatin1String("link_offer") ||
                                   operation == QLatin1String("link_complete")))
                    m_approval->showResult(ok, detail);
                else if (operation == QLatin1String("link_approve") && ok)
                    QMessageBox::information(this, tr("Link a new device"),
                                             tr("The device is approved."));
                else if (operation == QLatin1String("recovery_set") && ok)
                    statusBar()->showMessage(tr("Recovery passphrase set."), 8000);
                else if (!ok)
                    QMessageBox::warning(this, tr("Moim"), detail);
            });
    connect(&m_service, &ChatService::problem, this,
            [this](const QString& text) { QMessageBox::warning(this, tr("Moim"), text); });
    connect(&m_service, &ChatService::teamsChanged, this, &MainWindow::onTeamsChanged);
    connect(&m_service, &ChatService::namesChanged, this,
            [this](const QHash<quint64, QString>& names) {
                m_names = names;
                m_rooms.setNames(names);
                m_timeline.setNames(names);
            });
    connect(&m_service, &ChatService::channelsLoaded, this,
            [this](quint64 teamId, const QList<protocol::RoomInfo>& rooms) {
                m_channelsByTeam.insert(teamId, rooms);
                if (teamId == m_currentTeam) {
                    const quint64 keep = m_currentRoom;
                    m_rooms.setChannels(rooms);
                    if (keep && m_rooms.contains(keep))
                        m_roomList->setCurrentIndex(m_rooms.index(m_rooms.rowOf(keep)));
                    else
                        openInitialRoom();
                    followReadMarker();
                }
            });
    connect(&m_service, &ChatService::directMessagesLoaded, this,
            [this](const QList<protocol::RoomInfo>& rooms) {
                const quint64 keep = m_currentRoom;
                m_rooms.setDirectMessages(rooms);
                if (keep && m_rooms.contains(keep))
                    m_roomList->setCurrentIndex(m_rooms.index(m_rooms.rowOf(keep)));
                followReadMarker();
            });
    connect(&m_service, &ChatService::roomToShow, this,
            [this](const protocol::RoomInfo& room) { openRoom(room.roomId); });
    connect(&m_service, &ChatService::historyLoaded, this, &MainWindow::onHistory);
    connect(&m_service, &ChatService::searchFinished, this, &MainWindow::showSearchResults);
    connect(&m_service, &ChatService::threadLoaded, this,
            [this](quint64 roomId, quint64 rootSeq, const QList<chat::DecryptedEvent>& events) {
                if (roomId == m_thread->model().roomId() &&
                    rootSeq == m_thread->model().threadRoot())
                    m_thread->model().addEvents(events, false);
            });
    connect(&m_service, &ChatService::eventsArrived, this, &MainWindow::onEvents);
    connect(&m_service, &ChatService::pendingListed, this,
            [this](quint64 roomId, const QList<chat::ChatMessage>& messages) {
                for (const chat::ChatMessage& message : messages) {
                    if (message.threadRoot == 0) {
                        if (roomId == m_currentRoom)
                            m_timeline.addPending(message);
                    } else if (roomId == m_thread->model().roomId() &&
                               message.threadRoot == m_thread->model().threadRoot()) {
                        m_thread->model().addPending(message);
                        // Counted on its root once stored, as a reply written now is.
                        m_replyRoots.insert(message.clientId, message.threadRoot);
                    }
                }
            });
    connect(&m_service, &ChatService::messageSent, this,
            [this](const QByteArray& clientId, quint64 roomId, quint64 seq, qint64 createdMs) {
                if (roomId == m_currentRoom)
                    m_timeline.confirmPending(clientId, seq, createdMs);
                if (roomId == m_thread->model().roomId())
                    m_thread->model().confirmPending(clientId, seq, createdMs);
                // My own reply comes back to nobody else's push: count it on its root here.
                if (const quint64 root = m_replyRoots.take(clientId);
                    root && roomId == m_currentRoom) {
                    chat::DecryptedEvent reply;
                    reply.event.roomId = roomId;
                    reply.event.seq = seq;
                    reply.event.threadRoot = root;
                    reply.event.senderUserId = m_profile.userId;
                    reply.event.createdMs = createdMs;
                    m_timeline.addEvents({reply}, true);
                }
                m_rooms.noteMessage(roomId, seq, true, false);
                callService([roomId, seq](ChatService& s) { s.markRead(roomId, seq); });
            });
    connect(&m_service, &ChatService::messageFailed, this,
            [this](const QByteArray& clientId, quint64 roomId, const QString& problem) {
                if (roomId == m_currentRoom)
                    m_timeline.failPending(clientId, problem);
                else
                    statusBar()->showMessage(tr("A message was not sent: %1").arg(problem), 10000);
            });
    connect(&m_service, &ChatService::readMarkerMoved, this, [this](quint64 roomId, quint64 seq) {
        m_rooms.setReadSeq(roomId, seq);
        if (roomId == m_currentRoom)
            m_timeline.setReadSeq(seq);
    });
    connect(&m_service, &ChatService::presenceChanged, this,
            [this](quint64 userId, protocol::PresenceStatus status) {
                m_presence.insert(userId, status);
                m_rooms.setPresence(userId, status);
                m_members->setPresence(userId, status);
            });
    connect(&m_service, &ChatService::roomMembersListed, this,
            [this](quint64 roomId, const QList<protocol::MemberInfo>& members, bool complete) {
                for (const protocol::MemberInfo& member : members)
                    m_usernames.insert(member.userId, member.username);
                m_members->setMembers(roomId, members, complete, m_presence);
            });
    connect(&m_service, &ChatService::relationsListed, this,
            [this](const QList<protocol::RelationInfo>& relations) {
                for (const protocol::RelationInfo& relation : relations)
                    m_usernames.insert(relation.userId, relation.username);
                m_rooms.setRelations(relations);
                // The room in view stays selected even when its person was just hidden.
                const int row = m_rooms.rowOf(m_currentRoom);
                if (row >= 0 && m_roomList->currentIndex().row() != row)
                    m_roomList->setCurrentIndex(m_rooms.index(row));
            });
    connect(&m_service, &ChatService::pinsListed, m_pins, &PinsPanel::setPins);
    connect(&m_service, &ChatService::newerLoaded, this,
            [this](quint64 roomId, const QList<chat::DecryptedEvent>& events, bool hasMoreAfter) {
                if (roomId != m_currentRoom)
                    return;
                m_timeline.addNewerPage(events, hasMoreAfter);
                m_timeline.dropOldest(m_timelineRows);
                m_loadingNewer = false;
                markReadIfVisible();
            });
    connect(&m_service, &ChatService::inviteCreated, this,
            [this](quint64, const QString& code, const QString& link) {
                auto* box = new QMessageBox(QMessageBox::Information, tr("Invite people"),
                                            tr("Anyone with this link can join the team for a "
                                               "week (50 people at most):\n\n%1\n\nCode: %2")
                                                .arg(link, code),
                                            QMessageBox::Close, this);
                box->setTextInteractionFlags(Qt::TextSelectableByMouse);
                QPushButton* copy = box->addButton(tr("&Copy the link"), QMessageBox::ActionRole);
                connect(copy, &QPushButton::clicked, this,
                        [link] { QApplication::clipboard()->setText(link); });
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            });
    connect(&m_service, &ChatService::profileChanged, this,
            [this](const chat::SessionProfile& profile) {
                m_profile = profile;
                updateTitle();
            });
    connect(&m_service, &ChatService::typingNoticed, this, [this](quint64 roomId, quint64 userId) {
        if (roomId != m_currentRoom || userId == m_profile.userId)
            return;
        m_typingUntil.insert(userId, QDateTime::currentMSecsSinceEpoch() + kTypingShownMs);
        if (!m_typingTimer.isActive())
            m_typingTimer.start();
        updateTyping();
    });
    connect(&m_service, &ChatService::alert, this, &MainWindow::onAlert);
    connect(
        &m_service, &ChatService::mentionCandidatesFound, this,
        [this](quint64 roomId, const QString& prefix, const QList<protocol::MemberInfo>& members) {
            if (roomId != m_currentRoom)
                return;
            QStringList names;
            for (const protocol::MemberInfo& member : members)
                names.append(member.username);
            m_composer->setMentionCandidates(prefix, names);
        });
    connect(&m_service, &ChatService::thumbnailReady, this,
            [this](quint64 roomId, quint64 seq, const QByteArray& image) {
                if (roomId == m_currentRoom)
                    m_timeline.setThumbnail(seq, image);
            });
    connect(&m_service, &ChatService::fileSaved, this,
            [this](quint64, quint64, const QString& path) {
                statusBar()->showMessage(tr("Saved %1 (verified)").arg(path), 10000);
            });
}

void MainWindow::showSignIn(const QUrl& server, const QString& problem)
{
    if (!m_signIn) {
        m_signIn = new SignInDialog(
            server.isValid() && !server.isEmpty() ? server : m_settings.lastServer(), this);
        m_signIn->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_signIn, &SignInDialog::signInRequested, this,
                [this](const QUrl& url, const QString& username, const QString& password,
                       bool create, const QString& displayName) {
                    m_settings.setLastServer(url);
                    callService([=](ChatService& s) {
                        s.signIn(url, username, password, create, displayName);
                    });
                });
        connect(m_signIn, &QDialog::rejected, this, [this] {
            if (m_profile.userId == 0)
                close();
        });
    }
    m_signIn->showProblem(problem);
    m_signIn->show();
    m_signIn->raise();
}

void MainWindow::onSignedIn(const chat::SessionProfile& profile)
{
    m_profile = profile;
    m_rooms.setMyUserId(profile.userId);
    if (m_signIn) {
        m_signIn->accept();
        m_signIn = nullptr;
    }
    m_settings.setLastServer(profile.server);
    updateTitle();
}

void MainWindow::onConnectionState(ChatService::ConnectionState state, const QString& detail)
{
    switch (state) {
    case ChatService::ConnectionState::Online:
        m_banner->hide();
        break;
    case ChatService::ConnectionState::Connecting:
        if (m_profile.userId) {
            m_banner->setText(tr("Connecting…"));
            m_banner->show();
        }
        break;
    case ChatService::ConnectionState::Offline:
        m_banner->setText(detail.isEmpty()
                              ? tr("Offline — messages you write are sent when the connection "
                                   "returns.")
                              : tr("Offline (%1) — messages you write are sent when the "
                                   "connection returns.")
                                    .arg(detail));
        m_banner->show();
        break;
    case ChatService::ConnectionState::SignedOut:
        m_banner->hide();
        break;
    }
}

void MainWindow::onTeamsChanged(const QList<protocol::TeamInfo>& teams)
{
    m_teams = teams;
    const quint64 keep = m_currentTeam;
    QSignalBlocker block(m_teamSwitcher);
    m_teamSwitcher->clear();
    int keepIndex = 0;
    for (int i = 0; i < teams.size(); ++i) {
        QString label = teams.at(i).name.isEmpty() ? teams.at(i).handle : teams.at(i).name;
        if (teams.at(i).mentions)
            label += QStringLiteral(" (%1)").arg(teams.at(i).mentions);
        m_teamSwitcher->addItem(label, teams.at(i).teamId);
        if (teams.at(i).teamId == keep)
            keepIndex = i;
    }
    block.unblock();
    if (!teams.isEmpty()) {
        m_teamSwitcher->setCurrentIndex(keepIndex);
        selectTeam(keepIndex);
    }
}

void MainWindow::selectTeam(int index)
{
    if (index < 0 || index >= m_teams.size())
        return;
    const quint64 teamId = m_teams.at(index).teamId;
    // Only a team's admins and owners may invite (the server says so too).
    const bool mayInvite = m_teams.at(index).role != protocol::TeamRole::Member;
    m_inviteAction->setEnabled(mayInvite);
    m_inviteAction->setToolTip(mayInvite ? QString()
                                         : tr("Only the team's admins and owners can invite"));
    if (teamId == m_currentTeam && m_channelsByTeam.contains(teamId))
        return;
    m_currentTeam = teamId;
    m_rooms.setChannels(m_channelsByTeam.value(teamId));
    if (!m_rooms.contains(m_currentRoom))
        openInitialRoom();
}

void MainWindow::openInitialRoom()
{
    // Where the reader left off, else the team's general channel, else the first room.
    const quint64 last = m_settings.lastRoom();
    if (last && m_rooms.contains(last)) {
        openRoom(last);
        return;
    }
    for (int row = 0; row < m_rooms.rowCount(); ++row) {
        if (m_rooms.index(row).data(Qt::DisplayRole).toString() == QLatin1String("general")) {
            openRoom(m_rooms.index(row).data(chat::RoomListModel::RoomIdRole).toULongLong());
            return;
        }
    }
    if (m_rooms.rowCount() > 0)
        openRoom(m_rooms.index(0).data(chat::RoomListModel::RoomIdRole).toULongLong());
}

void MainWindow::openRoom(quint64 roomId)
{
    if (roomId == 0 || roomId == m_currentRoom)
        return;
    if (m_currentRoom)
        m_drafts.insert(m_currentRoom, m_composer->toPlainText());
    m_composer->cancelEdit();
    if (m_thread->model().roomId() != roomId) {
        m_thread->hide();
        m_thread->model().reset(0, 0);
    }
    m_currentRoom = roomId;
    m_roomPositioned = false;
    m_settings.setLastRoom(roomId);
    m_loadingOlder = false;
    m_timeline.reset(roomId, m_profile.userId);
    m_timeline.setNames(m_names);
    m_typingUntil.clear();
    m_typing->clear();
    const auto room = m_rooms.room(roomId);
    if (room) {
        m_timeline.setReadSeq(room->readSeq);
        QString header =
            (room->kind == protocol::RoomKind::Direct ? QString() : QStringLiteral("# ")) +
            m_rooms.titleOf(*room);
        if (!room->topic.isEmpty())
            header += QStringLiteral(" — ") + room->topic;
        m_roomHeader->setText(header);
    }
    const int row = m_rooms.rowOf(roomId);
    if (row >= 0 && m_roomList->currentIndex().row() != row)
        m_roomList->setCurrentIndex(m_rooms.index(row));
    m_composer->setPlainText(m_drafts.take(roomId));
    m_composer->moveCursor(QTextCursor::End);
    m_composer->setFocus();
    callService([roomId](ChatService& s) { s.openRoom(roomId); });
    if (m_members->isVisible())
        showMembers();
    if (m_pins->isVisible())
        showPins();
    updateTitle();
}

void MainWindow::showPins()
{
    const quint64 roomId = m_currentRoom;
    const auto room = m_rooms.room(roomId);
    if (!room)
        return;
    showOnlySidePanel(m_pins);
    m_pins->open(roomId, m_profile.userId, m_rooms.titleOf(*room), m_names);
    callService([roomId](ChatService& s) { s.listPins(roomId); });
}

void MainWindow::showOnlySidePanel(QWidget* panel)
{
    for (QWidget* other : std::initializer_list<QWidget*>{m_thread, m_members, m_pins}) {
        if (other != panel)
            other->hide();
    }
}

void MainWindow::showMembers()
{
    const quint64 roomId = m_currentRoom;
    const auto room = m_rooms.room(roomId);
    if (!room)
        return;
    showOnlySidePanel(m_members);
    m_members->open(roomId, m_rooms.titleOf(*room));
    m_members->filter().setFocus();
    callService([roomId](ChatService& s) { s.listRoomMembers(roomId); });
}

ProfileCard* MainWindow::showProfile(quint64 userId)
{
    if (userId == 0)
        return nullptr;
    if (m_profileCard)
        m_profileCard->close();
    Person person;
    person.userId = userId;
    person.name = m_names.value(userId, tr("user %1").arg(userId));
    person.username = userId == m_profile.userId ? m_profile.username : m_usernames.value(userId);
    person.presence = m_presence.value(userId, protocol::PresenceStatus::Offline);
    person.favourite = m_rooms.isFavourite(userId);
    person.hidden = m_rooms.isHidden(userId);
    person.blocked = m_rooms.isBlocked(userId);
    person.me = userId == m_profile.userId;
    if (person.me && m_profile.server.isValid())
        person.presence = protocol::PresenceStatus::Online;
    m_profileCard = new ProfileCard(m_service, person, this);
    m_profileCard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_profileCard, &ProfileCard::messageWanted, this, [this](quint64 who) {
        // Writing to someone I hid brings our conversation back to the sidebar.
        if (m_rooms.isHidden(who)) {
            protocol::SetRelation shown;
            shown.userId = who;
            shown.hidden = false;
            callService([shown](ChatService& s) { s.setRelation(shown); });
        }
        callService([who](ChatService& s) { s.openDirect({who}); });
    });
    m_profileCard->open();
    return m_profileCard;
}

void MainWindow::onHistory(quint64 roomId, const QList<chat::DecryptedEvent>& events, bool hasMore,
                           bool newest)
{
    if (roomId != m_currentRoom)
        return;
    m_timeline.setHasMoreBefore(hasMore);
    if (newest) {
        m_timeline.addNewestPage(events, hasMore);
        m_loadingNewer = false;
    } else {
        m_timeline.addEvents(events, false);
        // Older history above: the newest rows beyond the window go (they page in again).
        m_timeline.dropNewest(m_timelineRows);
    }
    m_loadingOlder = false;
    if (m_jumpTo) {
        const int row = m_timeline.rowOfSeq(m_jumpTo);
        if (row >= 0) {
            m_jumpTo = 0;
            m_roomPositioned = true; // at the message sought, not at the unread line
            QTimer::singleShot(0, this, [this, row] {
                m_timelineView->scrollTo(m_timeline.index(row),
                                         QAbstractItemView::PositionAtCenter);
                m_timelineView->setCurrentIndex(m_timeline.index(row));
            });
            return;
        }
        if (newest || !hasMore) {
            if (hasMore) {
                const quint64 before = m_timeline.oldestSeq();
                const quint64 target = m_jumpTo;
                m_loadingOlder = true;
                callService([roomId, before, target](ChatService& s) {
                    s.loadOlderUntil(roomId, before, target);
                });
            } else {
                m_jumpTo = 0;
            }
            if (!newest)
                return;
        }
    }
    if (newest) {
        QTimer::singleShot(0, this, [this] {
            if (!m_firstRoomShown && m_timeline.rowCount() > 0) {
                m_firstRoomShown = true;
                m_timelineView->viewport()->repaint();
                Q_EMIT firstRoomShown();
            }
            // A later newest page (the server's, after the cache's) leaves a reader who has
            // scrolled since where they are.
            if (m_roomPositioned) {
                if (atBottom())
                    m_timelineView->scrollToBottom();
                markReadIfVisible();
                maybeLoadOlder();
                return;
            }
            m_roomPositioned = m_timeline.rowCount() > 0;
            // Opens at the first unread message when there is one, else at the end.
            for (int row = 0; row < m_timeline.rowCount(); ++row) {
                if (m_timeline.index(row).data(TimelineModel::UnreadLineRole).toBool()) {
                    m_timelineView->scrollTo(m_timeline.index(row),
                                             QAbstractItemView::PositionAtTop);
                    markReadIfVisible();
                    return;
                }
            }
            m_timelineView->scrollToBottom();
            markReadIfVisible();
            maybeLoadOlder();
        });
    } else {
        QTimer::singleShot(0, this, &MainWindow::maybeLoadOlder);
    }
}

void MainWindow::onEvents(quint64 roomId, const QList<chat::DecryptedEvent>& events, bool live)
{
    if (live) {
        for (const chat::DecryptedEvent& event : events) {
            if (event.event.kind != protocol::EventKind::Message)
                continue;
            const bool mine = event.event.senderUserId == m_profile.userId;
            const bool mention =
                event.event.mentionAll || event.event.mentions.contains(m_profile.userId);
            m_rooms.noteMessage(roomId, event.event.seq, mine, mention);
        }
    }
    if (roomId == m_thread->model().roomId() && m_thread->isVisible())
        m_thread->model().addEvents(events, live);
    if (roomId != m_currentRoom)
        return;
    m_timeline.addEvents(events, live);
    // A reader following the conversation keeps a window of the newest rows.
    if (live && atBottom() && !m_timeline.hasMoreAfter())
        m_timeline.dropOldest(m_timelineRows);
    markReadIfVisible();
    // A pin or unpin while the pinned list is open: list again (the server's list is the truth,
    // with the order and the 200-pin bound it applies).
    if (m_pins->isVisible() && m_pins->roomId() == roomId &&
        std::any_of(events.cbegin(), events.cend(), [](const chat::DecryptedEvent& event) {
            return event.event.kind == protocol::EventKind::Pin ||
                   event.event.kind == protocol::EventKind::Unpin;
        }))
        callService([roomId](ChatService& s) { s.listPins(roomId); });
}

void MainWindow::onAlert(quint64 roomId, quint64, quint64 senderUserId, const QString& text,
                         bool mention)
{
    if (roomId == m_currentRoom && isActiveWindow())
        return; // the reader is looking at it
    const auto room = m_rooms.room(roomId);
    QString title = room ? m_rooms.titleOf(*room) : tr("Moim");
    if (senderUserId)
        title =
            m_names.value(senderUserId, tr("someone")) +
            (room && room->kind != protocol::RoomKind::Direct ? QStringLiteral(" · #") + room->name
                                                              : QString());
    if (mention)
        title = tr("%1 (mention)").arg(title);
    // Notification servers show plain text: the Markdown is rendered away, not shown as marks.
    QTextDocument rendered;
    rendered.setMarkdown(text, QTextDocument::MarkdownNoHTML);
    m_notifier->notify(roomId, title, rendered.toPlainText().simplified());
    QApplication::alert(this);
}

ChatMessage MainWindow::pendingMessage(quint64 roomId) const
{
    ChatMessage pending;
    pending.roomId = roomId;
    pending.clientId = crypto::randomBytes(16);
    pending.senderUserId = m_profile.userId;
    pending.createdMs = QDateTime::currentMSecsSinceEpoch();
    return pending;
}

void MainWindow::sendText(const QString& text)
{
    if (!m_currentRoom)
        return;
    if (const auto emoji = chat::quickReaction(text)) {
        for (int row = m_timeline.rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = m_timeline.index(row);
            if (index.data(TimelineModel::KindRole).toInt() != int(ChatMessage::Kind::Message) ||
                index.data(TimelineModel::SeqRole).toULongLong() == 0 ||
                index.data(TimelineModel::DeletedRole).toBool())
                continue;
            // A second "+👍" takes mine back, as a click on the reaction does.
            bool mine = false;
            for (const QVariant& reaction : index.data(TimelineModel::ReactionsRole).toList()) {
                const QVariantMap summary = reaction.toMap();
                if (summary.value(QStringLiteral("emoji")).toString() == *emoji)
                    mine = summary.value(QStringLiteral("mine")).toBool();
            }
            toggleReaction(index, *emoji, mine);
            return;
        }
    }
    showNewestForWriting();
    ChatMessage pending = pendingMessage(m_currentRoom);
    pending.text = text;
    m_timeline.addPending(pending);
    m_timelineView->scrollToBottom();
    const quint64 room = m_currentRoom;
    const QByteArray clientId = pending.clientId;
    callService([room, clientId, text](ChatService& s) { s.sendMessage(room, clientId, text, 0); });
}

void MainWindow::showNewestForWriting()
{
    // Writing while far up in a long history: what I write goes at the end, so the end is
    // shown (the newest page replaces the window, the pending row stays).
    if (m_timeline.hasMoreAfter()) {
        const quint64 roomId = m_currentRoom;
        callService([roomId](ChatService& s) { s.showNewest(roomId); });
    }
}

void MainWindow::sendFiles(const QStringList& paths)
{
    if (!m_currentRoom || paths.isEmpty())
        return;
    showNewestForWriting();
    // Images are shown before they go: what leaves is what the sender meant.
    for (const QString& path : paths) {
        const QImage image(path);
        if (!image.isNull()) {
            QMessageBox preview(QMessageBox::Question, tr("Send this image?"),
                                QFileInfo(path).fileName(), QMessageBox::Yes | QMessageBox::No,
                                this);
            preview.setIconPixmap(QPixmap::fromImage(
                image.scaled(QSize(360, 270), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
            if (preview.exec() != QMessageBox::Yes)
                continue;
        }
        ChatMessage pending = pendingMessage(m_currentRoom);
        client::AttachmentRef file;
        file.name = QFileInfo(path).fileName();
        file.size = QFileInfo(path).size();
        pending.file = file;
        m_timeline.addPending(pending);
        const quint64 room = m_currentRoom;
        const QByteArray clientId = pending.clientId;
        callService([room, clientId, path](ChatService& s) { s.sendFile(room, clientId, path); });
    }
    m_timelineView->scrollToBottom();
}

void MainWindow::sendPastedImage(const QImage& image)
{
    const QString directory =
        QStandardPaths::writableLocation(QStandardPaths::TempLocation) + QStringLiteral("/moim");
    QDir().mkpath(directory);
    const QString path = QDir(directory).filePath(
        QStringLiteral("pasted-%1.png")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    if (!image.save(path, "PNG")) {
        QMessageBox::warning(this, tr("Moim"), tr("Could not keep the pasted image."));
        return;
    }
    sendFiles({path});
}

void MainWindow::editLast()
{
    if (const auto message = m_timeline.lastEditableOfMine())
        m_composer->startEdit(message->seq, message->text);
}

bool MainWindow::atBottom() const
{
    const QScrollBar* bar = m_timelineView->verticalScrollBar();
    return bar->value() >= bar->maximum() - kNearTopPixels;
}

void MainWindow::followReadMarker()
{
    // The room may have opened from the cache, with the marker of the last run: what the
    // server says was read since (here or on another device) is read.
    const auto room = m_rooms.room(m_currentRoom);
    if (room && room->readSeq > m_timeline.readSeq())
        m_timeline.setReadSeq(room->readSeq);
}

void MainWindow::markReadIfVisible()
{
    if (!m_currentRoom || !isActiveWindow() || !atBottom())
        return;
    const quint64 newest = m_timeline.newestSeq();
    const auto room = m_rooms.room(m_currentRoom);
    if (newest == 0 || (room && room->readSeq >= newest))
        return;
    m_rooms.setReadSeq(m_currentRoom, newest);
    const quint64 roomId = m_currentRoom;
    callService([roomId, newest](ChatService& s) { s.markRead(roomId, newest); });
}

void MainWindow::holdScrollPosition()
{
    if (m_holdingPosition)
        return; // already held for this turn of the event loop
    m_holdingPosition = true;
    // New messages at the end follow a reader who was at the bottom; otherwise the row at the
    // top of the view stays put, whatever came above it (older history) or left (the window).
    const bool following = atBottom() && !m_timeline.hasMoreAfter();
    const QModelIndex top = m_timelineView->indexAt(QPoint(4, 2));
    const quint64 anchorSeq = top.isValid() ? top.data(TimelineModel::SeqRole).toULongLong() : 0;
    const int anchorY = top.isValid() ? m_timelineView->visualRect(top).top() : 0;
    QTimer::singleShot(0, this, [this, following, anchorSeq, anchorY] {
        m_holdingPosition = false;
        if (following) {
            m_timelineView->scrollToBottom();
            return;
        }
        const int row = m_timeline.rowOfSeq(anchorSeq);
        if (row < 0)
            return;
        // The view lays new rows out later: the scroll range must cover them before the value
        // moves, or the value stops at the old end, where the reader looks "at the bottom" and
        // the next relayout takes them there. While the range and the value settle, passing
        // through an end must not page in more (and drop the anchor with it).
        m_adjustingScroll = true;
        m_timelineView->doItemsLayout();
        QScrollBar* bar = m_timelineView->verticalScrollBar();
        bar->setValue(bar->value() + m_timelineView->visualRect(m_timeline.index(row)).top() -
                      anchorY);
        m_adjustingScroll = false;
        maybeLoadOlder();
        maybeLoadNewer();
        markReadIfVisible();
    });
}

void MainWindow::maybeLoadNewer()
{
    if (m_loadingNewer || !m_currentRoom || !m_timeline.hasMoreAfter())
        return;
    if (!atBottom())
        return;
    // A scroll range not yet laid out for the latest rows ends too early: the reader would
    // look "at the bottom" while in the middle, and the page's trim of the oldest rows would
    // take the rows in view with it.
    const bool adjusting = std::exchange(m_adjustingScroll, true);
    m_timelineView->doItemsLayout();
    m_adjustingScroll = adjusting;
    if (!atBottom())
        return;
    m_loadingNewer = true;
    const quint64 roomId = m_currentRoom;
    const quint64 after = m_timeline.newestSeq();
    callService([roomId, after](ChatService& s) { s.loadNewer(roomId, after); });
}

void MainWindow::maybeLoadOlder()
{
    if (m_loadingOlder || !m_currentRoom || !m_timeline.hasMoreBefore() ||
        m_timeline.rowCount() == 0)
        return;
    if (m_timelineView->verticalScrollBar()->value() > kNearTopPixels)
        return;
    m_loadingOlder = true;
    const quint64 roomId = m_currentRoom;
    const quint64 before = m_timeline.oldestSeq();
    callService([roomId, before](ChatService& s) { s.loadOlder(roomId, before); });
}

void MainWindow::showEmojiMenu(const QPoint& globalPos,
                               const std::function<void(const QString&)>& chosen)
{
    QMenu menu(this);
    menu.setAccessibleName(tr("Emoji"));
    auto* grid = new QWidget(&menu);
    auto* layout = new QGridLayout(grid);
    layout->setSpacing(2);
    const QStringList emoji = commonEmoji();
    for (int i = 0; i < emoji.size(); ++i) {
        auto* button = new QToolButton(grid);
        button->setText(emoji.at(i));
        button->setAutoRaise(true);
        button->setAccessibleName(emoji.at(i));
        connect(button, &QToolButton::clicked, &menu, [&menu, &chosen, e = emoji.at(i)] {
            chosen(e);
            menu.close();
        });
        layout->addWidget(button, i / 5, i % 5);
    }
    auto* action = new QWidgetAction(&menu);
    action->setDefaultWidget(grid);
    menu.addAction(action);
    menu.exec(globalPos);
}

void MainWindow::toggleReaction(const QModelIndex& index, const QString& emoji, bool mine)
{
    const quint64 seq = index.data(TimelineModel::SeqRole).toULongLong();
    const quint64 room = m_currentRoom;
    if (seq == 0 || emoji.isEmpty())
        return;
    callService([room, seq, emoji, mine](ChatService& s) { s.react(room, seq, emoji, mine); });
}

void MainWindow::showTimelineMenu(const QPoint& pos)
{
    showMessageMenu(m_timelineView->indexAt(pos), pos);
}

void MainWindow::showMessageMenuOfCurrent()
{
    const auto isMessage = [](const QModelIndex& candidate) {
        return candidate.isValid() &&
               candidate.data(TimelineModel::KindRole).toInt() == int(ChatMessage::Kind::Message) &&
               candidate.data(TimelineModel::SeqRole).toULongLong() != 0;
    };
    QModelIndex index = m_timelineView->currentIndex();
    // On a "joined" or "left" line, or with nothing current: the newest message.
    for (int row = m_timeline.rowCount() - 1; !isMessage(index) && row >= 0; --row)
        index = m_timeline.index(row);
    if (!isMessage(index))
        return;
    m_timelineView->scrollTo(index);
    m_timelineView->setCurrentIndex(index);
    const QRect rect = m_timelineView->visualRect(index);
    showMessageMenu(index, QPoint(rect.left() + 40, rect.top() + std::min(rect.height(), 24)));
}

void MainWindow::cycleFocus(int step)
{
    QList<QWidget*> parts{m_roomList, m_timelineView, m_composer};
    for (QWidget* panel : {static_cast<QWidget*>(m_thread), static_cast<QWidget*>(m_members),
                           static_cast<QWidget*>(m_pins)}) {
        if (panel->isVisible())
            parts.append(panel);
    }
    qsizetype at = -1;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts.at(i) == focusWidget() || parts.at(i)->isAncestorOf(focusWidget()))
            at = i;
    }
    const qsizetype next = (at + step + parts.size()) % parts.size();
    if (parts.at(next) == m_timelineView && m_timeline.rowCount() > 0 &&
        !m_timelineView->viewport()->rect().intersects(
            m_timelineView->visualRect(m_timelineView->currentIndex()))) {
        // Arriving in the messages: the newest one in view is current, not the first loaded.
        QModelIndex bottom =
            m_timelineView->indexAt(QPoint(4, m_timelineView->viewport()->height() - 2));
        if (!bottom.isValid())
            bottom = m_timeline.index(m_timeline.rowCount() - 1);
        m_timelineView->setCurrentIndex(bottom);
    }
    // A panel passes the focus on to its focus proxy (its composer, filter or list).
    parts.at(next)->setFocus(step > 0 ? Qt::TabFocusReason : Qt::BacktabFocusReason);
}

void MainWindow::showMessageMenu(const QModelIndex& index, const QPoint& pos)
{
    if (!index.isValid())
        return;
    const quint64 seq = index.data(TimelineModel::SeqRole).toULongLong();
    const bool mine = index.data(TimelineModel::MineRole).toBool();
    const bool deleted = index.data(TimelineModel::DeletedRole).toBool();
    if (seq == 0 || index.data(TimelineModel::KindRole).toInt() != int(ChatMessage::Kind::Message))
        return;
    const quint64 room = m_currentRoom;
    QMenu menu(this);
    if (!deleted) {
        menu.addAction(tr("Add a &reaction…"), this, [this, index, pos] {
            const QPersistentModelIndex target(index);
            showEmojiMenu(m_timelineView->viewport()->mapToGlobal(pos),
                          [this, target](const QString& emoji) {
                              if (target.isValid())
                                  toggleReaction(target, emoji, false);
                          });
        });
        menu.addAction(tr("Reply in &thread"), this, [this, seq] { openThread(seq); });
        const quint64 sender = index.data(TimelineModel::SenderIdRole).toULongLong();
        menu.addAction(
            tr("&Profile of %1").arg(index.data(TimelineModel::SenderNameRole).toString()), this,
            [this, sender] { showProfile(sender); });
        menu.addAction(tr("&Copy text"), this, [index] {
            QApplication::clipboard()->setText(index.data(TimelineModel::TextRole).toString());
        });
        if (!index.data(TimelineModel::FileNameRole).toString().isEmpty())
            menu.addAction(tr("&Save file…"), this, [this, index] { saveFile(index); });
        const bool pinned = index.data(TimelineModel::PinnedRole).toBool();
        menu.addAction(pinned ? tr("Un&pin") : tr("&Pin"), this, [this, room, seq, pinned] {
            callService([room, seq, pinned](ChatService& s) { s.pinMessage(room, seq, !pinned); });
        });
    }
    if (mine && !deleted) {
        if (index.data(TimelineModel::FileNameRole).toString().isEmpty())
            menu.addAction(tr("&Edit"), this, [this, index, seq] {
                m_composer->startEdit(seq, index.data(TimelineModel::TextRole).toString());
                m_composer->setFocus();
            });
        menu.addAction(tr("&Delete"), this, [this, room, seq] {
            if (QMessageBox::question(this, tr("Delete message"),
                                      tr("Delete this message for everyone?")) == QMessageBox::Yes)
                callService([room, seq](ChatService& s) { s.deleteMessage(room, seq); });
        });
    }
    if (!menu.isEmpty())
        menu.exec(m_timelineView->viewport()->mapToGlobal(pos));
}

void MainWindow::openThread(quint64 rootSeq)
{
    if (!m_currentRoom || rootSeq == 0)
        return;
    const auto room = m_rooms.room(m_currentRoom);
    showOnlySidePanel(m_thread);
    m_thread->open(m_currentRoom, m_profile.userId, rootSeq,
                   room ? m_rooms.titleOf(*room) : QString());
    m_thread->model().setNames(m_names);
    const quint64 roomId = m_currentRoom;
    callService([roomId, rootSeq](ChatService& s) { s.openThread(roomId, rootSeq); });
}

void MainWindow::sendReply(const QString& text)
{
    const quint64 roomId = m_thread->model().roomId();
    const quint64 root = m_thread->model().threadRoot();
    if (!roomId || !root)
        return;
    ChatMessage pending = pendingMessage(roomId);
    pending.text = text;
    pending.threadRoot = root;
    m_thread->model().addPending(pending);
    const QByteArray clientId = pending.clientId;
    m_replyRoots.insert(clientId, root);
    callService([roomId, clientId, text, root](ChatService& s) {
        s.sendMessage(roomId, clientId, text, root);
    });
}

void MainWindow::showRoomAnywhere(quint64 roomId)
{
    for (auto it = m_channelsByTeam.cbegin(); it != m_channelsByTeam.cend(); ++it) {
        for (const protocol::RoomInfo& room : it.value()) {
            if (room.roomId != roomId || it.key() == m_currentTeam)
                continue;
            for (int i = 0; i < m_teams.size(); ++i) {
                if (m_teams.at(i).teamId == it.key())
                    m_teamSwitcher->setCurrentIndex(i);
            }
        }
    }
    openRoom(roomId);
}

void MainWindow::showSearchResults(const QString& query, const QList<chat::SearchHit>& hits)
{
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("searchResults"));
    dialog->setWindowTitle(tr("Search: %1").arg(query));
    auto* list = new QListWidget;
    list->setAccessibleName(tr("Search results"));
    list->setWordWrap(true);
    for (const chat::SearchHit& hit : hits) {
        QString where;
        for (const QList<protocol::RoomInfo>& channels : std::as_const(m_channelsByTeam)) {
            for (const protocol::RoomInfo& room : channels) {
                if (room.roomId == hit.roomId)
                    where = QStringLiteral("#") + room.name;
            }
        }
        if (where.isEmpty()) {
            if (const auto room = m_rooms.room(hit.roomId))
                where = m_rooms.titleOf(*room);
        }
        auto* item = new QListWidgetItem(
            QStringLiteral("%1 · %2 · %3\n%4")
                .arg(where, m_names.value(hit.senderUserId, tr("someone")),
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(hit.createdMs),
                                        QLocale::ShortFormat),
                     hit.text.left(300)));
        item->setData(Qt::UserRole, hit.roomId);
        item->setData(Qt::UserRole + 1, hit.seq);
        item->setData(Qt::UserRole + 2, hit.threadRoot);
        list->addItem(item);
    }
    if (hits.isEmpty())
        list->addItem(tr("Nothing found in the messages read on this device."));
    connect(list, &QListWidget::itemActivated, this, [this, dialog](QListWidgetItem* item) {
        const quint64 roomId = item->data(Qt::UserRole).toULongLong();
        const quint64 seq = item->data(Qt::UserRole + 1).toULongLong();
        const quint64 root = item->data(Qt::UserRole + 2).toULongLong();
        if (!roomId)
            return;
        jumpTo(roomId, root ? root : seq);
        if (root)
            openThread(root);
        dialog->close();
    });
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(list);
    dialog->resize(520, 420);
    dialog->show();
    m_lastSearchResults = list;
}

void MainWindow::jumpTo(quint64 roomId, quint64 seq)
{
    if (roomId == m_currentRoom) {
        const int row = m_timeline.rowOfSeq(seq);
        if (row >= 0) {
            m_timelineView->scrollTo(m_timeline.index(row), QAbstractItemView::PositionAtCenter);
            m_timelineView->setCurrentIndex(m_timeline.index(row));
            return;
        }
        m_jumpTo = seq;
        const quint64 before = m_timeline.oldestSeq();
        m_loadingOlder = true;
        callService(
            [roomId, before, seq](ChatService& s) { s.loadOlderUntil(roomId, before, seq); });
        return;
    }
    m_jumpTo = seq;
    showRoomAnywhere(roomId);
}

void MainWindow::saveFile(const QModelIndex& index)
{
    const quint64 seq = index.data(TimelineModel::SeqRole).toULongLong();
    if (seq == 0)
        return;
    const QString directory = QFileDialog::getExistingDirectory(
        this, tr("Save the file in"),
        QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    if (directory.isEmpty())
        return;
    const quint64 room = m_currentRoom;
    callService([room, seq, directory](ChatService& s) { s.downloadFile(room, seq, directory); });
}

void MainWindow::openQuickSwitcher()
{
    QuickSwitcher switcher(this);
    QList<QPair<quint64, QString>> rooms;
    for (const QList<protocol::RoomInfo>& channels : std::as_const(m_channelsByTeam)) {
        for (const protocol::RoomInfo& room : channels) {
            if (room.member && !room.archived)
                rooms.append({room.roomId, QStringLiteral("# ") + room.name});
        }
    }
    for (int row = 0; row < m_rooms.rowCount(); ++row) {
        const QModelIndex index = m_rooms.index(row);
        if (index.data(chat::RoomListModel::SectionRole).toInt() !=
            int(chat::RoomListModel::Section::Channels))
            rooms.append({index.data(chat::RoomListModel::RoomIdRole).toULongLong(),
                          index.data(Qt::DisplayRole).toString()});
    }
    QList<QPair<quint64, QString>> people;
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        if (it.key() != m_profile.userId)
            people.append({it.key(), it.value()});
    }
    switcher.setTargets(rooms, people);
    connect(&switcher, &QuickSwitcher::roomChosen, this, &MainWindow::showRoomAnywhere);
    connect(&switcher, &QuickSwitcher::personChosen, this, [this](quint64 userId) {
        callService([userId](ChatService& s) { s.openDirect({userId}); });
    });
    switcher.exec();
}

void MainWindow::showApproval()
{
    if (!m_approval) {
        m_approval = new ApprovalDialog(this);
        m_approval->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_approval, &ApprovalDialog::linkCodeWanted, this,
                [this] { callService([](ChatService& s) { s.offerLink(); }); });
        connect(m_approval, &ApprovalDialog::recoveryPassphraseEntered, this,
                [this](const QString& passphrase) {
                    callService([passphrase](ChatService& s) {
                        s.restoreWithRecoveryPassphrase(passphrase);
                    });
                });
    }
    m_approval->show();
    m_approval->raise();
}

void MainWindow::linkDevice()
{
    bool ok = false;
    const QString code =
        QInputDialog::getText(this, tr("Link a new device"),
                              tr("Enter the code the new device shows (like ABCD-EFGH-JKMN-PQRS):"),
                              QLineEdit::Normal, {}, &ok);
    if (ok && !code.trimmed().isEmpty())
        callService([code = code.trimmed()](ChatService& s) { s.approveLink(code); });
}

void MainWindow::setRecovery()
{
    bool ok = false;
    const QString passphrase = QInputDialog::getText(
        this, tr("Recovery passphrase"),
        tr("With this passphrase you can read your messages on a new device after losing all "
           "the others. Keep it safe; nobody can reset it for you."),
        QLineEdit::Password, {}, &ok);
    if (!ok || passphrase.isEmpty())
        return;
    const QString again = QInputDialog::getText(
        this, tr("Recovery passphrase"), tr("Enter it once more:"), QLineEdit::Password, {}, &ok);
    if (!ok)
        return;
    if (again != passphrase) {
        QMessageBox::warning(this, tr("Recovery passphrase"), tr("The two do not match."));
        return;
    }
    callService([passphrase](ChatService& s) { s.setRecoveryPassphrase(passphrase); });
}

void MainWindow::updateTyping()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList who;
    for (auto it = m_typingUntil.begin(); it != m_typingUntil.end();) {
        if (it.value() < now) {
            it = m_typingUntil.erase(it);
        } else {
            who.append(m_names.value(it.key(), tr("someone")));
            ++it;
        }
    }
    m_typing->setText(who.isEmpty() ? QString()
                                    : tr("%1 typing…").arg(who.join(QStringLiteral(", "))));
    if (who.isEmpty())
        m_typingTimer.stop();
}

void MainWindow::updateTray()
{
    const quint64 unread = m_rooms.totalUnread();
    const quint64 mentions = m_rooms.totalMentions();
    m_notifier->setUnread(unread, mentions);
    updateTitle();
}

void MainWindow::updateTitle()
{
    QString title = tr("Moim");
    if (const auto room = m_rooms.room(m_currentRoom))
        title = m_rooms.titleOf(*room) + QStringLiteral(" — ") + title;
    const quint64 unread = m_rooms.totalUnread();
    if (unread)
        title = QStringLiteral("(%1) ").arg(unread) + title;
    setWindowTitle(title);
}

void MainWindow::applyTheme(AppSettings::Theme theme)
{
    static const QPalette systemPalette = QApplication::palette();
    if (theme == AppSettings::Theme::System) {
        QApplication::setPalette(systemPalette);
    } else if (theme == AppSettings::Theme::Light) {
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(37, 38, 42));
        dark.setColor(QPalette::WindowText, QColor(225, 225, 228));
        dark.setColor(QPalette::Base, QColor(28, 29, 32));
        dark.setColor(QPalette::AlternateBase, QColor(45, 46, 52));
        dark.setColor(QPalette::Text, QColor(225, 225, 228));
        dark.setColor(QPalette::Button, QColor(45, 46, 52));
        dark.setColor(QPalette::ButtonText, QColor(225, 225, 228));
        dark.setColor(QPalette::Highlight, QColor(53, 115, 240));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::Link, QColor(110, 160, 255));
        dark.setColor(QPalette::PlaceholderText, QColor(140, 140, 148));
        dark.setColor(QPalette::Mid, QColor(80, 80, 88));
        dark.setColor(QPalette::ToolTipBase, QColor(45, 46, 52));
        dark.setColor(QPalette::ToolTipText, QColor(225, 225, 228));
        QApplication::setPalette(dark);
    }
    m_delegate->forget();
}

void MainWindow::grabWhenSettled(const QString& path, int timeoutMs, std::function<void(bool)> done)
{
    auto* poll = new QTimer(this);
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + timeoutMs;
    poll->setInterval(200);
    connect(poll, &QTimer::timeout, this, [this, poll, path, deadline, done] {
        const bool settled = m_timeline.rowCount() > 0 && m_rooms.rowCount() > 0;
        if (!settled && QDateTime::currentMSecsSinceEpoch() < deadline)
            return;
        poll->stop();
        poll->deleteLater();
        // Thumbnails and layout get a moment to arrive after the first rows.
        QTimer::singleShot(1500, this, [this, path, done] {
            QWidget* shown = QApplication::activeModalWidget();
            done((shown ? shown : this)->grab().save(path));
        });
    });
    poll->start();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        markReadIfVisible();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setWindowGeometry(saveGeometry(), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace moim::ui
