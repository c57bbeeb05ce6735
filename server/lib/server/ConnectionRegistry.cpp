#include "server/ConnectionRegistry.h"

#include "server/ClientConnection.h"

#include <util/ThreadPost.h>
#include <websocket/WebSocketFrames.h>

namespace moim::server {

void ConnectionRegistry::add(ClientConnection* connection)
{
    Entry entry{QPointer<ClientConnection>(connection), connection->thread(), 0};
    std::lock_guard lock(m_mutex);
    m_connections.insert(connection, entry);
}

void ConnectionRegistry::changePresence(quint64 userId, const std::function<void()>& change)
{
    protocol::PresenceStatus before;
    protocol::PresenceStatus after;
    {
        std::lock_guard lock(m_mutex);
        before = presenceLocked(userId);
        change();
        after = presenceLocked(userId);
    }
    if (userId != 0 && before != after && m_presenceListener)
        m_presenceListener(userId, after);
}

protocol::PresenceStatus ConnectionRegistry::presenceLocked(quint64 userId) const
{
    auto status = protocol::PresenceStatus::Offline;
    for (auto it = m_byUser.constFind(userId); it != m_byUser.constEnd() && it.key() == userId;
         ++it) {
        const auto device = m_connections.value(it.value()).status;
        if (device == protocol::PresenceStatus::Online)
            return device;
        status = device;
    }
    return status;
}

protocol::PresenceStatus ConnectionRegistry::presenceOf(quint64 userId) const
{
    std::lock_guard lock(m_mutex);
    return presenceLocked(userId);
}

void ConnectionRegistry::setPresence(ClientConnection* connection, protocol::PresenceStatus status)
{
    quint64 userId = 0;
    {
        std::lock_guard lock(m_mutex);
        userId = m_connections.value(connection).userId;
    }
    changePresence(userId, [&] {
        const auto it = m_connections.find(connection);
        if (it != m_connections.end())
            it->status = status;
    });
}

void ConnectionRegistry::remove(ClientConnection* connection)
{
    bindDevice(connection, 0, 0);
    std::lock_guard lock(m_mutex);
    m_connections.remove(connection);
}

void ConnectionRegistry::bindDevice(ClientConnection* connection, quint64 userId, quint64 deviceId)
{
    quint64 previousUser = 0;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_connections.find(connection);
        if (it == m_connections.end())
            return;
        previousUser = it->userId;
    }
    const auto unlink = [&] {
        const auto it = m_connections.find(connection);
        if (it == m_connections.end() || it->deviceId == 0)
            return;
        m_byDevice.remove(it->deviceId, connection);
        m_byUser.remove(it->userId, connection);
        it->userId = 0;
        it->deviceId = 0;
    };
    const auto link = [&] {
        const auto it = m_connections.find(connection);
        if (it == m_connections.end() || deviceId == 0)
            return;
        it->userId = userId;
        it->deviceId = deviceId;
        it->status = protocol::PresenceStatus::Online;
        m_byDevice.insert(deviceId, connection);
        m_byUser.insert(userId, connection);
    };
    if (previousUser != 0)
        changePresence(previousUser, unlink);
    else {
        std::lock_guard lock(m_mutex);
        unlink();
    }
    if (deviceId != 0)
        changePresence(userId, link);
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
    if (byThread.isEmpty())
        return;
    // Framed once for every recipient: a server's WebSocket frames are not masked, so the bytes
    // on every socket are the same.
    const QByteArray wire = websocket::encodeFrame(websocket::Opcode::Binary, frame);
    for (auto it = byThread.begin(); it != byThread.end(); ++it) {
        util::postToThread(it.key(), [connections = std::move(it.value()), wire] {
            for (const auto& connection : connections) {
                if (connection)
                    connection->sendWebSocketFrame(wire);
            }
        });
    }
}

void ConnectionRegistry::deliverToDevices(
    const QList<std::pair<quint64, QByteArray>>& framesByDevice)
{
    QHash<QThread*, QList<std::pair<QPointer<ClientConnection>, QByteArray>>> byThread;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [deviceId, frame] : framesByDevice) {
            for (auto it = m_byDevice.constFind(deviceId);
                 it != m_byDevice.constEnd() && it.key() == deviceId; ++it) {
                const Entry& entry = m_connections[it.value()];
                byThread[entry.thread].append({entry.connection, frame});
            }
        }
    }
    for (auto it = byThread.begin(); it != byThread.end(); ++it) {
        util::postToThread(it.key(), [items = std::move(it.value())] {
            for (const auto& [connection, frame] : items) {
                if (connection)
                    connection->sendEncoded(frame);
            }
        });
    }
}

bool ConnectionRegistry::isDeviceOnline(quint64 deviceId) const
{
    std::lock_guard lock(m_mutex);
    return m_byDevice.contains(deviceId);
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
