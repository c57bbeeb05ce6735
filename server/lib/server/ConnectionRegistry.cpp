#include "server/ConnectionRegistry.h"

#include "server/ClientConnection.h"

#include <util/ThreadPost.h>

namespace moim::server {

void ConnectionRegistry::add(ClientConnection* connection)
{
    Entry entry{QPointer<ClientConnection>(connection), connection->thread(), 0};
    std::lock_guard lock(m_mutex);
    m_connections.insert(connection, entry);
}

void ConnectionRegistry::remove(ClientConnection* connection)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(connection);
    if (it == m_connections.end())
        return;
    if (it->deviceId != 0) {
        m_byDevice.remove(it->deviceId, connection);
        m_byUser.remove(it->userId, connection);
    }
    m_connections.erase(it);
}

void ConnectionRegistry::bindDevice(ClientConnection* connection, quint64 userId, quint64 deviceId)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(connection);
    if (it == m_connections.end())
        return;
    if (it->deviceId != 0) {
        m_byDevice.remove(it->deviceId, connection);
        m_byUser.remove(it->userId, connection);
    }
    it->userId = userId;
    it->deviceId = deviceId;
    if (deviceId != 0) {
        m_byDevice.insert(deviceId, connection);
        m_byUser.insert(userId, connection);
    }
}

void ConnectionRegistry::unbindDevice(ClientConnection* connection)
{
    bindDevice(connection, 0, 0);
}

void ConnectionRegistry::deliver(const QList<quint64>& userIds, const QByteArray& frame,
                                 const ClientConnection* skip)
{
    QHash<QThread*, QList<QPointer<ClientConnection>>> byThread;
    {
        std::lock_guard lock(m_mutex);
        for (const quint64 userId : userIds) {
            for (auto it = m_byUser.constFind(userId);
                 it != m_byUser.constEnd() && it.key() == userId; ++it) {
                if (it.value() == skip)
                    continue;
                const Entry& entry = m_connections[it.value()];
                byThread[entry.thread].append(entry.connection);
            }
        }
    }
    for (auto it = byThread.begin(); it != byThread.end(); ++it) {
        util::postToThread(it.key(), [connections = std::move(it.value()), frame] {
            for (const auto& connection : connections) {
                if (connection)
                    connection->sendEncoded(frame);
            }
        });
    }
}

bool ConnectionRegistry::isOnline(quint64 userId) const
{
    std::lock_guard lock(m_mutex);
    return m_byUser.contains(userId);
}

void ConnectionRegistry::closeOnThread(const Entry& entry, quint16 closeCode, const QString& reason)
{
    util::postToThread(entry.thread, [connection = entry.connection, closeCode, reason] {
        if (connection)
            connection->closeWith(closeCode, reason);
    });
}

void ConnectionRegistry::closeDevice(quint64 deviceId, quint16 closeCode, const QString& reason)
{
    std::lock_guard lock(m_mutex);
    const auto targets = m_byDevice.values(deviceId);
    for (ClientConnection* connection : targets)
        closeOnThread(m_connections.value(connection), closeCode, reason);
}

void ConnectionRegistry::closeAll(quint16 closeCode, const QString& reason)
{
    std::lock_guard lock(m_mutex);
    for (const Entry& entry : std::as_const(m_connections))
        closeOnThread(entry, closeCode, reason);
}

int ConnectionRegistry::count() const
{
    std::lock_guard lock(m_mutex);
    return int(m_connections.size());
}

} // namespace moim::server
