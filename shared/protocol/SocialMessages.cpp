#include "protocol/SocialMessages.h"

#include "protocol/BodyReader.h"
#include "protocol/CborLists.h"

#include <QCborArray>

namespace moim::protocol {

// Bounds the lists a peer will accept.
static constexpr int kMaxPresenceQuery = 200;
static constexpr int kMaxListedPresences = 10000;
static constexpr int kMaxListedRelations = 10000;
static constexpr int kMaxMissedRooms = 10000;

static PresenceStatus readStatus(BodyReader& reader, const QString& key)
{
    return reader.enumValue(key, PresenceStatus::Offline, PresenceStatus::Away, "presence status",
                            PresenceStatus::Offline);
}

static NotifyLevel readLevel(BodyReader& reader, const QString& key)
{
    return reader.enumValue(key, NotifyLevel::All, NotifyLevel::None, "notify level",
                            NotifyLevel::All);
}

// Reads a list of maps, each with readEntry; a bad entry fails the list with the entry's error.
template <typename Entry>
static QList<Entry> readEntries(BodyReader& reader, const QString& key, int maxItems,
                                Entry (*readEntry)(BodyReader&))
{
    QList<Entry> entries;
    const QCborArray items = reader.array(key);
    if (items.size() > maxItems)
        reader.fail(key, QStringLiteral("too many entries"));
    for (const QCborValue& item : items) {
        if (!reader.ok())
            break;
        if (!item.isMap()) {
            reader.fail(key, QStringLiteral("expected an array of maps"));
            break;
        }
        BodyReader entryReader(item.toMap());
        const Entry entry = readEntry(entryReader);
        if (!entryReader.ok()) {
            reader.fail(key, entryReader.error());
            break;
        }
        entries.append(entry);
    }
    return entries;
}

static QCborMap presenceToCbor(const PresenceInfo& presence)
{
    return {{QStringLiteral("user_id"), qint64(presence.userId)},
            {QStringLiteral("status"), qint64(presence.status)}};
}

static PresenceInfo readPresence(BodyReader& reader)
{
    PresenceInfo presence;
    presence.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    presence.status = readStatus(reader, QStringLiteral("status"));
    return presence;
}

static QCborMap relationToCbor(const RelationInfo& relation)
{
    QCborMap body{{QStringLiteral("user_id"), qint64(relation.userId)},
                  {QStringLiteral("username"), relation.username},
                  {QStringLiteral("display_name"), relation.displayName}};
    if (relation.favourite)
        body.insert(QStringLiteral("favourite"), true);
    if (relation.hidden)
        body.insert(QStringLiteral("hidden"), true);
    if (relation.blocked)
        body.insert(QStringLiteral("blocked"), true);
    return body;
}

static RelationInfo readRelation(BodyReader& reader)
{
    RelationInfo relation;
    relation.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    relation.username = reader.text(QStringLiteral("username"));
    relation.displayName = reader.text(QStringLiteral("display_name"));
    relation.favourite = reader.boolean(QStringLiteral("favourite"), false);
    relation.hidden = reader.boolean(QStringLiteral("hidden"), false);
    relation.blocked = reader.boolean(QStringLiteral("blocked"), false);
    return relation;
}

static QCborMap missedRoomToCbor(const MissedRoom& room)
{
    QCborMap body{{QStringLiteral("room_id"), qint64(room.roomId)},
                  {QStringLiteral("last_seq"), qint64(room.lastSeq)},
                  {QStringLiteral("unread"), qint64(room.unread)},
                  {QStringLiteral("mentions"), qint64(room.mentions)}};
    if (room.direct)
        body.insert(QStringLiteral("direct"), true);
    return body;
}

static MissedRoom readMissedRoom(BodyReader& reader)
{
    MissedRoom room;
    room.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    room.lastSeq = reader.unsignedInteger(QStringLiteral("last_seq"));
    room.unread = reader.unsignedInteger(QStringLiteral("unread"));
    room.mentions = reader.unsignedInteger(QStringLiteral("mentions"));
    room.direct = reader.boolean(QStringLiteral("direct"), false);
    return room;
}

QCborMap SetPresence::toCbor() const
{
    return {{QStringLiteral("status"), qint64(status)}};
}

std::optional<SetPresence> SetPresence::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SetPresence message;
    const QString statusKey = QStringLiteral("status");
    message.status = readStatus(reader, statusKey);
    // Offline is what having no connected device means; a device cannot ask for it.
    if (reader.ok() && message.status == PresenceStatus::Offline)
        reader.fail(statusKey, QStringLiteral("online or away"));
    return reader.finish(message, error);
}

QCborMap PresenceUpdate::toCbor() const
{
    return {{QStringLiteral("user_id"), qint64(userId)},
            {QStringLiteral("status"), qint64(status)}};
}

std::optional<PresenceUpdate> PresenceUpdate::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    PresenceUpdate message;
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    message.status = readStatus(reader, QStringLiteral("status"));
    return reader.finish(message, error);
}

QCborMap GetPresence::toCbor() const
{
    return {{QStringLiteral("user_ids"), unsignedArray(userIds)}};
}

std::optional<GetPresence> GetPresence::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    GetPresence message;
    const QString userIdsKey = QStringLiteral("user_ids");
    message.userIds = reader.unsignedList(userIdsKey, kMaxPresenceQuery);
    if (reader.ok() && message.userIds.isEmpty())
        reader.fail(userIdsKey, QStringLiteral("expected at least one user id"));
    return reader.finish(message, error);
}

QCborMap PresenceList::toCbor() const
{
    QCborArray items;
    for (const PresenceInfo& presence : presences)
        items.append(presenceToCbor(presence));
    return {{QStringLiteral("presences"), items}};
}

std::optional<PresenceList> PresenceList::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    PresenceList list;
    list.presences =
        readEntries(reader, QStringLiteral("presences"), kMaxListedPresences, &readPresence);
    return reader.finish(list, error);
}

QCborMap Typing::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)}};
}

std::optional<Typing> Typing::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Typing message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    return reader.finish(message, error);
}

QCborMap TypingNotice::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("user_id"), qint64(userId)}};
}

std::optional<TypingNotice> TypingNotice::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    TypingNotice message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    return reader.finish(message, error);
}

QCborMap SetRelation::toCbor() const
{
    // Written when present, false included: false clears the flag, absent leaves it alone.
    QCborMap body{{QStringLiteral("user_id"), qint64(userId)}};
    if (favourite)
        body.insert(QStringLiteral("favourite"), *favourite);
    if (hidden)
        body.insert(QStringLiteral("hidden"), *hidden);
    if (blocked)
        body.insert(QStringLiteral("blocked"), *blocked);
    return body;
}

std::optional<SetRelation> SetRelation::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SetRelation message;
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    message.favourite = reader.optionalBoolean(QStringLiteral("favourite"));
    message.hidden = reader.optionalBoolean(QStringLiteral("hidden"));
    message.blocked = reader.optionalBoolean(QStringLiteral("blocked"));
    return reader.finish(message, error);
}

QCborMap RelationList::toCbor() const
{
    QCborArray items;
    for (const RelationInfo& relation : relations)
        items.append(relationToCbor(relation));
    return {{QStringLiteral("relations"), items}};
}

std::optional<RelationList> RelationList::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RelationList list;
    list.relations =
        readEntries(reader, QStringLiteral("relations"), kMaxListedRelations, &readRelation);
    return reader.finish(list, error);
}

QCborMap SetNotifyLevel::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)}, {QStringLiteral("level"), qint64(level)}};
}

std::optional<SetNotifyLevel> SetNotifyLevel::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SetNotifyLevel message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.level = readLevel(reader, QStringLiteral("level"));
    return reader.finish(message, error);
}

QCborMap SetDoNotDisturb::toCbor() const
{
    return {{QStringLiteral("until_ms"), untilMs}};
}

std::optional<SetDoNotDisturb> SetDoNotDisturb::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SetDoNotDisturb message;
    // Non-negative, and a CBOR integer that is not negative always fits in qint64 here.
    message.untilMs = qint64(reader.unsignedInteger(QStringLiteral("until_ms")));
    return reader.finish(message, error);
}

QCborMap Notification::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)},
                  {QStringLiteral("seq"), qint64(seq)},
                  {QStringLiteral("sender_user_id"), qint64(senderUserId)}};
    if (mention)
        body.insert(QStringLiteral("mention"), true);
    if (direct)
        body.insert(QStringLiteral("direct"), true);
    return body;
}

std::optional<Notification> Notification::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Notification message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.seq = reader.unsignedInteger(QStringLiteral("seq"));
    message.senderUserId = reader.unsignedInteger(QStringLiteral("sender_user_id"));
    message.mention = reader.boolean(QStringLiteral("mention"), false);
    message.direct = reader.boolean(QStringLiteral("direct"), false);
    return reader.finish(message, error);
}

QCborMap MissedNotifications::toCbor() const
{
    QCborArray items;
    for (const MissedRoom& room : rooms)
        items.append(missedRoomToCbor(room));
    return {{QStringLiteral("rooms"), items}};
}

std::optional<MissedNotifications> MissedNotifications::fromCbor(const QCborMap& body,
                                                                 QString* error)
{
    BodyReader reader(body);
    MissedNotifications message;
    message.rooms = readEntries(reader, QStringLiteral("rooms"), kMaxMissedRooms, &readMissedRoom);
    return reader.finish(message, error);
}

} // namespace moim::protocol
