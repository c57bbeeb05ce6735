// The desktop window against a real moimd, offscreen: first run through the sign-in dialog,
// the sidebar with its counts, the timeline and the composer, with moim-cli as the other
// person. The window talks to its chat service on another thread, as in the app.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <chat/ChatService.h>
#include <client/Connection.h>
#include <client/ProfileStore.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/SocialMessages.h>
#include <protocol/TeamMessages.h>
#include <testsupport/MoimdProcess.h>
#include <ui/AppSettings.h>
#include <ui/Composer.h>
#include <ui/DesktopNotifier.h>
#include <ui/MainWindow.h>
#include <ui/MembersPanel.h>
#include <ui/PinsPanel.h>
#include <ui/ProfileCard.h>
#include <ui/SettingsDialog.h>
#include <ui/SignInDialog.h>
#include <ui/ThreadPanel.h>

using namespace moim;
using chat::ChatMessage;
using chat::TimelineModel;

namespace {

constexpr int kWaitMs = 20'000;

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MOIM_KEYSTORE_PASSPHRASE"), QStringLiteral("bob keys"));
    environment.insert(QStringLiteral("MOIM_KEYSTORE_COST"), QStringLiteral("interactive"));
    environment.insert(QStringLiteral("MOIM_PASSWORD"), QStringLiteral("bob password 1"));
    return environment;
}

QByteArray cli(const QUrl& server, const QString& profile, const QStringList& arguments)
{
    QProcess process;
    process.setProcessEnvironment(cliEnvironment());
    process.start(QStringLiteral(MOIM_CLI_PATH),
                  QStringList{QStringLiteral("--server"), server.toString(),
                              QStringLiteral("--profile"), profile} +
                      arguments);
    process.waitForFinished(60'000);
    if (process.exitCode() != 0)
        qWarning() << "moim-cli" << arguments << process.readAllStandardError();
    return process.readAllStandardOutput();
}

QLineEdit* field(QWidget* parent, const QString& accessibleName)
{
    for (QLineEdit* edit : parent->findChildren<QLineEdit*>()) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    return nullptr;
}

int rowWithText(const TimelineModel& model, const QString& text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row).data(TimelineModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

chat::SessionProfile profileOf(ui::MainWindow& window)
{
    return window.profile();
}

quint64 bobId(ui::MainWindow& window)
{
    for (auto it = window.names().cbegin(); it != window.names().cend(); ++it) {
        if (it.value() == QLatin1String("bob"))
            return it.key();
    }
    return 0;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(crypto::initializeSodium()); }
    void firstRunConversation();
};

void TestMainWindow::firstRunConversation()
{
    QTemporaryDir data;
    QTemporaryDir aliceDir;
    QTemporaryDir bobDir;
    test::MoimdProcess server;
    QVERIFY(server.start(data.path(),
                         QStringLiteral("sqlite:") + data.filePath(QStringLiteral("moim.db"))));
    const QUrl url = server.webSocketUrl();
    cli(url, bobDir.path(), {QStringLiteral("signup"), QStringLiteral("bob")});
    cli(url, bobDir.path(),
        {QStringLiteral("team"), QStringLiteral("create"), QStringLiteral("acme")});
    cli(url, bobDir.path(),
        {QStringLiteral("channel"), QStringLiteral("create"), QStringLiteral("acme/random")});
    const QByteArray invite = cli(url, bobDir.path(),
                                  {QStringLiteral("--json"), QStringLiteral("team"),
                                   QStringLiteral("invite"), QStringLiteral("acme")});
    const QString code =
        QJsonDocument::fromJson(invite).object().value(QStringLiteral("code")).toString();
    QVERIFY(!code.isEmpty());

    ui::AppSettings settings(aliceDir.path());
    chat::ChatService::Options options;
    options.profileDirectory = aliceDir.path();
    options.keyProtection.application = QStringLiteral("moim-test");
    options.keyProtection.passphrase = QStringLiteral("alice keys");
    options.keyProtection.cheapPassphrase = true;
    options.deviceName = QStringLiteral("desktop");
    QThread thread;
    auto* service = new chat::ChatService(options);
    service->moveToThread(&thread);
    connect(&thread, &QThread::finished, service, &QObject::deleteLater);
    thread.start();
    auto stop = qScopeGuard([&thread] {
        thread.quit();
        thread.wait();
    });
    ui::MainWindow window(*service, settings);
    window.show();
    QMetaObject::invokeMethod(service, &chat::ChatService::start, Qt::QueuedConnection);

    // First run: no session, so the sign-in dialog; a wrong server address is caught here.
    ui::SignInDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = window.findChild<ui::SignInDialog*>()) && dialog->isVisible(), kWaitMs);
    QLineEdit* serverField = field(dialog, QStringLiteral("Server address"));
    QVERIFY(serverField);
    serverField->setText(QStringLiteral("http://nowhere"));
    field(dialog, QStringLiteral("Username"))->setText(QStringLiteral("alice"));
    field(dialog, QStringLiteral("Password"))->setText(QStringLiteral("alice password 1"));
    dialog->findChild<QCheckBox*>()->setChecked(true);
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    ok->click();
    QVERIFY(dialog->isVisible());
    serverField->setText(url.toString());
    ok->click();
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<ui::SignInDialog*>() == nullptr ||
                                 !window.findChild<ui::SignInDialog*>()->isVisible(),
                             kWaitMs);
    QCOMPARE(settings.lastServer(), url);

    // Joined by invite (as the Join a team menu does): the sidebar fills and general opens.
    QMetaObject::invokeMethod(
        service, [service, code] { service->joinTeam(code); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(window.rooms().rowCount() >= 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.currentRoom() != 0, kWaitMs);
    const auto general = window.rooms().room(window.currentRoom());
    QVERIFY(general);
    QCOMPARE(general->name, QStringLiteral("general"));

    // Bob writes; the message appears decrypted in the timeline.
    cli(url, bobDir.path(),
        {QStringLiteral("send"), QStringLiteral("acme/general"), QStringLiteral("hi @alice")});
    QTRY_VERIFY_WITH_TIMEOUT(rowWithText(window.timeline(), QStringLiteral("hi @alice")) >= 0,
                             kWaitMs);
    const QModelIndex bobsRow =
        window.timeline().index(rowWithText(window.timeline(), QStringLiteral("hi @alice")));
    QVERIFY(bobsRow.data(TimelineModel::MentionsMeRole).toBool());
    QCOMPARE(bobsRow.data(TimelineModel::SenderNameRole).toString(), QStringLiteral("bob"));

    // Alice answers from the composer: Enter sends, the row goes from sending to stored, and
    // Bob reads it.
    auto* composer = window.findChild<ui::Composer*>(QStringLiteral("composer"));
    QVERIFY(composer);
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("hello bob"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("second line"));
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(composer->toPlainText().isEmpty());
    const QString sent = QStringLiteral("hello bob\nsecond line");
    QVERIFY(rowWithText(window.timeline(), sent) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.timeline()
                                  .index(rowWithText(window.timeline(), sent))
                                  .data(TimelineModel::DeliveryRole)
                                  .toInt(),
                              int(ChatMessage::Delivery::Stored), kWaitMs);
    const QByteArray history =
        cli(url, bobDir.path(), {QStringLiteral("history"), QStringLiteral("acme/general")});
    QVERIFY2(history.contains("hello bob\nsecond line"), history.constData());

    // Up in the empty composer edits my last message.
    QTest::keyClick(composer, Qt::Key_Up);
    QCOMPARE(composer->toPlainText(), sent);
    QCOMPARE(composer->editingSeq(), window.timeline()
                                         .index(rowWithText(window.timeline(), sent))
                                         .data(TimelineModel::SeqRole)
                                         .toULongLong());
    composer->selectAll();
    QTest::keyClicks(composer, QStringLiteral("hello bob (edited)"));
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(
        rowWithText(window.timeline(), QStringLiteral("hello bob (edited)")) >= 0, kWaitMs);
    QVERIFY(window.timeline()
                .index(rowWithText(window.timeline(), QStringLiteral("hello bob (edited)")))
                .data(TimelineModel::EditedRole)
                .toBool());

    // Threads: Bob replies to his message; the panel shows root and reply, and mine goes
    // into the thread (Bob's history has it as a reply to that root).
    const quint64 bobsSeq = bobsRow.data(TimelineModel::SeqRole).toULongLong();
    cli(url, bobDir.path(),
        {QStringLiteral("reply"), QStringLiteral("acme/general"), QString::number(bobsSeq),
         QStringLiteral("in the thread")});
    QTRY_COMPARE_WITH_TIMEOUT(window.timeline()
                                  .index(window.timeline().rowOfSeq(bobsSeq))
                                  .data(TimelineModel::ReplyCountRole)
                                  .toULongLong(),
                              quint64(1), kWaitMs);
    QCOMPARE(rowWithText(window.timeline(), QStringLiteral("in the thread")), -1);
    QMetaObject::invokeMethod(&window, [&window, bobsSeq] { window.openThreadOf(bobsSeq); });
    QTRY_COMPARE_WITH_TIMEOUT(window.threadPanel().model().rowCount(), 2, kWaitMs);
    QVERIFY(window.threadPanel().isVisible());
    QCOMPARE(rowWithText(window.threadPanel().model(), QStringLiteral("in the thread")), 1);
    ui::Composer& reply = window.threadPanel().composer();
    QTest::keyClicks(&reply, QStringLiteral("my reply"));
    QTest::keyClick(&reply, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(
        window.threadPanel()
            .model()
            .index(rowWithText(window.threadPanel().model(), QStringLiteral("my reply")))
            .data(TimelineModel::DeliveryRole)
            .toInt(),
        int(ChatMessage::Delivery::Stored), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(window.timeline()
                                  .index(window.timeline().rowOfSeq(bobsSeq))
                                  .data(TimelineModel::ReplyCountRole)
                                  .toULongLong(),
                              quint64(2), kWaitMs);
    const QByteArray bobsHistory =
        cli(url, bobDir.path(),
            {QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("acme/general")});
    bool replyFound = false;
    for (const QJsonValue& event :
         QJsonDocument::fromJson(bobsHistory).object().value(QStringLiteral("events")).toArray()) {
        const QJsonObject object = event.toObject();
        if (object.value(QStringLiteral("text")).toString() == QLatin1String("my reply") &&
            quint64(object.value(QStringLiteral("thread_root")).toDouble()) == bobsSeq)
            replyFound = true;
    }
    QVERIFY2(replyFound, bobsHistory.constData());

    // A message in another room raises its unread count in the sidebar.
    cli(url, bobDir.path(),
        {QStringLiteral("channel"), QStringLiteral("add"), QStringLiteral("acme/random"),
         QStringLiteral("alice")});
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < window.rooms().rowCount(); ++row) {
                if (window.rooms().index(row).data(Qt::DisplayRole).toString() ==
                    QLatin1String("random"))
                    return true;
            }
            return false;
        }(),
        kWaitMs);
    cli(url, bobDir.path(),
        {QStringLiteral("send"), QStringLiteral("acme/random"), QStringLiteral("over here")});
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < window.rooms().rowCount(); ++row) {
                const QModelIndex index = window.rooms().index(row);
                if (index.data(Qt::DisplayRole).toString() == QLatin1String("random"))
                    return index.data(chat::RoomListModel::UnreadRole).toULongLong() == 1;
            }
            return false;
        }(),
        kWaitMs);
    // The title counts unread messages over every room (general is unread too while the
    // window is not active).
    QVERIFY2(
        window.windowTitle().startsWith(QStringLiteral("(%1) ").arg(window.rooms().totalUnread())),
        qPrintable(window.windowTitle()));
    QVERIFY(window.rooms().totalUnread() >= 1);

    // Search over what this device read: Ctrl+F, words as prefixes; a result opens its room
    // with the message in view.
    auto* search = window.findChild<QLineEdit*>(QStringLiteral("search"));
    QVERIFY(search);
    search->setText(QStringLiteral("hell bo"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(window.lastSearchResults() != nullptr, kWaitMs);
    QListWidget* results = window.lastSearchResults();
    QCOMPARE(results->count(), 1);
    QVERIFY(results->item(0)->text().contains(QLatin1String("hello bob (edited)")));
    Q_EMIT results->itemActivated(results->item(0));
    QTRY_COMPARE_WITH_TIMEOUT(window.currentRoom(), general->roomId, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QListView*>(QStringLiteral("timeline"))
                                     ->currentIndex()
                                     .data(TimelineModel::TextRole)
                                     .toString() == QLatin1String("hello bob (edited)"),
                             kWaitMs);

    // Settings: this device is listed and can be renamed; Bob's safety number is the one
    // moim-cli shows him, and marking him verified sticks.
    ui::SettingsDialog settingsDialog(*service, settings, profileOf(window),
                                      {{bobId(window), QStringLiteral("bob")}}, 0, {});
    auto* devices = settingsDialog.findChild<QTreeWidget*>();
    QVERIFY(devices);
    QTRY_COMPARE_WITH_TIMEOUT(devices->topLevelItemCount(), 1, kWaitMs);
    QVERIFY(devices->topLevelItem(0)->text(0).startsWith(QLatin1String("desktop")));
    QMetaObject::invokeMethod(
        service,
        [service, id = devices->topLevelItem(0)->data(0, Qt::UserRole + 1).toULongLong()] {
            service->renameDevice(id, QStringLiteral("work laptop"));
        },
        Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(
        devices->topLevelItemCount() == 1 &&
            devices->topLevelItem(0)->text(0).startsWith(QLatin1String("work laptop")),
        kWaitMs);
    QLabel* number = nullptr;
    for (QLabel* label : settingsDialog.findChildren<QLabel*>()) {
        if (label->accessibleName() == QLatin1String("Safety number"))
            number = label;
    }
    QVERIFY(number);
    QTRY_VERIFY2_WITH_TIMEOUT(number->text().count(QLatin1Char(' ')) >= 5,
                              qPrintable(QStringLiteral("bob is user %1, the number reads '%2'")
                                             .arg(bobId(window))
                                             .arg(number->text())),
                              kWaitMs);
    const QByteArray bobsView =
        cli(url, bobDir.path(),
            {QStringLiteral("--json"), QStringLiteral("verify"), QStringLiteral("alice")});
    QCOMPARE(QJsonDocument::fromJson(bobsView)
                 .object()
                 .value(QStringLiteral("safety_number"))
                 .toString(),
             number->text());
    QPushButton* verify = nullptr;
    for (QPushButton* button : settingsDialog.findChildren<QPushButton*>()) {
        if (button->text().contains(QLatin1String("verified")))
            verify = button;
    }
    QVERIFY(verify && verify->isEnabled());
    verify->click();
    QTRY_VERIFY_WITH_TIMEOUT(!verify->isEnabled(), kWaitMs);

    // Pinned messages: the panel lists what is pinned, follows a pin made elsewhere while it
    // is open, and Enter on one shows it in the timeline.
    QMetaObject::invokeMethod(
        service,
        [service, room = general->roomId, bobsSeq] { service->pinMessage(room, bobsSeq, true); },
        Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(window.timeline()
                                 .index(window.timeline().rowOfSeq(bobsSeq))
                                 .data(TimelineModel::PinnedRole)
                                 .toBool(),
                             kWaitMs);
    window.showPins();
    ui::PinsPanel& pins = window.pinsPanel();
    QVERIFY(pins.isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(pins.model().rowCount(), 1, kWaitMs);
    QCOMPARE(pins.model().index(0).data(TimelineModel::TextRole).toString(),
             QStringLiteral("hi @alice"));
    const quint64 editedSeq =
        window.timeline()
            .index(rowWithText(window.timeline(), QStringLiteral("hello bob (edited)")))
            .data(TimelineModel::SeqRole)
            .toULongLong();
    cli(url, bobDir.path(),
        {QStringLiteral("pin"), QStringLiteral("acme/general"), QString::number(editedSeq)});
    QTRY_COMPARE_WITH_TIMEOUT(pins.model().rowCount(), 2, kWaitMs);
    auto* pinList = pins.findChild<QListView*>(QStringLiteral("pinList"));
    QVERIFY(pinList);
    pinList->setCurrentIndex(pins.model().index(0));
    QTest::keyClick(pinList, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(window.findChild<QListView*>(QStringLiteral("timeline"))
                                  ->currentIndex()
                                  .data(TimelineModel::SeqRole)
                                  .toULongLong(),
                              bobsSeq, kWaitMs);

    // Invite people (Moim menu): the link the app shows lets a new person join with moim-cli.
    QAction* invitePeople = nullptr;
    for (QAction* action : window.findChildren<QAction*>()) {
        if (action->text() == QStringLiteral("&Invite people…"))
            invitePeople = action;
    }
    QVERIFY(invitePeople);
    QVERIFY(!invitePeople->isEnabled()); // a member may not invite
    cli(url, bobDir.path(),
        {QStringLiteral("team"), QStringLiteral("role"), QStringLiteral("acme"),
         QStringLiteral("alice"), QStringLiteral("admin")});
    QMetaObject::invokeMethod(service, &chat::ChatService::reloadRooms, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(invitePeople->isEnabled(), kWaitMs);
    invitePeople->trigger();
    QMessageBox* inviteBox = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((inviteBox = window.findChild<QMessageBox*>()) != nullptr &&
                                 inviteBox->isVisible(),
                             kWaitMs);
    const QRegularExpressionMatch link =
        QRegularExpression(QStringLiteral("moim://\\S+/join/\\S+")).match(inviteBox->text());
    QVERIFY2(link.hasMatch(), qPrintable(inviteBox->text()));
    inviteBox->close();
    QTemporaryDir carolDir;
    cli(url, carolDir.path(), {QStringLiteral("signup"), QStringLiteral("carol")});
    QVERIFY(
        cli(url, carolDir.path(), {QStringLiteral("team"), QStringLiteral("join"), link.captured()})
            .contains("joined team acme"));

    // Members of general: Alice (now an admin), Bob the team's owner, Carol who just joined.
    // The filter narrows the list and Enter opens the person's card, which knows Bob is
    // verified now.
    const quint64 bob = bobId(window);
    window.showMembers();
    ui::MembersPanel& members = window.membersPanel();
    QVERIFY(members.isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(members.shown().rowCount(), 3, kWaitMs); // and Carol
    const QString bobsEntry = members.shown().index(1, 0).data().toString();
    QVERIFY2(bobsEntry.contains(QLatin1String("@bob")) &&
                 bobsEntry.contains(QLatin1String("owner")),
             qPrintable(bobsEntry));
    QTest::keyClicks(&members.filter(), QStringLiteral("BO"));
    QCOMPARE(members.shown().rowCount(), 1);
    QTest::keyClick(&members.filter(), Qt::Key_Return);
    QPointer<ui::ProfileCard> card;
    QTRY_VERIFY_WITH_TIMEOUT((card = window.findChild<ui::ProfileCard*>()) && card->isVisible(),
                             kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(card->verification().text(), QStringLiteral("Verified."), kWaitMs);

    // A favourite: our conversation, opened from the card, is listed above the channels.
    card->favourite().click();
    QTRY_COMPARE_WITH_TIMEOUT(card->status().text(), QStringLiteral("Saved."), kWaitMs);
    card->messageButton().click();
    QTRY_VERIFY_WITH_TIMEOUT(window.currentRoom() != general->roomId, kWaitMs);
    const quint64 direct = window.currentRoom();
    QCOMPARE(window.rooms().room(direct)->kind, protocol::RoomKind::Direct);
    QTRY_COMPARE_WITH_TIMEOUT(window.rooms().rowOf(direct), 0, kWaitMs);
    QCOMPARE(window.rooms().index(0).data(chat::RoomListModel::SectionRole).toInt(),
             int(chat::RoomListModel::Section::Favourites));

    // Hidden: the conversation leaves the sidebar, and comes back when Bob writes in it.
    QTRY_VERIFY_WITH_TIMEOUT(card.isNull(), kWaitMs); // closed by "Send a message"
    card = window.showProfile(bob);
    QVERIFY(card && card->favourite().isChecked());
    card->favourite().click();
    QTRY_COMPARE_WITH_TIMEOUT(card->status().text(), QStringLiteral("Saved."), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.rooms().rowOf(direct) > 0, kWaitMs);
    card->hidden().click();
    QTRY_VERIFY_WITH_TIMEOUT(!window.rooms().contains(direct), kWaitMs);
    QVERIFY(window.rooms().isHidden(bob));
    card->close();
    cli(url, bobDir.path(),
        {QStringLiteral("dm"), QStringLiteral("alice"), QStringLiteral("are you there?")});
    QTRY_VERIFY_WITH_TIMEOUT(window.rooms().contains(direct), kWaitMs);

    // Display names: mine, saved in the settings (refused when blank), reaches Bob; his,
    // changed with moim-cli, reaches my window.
    auto* nameField = settingsDialog.findChild<QLineEdit*>(QStringLiteral("displayName"));
    QVERIFY(nameField);
    nameField->setText(QStringLiteral("   "));
    QTest::keyClick(nameField, Qt::Key_Return);
    QCOMPARE(window.profile().displayName, QStringLiteral("alice"));
    nameField->setText(QStringLiteral("앨리스 Alice"));
    QTest::keyClick(nameField, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(window.profile().displayName, QStringLiteral("앨리스 Alice"),
                              kWaitMs);
    const QByteArray listed = cli(url, bobDir.path(),
                                  {QStringLiteral("--json"), QStringLiteral("channel"),
                                   QStringLiteral("members"), QStringLiteral("acme/general")});
    QVERIFY2(QString::fromUtf8(listed).contains(QStringLiteral("앨리스 Alice")),
             listed.constData());
    cli(url, bobDir.path(), {QStringLiteral("display-name"), QStringLiteral("Bob Builder")});
    QTRY_COMPARE_WITH_TIMEOUT(window.names().value(bob), QStringLiteral("Bob Builder"), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(window.rooms().index(window.rooms().rowOf(direct)).data().toString(),
                              QStringLiteral("Bob Builder"), kWaitMs);

    // Notifications: a direct message to a room not in view notifies, its Markdown rendered
    // to plain text; one to the room in view does not; a room set to notify of nothing does
    // not; clicking a notification opens its room.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openRoom(general->roomId);
    QList<std::tuple<quint64, QString, QString>> notified;
    connect(&window.notifier(), &ui::DesktopNotifier::shown, this,
            [&notified](quint64 roomId, const QString& title, const QString& text) {
                notified.append({roomId, title, text});
            });
    cli(url, bobDir.path(),
        {QStringLiteral("dm"), QStringLiteral("alice"), QStringLiteral("lunch **at noon**?")});
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, kWaitMs);
    QCOMPARE(std::get<0>(notified.first()), direct);
    QCOMPARE(std::get<1>(notified.first()), QStringLiteral("Bob Builder"));
    QCOMPARE(std::get<2>(notified.first()), QStringLiteral("lunch at noon?"));
    QVERIFY2(window.notifier().toolTip().contains(QLatin1String("unread")),
             qPrintable(window.notifier().toolTip()));
    window.notifier().activate(direct);
    QCOMPARE(window.currentRoom(), direct);
    const auto arrived = [&window, direct](const QString& text) {
        return rowWithText(window.timeline(), text) >= 0 && window.currentRoom() == direct;
    };
    cli(url, bobDir.path(),
        {QStringLiteral("dm"), QStringLiteral("alice"), QStringLiteral("seen in view")});
    QTRY_VERIFY_WITH_TIMEOUT(arrived(QStringLiteral("seen in view")), kWaitMs);
    window.openRoom(general->roomId);
    bool levelSet = false;
    connect(service, &chat::ChatService::operationFinished, this,
            [&levelSet](const QString& operation, bool succeeded) {
                if (operation == QLatin1String("notify_level") && succeeded)
                    levelSet = true;
            });
    QMetaObject::invokeMethod(
        service,
        [service, direct] { service->setNotifyLevel(direct, protocol::NotifyLevel::None); },
        Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(levelSet, kWaitMs);
    const quint64 unreadBefore = window.rooms().room(direct)->unread;
    cli(url, bobDir.path(),
        {QStringLiteral("dm"), QStringLiteral("alice"), QStringLiteral("muted now")});
    QTRY_VERIFY_WITH_TIMEOUT(window.rooms().room(direct)->unread > unreadBefore, kWaitMs);
    QTest::qWait(300); // an alert would be decrypted and shown by now
    QCOMPARE(notified.size(), 1);

    // The keyboard: F6 walks the sidebar, the messages, the composer and the open panel
    // (the members, still open); the menu key opens the message menu of the current message;
    // Escape closes a side panel and hands the focus back to the composer.
    QVERIFY(members.isVisible());
    composer->setFocus();
    QTest::keyClick(composer, Qt::Key_F6);
    QCOMPARE(QApplication::focusWidget(), &members.filter());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QCOMPARE(QApplication::focusWidget(), window.findChild<QListView*>(QStringLiteral("roomList")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QListView* timelineView = window.findChild<QListView*>(QStringLiteral("timeline"));
    QCOMPARE(QApplication::focusWidget(), timelineView);
    QTest::keyClick(timelineView, Qt::Key_F6, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), window.findChild<QListView*>(QStringLiteral("roomList")));
    timelineView->setFocus();
    QStringList menuItems;
    QTimer::singleShot(200, this, [&menuItems] {
        if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
            for (QAction* action : menu->actions())
                menuItems.append(action->text());
            menu->close();
        }
    });
    QTest::keyClick(timelineView, Qt::Key_Menu);
    QTRY_VERIFY_WITH_TIMEOUT(!menuItems.isEmpty(), kWaitMs);
    QVERIFY2(menuItems.contains(QStringLiteral("Reply in &thread")),
             qPrintable(menuItems.join(QLatin1Char('|'))));
    QVERIFY(timelineView->currentIndex().isValid());
    window.showMembers();
    QVERIFY(members.isVisible());
    QCOMPARE(QApplication::focusWidget(), &members.filter());
    QTest::keyClick(&members.filter(), Qt::Key_Escape);
    QVERIFY(!members.isVisible());
    QCOMPARE(QApplication::focusWidget(), composer);

    // A history longer than the timeline's window (120 rows here, 1,000 in the app): going up,
    // older pages come in above and the newest rows leave; going down, they page in again
    // and the oldest leave. Through all of it the row at the top of the view stays where the
    // reader saw it.
    quint64 random = 0;
    for (int row = 0; row < window.rooms().rowCount(); ++row) {
        if (window.rooms().index(row).data(Qt::DisplayRole).toString() == QLatin1String("random"))
            random = window.rooms().index(row).data(chat::RoomListModel::RoomIdRole).toULongLong();
    }
    QVERIFY(random);
    window.openRoom(random);
    constexpr int kLines = 250;
    for (int line = 0; line < kLines; ++line) {
        composer->setPlainText(QStringLiteral("line %1").arg(line));
        QTest::keyClick(composer, Qt::Key_Return);
    }
    const QString lastLine = QStringLiteral("line %1").arg(kLines - 1);
    QTRY_VERIFY_WITH_TIMEOUT(rowWithText(window.timeline(), lastLine) >= 0 &&
                                 window.timeline()
                                         .index(rowWithText(window.timeline(), lastLine))
                                         .data(TimelineModel::DeliveryRole)
                                         .toInt() == int(ChatMessage::Delivery::Stored),
                             kWaitMs);
    constexpr int kWindowRows = 120;
    window.setTimelineRowLimit(kWindowRows);
    window.openRoom(general->roomId);
    window.openRoom(random);
    QTRY_VERIFY_WITH_TIMEOUT(window.timeline().rowCount() >= 50 &&
                                 rowWithText(window.timeline(), lastLine) >= 0,
                             kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(timelineView->verticalScrollBar()->value() > 0, kWaitMs);
    QScrollBar* bar = timelineView->verticalScrollBar();
    // The row at the top of the view and where it is, to compare once the rows settle.
    const auto topRow = [timelineView] {
        const QModelIndex top = timelineView->indexAt(QPoint(4, 2));
        return std::pair{top.data(TimelineModel::SeqRole).toULongLong(),
                         timelineView->visualRect(top).top()};
    };
    QVERIFY(topRow().first != 0);
    const auto stillAt = [&window, timelineView](std::pair<quint64, int> anchor) {
        const int row = window.timeline().rowOfSeq(anchor.first);
        return row >= 0 && std::abs(timelineView->visualRect(window.timeline().index(row)).top() -
                                    anchor.second) <= 1;
    };
    const auto whereIs = [&window, timelineView, bar](std::pair<quint64, int> anchor) {
        const int row = window.timeline().rowOfSeq(anchor.first);
        return QStringLiteral("seq %1 was at %2, is at %3 (row %4 of %5, scrolled %6 of %7)")
            .arg(anchor.first)
            .arg(anchor.second)
            .arg(row < 0 ? -1 : timelineView->visualRect(window.timeline().index(row)).top())
            .arg(row)
            .arg(window.timeline().rowCount())
            .arg(bar->value())
            .arg(bar->maximum());
    };
    int pagesUp = 0;
    while (window.timeline().hasMoreBefore() && pagesUp < 10) {
        const quint64 oldest = window.timeline().oldestSeq();
        bar->setValue(0);
        const auto anchor = topRow();
        QTRY_VERIFY_WITH_TIMEOUT(window.timeline().oldestSeq() < oldest, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(stillAt(anchor), qPrintable(whereIs(anchor)), kWaitMs);
        QVERIFY(bar->value() > 0);
        QVERIFY(window.timeline().rowCount() <= kWindowRows);
        ++pagesUp;
    }
    QVERIFY(pagesUp >= 4);
    QVERIFY(!window.timeline().hasMoreBefore());
    QVERIFY(window.timeline().hasMoreAfter());
    QCOMPARE(rowWithText(window.timeline(), lastLine), -1);
    int pagesDown = 0;
    while (window.timeline().hasMoreAfter() && pagesDown < 10) {
        const quint64 newest = window.timeline().newestSeq();
        bar->setValue(bar->maximum());
        const auto anchor = topRow();
        QTRY_VERIFY_WITH_TIMEOUT(window.timeline().newestSeq() > newest, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(stillAt(anchor), qPrintable(whereIs(anchor)), kWaitMs);
        QVERIFY(window.timeline().rowCount() <= kWindowRows);
        ++pagesDown;
    }
    QVERIFY(pagesDown >= 2);
    QVERIFY(rowWithText(window.timeline(), lastLine) >= 0);
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
