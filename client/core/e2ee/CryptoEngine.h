#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <crypto/AgreementKeyPair.h>
#include <crypto/CryptoError.h>
#include <crypto/RecipientDigest.h>
#include <crypto/SenderChain.h>
#include <crypto/SignedDeviceList.h>
#include <crypto/SigningKeyPair.h>
#include <memory>
#include <optional>
#include <protocol/EventMessages.h>
#include <protocol/KeyMessages.h>

namespace moim::e2ee {

// What we believe about another user's keys.
struct UserTrust {
    QByteArray masterKey;           // trusted on first use
    crypto::DeviceListContent list; // the newest verified list
    bool verified = false;          // the safety number was compared
    bool masterChanged = false;     // the master key changed since first seen: warn loudly
    QByteArray previousMasterKey;
};

// A sender key as this device holds it, with the signing key of its sending device as it was
// when the key was shared (so that messages still verify after that device is revoked).
struct InboundKey {
    quint64 roomId = 0;
    quint64 senderUserId = 0;
    quint64 senderDeviceId = 0;
    QByteArray senderSigningKey;
    quint64 epoch = 0;
    quint32 firstIndex = 0;
    QByteArray chainKey;
    QHash<quint32, quint64> seenSeq; // index -> the seq it was first read at (replay guard)
    // Where derivation last stopped, so that reading in order costs one step per message.
    // Not serialized: rebuilt from the first index when needed.
    std::shared_ptr<crypto::InboundSenderKey> cursor;
};

// The result of opening an event's envelope.
struct OpenedEvent {
    enum class Status {
        Plain,          // no envelope (server-made events, deletes, pins)
        Decrypted,      // plaintext holds the content
        WaitingForKey,  // the sender key has not arrived (yet)
        NeedDeviceList, // fetch needUser's device list, then open again
        Failed,         // refused: error says why (tampered, forged, replayed)
    };
    Status status = Status::Failed;
    QByteArray plaintext;
    crypto::CryptoError error;
    quint64 needUser = 0;
};

// Why an outbound sender key must be replaced before the next send, if it must.
enum class Rotation { None, NoKey, DevicesChanged, MessageLimit, AgeLimit };

// All end-to-end encryption state of one device, and every decision on it, without I/O: the
// session feeds it what the server says and sends what it returns. Serialized whole into the
// device's encrypted local store.
class CryptoEngine {
public:
    static constexpr int kMessagesPerEpoch = 100;
    static constexpr qint64 kEpochLifetimeMs = 7LL * 24 * 3600 * 1000;

    CryptoEngine() = default;

    // Identity of this device.
    bool hasIdentity() const { return m_signing.has_value(); }
    void createIdentity(quint64 userId, quint64 deviceId);
    quint64 userId() const { return m_userId; }
    quint64 deviceId() const { return m_deviceId; }
    crypto::DeviceKeys deviceKeys() const;

    // The user master key and backup key: every approved device of a user holds both.
    bool holdsMasterKey() const { return m_master.has_value(); }
    void createMasterKey();
    void adoptMasterKey(const QByteArray& masterSecretKey, const QByteArray& backupKey);
    const QByteArray& backupKey() const { return m_backupKey; }
    QByteArray masterSecretKey() const;
    QByteArray masterPublicKey() const;
    // Opens something sealed to this device's agreement key (a link answer).
    std::optional<QByteArray> openSealedToMe(const QByteArray& sealed) const;
    // A new version of my device list with these devices, signed by my master key.
    QByteArray signDeviceList(const QList<crypto::DeviceKeys>& devices, quint64 version,
                              qint64 nowMs) const;

    // Checks a user's list: signature, the user it names, no rollback, trust on first use.
    // A changed master key is accepted but flagged (masterChanged) for a loud warning; for my
    // own user it is refused unless it is the key I hold.
    crypto::Checked<crypto::DeviceListContent> acceptDeviceList(quint64 userId,
                                                                const QByteArray& document);
    const UserTrust* trust(quint64 userId) const;
    // Users whose master key changed since first seen and who were not verified again since:
    // the people to warn about.
    QList<quint64> changedMasterKeys() const;
    void setVerified(quint64 userId, bool verified);
    void acknowledgeMasterChange(quint64 userId);
    // Drops what we believe about a user's keys (my own, after I reset my master key).
    void forgetTrust(quint64 userId) { m_trust.remove(userId); }

    // Sending. Users whose lists must be fetched before planning (unknown, or the server
    // reports another version, or it lists a device our list lacks).
    QList<quint64> listsNeeded(const protocol::RoomRecipients& recipients) const;
    Rotation rotationNeeded(const protocol::RoomRecipients& recipients, qint64 nowMs) const;
    // A new epoch for the room, shared with every recipient device except this one.
    struct Distribution {
        QList<protocol::ShareItem> shares;
        QList<protocol::BackupItem> backup;
        int unvouched = 0; // devices the server lists that no signed list vouches for
    };
    Distribution startEpoch(const protocol::RoomRecipients& recipients, qint64 nowMs);
    // Fills send.envelope and send.recipients for the room's current epoch.
    bool seal(protocol::Send& send, const QByteArray& plaintext, qint64 nowMs);

    // The opaque key the server matches a reaction's add and remove by: a hash of the emoji
    // keyed by my backup key, so all my devices agree and nobody else learns the emoji from it.
    QByteArray reactionKey(quint64 roomId, quint64 refSeq, const QString& emoji) const;
    // A key for what this device keeps of its own (the history cache), derived from the
    // device's secret: gone with the device's keys, never sent anywhere. Empty without
    // an identity.
    QByteArray localStorageKey() const;

    // Receiving.
    struct AcceptedShare {
        bool needDeviceList = false; // fetch the sender's list and try again
        std::optional<protocol::BackupItem> backup;
    };
    crypto::Checked<AcceptedShare> acceptShare(const protocol::KeyShare& share);
    OpenedEvent open(const protocol::RoomEvent& event);
    // Whether open() would answer "waiting for key", found without verifying or decrypting.
    bool waitsForKey(const protocol::RoomEvent& event) const;
    // Restoring from the key backup; false if the item does not open under my backup key.
    bool restoreBackupItem(const protocol::BackupItem& item);
    int inboundKeyCount() const { return int(m_inbound.size()); }

    QByteArray serialize() const;
    static std::optional<CryptoEngine> deserialize(const QByteArray& bytes);

private:
    struct Outbound {
        quint64 epoch = 0;
        quint32 index = 0;
        QByteArray chainKey;
        qint64 createdMs = 0;
        QByteArray digest; // the recipients it was shared with
    };
    static QString inboundKey(quint64 roomId, quint64 senderDeviceId, quint64 epoch);
    protocol::BackupItem backupItemFor(const InboundKey& key) const;
    void storeInbound(InboundKey key);

    quint64 m_userId = 0;
    quint64 m_deviceId = 0;
    std::optional<crypto::SigningKeyPair> m_signing;
    std::optional<crypto::AgreementKeyPair> m_agreement;
    std::optional<crypto::SigningKeyPair> m_master;
    QByteArray m_backupKey;
    quint64 m_nextEpoch = 1;
    QHash<quint64, UserTrust> m_trust;
    QHash<quint64, Outbound> m_outbound; // by room
    QHash<QString, InboundKey> m_inbound;
};

} // namespace moim::e2ee
