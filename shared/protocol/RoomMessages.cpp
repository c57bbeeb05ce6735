#include "protocol/RoomMessages.h"

#include "protocol/BodyReader.h"
#include "protocol/CborLists.h"
#include "protocol/Limits.h"

#include <QCborArray>

namespace moim::protocol {

// Bounds the lists a peer will accept.
static constexpr int kMaxListedRooms = 10000;
static constexpr int kMaxListedMemberIds = 16; // me and up to 8 others, with headroom
static constexpr int kMaxFoundUsers = 50;

static RoomKind readKind(BodyReader& reader, const QString& key)
{
    return reader.enumValue(key, RoomKind::PublicChannel, RoomKind::Direct, "room kind",
                            RoomKind::PublicChannel);
}

QCborMap RoomInfo::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)}};
    if (teamId)
        body.insert(QStringLiteral("team_id"), qint64(*teamId));
    body.insert(QStringLiteral("kind"), qint64(kind));
    body.insert(QStringLiteral("name"), name);
    body.insert(QStringLiteral("topic"), topic);
    body.insert(QStringLiteral("archived"), archived);
    body.insert(QStringLiteral("member"), member);
    if (!memberIds.isEmpty())
        body.insert(QStringLiteral("member_ids"), unsignedArray(memberIds));
    body.insert(QStringLiteral("last_seq"), qint64(lastSeq));
    body.insert(QStringLiteral("read_seq"), qint64(readSeq));
    body.insert(QStringLiteral("unread"), qint64(unread));
    body.insert(QStringLiteral("mentions"), qint64(mentions));
    return body;
}

std::optional<RoomInfo> RoomInfo::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RoomInfo message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.teamId = reader.optionalUnsignedInteger(QStringLiteral("team_id"));
    message.kind = readKind(reader, QStringLiteral("kind"));
    message.name = reader.text(QStringLiteral("name"));
    message.topic = reader.text(QStringLiteral("topic"));
    message.archived = reader.boolean(QStringLiteral("archived"), false);
    message.member = reader.boolean(QStringLiteral("member"), false);
    const QString memberIdsKey = QStringLiteral("member_ids");
    if (body.contains(memberIdsKey) && !body.value(memberIdsKey).isNull())
        message.memberIds = reader.unsignedList(memberIdsKey, kMaxListedMemberIds);
    message.lastSeq = reader.unsignedInteger(QStringLiteral("last_seq"));
    message.readSeq = reader.unsignedInteger(QStringLiteral("read_seq"));
    message.unread = reader.unsignedInteger(QStringLiteral("unread"));
    message.mentions = reader.unsignedInteger(QStringLiteral("mentions"));
    return reader.finish(message, error);
}

QCborMap CreateChannel::toCbor() const
{
    return {{QStringLiteral("team_id"), qint64(teamId)},
            {QStringLiteral("name"), name},
            {QStringLiteral("private"), isPrivate},
            {QStringLiteral("topic"), topic}};
}

std::optional<CreateChannel> CreateChannel::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    CreateChannel message;
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    message.name = reader.text(QStringLiteral("name"));
    message.isPrivate = reader.boolean(QStringLiteral("private"), false);
    message.topic = reader.optionalText(QStringLiteral("topic")).value_or(QString());
    return reader.finish(message, error);
}

QCborMap ListRooms::toCbor() const
{
    QCborMap body;
    if (teamId)
        body.insert(QStringLiteral("team_id"), qint64(*teamId));
    return body;
}

std::optional<ListRooms> ListRooms::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ListRooms message;
    message.teamId = reader.optionalUnsignedInteger(QStringLiteral("team_id"));
    return reader.finish(message, error);
}

QCborMap RoomList::toCbor() const
{
    QCborArray items;
    for (const RoomInfo& room : rooms)
        items.append(room.toCbor());
    return {{QStringLiteral("rooms"), items}};
}

std::optional<RoomList> RoomList::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RoomList list;
    const QCborArray items = reader.array(QStringLiteral("rooms"));
    if (items.size() > kMaxListedRooms)
        reader.fail(QStringLiteral("rooms"), QStringLiteral("too many entries"));
    for (const QCborValue& item : items) {
        if (!reader.ok())
            break;
        if (!item.isMap()) {
            reader.fail(QStringLiteral("rooms"), QStringLiteral("expected an array of maps"));
            break;
        }
        QString problem;
        const std::optional<RoomInfo> room = RoomInfo::fromCbor(item.toMap(), &problem);
        if (!room) {
            reader.fail(QStringLiteral("rooms"), problem);
            break;
        }
        list.rooms.append(*room);
    }
    return reader.finish(list, error);
}

template <MessageType Type> QCborMap RoomRequest<Type>::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)}};
}

template <MessageType Type>
std::optional<RoomRequest<Type>> RoomRequest<Type>::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RoomRequest message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    return reader.finish(message, error);
}

template struct RoomRequest<MessageType::JoinChannel>;
template struct RoomRequest<MessageType::LeaveRoom>;
template struct RoomRequest<MessageType::ListPins>;
template struct RoomRequest<MessageType::RoomDevices>;

QCborMap UpdateChannel::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)}};
    if (name)
        body.insert(QStringLiteral("name"), *name);
    if (topic)
        body.insert(QStringLiteral("topic"), *topic);
    if (archived)
        body.insert(QStringLiteral("archived"), *archived);
    return body;
}

std::optional<UpdateChannel> UpdateChannel::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    UpdateChannel message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.name = reader.optionalText(QStringLiteral("name"));
    message.topic = reader.optionalText(QStringLiteral("topic"));
    message.archived = reader.optionalBoolean(QStringLiteral("archived"));
    return reader.finish(message, error);
}

QCborMap AddToChannel::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("user_id"), qint64(userId)}};
}

std::optional<AddToChannel> AddToChannel::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    AddToChannel message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    return reader.finish(message, error);
}

QCborMap OpenDirect::toCbor() const
{
    return {{QStringLiteral("user_ids"), unsignedArray(userIds)}};
}

std::optional<OpenDirect> OpenDirect::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    OpenDirect message;
    message.userIds = reader.unsignedList(QStringLiteral("user_ids"), kMaxDirectMembers);
    return reader.finish(message, error);
}

QCborMap FindUsers::toCbor() const
{
    return {{QStringLiteral("usernames"), QCborArray::fromStringList(usernames)}};
}

std::optional<FindUsers> FindUsers::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    FindUsers message;
    message.usernames = reader.textList(QStringLiteral("usernames"), kMaxFoundUsers);
    return reader.finish(message, error);
}

QCborMap MentionCandidates::toCbor() const
{
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("prefix"), prefix},
            {QStringLiteral("limit"), qint64(limit)}};
}

std::optional<MentionCandidates> MentionCandidates::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    MentionCandidates message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.prefix = reader.text(QStringLiteral("prefix"));
    // Absent: the default of the struct.
    message.limit = reader.optionalUnsignedInteger(QStringLiteral("limit")).value_or(message.limit);
    return reader.finish(message, error);
}

QCborMap ListRoomMembers::toCbor() const
{
    QCborMap body{{QStringLiteral("room_id"), qint64(roomId)},
                  {QStringLiteral("limit"), qint64(limit)}};
    if (after)
        body.insert(QStringLiteral("after"), *after);
    return body;
}

std::optional<ListRoomMembers> ListRoomMembers::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ListRoomMembers message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.after = reader.optionalText(QStringLiteral("after"));
    message.limit = reader.optionalUnsignedInteger(QStringLiteral("limit")).value_or(message.limit);
    return reader.finish(message, error);
}

} // namespace moim::protocol
