#include "protocol/EventMessages.h"

#include "protocol/BlobMessages.h"
#include "protocol/BodyReader.h"
#include "protocol/CborLists.h"
#include "protocol/Limits.h"

#include <QCborArray>

namespace moim::protocol {

static EventKind readKind(BodyReader& reader, const QString& key)
{
    return reader.enumValue(key, EventKind::Message, EventKind(kLastEventKind), "event kind",
                            EventKind::Message);
}

// Absent or null: empty; written only when non-empty.
static QList<quint64> readMentions(BodyReader& reader, const QCborMap& body)
{
    const QString key = QStringLiteral("mentions");
    if (!body.contains(key) || body.value(key).isNull())
        return {};
    return reader.unsignedList(key, kMaxMentions);
}

QCborMap Send::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)},
                  {QStringLiteral("client_id"), clientId},
                  {QStringLiteral("kind"), qint64(kind)},
                  {QStringLiteral("envelope"), envelope}};
    if (refSeq)
        body.insert(QStringLiteral("ref_seq"), qint64(*refSeq));
    if (threadRoot)
        body.insert(QStringLiteral("thread_root"), qint64(*threadRoot));
    if (!reactionKey.isEmpty())
        body.insert(QStringLiteral("reaction_key"), reactionKey);
    if (!mentions.isEmpty())
        body.insert(QStringLiteral("mentions"), unsignedArray(mentions));
    if (mentionAll)
        body.insert(QStringLiteral("mention_all"), true);
    if (!recipients.isEmpty())
        body.insert(QStringLiteral("recipients"), recipients);
    if (!blobs.isEmpty()) {
        QCborArray ids;
        for (const QByteArray& blob : blobs)
            ids.append(blob);
        body.insert(QStringLiteral("blobs"), ids);
    }
    return body;
}

std::optional<Send> Send::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Send message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.clientId = reader.bytes(QStringLiteral("client_id"));
    message.kind = readKind(reader, QStringLiteral("kind"));
    message.envelope = reader.bytes(QStringLiteral("envelope"));
    message.refSeq = reader.optionalUnsignedInteger(QStringLiteral("ref_seq"));
    message.threadRoot = reader.optionalUnsignedInteger(QStringLiteral("thread_root"));
    message.reactionKey =
        reader.optionalBytes(QStringLiteral("reaction_key")).value_or(QByteArray());
    message.mentions = readMentions(reader, body);
    message.mentionAll = reader.boolean(QStringLiteral("mention_all"), false);
    message.recipients = reader.optionalBytes(QStringLiteral("recipients")).value_or(QByteArray());
    if (reader.ok() && !message.recipients.isEmpty() &&
        message.recipients.size() != kSendRecipientsBytes)
        reader.fail(QStringLiteral("recipients"),
                    QStringLiteral("exactly %1 bytes").arg(kSendRecipientsBytes));
    if (reader.ok() && body.contains(QStringLiteral("blobs")) &&
        !body.value(QStringLiteral("blobs")).isNull()) {
        const QCborArray ids = reader.array(QStringLiteral("blobs"));
        for (const QCborValue& id : ids) {
            if (!id.isByteArray() || id.toByteArray().size() != kBlobIdBytes) {
                reader.fail(QStringLiteral("blobs"),
                            QStringLiteral("blob ids are %1 bytes").arg(kBlobIdBytes));
                break;
            }
            message.blobs.append(id.toByteArray());
        }
        if (reader.ok() && ids.size() > kMaxBlobsPerEvent)
            reader.fail(QStringLiteral("blobs"),
                        QStringLiteral("at most %1").arg(kMaxBlobsPerEvent));
    }
    return reader.finish(message, error);
}

QCborMap Sent::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("seq"), qint64(seq)},
            {QStringLiteral("created_ms"), createdMs},
            {QStringLiteral("duplicate"), duplicate}};
}

std::optional<Sent> Sent::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Sent message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.seq = reader.unsignedInteger(QStringLiteral("seq"));
    message.createdMs = reader.integer(QStringLiteral("created_ms"));
    message.duplicate = reader.boolean(QStringLiteral("duplicate"), false);
    return reader.finish(message, error);
}

QCborMap RoomEvent::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)},
                  {QStringLiteral("seq"), qint64(seq)},
                  {QStringLiteral("kind"), qint64(kind)},
                  {QStringLiteral("sender_user_id"), qint64(senderUserId)},
                  {QStringLiteral("sender_device_id"), qint64(senderDeviceId)},
                  {QStringLiteral("client_id"), clientId},
                  {QStringLiteral("created_ms"), createdMs},
                  {QStringLiteral("envelope"), envelope}};
    if (refSeq)
        body.insert(QStringLiteral("ref_seq"), qint64(*refSeq));
    if (threadRoot)
        body.insert(QStringLiteral("thread_root"), qint64(*threadRoot));
    if (!reactionKey.isEmpty())
        body.insert(QStringLiteral("reaction_key"), reactionKey);
    if (!mentions.isEmpty())
        body.insert(QStringLiteral("mentions"), unsignedArray(mentions));
    if (mentionAll)
        body.insert(QStringLiteral("mention_all"), true);
    if (subjectUserId)
        body.insert(QStringLiteral("subject_user_id"), qint64(*subjectUserId));
    if (replyCount != 0)
        body.insert(QStringLiteral("reply_count"), qint64(replyCount));
    if (lastReplyMs != 0)
        body.insert(QStringLiteral("last_reply_ms"), lastReplyMs);
    if (edited)
        body.insert(QStringLiteral("edited"), true);
    if (deleted)
        body.insert(QStringLiteral("deleted"), true);
    if (pinned)
        body.insert(QStringLiteral("pinned"), true);
    return body;
}

std::optional<RoomEvent> RoomEvent::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RoomEvent message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.seq = reader.unsignedInteger(QStringLiteral("seq"));
    message.kind = readKind(reader, QStringLiteral("kind"));
    message.senderUserId = reader.unsignedInteger(QStringLiteral("sender_user_id"));
    message.senderDeviceId = reader.unsignedInteger(QStringLiteral("sender_device_id"));
    message.clientId = reader.bytes(QStringLiteral("client_id"));
    message.createdMs = reader.integer(QStringLiteral("created_ms"));
    message.envelope = reader.bytes(QStringLiteral("envelope"));
    message.refSeq = reader.optionalUnsignedInteger(QStringLiteral("ref_seq"));
    message.threadRoot = reader.optionalUnsignedInteger(QStringLiteral("thread_root"));
    message.reactionKey =
        reader.optionalBytes(QStringLiteral("reaction_key")).value_or(QByteArray());
    message.mentions = readMentions(reader, body);
    message.mentionAll = reader.boolean(QStringLiteral("mention_all"), false);
    message.subjectUserId = reader.optionalUnsignedInteger(QStringLiteral("subject_user_id"));
    message.replyCount = reader.optionalUnsignedInteger(QStringLiteral("reply_count")).value_or(0);
    const QString lastReplyKey = QStringLiteral("last_reply_ms");
    if (body.contains(lastReplyKey) && !body.value(lastReplyKey).isNull())
        message.lastReplyMs = reader.integer(lastReplyKey);
    message.edited = reader.boolean(QStringLiteral("edited"), false);
    message.deleted = reader.boolean(QStringLiteral("deleted"), false);
    message.pinned = reader.boolean(QStringLiteral("pinned"), false);
    return reader.finish(message, error);
}

QCborMap History::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)}};
    if (before)
        body.insert(QStringLiteral("before"), qint64(*before));
    if (after)
        body.insert(QStringLiteral("after"), qint64(*after));
    if (around)
        body.insert(QStringLiteral("around"), qint64(*around));
    body.insert(QStringLiteral("limit"), qint64(limit));
    return body;
}

std::optional<History> History::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    History message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.before = reader.optionalUnsignedInteger(QStringLiteral("before"));
    message.after = reader.optionalUnsignedInteger(QStringLiteral("after"));
    message.around = reader.optionalUnsignedInteger(QStringLiteral("around"));
    // Absent: the default of the struct.
    message.limit = reader.optionalUnsignedInteger(QStringLiteral("limit")).value_or(message.limit);
    return reader.finish(message, error);
}

QCborMap ThreadHistory::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)},
                  {QStringLiteral("root_seq"), qint64(rootSeq)}};
    if (after)
        body.insert(QStringLiteral("after"), qint64(*after));
    body.insert(QStringLiteral("limit"), qint64(limit));
    return body;
}

std::optional<ThreadHistory> ThreadHistory::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ThreadHistory message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.rootSeq = reader.unsignedInteger(QStringLiteral("root_seq"));
    message.after = reader.optionalUnsignedInteger(QStringLiteral("after"));
    // Absent: the default of the struct. The range is the server's to check, as for history.
    message.limit = reader.optionalUnsignedInteger(QStringLiteral("limit")).value_or(message.limit);
    return reader.finish(message, error);
}

QCborMap Events::toCbor() const
{
    QCborArray items;
    for (const RoomEvent& event : events)
        items.append(event.toCbor());
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("events"), items},
            {QStringLiteral("has_more_before"), hasMoreBefore},
            {QStringLiteral("has_more_after"), hasMoreAfter}};
}

std::optional<Events> Events::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Events page;
    page.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    const QCborArray items = reader.array(QStringLiteral("events"));
    if (items.size() > kMaxHistoryPage)
        reader.fail(QStringLiteral("events"), QStringLiteral("too many entries"));
    for (const QCborValue& item : items) {
        if (!reader.ok())
            break;
        if (!item.isMap()) {
            reader.fail(QStringLiteral("events"), QStringLiteral("expected an array of maps"));
            break;
        }
        QString problem;
        const std::optional<RoomEvent> event = RoomEvent::fromCbor(item.toMap(), &problem);
        if (!event) {
            reader.fail(QStringLiteral("events"), problem);
            break;
        }
        page.events.append(*event);
    }
    page.hasMoreBefore = reader.boolean(QStringLiteral("has_more_before"), false);
    page.hasMoreAfter = reader.boolean(QStringLiteral("has_more_after"), false);
    return reader.finish(page, error);
}

template <MessageType Type> QCborMap ReadRequest<Type>::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)}, {QStringLiteral("seq"), qint64(seq)}};
}

template <MessageType Type>
std::optional<ReadRequest<Type>> ReadRequest<Type>::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ReadRequest message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.seq = reader.unsignedInteger(QStringLiteral("seq"));
    return reader.finish(message, error);
}

template struct ReadRequest<MessageType::MarkRead>;
template struct ReadRequest<MessageType::MarkUnread>;

QCborMap ReadMarker::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("read_seq"), qint64(readSeq)}};
}

std::optional<ReadMarker> ReadMarker::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ReadMarker message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.readSeq = reader.unsignedInteger(QStringLiteral("read_seq"));
    return reader.finish(message, error);
}

} // namespace moim::protocol
