#include "protocol/KeyMessages.h"

#include "protocol/BodyReader.h"
#include "protocol/CborLists.h"

#include <QCborArray>

namespace moim::protocol {

namespace {

// Reads a list of maps under `key`, each decoded by `readItem`; stops at the first problem.
template <typename Item, typename ReadItem>
QList<Item> readItems(BodyReader& reader, const QString& key, int maxItems, ReadItem readItem)
{
    QList<Item> items;
    const QCborArray array = reader.array(key);
    if (!reader.ok())
        return items;
    if (array.size() > maxItems) {
        reader.fail(key, QStringLiteral("at most %1 items").arg(maxItems));
        return items;
    }
    for (const QCborValue& value : array) {
        if (!value.isMap()) {
            reader.fail(key, QStringLiteral("items are maps"));
            return {};
        }
        BodyReader itemReader(value.toMap());
        Item item = readItem(itemReader);
        if (!itemReader.ok()) {
            reader.fail(key, itemReader.error());
            return {};
        }
        items.append(std::move(item));
    }
    return items;
}

void checkLimit(BodyReader& reader, const QString& key, quint64 value, quint64 max)
{
    if (reader.ok() && (value < 1 || value > max))
        reader.fail(key, QStringLiteral("1 to %1").arg(max));
}

constexpr int kLinkIdBytes = 16;
constexpr int kSlotBytes = 32;

QCborMap shareToCbor(const KeyShare& share)
{
    return {{QStringLiteral("id"), qint64(share.id)},
            {QStringLiteral("room_id"), qint64(share.roomId)},
            {QStringLiteral("sender_user"), qint64(share.senderUserId)},
            {QStringLiteral("sender_device"), qint64(share.senderDeviceId)},
            {QStringLiteral("sealed"), share.sealed},
            {QStringLiteral("created_ms"), share.createdMs}};
}

KeyShare readShare(BodyReader& reader)
{
    KeyShare share;
    share.id = reader.unsignedInteger(QStringLiteral("id"));
    share.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    share.senderUserId = reader.unsignedInteger(QStringLiteral("sender_user"));
    share.senderDeviceId = reader.unsignedInteger(QStringLiteral("sender_device"));
    share.sealed = reader.bytes(QStringLiteral("sealed"));
    share.createdMs = reader.integer(QStringLiteral("created_ms"));
    return share;
}

QCborArray backupItemsToCbor(const QList<BackupItem>& items)
{
    QCborArray array;
    for (const BackupItem& item : items)
        array.append(
            QCborMap{{QStringLiteral("slot"), item.slot}, {QStringLiteral("box"), item.box}});
    return array;
}

QList<BackupItem> readBackupItems(BodyReader& reader, int maxItems)
{
    return readItems<BackupItem>(reader, QStringLiteral("items"), maxItems, [](BodyReader& item) {
        BackupItem backup;
        backup.slot = item.bytes(QStringLiteral("slot"));
        backup.box = item.bytes(QStringLiteral("box"));
        item.checkSize(QStringLiteral("slot"), backup.slot, kSlotBytes, kSlotBytes);
        item.checkSize(QStringLiteral("box"), backup.box, 1, kMaxBackupBoxBytes);
        return backup;
    });
}

} // namespace

QCborMap PublishDeviceList::toCbor() const
{
    QCborMap body{{QStringLiteral("document"), document}};
    if (replaceMaster)
        body.insert(QStringLiteral("replace_master"), true);
    return body;
}

std::optional<PublishDeviceList> PublishDeviceList::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    PublishDeviceList message;
    message.document = reader.bytes(QStringLiteral("document"));
    message.replaceMaster = reader.boolean(QStringLiteral("replace_master"), false);
    reader.checkSize(QStringLiteral("document"), message.document, 1, kMaxDeviceListBytes);
    return reader.finish(message, error);
}

QCborMap GetDeviceLists::toCbor() const
{
    return {{QStringLiteral("users"), unsignedArray(users)}};
}

std::optional<GetDeviceLists> GetDeviceLists::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    GetDeviceLists message;
    message.users = reader.unsignedList(QStringLiteral("users"), kMaxUsersPerLookup);
    return reader.finish(message, error);
}

QCborMap DeviceLists::toCbor() const
{
    QCborArray array;
    for (const UserDeviceList& list : lists) {
        QCborMap entry{{QStringLiteral("user_id"), qint64(list.userId)}};
        if (!list.document.isEmpty())
            entry.insert(QStringLiteral("document"), list.document);
        array.append(entry);
    }
    return {{QStringLiteral("lists"), array}};
}

std::optional<DeviceLists> DeviceLists::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    DeviceLists message;
    message.lists = readItems<UserDeviceList>(
        reader, QStringLiteral("lists"), kMaxUsersPerLookup, [](BodyReader& item) {
            UserDeviceList list;
            list.userId = item.unsignedInteger(QStringLiteral("user_id"));
            list.document = item.optionalBytes(QStringLiteral("document")).value_or(QByteArray());
            return list;
        });
    return reader.finish(message, error);
}

QCborMap RoomRecipients::toCbor() const
{
    QCborArray array;
    for (const RecipientUser& member : members)
        array.append(QCborMap{{QStringLiteral("user_id"), qint64(member.userId)},
                              {QStringLiteral("version"), qint64(member.version)},
                              {QStringLiteral("devices"), unsignedArray(member.devices)}});
    return {{QStringLiteral("room_id"), qint64(roomId)},
            {QStringLiteral("digest"), digest},
            {QStringLiteral("members"), array}};
}

std::optional<RoomRecipients> RoomRecipients::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RoomRecipients message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.digest = reader.bytes(QStringLiteral("digest"));
    reader.checkSize(QStringLiteral("digest"), message.digest, kRecipientDigestBytes,
                     kRecipientDigestBytes);
    message.members = readItems<RecipientUser>(
        reader, QStringLiteral("members"), 1'000'000, [](BodyReader& item) {
            RecipientUser member;
            member.userId = item.unsignedInteger(QStringLiteral("user_id"));
            member.version = item.unsignedInteger(QStringLiteral("version"));
            member.devices = item.unsignedList(QStringLiteral("devices"), 64);
            return member;
        });
    return reader.finish(message, error);
}

QCborMap ShareKeys::toCbor() const
{
    QCborArray array;
    for (const ShareItem& share : shares)
        array.append(QCborMap{{QStringLiteral("user_id"), qint64(share.userId)},
                              {QStringLiteral("device_id"), qint64(share.deviceId)},
                              {QStringLiteral("sealed"), share.sealed}});
    return {{QStringLiteral("room_id"), qint64(roomId)}, {QStringLiteral("shares"), array}};
}

std::optional<ShareKeys> ShareKeys::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ShareKeys message;
    message.roomId = reader.unsignedInteger(QStringLiteral("room_id"));
    message.shares = readItems<ShareItem>(
        reader, QStringLiteral("shares"), kMaxSharesPerRequest, [](BodyReader& item) {
            ShareItem share;
            share.userId = item.unsignedInteger(QStringLiteral("user_id"));
            share.deviceId = item.unsignedInteger(QStringLiteral("device_id"));
            share.sealed = item.bytes(QStringLiteral("sealed"));
            item.checkSize(QStringLiteral("sealed"), share.sealed, 1, kMaxSealedShareBytes);
            return share;
        });
    return reader.finish(message, error);
}

QCborMap KeyShare::toCbor() const
{
    return shareToCbor(*this);
}

std::optional<KeyShare> KeyShare::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    return reader.finish(readShare(reader), error);
}

QCborMap FetchKeyShares::toCbor() const
{
    return {{QStringLiteral("limit"), qint64(limit)}};
}

std::optional<FetchKeyShares> FetchKeyShares::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    FetchKeyShares message;
    message.limit = reader.optionalUnsignedInteger(QStringLiteral("limit")).value_or(500);
    checkLimit(reader, QStringLiteral("limit"), message.limit, 500);
    return reader.finish(message, error);
}

QCborMap KeyShares::toCbor() const
{
    QCborArray array;
    for (const KeyShare& share : shares)
        array.append(shareToCbor(share));
    return {{QStringLiteral("shares"), array}, {QStringLiteral("has_more"), hasMore}};
}

std::optional<KeyShares> KeyShares::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    KeyShares message;
    message.shares = readItems<KeyShare>(reader, QStringLiteral("shares"), 500, readShare);
    message.hasMore = reader.boolean(QStringLiteral("has_more"), false);
    return reader.finish(message, error);
}

QCborMap AckKeyShares::toCbor() const
{
    return {{QStringLiteral("ids"), unsignedArray(ids)}};
}

std::optional<AckKeyShares> AckKeyShares::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    AckKeyShares message;
    message.ids = reader.unsignedList(QStringLiteral("ids"), 500);
    return reader.finish(message, error);
}

QCborMap PutKeyBackup::toCbor() const
{
    return {{QStringLiteral("items"), backupItemsToCbor(items)}};
}

std::optional<PutKeyBackup> PutKeyBackup::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    PutKeyBackup message;
    message.items = readBackupItems(reader, kMaxBackupItemsPerRequest);
    return reader.finish(message, error);
}

QCborMap GetKeyBackup::toCbor() const
{
    QCborMap body{{QStringLiteral("limit"), qint64(limit)}};
    if (!after.isEmpty())
        body.insert(QStringLiteral("after"), after);
    return body;
}

std::optional<GetKeyBackup> GetKeyBackup::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    GetKeyBackup message;
    message.after = reader.optionalBytes(QStringLiteral("after")).value_or(QByteArray());
    message.limit = reader.optionalUnsignedInteger(QStringLiteral("limit"))
                        .value_or(quint64(kMaxBackupItemsPerRequest));
    reader.checkSize(QStringLiteral("after"), message.after, 0, kSlotBytes);
    checkLimit(reader, QStringLiteral("limit"), message.limit, kMaxBackupItemsPerRequest);
    return reader.finish(message, error);
}

QCborMap KeyBackupPage::toCbor() const
{
    return {{QStringLiteral("items"), backupItemsToCbor(items)},
            {QStringLiteral("has_more"), hasMore}};
}

std::optional<KeyBackupPage> KeyBackupPage::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    KeyBackupPage message;
    message.items = readBackupItems(reader, kMaxBackupItemsPerRequest);
    message.hasMore = reader.boolean(QStringLiteral("has_more"), false);
    return reader.finish(message, error);
}

template <MessageType Type> QCborMap BlobMessage<Type>::toCbor() const
{
    return {{QStringLiteral("blob"), blob}};
}

template <MessageType Type>
std::optional<BlobMessage<Type>> BlobMessage<Type>::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    BlobMessage message;
    message.blob = reader.bytes(QStringLiteral("blob"));
    reader.checkSize(QStringLiteral("blob"), message.blob, 0, kMaxRecoveryBlobBytes);
    return reader.finish(message, error);
}

template struct BlobMessage<MessageType::SetRecovery>;
template struct BlobMessage<MessageType::RecoveryBlob>;

template <MessageType Type> QCborMap LinkPayload<Type>::toCbor() const
{
    return {{QStringLiteral("link_id"), linkId}, {QStringLiteral("payload"), payload}};
}

template <MessageType Type>
std::optional<LinkPayload<Type>> LinkPayload<Type>::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    LinkPayload message;
    message.linkId = reader.bytes(QStringLiteral("link_id"));
    message.payload = reader.bytes(QStringLiteral("payload"));
    reader.checkSize(QStringLiteral("link_id"), message.linkId, kLinkIdBytes, kLinkIdBytes);
    reader.checkSize(QStringLiteral("payload"), message.payload, 1, kMaxLinkPayloadBytes);
    return reader.finish(message, error);
}

template struct LinkPayload<MessageType::OfferLink>;
template struct LinkPayload<MessageType::AnswerLink>;
template struct LinkPayload<MessageType::LinkAnswer>;

template <MessageType Type> QCborMap LinkRequest<Type>::toCbor() const
{
    return {{QStringLiteral("link_id"), linkId}};
}

template <MessageType Type>
std::optional<LinkRequest<Type>> LinkRequest<Type>::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    LinkRequest message;
    message.linkId = reader.bytes(QStringLiteral("link_id"));
    reader.checkSize(QStringLiteral("link_id"), message.linkId, kLinkIdBytes, kLinkIdBytes);
    return reader.finish(message, error);
}

template struct LinkRequest<MessageType::TakeLink>;
template struct LinkRequest<MessageType::AwaitLink>;

QCborMap LinkOffer::toCbor() const
{
    return {{QStringLiteral("link_id"), linkId},
            {QStringLiteral("device_id"), qint64(deviceId)},
            {QStringLiteral("payload"), payload}};
}

std::optional<LinkOffer> LinkOffer::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    LinkOffer message;
    message.linkId = reader.bytes(QStringLiteral("link_id"));
    message.deviceId = reader.unsignedInteger(QStringLiteral("device_id"));
    message.payload = reader.bytes(QStringLiteral("payload"));
    reader.checkSize(QStringLiteral("link_id"), message.linkId, kLinkIdBytes, kLinkIdBytes);
    reader.checkSize(QStringLiteral("payload"), message.payload, 1, kMaxLinkPayloadBytes);
    return reader.finish(message, error);
}

} // namespace moim::protocol
