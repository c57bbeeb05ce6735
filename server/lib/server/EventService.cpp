#include "server/EventService.h"

#include "server/AccountStore.h"
#include "server/Clock.h"
#include "server/ConnectionRegistry.h"
#include "server/DatabaseRequest.h"
#include "server/EventStore.h"
#include "server/Fanout.h"
#include "server/KeyService.h"
#include "server/PushGateway.h"
#include "server/RequestRouter.h"
#include "server/RoomAudienceCache.h"
#include "server/RoomStore.h"
#include "server/SendBatch.h"

#include <QDateTime>
#include <QJsonObject>
#include <protocol/EmptyMessage.h>
#include <protocol/Limits.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::EventKind;
using protocol::Result;

namespace {

const QString kNoRoom = QStringLiteral("no such room");

// history and thread_history page alike.
bool pageLimitAllowed(quint64 limit, const Responder& responder)
{
    if (limit >= 1 && limit <= quint64(protocol::kMaxHistoryPage))
        return true;
    responder.fail(ErrorCode::BadRequest,
                   QStringLiteral("limit is 1 to %1").arg(protocol::kMaxHistoryPage));
    return false;
}

// Checks what does not need the database: the shape of the event for its kind.
std::optional<QString> sendProblem(const protocol::Send& send)
{
    if (send.clientId.size() < protocol::kMinClientIdBytes ||
        send.clientId.size() > protocol::kMaxClientIdBytes)
        return QStringLiteral("client_id has %1 to %2 bytes")
            .arg(protocol::kMinClientIdBytes)
            .arg(protocol::kMaxClientIdBytes);
    if (send.mentions.size() > protocol::kMaxMentions)
        return QStringLiteral("at most %1 mentions").arg(protocol::kMaxMentions);
    const bool reaction =
        send.kind == EventKind::ReactionAdd || send.kind == EventKind::ReactionRemove;
    if (reaction != !send.reactionKey.isEmpty() ||
        send.reactionKey.size() > protocol::kMaxReactionKeyBytes)
        return QStringLiteral("reactions, and only they, carry a reaction_key of 1 to %1 bytes")
            .arg(protocol::kMaxReactionKeyBytes);
    if (!send.blobs.isEmpty() && send.kind != EventKind::Message && send.kind != EventKind::Edit)
        return QStringLiteral("only messages and edits carry blobs");
    switch (send.kind) {
    case EventKind::Message:
        if (send.envelope.isEmpty())
            return QStringLiteral("a message needs an envelope");
        if (send.refSeq)
            return QStringLiteral("a message has no ref_seq (a reply names thread_root)");
        return std::nullopt;
    case EventKind::Edit:
        if (send.envelope.isEmpty())
            return QStringLiteral("an edit needs an envelope");
        [[fallthrough]];
    case EventKind::Delete:
    case EventKind::ReactionAdd:
    case EventKind::ReactionRemove:
    case EventKind::Pin:
    case EventKind::Unpin:
        if (!send.refSeq)
            return QStringLiteral("this kind of event needs ref_seq");
        if (send.threadRoot)
            return QStringLiteral("only messages carry thread_root");
        return std::nullopt;
    default:
        return QStringLiteral("clients cannot send this kind of event");
    }
}

} // namespace

EventService::EventService(DatabasePool& database, RoomAudienceCache& audiences, Fanout& fanout,
                           ConnectionRegistry& registry, PushGateway* gateway)
    : m_database(database)
    , m_audiences(audiences)
    , m_fanout(fanout)
    , m_registry(registry)
    , m_gateway(gateway)
{}

void EventService::registerRoutes(RequestRouter& router)
{
    using namespace protocol;
    router.on<Send>(Access::Member, [this](auto& c, auto r, auto p) { send(c, r, p); });
    router.on<History>(Access::Member, [this](auto& c, auto r, auto p) { history(c, r, p); });
    router.on<ThreadHistory>(Access::Member,
                             [this](auto& c, auto r, auto p) { threadHistory(c, r, p); });
    router.on<ListPins>(Access::Member, [this](auto& c, auto r, auto p) { listPins(c, r, p); });
    router.on<MarkRead>(Access::Member, [this](auto& c, auto r, auto p) { markRead(c, r, p); });
    router.on<MarkUnread>(Access::Member, [this](auto& c, auto r, auto p) { markUnread(c, r, p); });
}

void EventService::send(ClientConnection& connection, protocol::Send request, Responder responder)
{
    if (auto problem = sendProblem(request))
        return responder.fail(ErrorCode::BadRequest, *problem);
    const quint64 userId = connection.session()->userId;
    const quint64 deviceId = connection.session()->deviceId;
    struct Stored {
        AppendOutcome outcome;
        QList<quint64> members;
        QList<std::pair<quint64, protocol::Notification>> notifications;
        struct Wake {
            quint64 deviceId;
            QString url;
            QJsonObject payload;
        };
        QList<Wake> wakes;
    };
    const bool pushing = m_gateway != nullptr;
    runForRequest<Stored>(
        m_database, connection, responder,
        [=, this](DbContext& context) mutable -> Result<Stored> {
            RoomStore rooms(context);
            // A plain message joins its group's batch; any other send reads rows the batch
            // may still hold back, so it writes them first.
            SendBatch* batch =
                EventStore::isPlainMessage(request) ? SendBatch::of(context) : nullptr;
            if (!batch)
                context.flushGroup();
            std::optional<RoomAccess> access;
            std::optional<quint64> earlierSeq;
            if (batch) {
                batch->lockRooms();
                if (auto found = rooms.accessForSend(request.roomId, userId, request.clientId)) {
                    access = found->room;
                    earlierSeq = found->earlierSeq;
                }
            } else {
                access = rooms.access(request.roomId, userId);
            }
            if (!access || !access->canRead())
                return refuse<Stored>(ErrorCode::NotFound, kNoRoom);
            if (!access->member)
                return refuse<Stored>(ErrorCode::Forbidden, QStringLiteral("join the room first"));
            if (access->archived)
                return refuse<Stored>(ErrorCode::Forbidden,
                                      QStringLiteral("this room is archived"));
            // An envelope is encrypted under a sender key shared with some set of devices;
            // if that is not the room's current set, someone would be left unable to read
            // it (or a removed device could): the client refreshes and reshares first.
            const auto audience =
                m_audiences.audience(context, request.roomId, access->audienceVersion);
            if (!request.envelope.isEmpty() && audience->recipientDigest != request.recipients)
                return refuse<Stored>(ErrorCode::StaleDevices,
                                      QStringLiteral("the room's devices changed: ask "
                                                     "room_devices and share your key again"));
            Stored stored;
            stored.members = audience->members;
            const bool direct = access->kind == protocol::RoomKind::Direct;
            if (direct) {
                for (const quint64 member : std::as_const(stored.members)) {
                    if (member != userId && audience->blockedEitherWay(userId, member))
                        return refuse<Stored>(ErrorCode::Forbidden,
                                              QStringLiteral("you cannot message this person"));
                }
            }
            // Mentions count only for people in the room.
            request.mentions.removeIf(
                [&](quint64 id) { return !audience->memberSet.contains(id); });
            if (batch) {
                stored.outcome = EventStore(context).appendToBatch(*batch, request, userId,
                                                                   deviceId, earlierSeq, nowMs());
            } else {
                auto appended = EventStore(context).append(request, userId, deviceId,
                                                           access->isAdmin(), nowMs());
                if (auto* error = std::get_if<protocol::ErrorReply>(&appended))
                    return *error;
                stored.outcome = std::get<AppendOutcome>(appended);
            }
            if (!stored.outcome.sent.duplicate && request.kind == EventKind::Message)
                stored.notifications =
                    audience->notifications(request.roomId, stored.outcome.sent.seq, userId,
                                            request.mentions, request.mentionAll, direct, nowMs());
            // Wake-ups carry the room, the sequence and counts; never content.
            for (const auto& [recipient, notification] : std::as_const(stored.notifications)) {
                if (!pushing)
                    break;
                const auto urls = AccountStore(context).pushUrls(recipient);
                if (urls.isEmpty())
                    continue;
                // The unread counts below count this message.
                context.flushGroup();
                const auto room = rooms.roomInfo(request.roomId, recipient);
                const QJsonObject payload{
                    {QStringLiteral("room_id"), QString::number(request.roomId)},
                    {QStringLiteral("seq"), double(notification.seq)},
                    {QStringLiteral("mention"), notification.mention},
                    {QStringLiteral("direct"), notification.direct},
                    {QStringLiteral("unread"), double(room ? room->unread : 0)},
                    {QStringLiteral("mentions"), double(room ? room->mentions : 0)}};
                for (const auto& [pushDevice, url] : urls)
                    stored.wakes.append({pushDevice, url, payload});
            }
            return stored;
        },
        [=, this, &connection](const Stored& stored) {
            responder.reply(stored.outcome.sent);
            // Every device of every member, the sender's other devices included; a resend
            // was delivered the first time.
            if (!stored.outcome.sent.duplicate)
                m_fanout.push(stored.outcome.event, stored.members, &connection);
            // Recipients of the same notification share one frame: in a large room that is
            // two encodings and two hand-offs per message, not one per member.
            QHash<bool, QList<quint64>> byMention;
            for (const auto& [recipient, notification] : stored.notifications)
                byMention[notification.mention].append(recipient);
            for (auto it = byMention.cbegin(); it != byMention.cend(); ++it) {
                protocol::Notification notification = stored.notifications.constFirst().second;
                notification.mention = it.key();
                m_fanout.push(notification, it.value());
            }
            for (const auto& wake : stored.wakes) {
                if (!m_registry.isDeviceOnline(wake.deviceId))
                    m_gateway->wake(QUrl(wake.url), wake.payload);
            }
        },
        // Sends queued together share one commit: the answer still waits for it, so "sent"
        // keeps meaning "stored". A send locks its room's row: the room is its lane.
        Commit::Grouped, request.roomId);
}

void EventService::history(ClientConnection& connection, protocol::History request,
                           Responder responder)
{
    const int cursors = int(request.before.has_value()) + int(request.after.has_value()) +
                        int(request.around.has_value());
    if (cursors > 1)
        return responder.fail(ErrorCode::BadRequest,
                              QStringLiteral("give at most one of before, after, around"));
    if (!pageLimitAllowed(request.limit, responder))
        return;
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::Events>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::Events> {
            const auto access = RoomStore(context).access(request.roomId, userId);
            if (!access || !access->canRead())
                return refuse<protocol::Events>(ErrorCode::NotFound, kNoRoom);
            return EventStore(context).page(request);
        },
        [responder](const protocol::Events& events) { responder.reply(events); });
}

void EventService::threadHistory(ClientConnection& connection, protocol::ThreadHistory request,
                                 Responder responder)
{
    if (!pageLimitAllowed(request.limit, responder))
        return;
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::Events>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::Events> {
            // Whoever may page the room may page its threads: the same rule as history.
            const auto access = RoomStore(context).access(request.roomId, userId);
            if (!access || !access->canRead())
                return refuse<protocol::Events>(ErrorCode::NotFound, kNoRoom);
            auto page = EventStore(context).threadPage(request);
            if (auto* error = std::get_if<protocol::ErrorReply>(&page))
                return *error;
            return std::get<protocol::Events>(page);
        },
        [responder](const protocol::Events& events) { responder.reply(events); });
}

void EventService::listPins(ClientConnection& connection, protocol::ListPins request,
                            Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::Events>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::Events> {
            const auto access = RoomStore(context).access(request.roomId, userId);
            if (!access || !access->canRead())
                return refuse<protocol::Events>(ErrorCode::NotFound, kNoRoom);
            return EventStore(context).pinned(request.roomId);
        },
        [responder](const protocol::Events& events) { responder.reply(events); });
}

void EventService::markRead(ClientConnection& connection, protocol::MarkRead request,
                            Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<std::optional<quint64>>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<std::optional<quint64>> {
            const auto access = RoomStore(context).access(request.roomId, userId);
            if (!access || !access->member)
                return refuse<std::optional<quint64>>(ErrorCode::NotFound,
                                                      QStringLiteral("you are not in this room"));
            return EventStore(context).markRead(request.roomId, userId, request.seq);
        },
        [=, this, &connection](const std::optional<quint64>& readSeq) {
            responder.reply(protocol::Ok{});
            if (readSeq)
                m_fanout.push(protocol::ReadMarker{request.roomId, *readSeq}, {userId},
                              &connection);
        });
}

void EventService::markUnread(ClientConnection& connection, protocol::MarkUnread request,
                              Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<quint64>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<quint64> {
            const auto access = RoomStore(context).access(request.roomId, userId);
            if (!access || !access->member)
                return refuse<quint64>(ErrorCode::NotFound,
                                       QStringLiteral("you are not in this room"));
            if (request.seq == 0)
                return refuse<quint64>(ErrorCode::BadRequest, QStringLiteral("seq starts at 1"));
            return EventStore(context).markUnread(request.roomId, userId, request.seq);
        },
        [=, this, &connection](const quint64& readSeq) {
            responder.reply(protocol::Ok{});
            m_fanout.push(protocol::ReadMarker{request.roomId, readSeq}, {userId}, &connection);
        });
}

} // namespace moim::server
