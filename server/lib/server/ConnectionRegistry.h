#pragma once

#include <QHash>
#include <QMultiHash>
#include <QPointer>
#include <functional>
#include <mutex>
#include <protocol/SocialMessages.h>

class QThread;

namespace moim::server {

class ClientConnection;

// Every live connection, across socket threads, and which device each speaks for: so that
// revoking a device closes its sockets wherever they live, and shutdown can close them all.
class ConnectionRegistry {
public:
    // Called on the connection's thread.
    void add(ClientConnection* connection);
    void remove(ClientConnection* connection);
    void bindDevice(ClientConnection* connection, quint64 userId, quint64 deviceId);
    void unbindDevice(ClientConnection* connection);

    // Sends one encoded frame to every authenticated connection of these users, except the
    // connection `skip` (the sender's own socket, which gets its answer instead). One post
    // per socket thread, and the bytes are shared, not copied, per recipient.
    void deliver(const QList<quint64>& userIds, const QByteArray& frame,
                 const ClientConnection* skip = nullptr);
    // Sends each frame to the connections of its device (frames differ per device: sealed
    // key shares, link answers).
    void deliverToDevices(const QList<std::pair<quint64, QByteArray>>& framesByDevice);
    bool isOnline(quint64 userId) const;
    bool isDeviceOnline(quint64 deviceId) const;

    // A user's presence over their connected devices: online if any device is online, away
    // if all are away, offline with none. The listener hears every change of that aggregate
    // (called without the registry's lock held, from any thread).
    using PresenceListener = std::function<void(quint64 userId, protocol::PresenceStatus status)>;
    void setPresenceListener(PresenceListener listener)
    {
        m_presenceListener = std::move(listener);
    }
    void setPresence(ClientConnection* connection, protocol::PresenceStatus status);
    protocol::PresenceStatus presenceOf(quint64 userId) const;

    // Thread-safe; the closing itself happens on each connection's thread.
    void closeDevice(quint64 deviceId, quint16 closeCode, const QString& reason);
    void closeAll(quint16 closeCode, const QString& reason);
    int count() const;

private:
    struct Entry {
        QPointer<ClientConnection> connection;
        QThread* thread = nullptr;
        quint64 userId = 0;
        quint64 deviceId = 0;
        protocol::PresenceStatus status = protocol::PresenceStatus::Online;
    };
    protocol::PresenceStatus presenceLocked(quint64 userId) const;
    // Runs change under the lock and tells the listener if the user's presence changed.
    void changePresence(quint64 userId, const std::function<void()>& change);
    static void closeOnThread(const Entry& entry, quint16 closeCode, const QString& reason);

    mutable std::mutex m_mutex;
    QHash<ClientConnection*, Entry> m_connections;
    QMultiHash<quint64, ClientConnection*> m_byDevice;
    QMultiHash<quint64, ClientConnection*> m_byUser;
    PresenceListener m_presenceListener;
};

} // namespace moim::server
