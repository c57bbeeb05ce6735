#pragma once

#include "ui/AppSettings.h"

#include <QHash>
#include <QListWidget>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <chat/ChatService.h>
#include <chat/RoomListModel.h>
#include <chat/TimelineModel.h>

class QAction;
class QComboBox;
class QLineEdit;
class QLabel;
class QListView;
class QToolButton;

namespace moim::ui {

class ApprovalDialog;
class DesktopNotifier;
class Composer;
class MembersPanel;
class PinsPanel;
class MessageDelegate;
class ProfileCard;
class SignInDialog;
class ThreadPanel;

// The window people live in: team switcher, sidebar of rooms, the timeline of the room in
// view and the composer. It shows what the chat service reports and asks it to act; it holds
// no protocol or crypto code.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(chat::ChatService& service, AppSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    chat::RoomListModel& rooms() { return m_rooms; }
    chat::TimelineModel& timeline() { return m_timeline; }
    QListView& timelineView() { return *m_timelineView; }
    ThreadPanel& threadPanel() { return *m_thread; }
    void openThreadOf(quint64 rootSeq) { openThread(rootSeq); }
    MembersPanel& membersPanel() { return *m_members; }
    void showMembers();
    PinsPanel& pinsPanel() { return *m_pins; }
    DesktopNotifier& notifier() { return *m_notifier; }
    void showPins();
    // Opens a person's card (not modal); the card is returned for tests.
    ProfileCard* showProfile(quint64 userId);
    // Shows the room with that message in view (a search result).
    void jumpTo(quint64 roomId, quint64 seq);
    QListWidget* lastSearchResults() const { return m_lastSearchResults; }
    quint64 currentRoom() const { return m_currentRoom; }
    const chat::SessionProfile& profile() const { return m_profile; }
    const QHash<quint64, QString>& names() const { return m_names; }
    void openRoom(quint64 roomId);
    void applyTheme(AppSettings::Theme theme);
    // Rows the timeline keeps; small values let tests page through the window quickly.
    void setTimelineRowLimit(int rows) { m_timelineRows = rows; }
    // For the documentation and the end-to-end test: once a room shows its messages (or
    // after timeoutMs), saves the window as an image and calls done(saved).
    void grabWhenSettled(const QString& path, int timeoutMs, std::function<void(bool)> done);

Q_SIGNALS:
    // The first room's messages are on screen (from the cache or the server): the app is
    // usable. For the start-up benchmark.
    void firstRoomShown();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    template <typename F> void callService(F&& call);
    void buildUi();
    void buildMenus();
    void connectService();
    void showSignIn(const QUrl& server, const QString& problem);
    void onSignedIn(const chat::SessionProfile& profile);
    void onConnectionState(chat::ChatService::ConnectionState state, const QString& detail);
    void onTeamsChanged(const QList<protocol::TeamInfo>& teams);
    void selectTeam(int index);
    void openInitialRoom();
    void onHistory(quint64 roomId, const QList<chat::DecryptedEvent>& events, bool hasMore,
                   bool newest);
    void onEvents(quint64 roomId, const QList<chat::DecryptedEvent>& events, bool live);
    void onAlert(quint64 roomId, quint64 seq, quint64 senderUserId, const QString& text,
                 bool mention);
    chat::ChatMessage pendingMessage(quint64 roomId) const;
    void sendText(const QString& text);
    void sendFiles(const QStringList& paths);
    void sendPastedImage(const QImage& image);
    void editLast();
    void markReadIfVisible();
    void followReadMarker();
    void maybeLoadOlder();
    void maybeLoadNewer();
    void showNewestForWriting();
    // The thread, members and pinned panels share the right side: one at a time.
    void showOnlySidePanel(QWidget* panel);
    // Keeps the row at the top of the view where it is while rows come and go around it.
    void holdScrollPosition();
    void showTimelineMenu(const QPoint& pos);
    void showMessageMenuOfCurrent();
    // pos: in the timeline's viewport.
    void showMessageMenu(const QModelIndex& index, const QPoint& pos);
    void cycleFocus(int step);
    void showEmojiMenu(const QPoint& globalPos, const std::function<void(const QString&)>& chosen);
    void toggleReaction(const QModelIndex& index, const QString& emoji, bool mine);
    void saveFile(const QModelIndex& index);
    void openThread(quint64 rootSeq);
    void showRoomAnywhere(quint64 roomId);
    void showSearchResults(const QString& query, const QList<chat::SearchHit>& hits);
    void sendReply(const QString& text);
    void openQuickSwitcher();
    void showApproval();
    void linkDevice();
    void openSettings();
    void signOut();
    void setTextSize(int pointSize);
    void setRecovery();
    void updateTyping();
    void updateTray();
    void updateTitle();
    bool atBottom() const;
    void scrollToBottomSoon();

    chat::ChatService& m_service;
    AppSettings& m_settings;
    chat::SessionProfile m_profile;
    chat::RoomListModel m_rooms;
    chat::TimelineModel m_timeline;
    QList<protocol::TeamInfo> m_teams;
    QHash<quint64, QList<protocol::RoomInfo>> m_channelsByTeam;
    QHash<quint64, QString> m_names;
    QHash<quint64, QString> m_usernames;
    QHash<quint64, protocol::PresenceStatus> m_presence;
    QHash<quint64, QString> m_drafts;
    QHash<QByteArray, quint64> m_replyRoots; // my replies on their way, by client id
    quint64 m_currentTeam = 0;
    quint64 m_currentRoom = 0;
    bool m_loadingOlder = false;
    bool m_loadingNewer = false;
    bool m_holdingPosition = false;
    bool m_adjustingScroll = false; // holdScrollPosition moving the view, not the reader
    bool m_roomPositioned = false;  // the room in view was opened at its unread line or end
    // A few screens' worth many times over: scrolling through a long history pages in and
    // drops beyond this, so that memory stays flat.
    int m_timelineRows = 1000;

    QComboBox* m_teamSwitcher = nullptr;
    QLineEdit* m_search = nullptr;
    QPointer<QListWidget> m_lastSearchResults;
    quint64 m_jumpTo = 0;
    bool m_firstRoomShown = false;
    QLabel* m_banner = nullptr;
    QListView* m_roomList = nullptr;
    QLabel* m_roomHeader = nullptr;
    QListView* m_timelineView = nullptr;
    MessageDelegate* m_delegate = nullptr;
    QLabel* m_typing = nullptr;
    Composer* m_composer = nullptr;
    QLabel* m_editingHint = nullptr;
    ThreadPanel* m_thread = nullptr;
    MembersPanel* m_members = nullptr;
    PinsPanel* m_pins = nullptr;
    QPointer<ProfileCard> m_profileCard;
    QAction* m_inviteAction = nullptr;
    DesktopNotifier* m_notifier = nullptr;
    QPointer<SignInDialog> m_signIn;
    QPointer<ApprovalDialog> m_approval;
    QHash<quint64, qint64> m_typingUntil;
    QTimer m_typingTimer;
    QTimer m_relayout;
};

} // namespace moim::ui
