#pragma once

#include "chat/ChatMessage.h"
#include "chat/DecryptedEvent.h"
#include "chat/HistoryCache.h"
#include "chat/ReconnectBackoff.h"
#include "chat/SessionProfile.h"

#include <QCache>
#include <QCborMap>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <e2ee/DeviceCrypto.h>
#include <functional>
#include <memory>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/Frame.h>
#include <protocol/RoomMessages.h>
#include <protocol/SocialMessages.h>
#include <protocol/TeamMessages.h>

namespace moim::client {
class Connection;
class ProfileStore;
} // namespace moim::client

namespace moim::chat {

// Everything the desktop app does with the server, on a thread of its own: the connection,
// sign-in, end-to-end encryption, history, sending (with an outbox that survives being
// offline), reconnection. The window talks to it only through queued slots and signals
// carrying values, so that nothing here ever waits on the UI and the UI never waits on the
// network. Work runs one job at a time: the encryption session answers requests by waiting
// for the server, and a job must not start inside another one's wait.
class ChatService : public QObject {
    Q_OBJECT
public:
    enum class ConnectionState { SignedOut, Connecting, Online, Offline };
    Q_ENUM(ConnectionState)

    struct Options {
        QString profileDirectory;
        e2ee::KeyProtectionChoice keyProtection;
        QString deviceName;
    };

    explicit ChatService(Options options, QObject* parent = nullptr);
    ~ChatService() override;

    static void registerTypes();
    static constexpr int kThreadRepliesShown = 2000;

public Q_SLOTS:
    // Resumes the stored session, or asks for a sign-in.
    void start();
    void signIn(const QUrl& server, const QString& username, const QString& password,
                bool createAccount, const QString& displayName);
    void signOut();
    // Protects this device's keys with a passphrase (no keychain, or a profile made so).
    void useKeyPassphrase(const QString& passphrase);

    void reloadRooms();
    void openRoom(quint64 roomId);
    void loadOlder(quint64 roomId, quint64 beforeSeq);
    // The page after afterSeq (newerLoaded), for a timeline that dropped its newest rows.
    void loadNewer(quint64 roomId, quint64 afterSeq);
    // The room's newest page again (historyLoaded, newest).
    void showNewest(quint64 roomId);
    // Pages back from beforeSeq until targetSeq is loaded (a search result to show).
    void loadOlderUntil(quint64 roomId, quint64 beforeSeq, quint64 targetSeq);
    // Searches the history this device has read (the local cache), offline too.
    void search(const QString& query);
    // The thread's root and every reply (up to kThreadRepliesShown), then threadLoaded.
    void openThread(quint64 roomId, quint64 rootSeq);
    void sendMessage(quint64 roomId, const QByteArray& clientId, const QString& text,
                     quint64 threadRoot);
    void sendFile(quint64 roomId, const QByteArray& clientId, const QString& path);
    void editMessage(quint64 roomId, quint64 seq, const QString& text);
    void deleteMessage(quint64 roomId, quint64 seq);
    void react(quint64 roomId, quint64 seq, const QString& emoji, bool remove);
    void pinMessage(quint64 roomId, quint64 seq, bool pin);
    void markRead(quint64 roomId, quint64 seq);
    void sendTyping(quint64 roomId);
    void findMentionCandidates(quint64 roomId, const QString& prefix);
    void openDirect(const QList<quint64>& userIds);
    void createTeam(const QString& handle, const QString& name);
    // An invite code, or a link moim://HOST:PORT/join/CODE.
    void joinTeam(const QString& codeOrLink);
    void createInvite(quint64 teamId);
    void createChannel(quint64 teamId, const QString& name, bool isPrivate, const QString& topic);
    void downloadFile(quint64 roomId, quint64 seq, const QString& directory);
    void setRecoveryPassphrase(const QString& passphrase);
    void restoreWithRecoveryPassphrase(const QString& passphrase);
    void offerLink();
    void approveLink(const QString& code);
    // Settings.
    void listDevices();
    void renameDevice(quint64 deviceId, const QString& name);
    void revokeDevice(quint64 deviceId);
    void changePassword(const QString& oldPassword, const QString& newPassword, bool revokeOthers);
    void checkVerification(quint64 userId);
    void markVerified(quint64 userId, bool verified);
    void setNotifyLevel(quint64 roomId, moim::protocol::NotifyLevel level);
    void setDoNotDisturb(qint64 untilMs);
    void setDisplayName(const QString& name);
    // Every member (up to kMaxListedMembers), then their presence.
    void listRoomMembers(quint64 roomId);
    void listRelations();
    void listPins(quint64 roomId);
    void setRelation(const moim::protocol::SetRelation& change);

Q_SIGNALS:
    void connectionStateChanged(moim::chat::ChatService::ConnectionState state,
                                const QString& detail);
    void signInNeeded(const QUrl& lastServer, const QString& problem);
    void signInFailed(const QString& problem);
    void signedIn(const moim::chat::SessionProfile& profile);
    void signedOut();
    void keyPassphraseNeeded(bool wrongPassphrase);
    // This device is signed in but not approved: link it or use the recovery passphrase.
    void approvalNeeded();
    void approved();
    void teamsChanged(const QList<moim::protocol::TeamInfo>& teams);
    void namesChanged(const QHash<quint64, QString>& names);
    void channelsLoaded(quint64 teamId, const QList<moim::protocol::RoomInfo>& rooms);
    void directMessagesLoaded(const QList<moim::protocol::RoomInfo>& rooms);
    // A page of history (ascending). newest: the page ends at the room's newest event.
    void historyLoaded(quint64 roomId, const QList<moim::chat::DecryptedEvent>& events,
                       bool hasMoreBefore, bool newest);
    // Live events, and events read again because their key came.
    void eventsArrived(quint64 roomId, const QList<moim::chat::DecryptedEvent>& events, bool live);
    void searchFinished(const QString& query, const QList<moim::chat::SearchHit>& hits);
    void threadLoaded(quint64 roomId, quint64 rootSeq,
                      const QList<moim::chat::DecryptedEvent>& events, bool complete);
    void messageSent(const QByteArray& clientId, quint64 roomId, quint64 seq, qint64 createdMs);
    void messageFailed(const QByteArray& clientId, quint64 roomId, const QString& problem);
    // The room's messages still in the outbox (written here, not stored yet), oldest first:
    // when the room opens, so that they show after a restart or a visit to another room.
    void pendingListed(quint64 roomId, const QList<moim::chat::ChatMessage>& messages);
    void readMarkerMoved(quint64 roomId, quint64 seq);
    void presenceChanged(quint64 userId, moim::protocol::PresenceStatus status);
    void typingNoticed(quint64 roomId, quint64 userId);
    // A message that should alert: a mention or a direct message, levels applied by the server.
    void alert(quint64 roomId, quint64 seq, quint64 senderUserId, const QString& text,
               bool mention);
    void mentionCandidatesFound(quint64 roomId, const QString& prefix,
                                const QList<moim::protocol::MemberInfo>& members);
    void thumbnailReady(quint64 roomId, quint64 seq, const QByteArray& image);
    void fileSaved(quint64 roomId, quint64 seq, const QString& path);
    // A direct message or channel just opened or made here: the window shows it.
    void roomToShow(const moim::protocol::RoomInfo& room);
    void linkCodeReady(const QString& code, const QString& qrPayload);
    void devicesListed(const QList<moim::protocol::DeviceInfo>& devices);
    void verificationChecked(quint64 userId, const QString& safetyNumber, bool verified,
                             bool masterChanged);
    void operationFinished(const QString& operation, bool ok, const QString& detail);
    void profileChanged(const moim::chat::SessionProfile& profile);
    void roomMembersListed(quint64 roomId, const QList<moim::protocol::MemberInfo>& members,
                           bool complete);
    void relationsListed(const QList<moim::protocol::RelationInfo>& relations);
    void pinsListed(quint64 roomId, const QList<moim::chat::DecryptedEvent>& pins);
    void newerLoaded(quint64 roomId, const QList<moim::chat::DecryptedEvent>& events,
                     bool hasMoreAfter);
    void inviteCreated(quint64 teamId, const QString& code, const QString& link);
    void problem(const QString& text);

private:
    struct OutboxItem {
        protocol::Send send;
        client::MessageContent content;
        bool sealed = true;
        QString filePath; // an attachment still to upload
        QString text;     // for mentions
        qint64 writtenMs = 0;
    };

    void post(std::function<void()> job);
    void scheduleDrain();
    void drain();
    void handleFrame(const protocol::Frame& frame);
    void connectTo(const QUrl& server);
    void onReady();
    void onClosed(const QString& reason);
    void finishSignIn(const protocol::Session& session, bool fresh);
    bool openDeviceCrypto();
    void ensureConnection();
    // Before any network: this device's keys and the history cache, to show the last state.
    void openLocalState();
    bool openCache();
    void restoreFromCache();
    // The room's newest page from the server, as historyLoaded(newest).
    void loadNewestPage(quint64 roomId);
    // A history page, decrypted and kept in the cache; nothing (the failure reported) if not.
    struct Page {
        protocol::Events events;
        QList<DecryptedEvent> read;
    };
    std::optional<Page> fetchPage(const protocol::History& request);
    void keepOutboxItem(const OutboxItem& item);
    QList<ChatMessage> pendingMessages(quint64 roomId, quint64 threadRoot = 0) const;
    void keepRooms(const QString& name, const QList<protocol::RoomInfo>& rooms);
    void becomeOnline();
    void afterOnline();
    void loadTeamsAndNames();
    void loadRooms(quint64 teamId);
    void loadDirectMessages();
    void loadRelations();
    QList<DecryptedEvent> decrypt(const QList<protocol::RoomEvent>& events);
    DecryptedEvent decryptOne(const protocol::RoomEvent& event);
    void retryWaiting();
    // One page before beforeSeq: decrypted, kept and shown; nullopt offline or refused.
    std::optional<protocol::Events> showOlderPage(quint64 roomId, quint64 beforeSeq, quint64 limit);
    void noteDelivered(quint64 roomId, const QList<protocol::RoomEvent>& events);
    void fetchThumbnails(const QList<DecryptedEvent>& events);
    void enqueue(OutboxItem item);
    void sendNextFromOutbox();
    bool sendItem(OutboxItem& item, QString* problemText, bool* connectionLost, int* retryAfterMs);
    void setState(ConnectionState state, const QString& detail = {});
    bool online() const { return m_state == ConnectionState::Online && m_cryptoReady; }
    // Whether online; if not, the operation is reported failed (for what the user asked).
    bool onlineFor(const QString& operation);
    void reportFailure(const QString& operation, const protocol::ErrorReply& error);
    void reloadEverything();

    Options m_options;
    std::unique_ptr<client::ProfileStore> m_profile;
    std::unique_ptr<client::Connection> m_connection;
    std::unique_ptr<e2ee::DeviceCrypto> m_crypto;
    bool m_cryptoReady = false; // set up with the server (not only loaded)
    HistoryCache m_cache;
    // The room lists as last kept in the cache, so keeping one list does not read the rest.
    QCborMap m_keptState;
    SessionProfile m_session;
    QByteArray m_token;
    ConnectionState m_state = ConnectionState::SignedOut;
    bool m_approved = false;
    ReconnectBackoff m_backoff;
    QTimer m_reconnectTimer;
    QList<std::function<void()>> m_jobs;
    QList<protocol::Frame> m_frames;
    QList<OutboxItem> m_outbox;
    bool m_draining = false;
    int m_rateLimitStreak = 0; // refusals in a row for sending too fast
    bool m_drainScheduled = false;
    quint64 m_openRoom = 0;
    QList<protocol::TeamInfo> m_teams;
    QHash<quint64, QString> m_names;
    QHash<quint64, protocol::RoomInfo> m_rooms;
    // The newest seq handed to the window per room: where catching up after a reconnection
    // starts (the room lists say how far the server is, not how far the window got).
    QHash<quint64, quint64> m_deliveredSeq;
    // While the room in view catches up after a reconnection: what it got, live or paged.
    quint64 m_catchUpRoom = 0;
    QSet<quint64> m_catchUpSeen;
    // Events whose key has not come, by room: opened again when a share arrives.
    QHash<quint64, QList<protocol::RoomEvent>> m_waitingForKey;
    QSet<QPair<quint64, quint64>> m_pendingAlerts; // (room, seq) notified before decrypted
    QHash<QPair<quint64, quint64>, DecryptedEvent> m_recentLive;
    QCache<QPair<quint64, quint64>, QByteArray> m_thumbnails;
    qint64 m_lastBackupRestoreMs = 0;
    bool m_missedAlertsShown = false;
};

} // namespace moim::chat
