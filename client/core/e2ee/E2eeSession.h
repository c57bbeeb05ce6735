#pragma once

#include "e2ee/CryptoEngine.h"

#include <crypto/LinkCode.h>
#include <functional>
#include <protocol/Result.h>

namespace moim::client {
class Connection;
}

namespace moim::e2ee {

// Drives a CryptoEngine over a connection: publishes this device's keys, keeps device lists
// fresh, shares sender keys before sending, takes shares in, and backs keys up. Calls block
// on the server's answers (Connection::callAndWait), so the CLI reads as a sequence; the
// engine itself has no I/O, so a GUI can drive it asynchronously.
class E2eeSession {
public:
    enum class DeviceState {
        Ready,         // listed in my signed device list: can read and send
        NeedsApproval, // a new device: link it from another one or use the recovery passphrase
    };

    // persist is called after every change of the engine worth keeping.
    E2eeSession(client::Connection& connection, CryptoEngine& engine,
                std::function<void()> persist);

    // After sign-in: makes this device's keys (once), and the user's master key if the user
    // has none yet; publishes the list. A device not in the list waits for approval.
    protocol::Result<DeviceState> setUp(quint64 userId, quint64 deviceId);
    DeviceState state() const { return m_state; }

    // Fills the envelope with `plaintext` encrypted for the room's current devices (sharing a
    // new sender key first when they changed) and sends; retries by itself on stale_devices.
    protocol::Result<protocol::Sent> send(protocol::Send send, const QByteArray& plaintext);

    OpenedEvent open(const protocol::RoomEvent& event) { return m_engine.open(event); }

    // Takes in every share waiting on the server; returns how many were accepted.
    protocol::Result<int> fetchKeyShares();
    // A pushed share; true if it gave a new key. Acknowledged either way.
    bool takeKeyShare(const protocol::KeyShare& share);

    // Fetches, verifies and remembers these users' device lists.
    protocol::Result<protocol::Done> refreshDeviceLists(const QList<quint64>& users);
    // Re-publishes my list with exactly these devices (mine must hold the master key).
    protocol::Result<protocol::Done> publishDevices(const QList<crypto::DeviceKeys>& devices);

    // After a device of mine was revoked on the server: the signed list stops naming it too
    // (when this device holds the master key; otherwise the next approved device does it).
    protocol::Result<protocol::Done> dropRevokedDevice(quint64 deviceId);

    // The safety number with another user, from both master keys as this device trusts them.
    struct Verification {
        QString safetyNumber;
        bool verified = false;
        bool masterChanged = false; // since first seen: compare again before trusting
    };
    protocol::Result<Verification> verification(quint64 otherUserId);
    // Marks the user verified (their safety number was compared) and keeps it.
    void setVerified(quint64 otherUserId, bool verified);

    // Linking. The new device offers its keys under a fresh code and shows the code; an
    // existing device enters it, adds the new device to the signed list and hands over the
    // master and backup keys; the new device completes, then reads history from the backup.
    protocol::Result<crypto::LinkCode> offerLink();
    protocol::Result<protocol::Done> approveLink(const crypto::LinkCode& code);
    // NotFound "not answered yet" until the other device approved.
    protocol::Result<DeviceState> completeLink(const crypto::LinkCode& code);

    // Recovery: the master and backup keys under a passphrase on the server; restoring makes
    // this device approved (it signs itself into the list) and restores the backup.
    protocol::Result<protocol::Done> setRecoveryPassphrase(const QString& passphrase);
    protocol::Result<DeviceState> restoreWithPassphrase(const QString& passphrase);
    // For a user who lost every device and the recovery passphrase: a new master key and
    // backup key, a list with only this device. Old history stays unreadable, and everyone
    // who talks to the user is warned that the master key changed.
    protocol::Result<DeviceState> resetIdentity();
    // Imports every backed-up key this device can open; returns how many.
    protocol::Result<int> restoreBackup();

    CryptoEngine& engine() { return m_engine; }

    static constexpr int kSendAttempts = 3;

private:
    protocol::Result<protocol::Done> shareNewEpoch(const protocol::RoomRecipients& recipients);
    protocol::Result<protocol::Done> backUp(const QList<protocol::BackupItem>& items);
    bool acceptShare(const protocol::KeyShare& share);
    protocol::Result<DeviceState> adoptAndApprove(const QByteArray& masterSecret,
                                                  const QByteArray& backupKey);

    client::Connection& m_connection;
    CryptoEngine& m_engine;
    std::function<void()> m_persist;
    DeviceState m_state = DeviceState::NeedsApproval;
};

} // namespace moim::e2ee
