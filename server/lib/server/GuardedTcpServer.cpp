#include "server/GuardedTcpServer.h"

#include <QTcpSocket>
#include <QTimer>
#include <util/LogCategories.h>

namespace moim::server {

GuardedTcpServer::GuardedTcpServer(std::chrono::milliseconds deadline, QObject* parent)
    : QTcpServer(parent)
    , m_deadline(deadline)
{}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Chat frames are small and wanted now: Nagle's algorithm would hold one back until the
    // previous one is acknowledged, which the peer's delayed acknowledgement makes tens of ms.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto* watchdog = new QTimer(this);
    watchdog->setSingleShot(true);
    m_watchdogs.insert(socket, watchdog);
    connect(watchdog, &QTimer::timeout, this, [this, socket, watchdog] {
        m_watchdogs.remove(socket);
        watchdog->deleteLater();
        qCDebug(lcNet) << "closing a connection that did not upgrade in time";
        socket->abort();
    });
    // A socket that goes away by itself needs no watching.
    connect(socket, &QObject::destroyed, this, [this, socket] {
        if (QTimer* timer = m_watchdogs.take(socket))
            timer->deleteLater();
    });
    watchdog->start(m_deadline);
    addPendingConnection(socket);
}

void GuardedTcpServer::release(QTcpSocket* socket)
{
    if (QTimer* timer = m_watchdogs.take(socket))
        timer->deleteLater();
}

} // namespace moim::server
