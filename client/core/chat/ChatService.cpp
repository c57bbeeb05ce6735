#include "chat/ChatService.h"

#include <QCborMap>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <client/Connection.h>
#include <client/InviteLink.h>
#include <client/Mentions.h>
#include <client/ProfileStore.h>
#include <crypto/LinkCode.h>
#include <crypto/Sodium.h>
#include <e2ee/AttachmentTransfer.h>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/KeyMessages.h>
#include <protocol/Limits.h>
#include <util/LogCategories.h>

namespace moim::chat {

using protocol::ErrorCode;
using protocol::EventKind;

namespace {

constexpr int kConnectTimeoutMs = 10'000;
constexpr int kPageSize = 50;
constexpr int kCatchUpPages = 20;
constexpr qint64 kBackupRetryMs = 60'000;
constexpr int kRecentLiveKept = 200;
constexpr int kMaxListedMembers = 20'000;
constexpr int kMaxPresenceAsked = 200;
constexpr quint64 kInviteLifetimeMs = 7ULL * 24 * 3600 * 1000;
constexpr quint64 kInviteUses = 50;
constexpr int kLinkPollMs = 1500;
constexpr qint64 kLinkLifetimeMs = 10 * 60 * 1000;
constexpr int kThumbnailCacheBytes = 32 * 1024 * 1024;
constexpr int kLongestRateWaitMs = 10'000;

// The server's hint, within reason whatever it says.
int boundedWaitMs(std::optional<quint64> hintMs)
{
    return int(std::clamp<quint64>(hintMs.value_or(1000), 1, kLongestRateWaitMs));
}

bool isKeyStoreChoiceError(std::optional<keystore::KeyStoreError> error)
{
    return error == keystore::KeyStoreError::KeychainUnavailable ||
           error == keystore::KeyStoreError::WrongPassphrase ||
           error == keystore::KeyStoreError::WrongProtection;
}

} // namespace

ChatService::ChatService(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_profile(std::make_unique<client::ProfileStore>(m_options.profileDirectory))
    , m_cache(QDir(m_options.profileDirectory).filePath(QStringLiteral("cache.db")))
    , m_reconnectTimer(this)
    , m_thumbnails(kThumbnailCacheBytes)
{
    registerTypes();
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_state == ConnectionState::Offline)
            connectTo(m_session.server);
    });
}

ChatService::~ChatService() = default;

void ChatService::registerTypes()
{
    qRegisterMetaType<moim::chat::ChatService::ConnectionState>();
    qRegisterMetaType<moim::chat::SessionProfile>();
    qRegisterMetaType<QList<moim::protocol::TeamInfo>>();
    qRegisterMetaType<QList<moim::protocol::RoomInfo>>();
    qRegisterMetaType<moim::protocol::RoomInfo>();
    qRegisterMetaType<QList<moim::chat::DecryptedEvent>>();
    qRegisterMetaType<QList<moim::chat::ChatMessage>>();
    qRegisterMetaType<QList<moim::protocol::MemberInfo>>();
    qRegisterMetaType<QHash<quint64, QString>>();
    qRegisterMetaType<moim::protocol::PresenceStatus>();
    qRegisterMetaType<QList<moim::protocol::DeviceInfo>>();
    qRegisterMetaType<moim::protocol::NotifyLevel>();
    qRegisterMetaType<QList<moim::chat::SearchHit>>();
    qRegisterMetaType<QList<moim::protocol::RelationInfo>>();
}

// ---- the job queue ------------------------------------------------------------------------

void ChatService::post(std::function<void()> job)
{
    m_jobs.append(std::move(job));
    scheduleDrain();
}

void ChatService::scheduleDrain()
{
    if (m_draining || m_drainScheduled)
        return;
    m_drainScheduled = true;
    QMetaObject::invokeMethod(this, &ChatService::drain, Qt::QueuedConnection);
}

void ChatService::drain()
{
    m_drainScheduled = false;
    // A job waiting on the server lets the event loop run: pushes and new jobs that come
    // meanwhile are queued here and run after it, in order.
    if (m_draining)
        return;
    m_draining = true;
    while (!m_frames.isEmpty() || !m_jobs.isEmpty()) {
        if (!m_frames.isEmpty()) {
            handleFrame(m_frames.takeFirst());
            continue;
        }
        m_jobs.takeFirst()();
    }
    m_draining = false;
}

// ---- connection and sign-in ---------------------------------------------------------------

void ChatService::start()
{
    QString error;
    const auto stored = m_profile->load(&error);
    if (!stored || !stored->isValid()) {
        setState(ConnectionState::SignedOut);
        Q_EMIT signInNeeded(stored ? stored->server : QUrl(), error);
        return;
    }
    m_session = {stored->server, stored->userId, stored->username, stored->displayName,
                 stored->deviceId};
    m_token = stored->token;
    openLocalState();
    connectTo(m_session.server);
}

void ChatService::openLocalState()
{
    ensureConnection();
    m_crypto = std::make_unique<e2ee::DeviceCrypto>(m_options.profileDirectory,
                                                    m_options.keyProtection, *m_connection);
    // Without the keys (a passphrase to ask for, a keychain to unlock) the cache waits: the
    // question comes once connected, as on any sign-in.
    if (!m_crypto->load(m_session.userId, m_session.deviceId)) {
        m_crypto.reset();
        return;
    }
    if (openCache())
        restoreFromCache();
}

bool ChatService::openCache()
{
    QString error;
    if (!m_cache.open(m_crypto->session().engine().localStorageKey(), &error)) {
        qCWarning(lcClient) << "history cache unavailable:" << error;
        return false;
    }
    m_keptState = QCborValue::fromCbor(m_cache.blob(QStringLiteral("state"))).toMap();
    return true;
}

void ChatService::restoreFromCache()
{
    QString error;
    const QCborMap& state = m_keptState;
    if (state.isEmpty())
        return;
    const auto teams =
        protocol::TeamList::fromCbor(state.value(QStringLiteral("teams")).toMap(), &error);
    if (!teams)
        return;
    m_teams = teams->teams;
    const QCborMap names = state.value(QStringLiteral("names")).toMap();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        m_names.insert(quint64(it.key().toInteger()), it.value().toString());
    Q_EMIT signedIn(m_session);
    Q_EMIT namesChanged(m_names);
    Q_EMIT teamsChanged(m_teams);
    const QCborMap rooms = state.value(QStringLiteral("rooms")).toMap();
    for (auto it = rooms.cbegin(); it != rooms.cend(); ++it) {
        const auto list = protocol::RoomList::fromCbor(it.value().toMap(), &error);
        if (!list)
            continue;
        for (const protocol::RoomInfo& room : list->rooms)
            m_rooms.insert(room.roomId, room);
        const QString key = it.key().toString();
        if (key == QLatin1String("dms"))
            Q_EMIT directMessagesLoaded(list->rooms);
        else
            Q_EMIT channelsLoaded(key.toULongLong(), list->rooms);
    }
    // What was written and not sent before the app closed goes out once online.
    for (const QByteArray& stored : m_cache.outbox()) {
        const QCborMap map = QCborValue::fromCbor(stored).toMap();
        OutboxItem item;
        const auto send =
            protocol::Send::fromCbor(map.value(QStringLiteral("send")).toMap(), &error);
        const auto content = client::MessageContent::fromEnvelope(
            map.value(QStringLiteral("content")).toByteArray());
        if (!send || !content)
            continue;
        item.send = *send;
        item.content = *content;
        item.sealed = map.value(QStringLiteral("sealed")).toBool();
        item.filePath = map.value(QStringLiteral("file")).toString();
        item.text = map.value(QStringLiteral("text")).toString();
        item.writtenMs = map.value(QStringLiteral("written")).toInteger();
        m_outbox.append(item);
    }
}

void ChatService::keepOutboxItem(const OutboxItem& item)
{
    m_cache.putOutboxItem(
        item.send.clientId,
        QCborValue(QCborMap{{QStringLiteral("send"), item.send.toCbor()},
                            {QStringLiteral("content"), item.content.toEnvelope()},
                            {QStringLiteral("sealed"), item.sealed},
                            {QStringLiteral("file"), item.filePath},
                            {QStringLiteral("text"), item.text},
                            {QStringLiteral("written"), item.writtenMs}})
            .toCbor());
}

QList<ChatMessage> ChatService::pendingMessages(quint64 roomId, quint64 threadRoot) const
{
    QList<ChatMessage> messages;
    for (const OutboxItem& item : m_outbox) {
        // Edits, reactions and the like change rows already shown; thread replies show in
        // their thread.
        if (item.send.roomId != roomId || item.send.kind != EventKind::Message ||
            item.send.threadRoot.value_or(0) != threadRoot)
            continue;
        ChatMessage message;
        message.roomId = roomId;
        message.threadRoot = threadRoot;
        message.clientId = item.send.clientId;
        message.senderUserId = m_session.userId;
        message.createdMs = item.writtenMs;
        message.text = item.text;
        message.delivery = ChatMessage::Delivery::Sending;
        if (item.content.file) {
            message.file = item.content.file;
        } else if (!item.filePath.isEmpty()) {
            const QFileInfo file(item.filePath);
            client::AttachmentRef attachment;
            attachment.name = file.fileName();
            attachment.size = file.size();
            message.file = attachment;
        }
        messages.append(message);
    }
    return messages;
}

void ChatService::keepRooms(const QString& name, const QList<protocol::RoomInfo>& rooms)
{
    if (!m_cache.isOpen())
        return;
    QCborMap& state = m_keptState;
    QCborMap names;
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it)
        names.insert(qint64(it.key()), it.value());
    state.insert(QStringLiteral("teams"), protocol::TeamList{m_teams}.toCbor());
    state.insert(QStringLiteral("names"), names);
    if (!name.isEmpty()) {
        QCborMap stored = state.value(QStringLiteral("rooms")).toMap();
        stored.insert(name, protocol::RoomList{rooms}.toCbor());
        state.insert(QStringLiteral("rooms"), stored);
    }
    m_cache.putBlob(QStringLiteral("state"), QCborValue(state).toCbor());
}

void ChatService::ensureConnection()
{
    if (!m_connection) {
        m_connection = std::make_unique<client::Connection>();
        connect(m_connection.get(), &client::Connection::eventReceived, this,
                [this](const protocol::Frame& frame) {
                    // Not handled inside the socket's signal: a request made from there would
                    // never see its answer.
                    m_frames.append(frame);
                    scheduleDrain();
                });
        connect(m_connection.get(), &client::Connection::closed, this,
                [this](quint16, const QString& reason) { onClosed(reason); });
    }
}

void ChatService::connectTo(const QUrl& server)
{
    ensureConnection();
    setState(ConnectionState::Connecting);
    post([this, server] {
        QString error;
        if (!m_connection->openAndWait(server, kConnectTimeoutMs, &error)) {
            if (m_token.isEmpty()) {
                setState(ConnectionState::SignedOut);
                Q_EMIT signInFailed(tr("Cannot reach %1: %2").arg(server.toString(), error));
                return;
            }
            setState(ConnectionState::Offline, error);
            m_reconnectTimer.start(m_backoff.nextDelayMs());
            return;
        }
        if (m_token.isEmpty())
            return; // signIn() queued the credentials after this job
        const auto session =
            m_connection->callAndWait<protocol::Session>(protocol::Resume{m_token});
        if (!session) {
            if (session.error().code == ErrorCode::InvalidToken) {
                QString ignored;
                m_profile->clear(&ignored);
                m_token.clear();
                m_crypto.reset();
                m_cryptoReady = false;
                m_cache.close();
                m_keptState = {};
                m_connection->close();
                setState(ConnectionState::SignedOut);
                // The window may show the cached state of this session: it goes too.
                Q_EMIT signedOut();
                Q_EMIT signInNeeded(m_session.server,
                                    tr("This device's session has ended (signed out or "
                                       "revoked). Sign in again."));
                return;
            }
            m_connection->close();
            setState(ConnectionState::Offline, session.error().message);
            m_reconnectTimer.start(m_backoff.nextDelayMs());
            return;
        }
        finishSignIn(session.value(), false);
    });
}

void ChatService::onClosed(const QString& reason)
{
    if (m_state != ConnectionState::Online)
        return;
    setState(ConnectionState::Offline, reason);
    m_reconnectTimer.start(m_backoff.nextDelayMs());
}

void ChatService::signIn(const QUrl& server, const QString& username, const QString& password,
                         bool createAccount, const QString& displayName)
{
    m_token.clear();
    m_session.server = server;
    if (m_connection && m_connection->state() != client::Connection::State::Disconnected)
        m_connection->close();
    connectTo(server);
    post([this, server, username, password, createAccount, displayName] {
        if (m_connection->state() != client::Connection::State::Ready)
            return; // the connect job reported why
        const auto session = createAccount
                                 ? m_connection->callAndWait<protocol::Session>(protocol::SignUp{
                                       username, password, displayName, m_options.deviceName})
                                 : m_connection->callAndWait<protocol::Session>(
                                       protocol::LogIn{username, password, m_options.deviceName});
        if (!session) {
            m_connection->close();
            setState(ConnectionState::SignedOut);
            QString message = session.error().message;
            if (session.error().retryAfterMs)
                message += QLatin1Char(' ') + tr("(try again in %n s)", nullptr,
                                                 int((*session.error().retryAfterMs + 999) / 1000));
            Q_EMIT signInFailed(message);
            return;
        }
        m_session.server = server;
        finishSignIn(session.value(), true);
    });
}

void ChatService::finishSignIn(const protocol::Session& session, bool fresh)
{
    m_session.userId = session.userId;
    m_session.username = session.username;
    m_session.displayName = session.displayName;
    m_session.deviceId = session.deviceId;
    if (fresh) {
        m_token = session.token.value_or(QByteArray());
        client::StoredSession stored;
        stored.server = m_session.server;
        stored.userId = session.userId;
        stored.username = session.username;
        stored.displayName = session.displayName;
        stored.deviceId = session.deviceId;
        stored.token = m_token;
        QString error;
        if (!m_profile->save(stored, &error))
            Q_EMIT problem(tr("Cannot keep the session: %1").arg(error));
    }
    if (!m_cryptoReady && !openDeviceCrypto())
        return;
    becomeOnline();
}

void ChatService::becomeOnline()
{
    m_backoff.reset();
    setState(ConnectionState::Online);
    Q_EMIT signedIn(m_session);
    afterOnline();
}

bool ChatService::openDeviceCrypto()
{
    if (!m_crypto)
        m_crypto = std::make_unique<e2ee::DeviceCrypto>(m_options.profileDirectory,
                                                        m_options.keyProtection, *m_connection);
    const auto state = m_crypto->open(m_session.userId, m_session.deviceId);
    if (!state) {
        if (isKeyStoreChoiceError(m_crypto->keyStoreError())) {
            Q_EMIT keyPassphraseNeeded(m_crypto->keyStoreError() ==
                                       keystore::KeyStoreError::WrongPassphrase);
        } else {
            Q_EMIT problem(state.error().message);
        }
        m_crypto.reset();
        return false;
    }
    m_cryptoReady = true;
    if (!m_cache.isOpen() && openCache()) {
        // What was queued while the cache was closed is kept now.
        for (const OutboxItem& item : std::as_const(m_outbox))
            keepOutboxItem(item);
    }
    m_approved = state.value() == e2ee::E2eeSession::DeviceState::Ready;
    if (!m_approved)
        Q_EMIT approvalNeeded();
    return true;
}

void ChatService::useKeyPassphrase(const QString& passphrase)
{
    m_options.keyProtection.passphrase = passphrase;
    post([this] {
        if (!m_connection || m_connection->state() != client::Connection::State::Ready ||
            m_session.userId == 0)
            return;
        if (openDeviceCrypto())
            becomeOnline();
    });
}

void ChatService::signOut()
{
    post([this] {
        if (m_connection && m_connection->state() == client::Connection::State::Ready)
            m_connection->callAndWait<protocol::Ok>(protocol::LogOut{});
        if (m_crypto)
            m_crypto->forget();
        m_crypto.reset();
        m_cryptoReady = false;
        m_cache.close();
        m_keptState = {};
        // Its key went with the device's keys: what is left could not be read anyway.
        const QString cachePath =
            QDir(m_options.profileDirectory).filePath(QStringLiteral("cache.db"));
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(cachePath + suffix);
        QString ignored;
        if (m_profile)
            m_profile->clear(&ignored);
        m_token.clear();
        m_outbox.clear();
        m_waitingForKey.clear();
        m_openRoom = 0;
        m_reconnectTimer.stop();
        if (m_connection)
            m_connection->close();
        setState(ConnectionState::SignedOut);
        Q_EMIT signedOut();
        Q_EMIT signInNeeded(m_session.server, {});
    });
}

void ChatService::setState(ConnectionState state, const QString& detail)
{
    if (state == m_state && detail.isEmpty())
        return;
    m_state = state;
    Q_EMIT connectionStateChanged(state, detail);
}

void ChatService::afterOnline()
{
    // Where the room in view stopped, taken now: pushes that come from here on are handled
    // before the catch-up job runs and move the delivered mark past what was missed.
    const bool openRoomLoaded = m_openRoom && m_deliveredSeq.contains(m_openRoom);
    const quint64 caughtUpTo = m_deliveredSeq.value(m_openRoom);
    if (const auto fetched = m_crypto->session().fetchKeyShares(); fetched && fetched.value() > 0)
        retryWaiting();
    reloadEverything();
    // The room in view catches up on what came while away, in order; one that never
    // loaded (opened while offline) loads its newest page.
    if (m_openRoom && !openRoomLoaded) {
        openRoom(m_openRoom);
    } else if (m_openRoom && m_rooms.contains(m_openRoom)) {
        const quint64 roomId = m_openRoom;
        // Pushes handled before and during the catch-up may carry what it also pages: each
        // event goes to the window once.
        m_catchUpRoom = roomId;
        m_catchUpSeen.clear();
        post([this, roomId, caughtUpTo] {
            const auto done = qScopeGuard([this] {
                m_catchUpRoom = 0;
                m_catchUpSeen.clear();
            });
            protocol::History request;
            request.roomId = roomId;
            request.after = caughtUpTo;
            request.limit = 200;
            for (int page = 0; page < kCatchUpPages && online(); ++page) {
                const auto events = m_connection->callAndWait<protocol::Events>(request);
                if (!events || events->events.isEmpty())
                    return;
                QList<protocol::RoomEvent> missed;
                for (const protocol::RoomEvent& event : events->events) {
                    if (!m_catchUpSeen.contains(event.seq)) {
                        m_catchUpSeen.insert(event.seq);
                        missed.append(event);
                    }
                }
                if (!missed.isEmpty()) {
                    const QList<DecryptedEvent> read = decrypt(missed);
                    noteDelivered(roomId, missed);
                    m_cache.storeEvents(read);
                    Q_EMIT eventsArrived(roomId, read, true);
                    fetchThumbnails(read);
                }
                if (!events->hasMoreAfter)
                    return;
                request.after = events->events.constLast().seq;
            }
            // Away for longer than a catch-up reads: the newest page, which the window shows
            // in place of what it had (TimelineModel::addNewestPage); older pages load from
            // there as the user scrolls up.
            if (online())
                loadNewestPage(roomId);
        });
    }
    post([this] { sendNextFromOutbox(); });
}

void ChatService::reportFailure(const QString& operation, const protocol::ErrorReply& error)
{
    Q_EMIT operationFinished(operation, false, error.message);
}

bool ChatService::onlineFor(const QString& operation)
{
    if (online())
        return true;
    reportFailure(operation,
                  {protocol::ErrorCode::NoAnswer, tr("Not connected to the server"), {}});
    return false;
}

// ---- teams, rooms, names ------------------------------------------------------------------

void ChatService::loadTeamsAndNames()
{
    const auto teams = m_connection->callAndWait<protocol::TeamList>(protocol::ListTeams{});
    if (!teams)
        return;
    m_teams = teams->teams;
    QHash<quint64, QString> names;
    names.insert(m_session.userId,
                 m_session.displayName.isEmpty() ? m_session.username : m_session.displayName);
    for (const protocol::TeamInfo& team : m_teams) {
        const auto members =
            m_connection->callAndWait<protocol::MemberList>(protocol::ListTeamMembers{team.teamId});
        if (!members)
            continue;
        for (const protocol::MemberInfo& member : members->members)
            names.insert(member.userId,
                         member.displayName.isEmpty() ? member.username : member.displayName);
    }
    m_names = names;
    keepRooms({}, {});
    Q_EMIT namesChanged(m_names);
    Q_EMIT teamsChanged(m_teams);
    QList<quint64> people = m_names.keys();
    people.removeAll(m_session.userId);
    if (!people.isEmpty()) {
        if (people.size() > kMaxPresenceAsked)
            people.resize(kMaxPresenceAsked);
        const auto presence =
            m_connection->callAndWait<protocol::PresenceList>(protocol::GetPresence{people});
        if (presence) {
            for (const protocol::PresenceInfo& info : presence->presences)
                Q_EMIT presenceChanged(info.userId, info.status);
        }
    }
}

void ChatService::reloadRooms()
{
    post([this] {
        if (online())
            reloadEverything();
    });
}

void ChatService::loadRooms(quint64 teamId)
{
    const auto rooms = m_connection->callAndWait<protocol::RoomList>(protocol::ListRooms{teamId});
    if (!rooms)
        return;
    for (const protocol::RoomInfo& room : rooms->rooms)
        m_rooms.insert(room.roomId, room);
    keepRooms(QString::number(teamId), rooms->rooms);
    Q_EMIT channelsLoaded(teamId, rooms->rooms);
}

void ChatService::loadDirectMessages()
{
    const auto rooms = m_connection->callAndWait<protocol::RoomList>(protocol::ListRooms{});
    if (!rooms)
        return;
    for (const protocol::RoomInfo& room : rooms->rooms)
        m_rooms.insert(room.roomId, room);
    keepRooms(QStringLiteral("dms"), rooms->rooms);
    Q_EMIT directMessagesLoaded(rooms->rooms);
}

void ChatService::openRoom(quint64 roomId)
{
    m_openRoom = roomId;
    post([this, roomId] {
        // The last state at once, from the cache; the server's page follows when online.
        const QList<DecryptedEvent> cached = m_cache.newest(roomId, kPageSize);
        if (!cached.isEmpty()) {
            QList<protocol::RoomEvent> seen;
            for (const DecryptedEvent& event : cached)
                seen.append(event.event);
            noteDelivered(roomId, seen);
            Q_EMIT historyLoaded(roomId, cached, true, true);
            fetchThumbnails(cached);
        }
        if (const QList<ChatMessage> pending = pendingMessages(roomId); !pending.isEmpty())
            Q_EMIT pendingListed(roomId, pending);
        // Search is ready before anyone types, without delaying the first room.
        if (m_cache.isOpen() && !m_cache.indexed())
            post([this] { m_cache.buildIndex(); });
        if (online())
            loadNewestPage(roomId);
    });
}

std::optional<ChatService::Page> ChatService::fetchPage(const protocol::History& request)
{
    const auto page = m_connection->callAndWait<protocol::Events>(request);
    if (!page) {
        reportFailure(QStringLiteral("history"), page.error());
        return std::nullopt;
    }
    Page fetched{page.value(), decrypt(page->events)};
    m_cache.storeEvents(fetched.read);
    return fetched;
}

void ChatService::loadNewestPage(quint64 roomId)
{
    protocol::History request;
    request.roomId = roomId;
    request.limit = kPageSize;
    const auto page = fetchPage(request);
    if (!page)
        return;
    noteDelivered(roomId, page->events.events);
    Q_EMIT historyLoaded(roomId, page->read, page->events.hasMoreBefore, true);
    fetchThumbnails(page->read);
}

std::optional<protocol::Events> ChatService::showOlderPage(quint64 roomId, quint64 beforeSeq,
                                                           quint64 limit)
{
    if (!online())
        return std::nullopt;
    protocol::History request;
    request.roomId = roomId;
    request.before = beforeSeq;
    request.limit = limit;
    const auto page = fetchPage(request);
    if (!page)
        return std::nullopt;
    Q_EMIT historyLoaded(roomId, page->read, page->events.hasMoreBefore, false);
    fetchThumbnails(page->read);
    return page->events;
}

void ChatService::loadOlder(quint64 roomId, quint64 beforeSeq)
{
    post([this, roomId, beforeSeq] { showOlderPage(roomId, beforeSeq, kPageSize); });
}

void ChatService::loadNewer(quint64 roomId, quint64 afterSeq)
{
    post([this, roomId, afterSeq] {
        if (!online())
            return;
        protocol::History request;
        request.roomId = roomId;
        request.after = afterSeq;
        request.limit = kPageSize;
        const auto page = fetchPage(request);
        if (!page)
            return;
        Q_EMIT newerLoaded(roomId, page->read, page->events.hasMoreAfter);
        fetchThumbnails(page->read);
    });
}

void ChatService::showNewest(quint64 roomId)
{
    post([this, roomId] {
        if (online())
            loadNewestPage(roomId);
    });
}

void ChatService::loadOlderUntil(quint64 roomId, quint64 beforeSeq, quint64 targetSeq)
{
    post([this, roomId, beforeSeq, targetSeq] {
        quint64 before = beforeSeq;
        for (;;) {
            const auto page = showOlderPage(roomId, before, protocol::kMaxHistoryPage);
            if (!page || page->events.isEmpty() || !page->hasMoreBefore ||
                page->events.constFirst().seq <= targetSeq)
                return;
            before = page->events.constFirst().seq;
        }
    });
}

void ChatService::openThread(quint64 roomId, quint64 rootSeq)
{
    post([this, roomId, rootSeq] {
        // My replies still in the outbox first, offline too.
        if (const QList<ChatMessage> pending = pendingMessages(roomId, rootSeq); !pending.isEmpty())
            Q_EMIT pendingListed(roomId, pending);
        if (!online())
            return;
        protocol::History rootRequest;
        rootRequest.roomId = roomId;
        rootRequest.around = rootSeq;
        rootRequest.limit = 1;
        const auto root = m_connection->callAndWait<protocol::Events>(rootRequest);
        if (!root) {
            reportFailure(QStringLiteral("thread"), root.error());
            return;
        }
        QList<protocol::RoomEvent> events;
        for (const protocol::RoomEvent& event : root->events) {
            if (event.seq == rootSeq)
                events.append(event);
        }
        protocol::ThreadHistory request;
        request.roomId = roomId;
        request.rootSeq = rootSeq;
        request.limit = 200;
        bool complete = false;
        while (events.size() <= kThreadRepliesShown) {
            const auto page = m_connection->callAndWait<protocol::Events>(request);
            if (!page) {
                reportFailure(QStringLiteral("thread"), page.error());
                return;
            }
            events += page->events;
            if (!page->hasMoreAfter || page->events.isEmpty()) {
                complete = true;
                break;
            }
            request.after = page->events.constLast().seq;
        }
        const QList<DecryptedEvent> read = decrypt(events);
        m_cache.storeEvents(read);
        Q_EMIT threadLoaded(roomId, rootSeq, read, complete);
        fetchThumbnails(read);
    });
}

void ChatService::search(const QString& query)
{
    post([this, query] { Q_EMIT searchFinished(query, m_cache.search(query, 100)); });
}

// ---- reading ------------------------------------------------------------------------------

DecryptedEvent ChatService::decryptOne(const protocol::RoomEvent& event)
{
    using Status = e2ee::OpenedEvent::Status;
    DecryptedEvent result;
    result.event = event;
    if (event.envelope.isEmpty() || !m_crypto)
        return result;
    e2ee::OpenedEvent opened = m_crypto->session().open(event);
    if (opened.status == Status::NeedDeviceList) {
        m_crypto->session().refreshDeviceLists({opened.needUser});
        opened = m_crypto->session().open(event);
    }
    switch (opened.status) {
    case Status::Plain:
        return result;
    case Status::Decrypted:
        if (const auto content = client::MessageContent::fromEnvelope(opened.plaintext)) {
            result.readability = DecryptedEvent::Readability::Readable;
            result.content = *content;
        } else {
            result.readability = DecryptedEvent::Readability::Refused;
            result.problem = tr("unreadable content");
        }
        return result;
    case Status::WaitingForKey: {
        result.readability = DecryptedEvent::Readability::WaitingForKey;
        QList<protocol::RoomEvent>& waiting = m_waitingForKey[event.roomId];
        const bool known = std::any_of(waiting.cbegin(), waiting.cend(),
                                       [&](const auto& e) { return e.seq == event.seq; });
        if (!known)
            waiting.append(event);
        return result;
    }
    case Status::NeedDeviceList:
    case Status::Failed:
        result.readability = DecryptedEvent::Readability::Refused;
        result.problem = opened.error.message;
        return result;
    }
    return result;
}

QList<DecryptedEvent> ChatService::decrypt(const QList<protocol::RoomEvent>& events)
{
    const auto anyWaiting = [this](const QList<protocol::RoomEvent>& list) {
        return m_crypto && std::any_of(list.cbegin(), list.cend(), [this](const auto& event) {
                   return m_crypto->session().engine().waitsForKey(event);
               });
    };
    if (anyWaiting(events) && m_crypto) {
        m_crypto->session().fetchKeyShares();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (anyWaiting(events) && now - m_lastBackupRestoreMs > kBackupRetryMs) {
            m_lastBackupRestoreMs = now;
            m_crypto->session().restoreBackup();
        }
    }
    QList<DecryptedEvent> result;
    result.reserve(events.size());
    for (const protocol::RoomEvent& event : events)
        result.append(decryptOne(event));
    return result;
}

void ChatService::noteDelivered(quint64 roomId, const QList<protocol::RoomEvent>& events)
{
    quint64& delivered = m_deliveredSeq[roomId];
    for (const protocol::RoomEvent& event : events)
        delivered = std::max(delivered, event.seq);
}

void ChatService::retryWaiting()
{
    if (!m_crypto)
        return;
    // Taken whole: opening may wait on the server (device lists) and put events back.
    const QHash<quint64, QList<protocol::RoomEvent>> waiting = std::exchange(m_waitingForKey, {});
    for (auto it = waiting.cbegin(); it != waiting.cend(); ++it) {
        QList<DecryptedEvent> nowReadable;
        for (const protocol::RoomEvent& event : it.value()) {
            if (m_crypto->session().engine().waitsForKey(event))
                m_waitingForKey[it.key()].append(event);
            else
                nowReadable.append(decryptOne(event));
        }
        if (!nowReadable.isEmpty()) {
            m_cache.storeEvents(nowReadable);
            Q_EMIT eventsArrived(it.key(), nowReadable, false);
            fetchThumbnails(nowReadable);
        }
    }
}

void ChatService::fetchThumbnails(const QList<DecryptedEvent>& events)
{
    for (const DecryptedEvent& event : events) {
        if (!event.content.thumbnail || event.event.deleted)
            continue;
        const QPair<quint64, quint64> key{event.event.roomId, event.event.seq};
        if (const QByteArray* cached = m_thumbnails.object(key)) {
            Q_EMIT thumbnailReady(key.first, key.second, *cached);
            continue;
        }
        const client::AttachmentRef thumbnail = *event.content.thumbnail;
        post([this, key, thumbnail] {
            if (!online())
                return;
            e2ee::AttachmentTransfer transfer(*m_connection);
            const auto bytes = transfer.downloadBytes(key.first, thumbnail);
            if (!bytes)
                return;
            m_thumbnails.insert(key, new QByteArray(bytes.value()), int(bytes->size()));
            Q_EMIT thumbnailReady(key.first, key.second, bytes.value());
        });
    }
}

void ChatService::handleFrame(const protocol::Frame& frame)
{
    QString error;
    switch (frame.type) {
    case protocol::MessageType::RoomEvent: {
        const auto event = protocol::RoomEvent::fromCbor(frame.body, &error);
        if (!event)
            return;
        if (event->roomId == m_catchUpRoom) {
            if (m_catchUpSeen.contains(event->seq))
                return; // the catch-up delivered it already
            m_catchUpSeen.insert(event->seq);
        }
        if (!m_rooms.contains(event->roomId)) {
            // A direct message someone else opened, or a channel I was added to.
            loadDirectMessages();
            for (const protocol::TeamInfo& team : std::as_const(m_teams))
                loadRooms(team.teamId);
        } else {
            protocol::RoomInfo& room = m_rooms[event->roomId];
            room.lastSeq = std::max(room.lastSeq, event->seq);
        }
        const DecryptedEvent read = decryptOne(*event);
        noteDelivered(event->roomId, {*event});
        m_cache.storeEvents({read});
        Q_EMIT eventsArrived(event->roomId, {read}, true);
        fetchThumbnails({read});
        const QPair<quint64, quint64> key{event->roomId, event->seq};
        if (m_pendingAlerts.remove(key)) {
            Q_EMIT alert(key.first, key.second, event->senderUserId, read.content.text,
                         event->mentionAll || event->mentions.contains(m_session.userId));
        } else {
            if (m_recentLive.size() >= kRecentLiveKept)
                m_recentLive.clear();
            m_recentLive.insert(key, read);
        }
        return;
    }
    case protocol::MessageType::Notification: {
        const auto note = protocol::Notification::fromCbor(frame.body, &error);
        if (!note)
            return;
        const QPair<quint64, quint64> key{note->roomId, note->seq};
        if (m_recentLive.contains(key))
            Q_EMIT alert(key.first, key.second, note->senderUserId,
                         m_recentLive.take(key).content.text, note->mention);
        else
            m_pendingAlerts.insert(key);
        return;
    }
    case protocol::MessageType::MissedNotifications: {
        const auto missed = protocol::MissedNotifications::fromCbor(frame.body, &error);
        if (!missed)
            return;
        // Once per run: a reconnection must not alert again for the same rooms.
        if (m_missedAlertsShown)
            return;
        m_missedAlertsShown = true;
        for (const protocol::MissedRoom& room : missed->rooms)
            Q_EMIT alert(room.roomId, room.lastSeq, 0,
                         tr("%n new messages", nullptr, int(room.unread)), room.mentions > 0);
        return;
    }
    case protocol::MessageType::KeyShare: {
        const auto share = protocol::KeyShare::fromCbor(frame.body, &error);
        if (share && m_crypto && m_crypto->session().takeKeyShare(*share))
            retryWaiting();
        return;
    }
    case protocol::MessageType::ReadMarker: {
        if (const auto marker = protocol::ReadMarker::fromCbor(frame.body, &error))
            Q_EMIT readMarkerMoved(marker->roomId, marker->readSeq);
        return;
    }
    case protocol::MessageType::PresenceUpdate: {
        if (const auto update = protocol::PresenceUpdate::fromCbor(frame.body, &error))
            Q_EMIT presenceChanged(update->userId, update->status);
        return;
    }
    case protocol::MessageType::UserUpdate: {
        const auto update = protocol::UserUpdate::fromCbor(frame.body, &error);
        if (!update)
            return;
        m_names.insert(update->userId, update->displayName);
        Q_EMIT namesChanged(m_names);
        if (update->userId == m_session.userId) {
            m_session.displayName = update->displayName;
            Q_EMIT profileChanged(m_session);
        }
        return;
    }
    case protocol::MessageType::TypingNotice: {
        if (const auto notice = protocol::TypingNotice::fromCbor(frame.body, &error))
            Q_EMIT typingNoticed(notice->roomId, notice->userId);
        return;
    }
    case protocol::MessageType::TeamInfo:
    case protocol::MessageType::RoomInfo:
        reloadEverything();
        return;
    default:
        return;
    }
}

// ---- sending ------------------------------------------------------------------------------

void ChatService::enqueue(OutboxItem item)
{
    if (item.writtenMs == 0)
        item.writtenMs = QDateTime::currentMSecsSinceEpoch();
    keepOutboxItem(item);
    m_outbox.append(std::move(item));
    post([this] { sendNextFromOutbox(); });
}

void ChatService::sendNextFromOutbox()
{
    while (online() && !m_outbox.isEmpty()) {
        // A copy: sending waits on the server, and what the user writes meanwhile is
        // appended to the outbox, which may move its items. The first stays the first.
        OutboxItem item = m_outbox.first();
        QString problemText;
        bool connectionLost = false;
        int retryAfterMs = 0;
        const bool sent = sendItem(item, &problemText, &connectionLost, &retryAfterMs);
        if (m_outbox.isEmpty() || m_outbox.first().send.clientId != item.send.clientId)
            return; // signed out or revoked meanwhile: the outbox went with the session
        if (sent) {
            m_rateLimitStreak = 0;
            m_cache.removeOutboxItem(item.send.clientId);
            m_outbox.removeFirst();
        } else if (connectionLost) {
            m_outbox.first() = item; // an upload done meanwhile is not done again
            keepOutboxItem(item);
            return; // sent again, with the same client id, once back online
        } else if (retryAfterMs > 0) {
            // Sending faster than the server allows (a long outbox after a reconnection):
            // the same item again later. The server's hint is for one request and a send
            // takes several, so each refusal in a row doubles the wait.
            m_outbox.first() = item;
            keepOutboxItem(item);
            const int waitMs = int(std::min(qint64(retryAfterMs) << std::min(m_rateLimitStreak, 8),
                                            qint64(kLongestRateWaitMs)));
            ++m_rateLimitStreak;
            QTimer::singleShot(std::max(waitMs, 50), this,
                               [this] { post([this] { sendNextFromOutbox(); }); });
            return;
        } else {
            Q_EMIT messageFailed(item.send.clientId, item.send.roomId, problemText);
            m_cache.removeOutboxItem(item.send.clientId);
            m_outbox.removeFirst();
        }
    }
}

bool ChatService::sendItem(OutboxItem& item, QString* problemText, bool* connectionLost,
                           int* retryAfterMs)
{
    if (!m_approved && item.sealed) {
        *problemText = tr("This device is not approved yet: link it from another device or "
                          "use the recovery passphrase.");
        return false;
    }
    if (!item.filePath.isEmpty()) {
        e2ee::AttachmentTransfer transfer(*m_connection);
        const auto uploaded = transfer.upload(item.send.roomId, item.filePath);
        if (!uploaded) {
            *connectionLost = uploaded.error().code == ErrorCode::NoAnswer;
            if (uploaded.error().code == ErrorCode::RateLimited)
                *retryAfterMs = boundedWaitMs(uploaded.error().retryAfterMs);
            *problemText = uploaded.error().message;
            return false;
        }
        item.filePath.clear();
        item.content.file = uploaded->file;
        item.send.blobs = {uploaded->file.blobId};
        item.content.thumbnail = uploaded->thumbnail;
        if (uploaded->thumbnail)
            item.send.blobs.append(uploaded->thumbnail->blobId);
    }
    if (!item.text.isEmpty() && item.send.mentions.isEmpty() && !item.send.mentionAll)
        client::addMentions(*m_connection, item.text, item.send);
    const auto sent = item.sealed ? m_crypto->session().send(item.send, item.content.toEnvelope())
                                  : m_connection->callAndWait<protocol::Sent>(item.send);
    if (!sent) {
        *connectionLost = sent.error().code == ErrorCode::NoAnswer;
        if (sent.error().code == ErrorCode::RateLimited)
            *retryAfterMs = boundedWaitMs(sent.error().retryAfterMs);
        *problemText = sent.error().message;
        return false;
    }
    if (m_rooms.contains(sent->roomId))
        m_rooms[sent->roomId].lastSeq = std::max(m_rooms[sent->roomId].lastSeq, sent->seq);
    // What I sent is kept like what I read, and edits, reactions and the rest fold into the
    // timeline like anyone else's.
    {
        DecryptedEvent echo;
        echo.event.roomId = sent->roomId;
        echo.event.seq = sent->seq;
        echo.event.kind = item.send.kind;
        echo.event.senderUserId = m_session.userId;
        echo.event.senderDeviceId = m_session.deviceId;
        echo.event.clientId = item.send.clientId;
        echo.event.createdMs = sent->createdMs;
        echo.event.refSeq = item.send.refSeq;
        echo.event.reactionKey = item.send.reactionKey;
        echo.readability = item.sealed ? DecryptedEvent::Readability::Readable
                                       : DecryptedEvent::Readability::Plain;
        echo.content = item.content;
        echo.event.threadRoot = item.send.threadRoot;
        echo.event.mentions = item.send.mentions;
        echo.event.mentionAll = item.send.mentionAll;
        m_cache.storeEvents({echo});
        if (item.send.kind == EventKind::Message)
            Q_EMIT messageSent(item.send.clientId, sent->roomId, sent->seq, sent->createdMs);
        else
            Q_EMIT eventsArrived(sent->roomId, {echo}, true);
    }
    return true;
}

void ChatService::sendMessage(quint64 roomId, const QByteArray& clientId, const QString& text,
                              quint64 threadRoot)
{
    OutboxItem item;
    item.send.roomId = roomId;
    item.send.clientId = clientId;
    if (threadRoot)
        item.send.threadRoot = threadRoot;
    item.content.text = text;
    item.text = text;
    enqueue(std::move(item));
}

void ChatService::sendFile(quint64 roomId, const QByteArray& clientId, const QString& path)
{
    OutboxItem item;
    item.send.roomId = roomId;
    item.send.clientId = clientId;
    item.filePath = path;
    enqueue(std::move(item));
}

void ChatService::editMessage(quint64 roomId, quint64 seq, const QString& text)
{
    OutboxItem item;
    item.send.roomId = roomId;
    item.send.clientId = crypto::randomBytes(16);
    item.send.kind = EventKind::Edit;
    item.send.refSeq = seq;
    item.content.text = text;
    item.text = text;
    enqueue(std::move(item));
}

void ChatService::deleteMessage(quint64 roomId, quint64 seq)
{
    OutboxItem item;
    item.send.roomId = roomId;
    item.send.clientId = crypto::randomBytes(16);
    item.send.kind = EventKind::Delete;
    item.send.refSeq = seq;
    item.sealed = false;
    enqueue(std::move(item));
}

void ChatService::pinMessage(quint64 roomId, quint64 seq, bool pin)
{
    OutboxItem item;
    item.send.roomId = roomId;
    item.send.clientId = crypto::randomBytes(16);
    item.send.kind = pin ? EventKind::Pin : EventKind::Unpin;
    item.send.refSeq = seq;
    item.sealed = false;
    enqueue(std::move(item));
}

void ChatService::react(quint64 roomId, quint64 seq, const QString& emoji, bool remove)
{
    post([this, roomId, seq, emoji, remove] {
        if (!m_crypto) {
            Q_EMIT problem(tr("Not signed in."));
            return;
        }
        OutboxItem item;
        item.send.roomId = roomId;
        item.send.clientId = crypto::randomBytes(16);
        item.send.kind = remove ? EventKind::ReactionRemove : EventKind::ReactionAdd;
        item.send.refSeq = seq;
        // The server sees a keyed hash of the emoji; the emoji itself is sealed inside.
        item.send.reactionKey = m_crypto->session().engine().reactionKey(roomId, seq, emoji);
        item.content.reaction = emoji;
        item.sealed = !remove;
        enqueue(std::move(item));
    });
}

void ChatService::markRead(quint64 roomId, quint64 seq)
{
    post([this, roomId, seq] {
        if (online())
            m_connection->callAndWait<protocol::Ok>(protocol::MarkRead{roomId, seq});
    });
}

void ChatService::sendTyping(quint64 roomId)
{
    post([this, roomId] {
        if (online())
            m_connection->callAndWait<protocol::Ok>(protocol::Typing{roomId});
    });
}

void ChatService::findMentionCandidates(quint64 roomId, const QString& prefix)
{
    post([this, roomId, prefix] {
        if (!online())
            return;
        const auto found = m_connection->callAndWait<protocol::MemberList>(
            protocol::MentionCandidates{roomId, prefix, 8});
        if (found)
            Q_EMIT mentionCandidatesFound(roomId, prefix, found->members);
    });
}

void ChatService::openDirect(const QList<quint64>& userIds)
{
    post([this, userIds] {
        if (!online())
            return;
        const auto room =
            m_connection->callAndWait<protocol::RoomInfo>(protocol::OpenDirect{userIds});
        if (!room) {
            reportFailure(QStringLiteral("open_direct"), room.error());
            return;
        }
        m_rooms.insert(room->roomId, room.value());
        loadDirectMessages();
        Q_EMIT roomToShow(room.value());
    });
}

void ChatService::setDisplayName(const QString& name)
{
    post([this, name] {
        if (!onlineFor(QStringLiteral("set_display_name")))
            return;
        const auto done = m_connection->callAndWait<protocol::Ok>(protocol::SetDisplayName{name});
        if (!done) {
            reportFailure(QStringLiteral("set_display_name"), done.error());
            return;
        }
        m_session.displayName = name;
        m_names.insert(m_session.userId, name);
        Q_EMIT namesChanged(m_names);
        Q_EMIT profileChanged(m_session);
        Q_EMIT operationFinished(QStringLiteral("set_display_name"), true, {});
    });
}

void ChatService::listRoomMembers(quint64 roomId)
{
    post([this, roomId] {
        if (!online())
            return;
        QList<protocol::MemberInfo> members;
        protocol::ListRoomMembers request{roomId, std::nullopt,
                                          protocol::ListRoomMembers::kMaxLimit};
        bool complete = false;
        while (members.size() < kMaxListedMembers) {
            const auto page = m_connection->callAndWait<protocol::MemberList>(request);
            if (!page) {
                reportFailure(QStringLiteral("list_room_members"), page.error());
                return;
            }
            members += page->members;
            if (page->members.size() < qsizetype(request.limit)) {
                complete = true;
                break;
            }
            request.after = page->members.constLast().username;
        }
        for (const protocol::MemberInfo& member : std::as_const(members)) {
            if (!m_names.contains(member.userId))
                m_names.insert(member.userId,
                               member.displayName.isEmpty() ? member.username : member.displayName);
        }
        Q_EMIT roomMembersListed(roomId, members, complete);
        QList<quint64> people;
        for (const protocol::MemberInfo& member : std::as_const(members)) {
            if (member.userId != m_session.userId && people.size() < kMaxPresenceAsked)
                people.append(member.userId);
        }
        if (people.isEmpty())
            return;
        const auto presence =
            m_connection->callAndWait<protocol::PresenceList>(protocol::GetPresence{people});
        if (presence) {
            for (const protocol::PresenceInfo& info : presence->presences)
                Q_EMIT presenceChanged(info.userId, info.status);
        }
    });
}

void ChatService::listPins(quint64 roomId)
{
    post([this, roomId] {
        if (!online())
            return;
        const auto pins = m_connection->callAndWait<protocol::Events>(protocol::ListPins{roomId});
        if (!pins) {
            reportFailure(QStringLiteral("list_pins"), pins.error());
            return;
        }
        const QList<DecryptedEvent> read = decrypt(pins->events);
        Q_EMIT pinsListed(roomId, read);
        fetchThumbnails(read);
    });
}

void ChatService::loadRelations()
{
    const auto list = m_connection->callAndWait<protocol::RelationList>(protocol::ListRelations{});
    if (list)
        Q_EMIT relationsListed(list->relations);
}

void ChatService::listRelations()
{
    post([this] {
        if (online())
            loadRelations();
    });
}

void ChatService::setRelation(const protocol::SetRelation& change)
{
    post([this, change] {
        if (!onlineFor(QStringLiteral("set_relation")))
            return;
        const auto done = m_connection->callAndWait<protocol::Ok>(change);
        if (!done) {
            reportFailure(QStringLiteral("set_relation"), done.error());
            return;
        }
        loadRelations();
        Q_EMIT operationFinished(QStringLiteral("set_relation"), true, {});
    });
}

void ChatService::reloadEverything()
{
    loadTeamsAndNames();
    // Before the rooms, so that a hidden person's direct message never flashes by.
    loadRelations();
    for (const protocol::TeamInfo& team : std::as_const(m_teams))
        loadRooms(team.teamId);
    loadDirectMessages();
}

void ChatService::createTeam(const QString& handle, const QString& name)
{
    post([this, handle, name] {
        if (!online())
            return;
        const auto team =
            m_connection->callAndWait<protocol::TeamInfo>(protocol::CreateTeam{handle, name});
        if (!team) {
            reportFailure(QStringLiteral("create_team"), team.error());
            return;
        }
        reloadEverything();
        Q_EMIT operationFinished(QStringLiteral("create_team"), true, team->handle);
    });
}

void ChatService::joinTeam(const QString& codeOrLink)
{
    post([this, codeOrLink] {
        if (!online())
            return;
        const auto team = m_connection->callAndWait<protocol::TeamInfo>(
            protocol::JoinTeam{client::inviteCodeOf(codeOrLink)});
        if (!team) {
            reportFailure(QStringLiteral("join_team"), team.error());
            return;
        }
        reloadEverything();
        Q_EMIT operationFinished(QStringLiteral("join_team"), true, team->handle);
    });
}

void ChatService::createInvite(quint64 teamId)
{
    post([this, teamId] {
        if (!onlineFor(QStringLiteral("create_invite")))
            return;
        // A week and fifty uses: enough to invite a group, not a link that works for ever.
        const auto invite = m_connection->callAndWait<protocol::Invite>(
            protocol::CreateInvite{teamId, kInviteLifetimeMs, kInviteUses});
        if (!invite) {
            reportFailure(QStringLiteral("create_invite"), invite.error());
            return;
        }
        Q_EMIT inviteCreated(teamId, invite->code,
                             client::inviteLink(m_session.server, invite->code));
    });
}

void ChatService::createChannel(quint64 teamId, const QString& name, bool isPrivate,
                                const QString& topic)
{
    post([this, teamId, name, isPrivate, topic] {
        if (!online())
            return;
        const auto room = m_connection->callAndWait<protocol::RoomInfo>(
            protocol::CreateChannel{teamId, name, isPrivate, topic});
        if (!room) {
            reportFailure(QStringLiteral("create_channel"), room.error());
            return;
        }
        m_rooms.insert(room->roomId, room.value());
        loadRooms(teamId);
        Q_EMIT roomToShow(room.value());
    });
}

void ChatService::downloadFile(quint64 roomId, quint64 seq, const QString& directory)
{
    post([this, roomId, seq, directory] {
        if (!online())
            return;
        protocol::History request;
        request.roomId = roomId;
        request.around = seq;
        request.limit = 1;
        const auto page = m_connection->callAndWait<protocol::Events>(request);
        if (!page) {
            reportFailure(QStringLiteral("download"), page.error());
            return;
        }
        for (const protocol::RoomEvent& event : page->events) {
            if (event.seq != seq)
                continue;
            const DecryptedEvent read = decryptOne(event);
            if (!read.content.file)
                break;
            e2ee::AttachmentTransfer transfer(*m_connection);
            const auto saved = transfer.download(roomId, *read.content.file, directory);
            if (!saved) {
                reportFailure(QStringLiteral("download"), saved.error());
                return;
            }
            Q_EMIT fileSaved(roomId, seq, saved.value());
            return;
        }
        Q_EMIT operationFinished(QStringLiteral("download"), false,
                                 tr("No file in message %1").arg(seq));
    });
}

// ---- devices and recovery -----------------------------------------------------------------

void ChatService::setRecoveryPassphrase(const QString& passphrase)
{
    post([this, passphrase] {
        if (!online())
            return;
        const auto done = m_crypto->session().setRecoveryPassphrase(passphrase);
        Q_EMIT operationFinished(QStringLiteral("recovery_set"), bool(done),
                                 done ? QString() : done.error().message);
    });
}

void ChatService::restoreWithRecoveryPassphrase(const QString& passphrase)
{
    post([this, passphrase] {
        if (!online())
            return;
        const auto done = m_crypto->session().restoreWithPassphrase(passphrase);
        if (!done) {
            Q_EMIT operationFinished(QStringLiteral("recovery_restore"), false,
                                     done.error().message);
            return;
        }
        m_approved = true;
        Q_EMIT approved();
        Q_EMIT operationFinished(QStringLiteral("recovery_restore"), true, {});
        retryWaiting();
    });
}

void ChatService::offerLink()
{
    post([this] {
        if (!online())
            return;
        const auto code = m_crypto->session().offerLink();
        if (!code) {
            reportFailure(QStringLiteral("link_offer"), code.error());
            return;
        }
        Q_EMIT linkCodeReady(code->text(), code->qrPayload());
        // Asks now and then whether another device entered the code, for as long as the
        // server keeps the offer.
        const crypto::LinkCode offered = code.value();
        const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + kLinkLifetimeMs;
        auto* poll = new QTimer(this);
        poll->setInterval(kLinkPollMs);
        connect(poll, &QTimer::timeout, this, [this, poll, offered, deadline] {
            post([this, poll, offered, deadline] {
                if (m_approved || !online())
                    return;
                const auto done = m_crypto->session().completeLink(offered);
                if (done) {
                    poll->deleteLater();
                    m_approved = true;
                    Q_EMIT approved();
                    Q_EMIT operationFinished(QStringLiteral("link_complete"), true, {});
                    retryWaiting();
                    return;
                }
                const bool notYet = done.error().code == ErrorCode::NotFound &&
                                    QDateTime::currentMSecsSinceEpoch() < deadline;
                if (!notYet) {
                    poll->deleteLater();
                    reportFailure(QStringLiteral("link_complete"), done.error());
                }
            });
        });
        poll->start();
    });
}

void ChatService::approveLink(const QString& code)
{
    post([this, code] {
        if (!online())
            return;
        const auto parsed = crypto::LinkCode::parse(code);
        if (!parsed) {
            Q_EMIT operationFinished(QStringLiteral("link_approve"), false,
                                     tr("A link code looks like ABCD-EFGH-JKMN-PQRS."));
            return;
        }
        const auto done = m_crypto->session().approveLink(*parsed);
        Q_EMIT operationFinished(QStringLiteral("link_approve"), bool(done),
                                 done ? QString() : done.error().message);
    });
}

// ---- settings -----------------------------------------------------------------------------

void ChatService::listDevices()
{
    post([this] {
        if (!online())
            return;
        const auto list = m_connection->callAndWait<protocol::DeviceList>(protocol::ListDevices{});
        if (!list) {
            reportFailure(QStringLiteral("list_devices"), list.error());
            return;
        }
        Q_EMIT devicesListed(list->devices);
    });
}

void ChatService::renameDevice(quint64 deviceId, const QString& name)
{
    post([this, deviceId, name] {
        if (!online())
            return;
        const auto done =
            m_connection->callAndWait<protocol::Ok>(protocol::RenameDevice{deviceId, name});
        if (!done)
            reportFailure(QStringLiteral("rename_device"), done.error());
    });
    listDevices();
}

void ChatService::revokeDevice(quint64 deviceId)
{
    if (deviceId == m_session.deviceId) {
        signOut();
        return;
    }
    post([this, deviceId] {
        if (!online())
            return;
        const auto done = m_connection->callAndWait<protocol::Ok>(protocol::RevokeDevice{deviceId});
        if (!done) {
            reportFailure(QStringLiteral("revoke_device"), done.error());
            return;
        }
        // The server stops counting it at once; the signed list should say so too.
        m_crypto->session().dropRevokedDevice(deviceId);
    });
    listDevices();
}

void ChatService::changePassword(const QString& oldPassword, const QString& newPassword,
                                 bool revokeOthers)
{
    post([this, oldPassword, newPassword, revokeOthers] {
        if (!online())
            return;
        const auto done = m_connection->callAndWait<protocol::Ok>(
            protocol::ChangePassword{oldPassword, newPassword, revokeOthers});
        Q_EMIT operationFinished(QStringLiteral("change_password"), bool(done),
                                 done ? QString() : done.error().message);
    });
}

void ChatService::checkVerification(quint64 userId)
{
    post([this, userId] {
        if (!online())
            return;
        const auto checked = m_crypto->session().verification(userId);
        if (!checked) {
            reportFailure(QStringLiteral("verification"), checked.error());
            return;
        }
        Q_EMIT verificationChecked(userId, checked->safetyNumber, checked->verified,
                                   checked->masterChanged);
    });
}

void ChatService::markVerified(quint64 userId, bool verified)
{
    post([this, userId, verified] {
        if (!m_crypto)
            return;
        m_crypto->session().setVerified(userId, verified);
    });
    checkVerification(userId);
}

void ChatService::setNotifyLevel(quint64 roomId, protocol::NotifyLevel level)
{
    post([this, roomId, level] {
        if (!online())
            return;
        const auto done =
            m_connection->callAndWait<protocol::Ok>(protocol::SetNotifyLevel{roomId, level});
        Q_EMIT operationFinished(QStringLiteral("notify_level"), bool(done),
                                 done ? QString() : done.error().message);
    });
}

void ChatService::setDoNotDisturb(qint64 untilMs)
{
    post([this, untilMs] {
        if (!online())
            return;
        const auto done =
            m_connection->callAndWait<protocol::Ok>(protocol::SetDoNotDisturb{untilMs});
        Q_EMIT operationFinished(QStringLiteral("do_not_disturb"), bool(done),
                                 done ? QString() : done.error().message);
    });
}

} // namespace moim::chat
