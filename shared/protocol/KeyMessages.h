#pragma once

#include "protocol/EmptyMessage.h"
#include "protocol/MessageType.h"
#include "protocol/RoomMessages.h"

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <optional>

namespace moim::protocol {

// The key directory and key transport of end-to-end encryption (docs/e2ee.md). The server
// stores and routes these documents; it checks only what it can without holding any key.

inline constexpr int kMaxDeviceListBytes = 16 * 1024;
inline constexpr int kMaxUsersPerLookup = 1000;
inline constexpr int kMaxSharesPerRequest = 2000;
inline constexpr int kMaxSealedShareBytes = 1024;
inline constexpr int kMaxBackupItemsPerRequest = 500;
inline constexpr int kMaxBackupBoxBytes = 1024;
inline constexpr int kMaxRecoveryBlobBytes = 4096;
inline constexpr int kMaxLinkPayloadBytes = 16 * 1024;
inline constexpr int kRecipientDigestBytes = 32;

// My signed device list (crypto::SignedDeviceList). replace_master: the list is signed by a
// new user master key, which only a user who lost every device and the recovery passphrase
// should ever send; every peer is warned loudly.
struct PublishDeviceList {
    static constexpr MessageType kType = MessageType::PublishDeviceList;
    QByteArray document;
    bool replaceMaster = false;

    QCborMap toCbor() const;
    static std::optional<PublishDeviceList> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const PublishDeviceList&) const = default;
};

struct GetDeviceLists {
    static constexpr MessageType kType = MessageType::GetDeviceLists;
    QList<quint64> users;

    QCborMap toCbor() const;
    static std::optional<GetDeviceLists> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const GetDeviceLists&) const = default;
};

struct UserDeviceList {
    quint64 userId = 0;
    QByteArray document; // empty: the user has published none
    bool operator==(const UserDeviceList&) const = default;
};

struct DeviceLists {
    static constexpr MessageType kType = MessageType::DeviceLists;
    QList<UserDeviceList> lists;

    QCborMap toCbor() const;
    static std::optional<DeviceLists> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const DeviceLists&) const = default;
};

using RoomDevices = RoomRequest<MessageType::RoomDevices>;

// Who a room's messages must be encrypted for, as the server sees it: each member's device
// list version and its listed devices that are not revoked. digest is what a send must carry.
struct RecipientUser {
    quint64 userId = 0;
    quint64 version = 0; // 0: no device list yet
    QList<quint64> devices;
    bool operator==(const RecipientUser&) const = default;
};

struct RoomRecipients {
    static constexpr MessageType kType = MessageType::RoomRecipients;
    quint64 roomId = 0;
    QByteArray digest;
    QList<RecipientUser> members;

    QCborMap toCbor() const;
    static std::optional<RoomRecipients> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const RoomRecipients&) const = default;
};

struct ShareItem {
    quint64 userId = 0;
    quint64 deviceId = 0;
    QByteArray sealed;
    bool operator==(const ShareItem&) const = default;
};

// Sealed sender-key shares for devices of the room's members (or my own devices).
struct ShareKeys {
    static constexpr MessageType kType = MessageType::ShareKeys;
    quint64 roomId = 0;
    QList<ShareItem> shares;

    QCborMap toCbor() const;
    static std::optional<ShareKeys> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ShareKeys&) const = default;
};

// A share waiting for this device: pushed when it arrives, listed by fetch_key_shares until
// acknowledged.
struct KeyShare {
    static constexpr MessageType kType = MessageType::KeyShare;
    quint64 id = 0;
    quint64 roomId = 0;
    quint64 senderUserId = 0;
    quint64 senderDeviceId = 0;
    QByteArray sealed;
    qint64 createdMs = 0;

    QCborMap toCbor() const;
    static std::optional<KeyShare> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const KeyShare&) const = default;
};

struct FetchKeyShares {
    static constexpr MessageType kType = MessageType::FetchKeyShares;
    quint64 limit = 500; // 1 to 500

    QCborMap toCbor() const;
    static std::optional<FetchKeyShares> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const FetchKeyShares&) const = default;
};

struct KeyShares {
    static constexpr MessageType kType = MessageType::KeyShares;
    QList<KeyShare> shares; // ascending by id
    bool hasMore = false;

    QCborMap toCbor() const;
    static std::optional<KeyShares> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const KeyShares&) const = default;
};

struct AckKeyShares {
    static constexpr MessageType kType = MessageType::AckKeyShares;
    QList<quint64> ids; // my shares to delete, at most 500 (ids of others' are ignored)

    QCborMap toCbor() const;
    static std::optional<AckKeyShares> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const AckKeyShares&) const = default;
};

struct BackupItem {
    QByteArray slot; // 32 bytes
    QByteArray box;
    bool operator==(const BackupItem&) const = default;
};

// Adds slots to my key backup; a slot already filled keeps its first box.
struct PutKeyBackup {
    static constexpr MessageType kType = MessageType::PutKeyBackup;
    QList<BackupItem> items;

    QCborMap toCbor() const;
    static std::optional<PutKeyBackup> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const PutKeyBackup&) const = default;
};

struct GetKeyBackup {
    static constexpr MessageType kType = MessageType::GetKeyBackup;
    QByteArray after; // slots sort bytewise; empty: from the start
    quint64 limit = 500;

    QCborMap toCbor() const;
    static std::optional<GetKeyBackup> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const GetKeyBackup&) const = default;
};

struct KeyBackupPage {
    static constexpr MessageType kType = MessageType::KeyBackupPage;
    QList<BackupItem> items;
    bool hasMore = false;

    QCborMap toCbor() const;
    static std::optional<KeyBackupPage> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const KeyBackupPage&) const = default;
};

// A byte-string body under one key; used by several requests and answers.
template <MessageType Type> struct BlobMessage {
    static constexpr MessageType kType = Type;
    QByteArray blob;

    QCborMap toCbor() const;
    static std::optional<BlobMessage> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const BlobMessage&) const = default;
};
using SetRecovery = BlobMessage<MessageType::SetRecovery>;
using GetRecovery = EmptyMessage<MessageType::GetRecovery>;
using RecoveryBlob = BlobMessage<MessageType::RecoveryBlob>; // empty: none set

// Device linking: the new device offers (its keys, sealed under the link code's key) at the
// code's link id; an existing device of the same user takes the offer and answers.
template <MessageType Type> struct LinkPayload {
    static constexpr MessageType kType = Type;
    QByteArray linkId; // 16 bytes
    QByteArray payload;

    QCborMap toCbor() const;
    static std::optional<LinkPayload> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const LinkPayload&) const = default;
};
using OfferLink = LinkPayload<MessageType::OfferLink>;
using AnswerLink = LinkPayload<MessageType::AnswerLink>;
using LinkAnswer = LinkPayload<MessageType::LinkAnswer>;

template <MessageType Type> struct LinkRequest {
    static constexpr MessageType kType = Type;
    QByteArray linkId;

    QCborMap toCbor() const;
    static std::optional<LinkRequest> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const LinkRequest&) const = default;
};
using TakeLink = LinkRequest<MessageType::TakeLink>;
using AwaitLink = LinkRequest<MessageType::AwaitLink>;

struct LinkOffer {
    static constexpr MessageType kType = MessageType::LinkOffer;
    QByteArray linkId;
    quint64 deviceId = 0; // the offering device, as the server knows it
    QByteArray payload;

    QCborMap toCbor() const;
    static std::optional<LinkOffer> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const LinkOffer&) const = default;
};

} // namespace moim::protocol
