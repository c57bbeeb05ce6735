#include "server/EventStore.h"

#include "server/BlobMetadataStore.h"
#include "server/DbContext.h"
#include "server/PgArrays.h"
#include "server/RoomStore.h"
#include "server/SendBatch.h"
#include "server/SqlTransaction.h"

#include <QStringList>
#include <crypto/Sodium.h>
#include <optional>
#include <protocol/Limits.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::ErrorReply;
using protocol::EventKind;
using protocol::RoomEvent;

namespace {

const QString kColumns = QStringLiteral(
    "SELECT room_id, seq, kind, sender_user, sender_device, client_id, created_ms, envelope,"
    " ref_seq, thread_root, reaction_key, mentions, mention_all, subject_user, reply_count,"
    " last_reply_ms, edited, deleted, pinned FROM events ");

QVariant nullableId(const std::optional<quint64>& value)
{
    return value ? QVariant(qint64(*value)) : QVariant(QMetaType::fromType<qint64>());
}

// An empty key is stored as NULL, as reaction keys of events that are not reactions are.
QVariant nullableBytes(const QByteArray& value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(value);
}

QString joinIds(const QList<quint64>& ids)
{
    QStringList parts;
    for (const quint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(','));
}

QList<quint64> splitIds(const QString& text)
{
    QList<quint64> ids;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        ids.append(part.toULongLong());
    return ids;
}

ErrorReply refused(ErrorCode code, const QString& message)
{
    return ErrorReply{code, message, std::nullopt};
}

RoomEvent eventOf(const protocol::Send& send, quint64 senderUserId, quint64 senderDeviceId,
                  qint64 nowMs)
{
    RoomEvent event;
    event.roomId = send.roomId;
    event.kind = send.kind;
    event.senderUserId = senderUserId;
    event.senderDeviceId = senderDeviceId;
    event.clientId = send.clientId;
    event.createdMs = nowMs;
    event.envelope = send.kind == EventKind::Delete ? QByteArray() : send.envelope;
    event.refSeq = send.kind == EventKind::Message ? std::nullopt : send.refSeq;
    event.threadRoot = send.kind == EventKind::Message ? send.threadRoot : std::nullopt;
    event.reactionKey = send.reactionKey;
    event.mentions = send.mentions;
    event.mentionAll = send.mentionAll;
    return event;
}

// An empty byte array binds as empty, never as NULL (DbContext::bindable).
QByteArray notNull(const QByteArray& value)
{
    return value.isNull() ? QByteArray("", 0) : value;
}

} // namespace

EventStore::EventStore(DbContext& context)
    : m_context(context)
{}

QList<RoomEvent> EventStore::select(const QString& where, const QVariantList& values)
{
    QSqlQuery& query = m_context.exec(kColumns + where, values);
    QList<RoomEvent> events;
    while (query.next()) {
        RoomEvent event;
        event.roomId = query.value(0).toULongLong();
        event.seq = query.value(1).toULongLong();
        event.kind = EventKind(query.value(2).toUInt());
        event.senderUserId = query.value(3).toULongLong();
        event.senderDeviceId = query.value(4).toULongLong();
        event.clientId = query.value(5).toByteArray();
        event.createdMs = query.value(6).toLongLong();
        event.envelope = query.value(7).toByteArray();
        if (!query.value(8).isNull())
            event.refSeq = query.value(8).toULongLong();
        if (!query.value(9).isNull())
            event.threadRoot = query.value(9).toULongLong();
        event.reactionKey = query.value(10).toByteArray();
        event.mentions = splitIds(query.value(11).toString());
        event.mentionAll = query.value(12).toInt() != 0;
        if (!query.value(13).isNull())
            event.subjectUserId = query.value(13).toULongLong();
        event.replyCount = query.value(14).toULongLong();
        event.lastReplyMs = query.value(15).toLongLong();
        event.edited = query.value(16).toInt() != 0;
        event.deleted = query.value(17).toInt() != 0;
        event.pinned = query.value(18).toInt() != 0;
        events.append(event);
    }
    query.finish();
    return events;
}

std::optional<RoomEvent> EventStore::find(quint64 roomId, quint64 seq)
{
    const auto events =
        select(QStringLiteral("WHERE room_id = ? AND seq = ?"), {qint64(roomId), qint64(seq)});
    if (events.isEmpty())
        return std::nullopt;
    return events.first();
}

quint64 EventStore::nextSeq(quint64 roomId)
{
    // The row lock (PostgreSQL) or the write lock (SQLite) of this update orders concurrent
    // senders in a room: sequence numbers have no gaps and no duplicates.
    QSqlQuery& query = m_context.exec(
        QStringLiteral("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq"),
        {qint64(roomId)});
    if (!query.next())
        throw DbError(QStringLiteral("room %1 vanished").arg(roomId));
    const quint64 seq = query.value(0).toULongLong();
    query.finish();
    return seq;
}

void EventStore::insert(const RoomEvent& event)
{
    m_context.exec(
        QStringLiteral("INSERT INTO events (room_id, seq, kind, sender_user, sender_device, "
                       "client_id, created_ms, envelope, ref_seq, thread_root, reaction_key, "
                       "mentions, mention_all, subject_user) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {qint64(event.roomId), qint64(event.seq), qint64(event.kind), qint64(event.senderUserId),
         qint64(event.senderDeviceId), event.clientId, event.createdMs, event.envelope,
         nullableId(event.refSeq), nullableId(event.threadRoot), nullableBytes(event.reactionKey),
         joinIds(event.mentions), event.mentionAll ? 1 : 0, nullableId(event.subjectUserId)});
    insertMentions(event);
}

void EventStore::insertMentions(const RoomEvent& event)
{
    for (const quint64 userId : event.mentions) {
        m_context.exec(QStringLiteral("INSERT INTO event_mentions (user_id, room_id, seq) "
                                      "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                       {qint64(userId), qint64(event.roomId), qint64(event.seq)});
    }
}

std::pair<RoomEvent, bool> EventStore::insertUnlessDuplicate(RoomEvent event)
{
    // The room's row is locked before this statement starts, so its snapshot already holds
    // any earlier send of this client id, whichever server stored it.
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "WITH dup AS (SELECT seq FROM events WHERE room_id = ? AND sender_user = ? AND "
            "client_id = ? LIMIT 1),"
            " bump AS (UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM dup) RETURNING last_seq),"
            " added AS (INSERT INTO events (room_id, seq, kind, sender_user, sender_device, "
            "client_id, created_ms, envelope, reaction_key, mentions, mention_all) "
            "SELECT ?::bigint, last_seq, ?::bigint, ?::bigint, ?::bigint, ?::bytea, ?::bigint, "
            "?::bytea, ?::bytea, ?::text, ?::bigint FROM bump RETURNING seq)"
            " SELECT (SELECT seq FROM dup), (SELECT seq FROM added)"),
        {qint64(event.roomId), qint64(event.senderUserId), event.clientId, qint64(event.roomId),
         qint64(event.roomId), qint64(event.kind), qint64(event.senderUserId),
         qint64(event.senderDeviceId), event.clientId, event.createdMs, event.envelope,
         nullableBytes(event.reactionKey), joinIds(event.mentions), event.mentionAll ? 1 : 0});
    if (!query.next())
        throw DbError(QStringLiteral("room %1: no answer to an append").arg(event.roomId));
    const QVariant duplicateSeq = query.value(0);
    const QVariant storedSeq = query.value(1);
    query.finish();
    if (!duplicateSeq.isNull()) {
        auto earlier = find(event.roomId, duplicateSeq.toULongLong());
        if (!earlier)
            throw DbError(QStringLiteral("room %1: a duplicate vanished").arg(event.roomId));
        return {*earlier, true};
    }
    if (storedSeq.isNull())
        throw DbError(QStringLiteral("room %1 vanished").arg(event.roomId));
    event.seq = storedSeq.toULongLong();
    insertMentions(event);
    return {event, false};
}

bool EventStore::isPlainMessage(const protocol::Send& send)
{
    return send.kind == EventKind::Message && !send.threadRoot && send.blobs.isEmpty();
}

AppendOutcome EventStore::appendToBatch(SendBatch& batch, const protocol::Send& send,
                                        quint64 senderUserId, quint64 senderDeviceId,
                                        std::optional<quint64> earlierSeq, qint64 nowMs)
{
    const auto duplicateOf = [](const RoomEvent& earlier) {
        return AppendOutcome{protocol::Sent{earlier.roomId, earlier.seq, earlier.createdMs, true},
                             earlier};
    };
    if (earlierSeq) {
        const auto earlier = find(send.roomId, *earlierSeq);
        if (!earlier)
            throw DbError(QStringLiteral("room %1: a duplicate vanished").arg(send.roomId));
        return duplicateOf(*earlier);
    }
    if (const RoomEvent* earlier = batch.pending(send.roomId, senderUserId, send.clientId))
        return duplicateOf(*earlier);
    RoomEvent event = eventOf(send, senderUserId, senderDeviceId, nowMs);
    event.seq = batch.takeSeq(send.roomId);
    batch.add(event);
    return AppendOutcome{protocol::Sent{event.roomId, event.seq, event.createdMs, false}, event};
}

void EventStore::insertMany(const QList<RoomEvent>& events)
{
    QList<qint64> roomIds, seqs, kinds, senders, devices, createdMs, mentionAll;
    QList<QByteArray> clientIds, envelopes, reactionKeys;
    QStringList mentions;
    QList<qint64> mentionUsers, mentionRooms, mentionSeqs;
    QHash<quint64, quint64> lastSeqs;
    for (const RoomEvent& event : events) {
        roomIds.append(qint64(event.roomId));
        seqs.append(qint64(event.seq));
        kinds.append(qint64(event.kind));
        senders.append(qint64(event.senderUserId));
        devices.append(qint64(event.senderDeviceId));
        clientIds.append(notNull(event.clientId));
        createdMs.append(event.createdMs);
        envelopes.append(notNull(event.envelope));
        reactionKeys.append(event.reactionKey.isEmpty() ? QByteArray() : event.reactionKey);
        mentions.append(joinIds(event.mentions));
        mentionAll.append(event.mentionAll ? 1 : 0);
        for (const quint64 user : event.mentions) {
            mentionUsers.append(qint64(user));
            mentionRooms.append(qint64(event.roomId));
            mentionSeqs.append(qint64(event.seq));
        }
        quint64& last = lastSeqs[event.roomId];
        last = std::max(last, event.seq);
    }
    m_context.exec(
        QStringLiteral("INSERT INTO events (room_id, seq, kind, sender_user, sender_device, "
                       "client_id, created_ms, envelope, reaction_key, mentions, mention_all) "
                       "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], "
                       "?::bigint[], ?::bytea[], ?::bigint[], ?::bytea[], ?::bytea[], ?::text[], "
                       "?::bigint[])"),
        {pg::bigintArray(roomIds), pg::bigintArray(seqs), pg::bigintArray(kinds),
         pg::bigintArray(senders), pg::bigintArray(devices), pg::byteaArray(clientIds),
         pg::bigintArray(createdMs), pg::byteaArray(envelopes), pg::byteaArray(reactionKeys),
         pg::textArray(mentions), pg::bigintArray(mentionAll)});
    if (!mentionUsers.isEmpty()) {
        m_context.exec(QStringLiteral("INSERT INTO event_mentions (user_id, room_id, seq) "
                                      "SELECT * FROM unnest(?::bigint[], ?::bigint[], "
                                      "?::bigint[]) ON CONFLICT DO NOTHING"),
                       {pg::bigintArray(mentionUsers), pg::bigintArray(mentionRooms),
                        pg::bigintArray(mentionSeqs)});
    }
    m_context.exec(QStringLiteral("UPDATE rooms SET last_seq = v.last_seq FROM unnest(?::bigint[], "
                                  "?::bigint[]) AS v(id, last_seq) WHERE rooms.id = v.id"),
                   {pg::bigintArray(lastSeqs.keys()), pg::bigintArray(lastSeqs.values())});
}

std::variant<AppendOutcome, ErrorReply> EventStore::append(const protocol::Send& send,
                                                           quint64 senderUserId,
                                                           quint64 senderDeviceId,
                                                           bool senderIsAdmin, qint64 nowMs)
{
    // Inside the caller's transaction (a grouped send runs in a savepoint of its own), that
    // one undoes a half-done append: every refusal below comes before the first write. A
    // savepoint of our own would cost two more round trips per send.
    std::optional<SqlTransaction> transaction;
    if (m_context.transactionDepth() == 0)
        transaction.emplace(m_context);
    if (m_context.isPostgres()) {
        // Senders in one room queue here, so the duplicate check below and the insert cannot
        // interleave (the partitioned events table has no unique index to catch it).
        RoomStore(m_context).lockForSend(send.roomId);
    }
    const auto newEvent = [&] { return eventOf(send, senderUserId, senderDeviceId, nowMs); };
    // Most sends are plain messages, which nothing below can refuse: on PostgreSQL, where
    // each statement is a round trip to another process, they take one statement instead of
    // three.
    if (m_context.isPostgres() && isPlainMessage(send)) {
        const auto [event, duplicate] = insertUnlessDuplicate(newEvent());
        if (transaction)
            transaction->commit();
        return AppendOutcome{protocol::Sent{event.roomId, event.seq, event.createdMs, duplicate},
                             event};
    }
    const auto existing =
        select(QStringLiteral("WHERE room_id = ? AND sender_user = ? AND client_id = ?"),
               {qint64(send.roomId), qint64(senderUserId), send.clientId});
    if (!existing.isEmpty()) {
        const RoomEvent& event = existing.first();
        return AppendOutcome{protocol::Sent{event.roomId, event.seq, event.createdMs, true}, event};
    }

    std::optional<RoomEvent> target;
    if (send.kind != EventKind::Message || send.threadRoot) {
        const quint64 targetSeq = send.kind == EventKind::Message ? *send.threadRoot : *send.refSeq;
        target = find(send.roomId, targetSeq);
        if (!target || target->kind != EventKind::Message)
            return refused(ErrorCode::NotFound,
                           QStringLiteral("no message %1 in this room").arg(targetSeq));
        if (target->deleted)
            return refused(ErrorCode::NotFound,
                           QStringLiteral("message %1 was deleted").arg(targetSeq));
    }
    const auto targetKey = [&] { return QVariantList{qint64(send.roomId), qint64(target->seq)}; };
    switch (send.kind) {
    case EventKind::Message:
        if (target && target->threadRoot)
            return refused(ErrorCode::BadRequest,
                           QStringLiteral("a reply names the thread's root, not another reply"));
        break;
    case EventKind::Edit:
        if (target->senderUserId != senderUserId)
            return refused(ErrorCode::Forbidden, QStringLiteral("only the sender edits a message"));
        break;
    case EventKind::Delete:
        if (target->senderUserId != senderUserId && !senderIsAdmin)
            return refused(ErrorCode::Forbidden,
                           QStringLiteral("only the sender or a team admin deletes a message"));
        break;
    case EventKind::ReactionAdd:
    case EventKind::ReactionRemove: {
        QSqlQuery& present = m_context.exec(
            QStringLiteral("SELECT 1 FROM reactions WHERE room_id = ? AND seq = ? AND user_id = ? "
                           "AND reaction_key = ?"),
            {qint64(send.roomId), qint64(target->seq), qint64(senderUserId), send.reactionKey});
        const bool has = present.next();
        present.finish();
        if (send.kind == EventKind::ReactionAdd && has)
            return refused(ErrorCode::Conflict, QStringLiteral("you already reacted with this"));
        if (send.kind == EventKind::ReactionRemove && !has)
            return refused(ErrorCode::NotFound, QStringLiteral("no such reaction of yours"));
        break;
    }
    case EventKind::Pin:
        if (target->pinned)
            return refused(ErrorCode::Conflict, QStringLiteral("already pinned"));
        break;
    case EventKind::Unpin:
        if (!target->pinned)
            return refused(ErrorCode::Conflict, QStringLiteral("not pinned"));
        break;
    default:
        return refused(ErrorCode::BadRequest,
                       QStringLiteral("clients cannot send this kind of event"));
    }

    // Files are named by the (encrypted) content; the server only checks that each was
    // uploaded to this room, and keeps it while the event refers to it.
    BlobMetadataStore blobs(m_context);
    if (!send.blobs.isEmpty() && !blobs.allInRoom(send.roomId, send.blobs))
        return refused(ErrorCode::BadRequest, QStringLiteral("unknown attachment"));

    RoomEvent event = newEvent();
    event.seq = nextSeq(send.roomId);
    insert(event);
    blobs.attachToEvent(event.roomId, event.seq, send.blobs);

    switch (send.kind) {
    case EventKind::Message:
        if (target)
            m_context.exec(QStringLiteral("UPDATE events SET reply_count = reply_count + 1, "
                                          "last_reply_ms = ? WHERE room_id = ? AND seq = ?"),
                           QVariantList{nowMs} + targetKey());
        break;
    case EventKind::Edit:
        m_context.exec(QStringLiteral("UPDATE events SET edited = 1 WHERE room_id = ? AND seq = ?"),
                       targetKey());
        break;
    case EventKind::Delete:
        // The ciphertext of the message and of its edits is erased, not only hidden.
        m_context.exec(
            QStringLiteral(
                "UPDATE events SET deleted = 1, envelope = ?, mentions = '', mention_all = 0 "
                "WHERE room_id = ? AND seq = ?"),
            QVariantList{QByteArray()} + targetKey());
        m_context.exec(QStringLiteral("UPDATE events SET envelope = ? WHERE room_id = ? "
                                      "AND ref_seq = ? AND kind = 2"),
                       QVariantList{QByteArray()} + targetKey());
        m_context.exec(QStringLiteral("DELETE FROM event_mentions WHERE room_id = ? AND seq = ?"),
                       targetKey());
        // Its files (and its edits') are then unreferenced, and collected after the grace
        // period.
        blobs.detachMessage(send.roomId, target->seq);
        break;
    case EventKind::ReactionAdd:
        m_context.exec(QStringLiteral("INSERT INTO reactions (room_id, seq, user_id, reaction_key) "
                                      "VALUES (?, ?, ?, ?)"),
                       targetKey() + QVariantList{qint64(senderUserId), send.reactionKey});
        break;
    case EventKind::ReactionRemove:
        m_context.exec(QStringLiteral("DELETE FROM reactions WHERE room_id = ? AND seq = ? "
                                      "AND user_id = ? AND reaction_key = ?"),
                       targetKey() + QVariantList{qint64(senderUserId), send.reactionKey});
        break;
    case EventKind::Pin:
    case EventKind::Unpin:
        m_context.exec(QStringLiteral("UPDATE events SET pinned = ? WHERE room_id = ? AND seq = ?"),
                       QVariantList{send.kind == EventKind::Pin ? 1 : 0} + targetKey());
        break;
    default:
        break;
    }
    if (transaction)
        transaction->commit();
    return AppendOutcome{protocol::Sent{event.roomId, event.seq, event.createdMs, false}, event};
}

RoomEvent EventStore::appendServerEvent(quint64 roomId, EventKind kind, quint64 actorUserId,
                                        std::optional<quint64> subject, qint64 nowMs)
{
    RoomEvent event;
    event.roomId = roomId;
    event.seq = nextSeq(roomId);
    event.kind = kind;
    event.senderUserId = actorUserId;
    event.clientId = crypto::randomBytes(16);
    event.createdMs = nowMs;
    event.subjectUserId = subject;
    insert(event);
    return event;
}

protocol::Events EventStore::page(const protocol::History& request)
{
    const qint64 room = qint64(request.roomId);
    const qint64 limit = qint64(request.limit);
    protocol::Events page;
    page.roomId = request.roomId;
    QList<RoomEvent> older;
    QList<RoomEvent> newer;
    if (request.after) {
        newer = select(QStringLiteral("WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?"),
                       {room, qint64(*request.after), limit});
    } else if (request.around) {
        const qint64 half = limit / 2;
        older = select(QStringLiteral("WHERE room_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"),
                       {room, qint64(*request.around), half});
        newer = select(QStringLiteral("WHERE room_id = ? AND seq >= ? ORDER BY seq LIMIT ?"),
                       {room, qint64(*request.around), limit - half});
    } else if (request.before) {
        older = select(QStringLiteral("WHERE room_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"),
                       {room, qint64(*request.before), limit});
    } else {
        older =
            select(QStringLiteral("WHERE room_id = ? ORDER BY seq DESC LIMIT ?"), {room, limit});
    }
    std::reverse(older.begin(), older.end());
    page.events = older + newer;
    if (!page.events.isEmpty()) {
        QSqlQuery& before = m_context.exec(
            QStringLiteral("SELECT 1 FROM events WHERE room_id = ? AND seq < ? LIMIT 1"),
            {room, qint64(page.events.first().seq)});
        page.hasMoreBefore = before.next();
        before.finish();
        QSqlQuery& after = m_context.exec(
            QStringLiteral("SELECT 1 FROM events WHERE room_id = ? AND seq > ? LIMIT 1"),
            {room, qint64(page.events.last().seq)});
        page.hasMoreAfter = after.next();
        after.finish();
    }
    return page;
}

std::variant<protocol::Events, ErrorReply>
EventStore::threadPage(const protocol::ThreadHistory& request)
{
    // A deleted root still names its thread: its replies stay (see append), and history
    // shows deleted messages too.
    const auto root = find(request.roomId, request.rootSeq);
    if (!root || root->kind != EventKind::Message)
        return refused(ErrorCode::NotFound,
                       QStringLiteral("no message %1 in this room").arg(request.rootSeq));
    if (root->threadRoot)
        return refused(ErrorCode::BadRequest,
                       QStringLiteral("a thread is named by its root, not by a reply"));
    protocol::Events page;
    page.roomId = request.roomId;
    // One row more than asked says whether more follow, without a second query. Sequence
    // numbers start at 1, so no after means after 0. Served by events_thread_idx.
    const qint64 limit = qint64(request.limit);
    page.events =
        select(QStringLiteral("WHERE room_id = ? AND thread_root = ? AND kind = ? "
                              "AND seq > ? ORDER BY seq LIMIT ?"),
               {qint64(request.roomId), qint64(request.rootSeq), qint64(EventKind::Message),
                qint64(request.after.value_or(0)), limit + 1});
    if (page.events.size() > limit) {
        page.events.removeLast();
        page.hasMoreAfter = true;
    }
    return page;
}

protocol::Events EventStore::pinned(quint64 roomId)
{
    protocol::Events page;
    page.roomId = roomId;
    page.events = select(QStringLiteral("WHERE room_id = ? AND pinned = 1 ORDER BY seq LIMIT ?"),
                         {qint64(roomId), protocol::kMaxHistoryPage + 1});
    // More pins than a page holds: say so rather than drop them silently.
    if (page.events.size() > protocol::kMaxHistoryPage) {
        page.events.removeLast();
        page.hasMoreAfter = true;
    }
    return page;
}

std::optional<quint64> EventStore::markRead(quint64 roomId, quint64 userId, quint64 seq)
{
    // Only forward, and never past the newest event.
    QSqlQuery& query = m_context.exec(
        QStringLiteral(
            "UPDATE room_members SET read_seq = (SELECT CASE WHEN CAST(? AS BIGINT) < "
            "last_seq THEN CAST(? AS BIGINT) ELSE last_seq END FROM rooms WHERE id = ?) "
            "WHERE room_id = ? AND user_id = ? AND read_seq < ? "
            "AND read_seq < (SELECT last_seq FROM rooms WHERE id = ?) RETURNING read_seq"),
        {qint64(seq), qint64(seq), qint64(roomId), qint64(roomId), qint64(userId), qint64(seq),
         qint64(roomId)});
    if (!query.next())
        return std::nullopt;
    return query.value(0).toULongLong();
}

quint64 EventStore::markUnread(quint64 roomId, quint64 userId, quint64 seq)
{
    // Marks seq and what follows unread: the marker only moves back.
    m_context.exec(QStringLiteral("UPDATE room_members SET read_seq = ? WHERE room_id = ? "
                                  "AND user_id = ? AND read_seq > ?"),
                   {qint64(seq - 1), qint64(roomId), qint64(userId), qint64(seq - 1)});
    QSqlQuery& query = m_context.exec(
        QStringLiteral("SELECT read_seq FROM room_members WHERE room_id = ? AND user_id = ?"),
        {qint64(roomId), qint64(userId)});
    return query.next() ? query.value(0).toULongLong() : 0;
}

} // namespace moim::server
