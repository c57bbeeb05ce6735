#pragma once

#include <QHash>
#include <QMultiHash>
#include <QPointer>
#include <mutex>

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
    bool isOnline(quint64 userId) const;

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
    };
    static void closeOnThread(const Entry& entry, quint16 closeCode, const QString& reason);

    mutable std::mutex m_mutex;
    QHash<ClientConnection*, Entry> m_connections;
    QMultiHash<quint64, ClientConnection*> m_byDevice;
    QMultiHash<quint64, ClientConnection*> m_byUser;
};

} // namespace moim::server
