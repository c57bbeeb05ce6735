#pragma once

#include <QByteArray>
#include <QList>
#include <optional>
#include <protocol/KeyMessages.h>

namespace moim::server {

class DbContext;

// SQL of the key directory: signed device lists and the devices they name, sealed key shares
// waiting for devices, the key backup, recovery blobs and device-link offers. Everything
// stored here is either public key material or ciphertext the server cannot open.
class KeyDirectoryStore {
public:
    explicit KeyDirectoryStore(DbContext& context);

    enum class Published { Stored, OtherMaster, OldVersion, UnknownDevice, RevokedDevice };
    struct NewList {
        quint64 userId = 0;
        QByteArray masterKey;
        quint64 version = 0;
        QList<quint64> devices;
        QByteArray document;
        bool replaceMaster = false;
    };
    // Checks the version goes up, the master key is the stored one (unless replaced), and
    // every device is the user's and live, then stores: one transaction, under the user's
    // row lock on PostgreSQL, so two devices publishing at once cannot both win.
    Published publishList(const NewList& list, qint64 nowMs);
    QList<protocol::UserDeviceList> documents(const QList<quint64>& userIds);

    // Members of the room with their list versions and listed, unrevoked devices, by user id
    // and device id ascending.
    QList<protocol::RecipientUser> recipients(quint64 roomId);

    // Returns the stored shares with their ids, in the order given.
    QList<protocol::KeyShare> addShares(quint64 roomId, quint64 senderUserId,
                                        quint64 senderDeviceId,
                                        const QList<protocol::ShareItem>& shares, qint64 nowMs);
    protocol::KeyShares pendingShares(quint64 deviceId, int limit);
    void acknowledgeShares(quint64 deviceId, const QList<quint64>& ids);

    void putBackup(quint64 userId, const QList<protocol::BackupItem>& items, qint64 nowMs);
    protocol::KeyBackupPage backupPage(quint64 userId, const QByteArray& after, int limit);

    void setRecovery(quint64 userId, const QByteArray& blob, qint64 nowMs);
    QByteArray recovery(quint64 userId);

    // False when the link id is taken by a live offer.
    bool offerLink(const QByteArray& linkId, quint64 userId, quint64 deviceId,
                   const QByteArray& offer, qint64 expiresMs, qint64 nowMs);
    struct LinkRow {
        quint64 userId = 0;
        quint64 deviceId = 0;
        QByteArray offer;
        QByteArray answer;
    };
    // Live offers only.
    std::optional<LinkRow> link(const QByteArray& linkId, qint64 nowMs);
    bool answerLink(const QByteArray& linkId, const QByteArray& answer, qint64 nowMs);

private:
    DbContext& m_context;
};

} // namespace moim::server
