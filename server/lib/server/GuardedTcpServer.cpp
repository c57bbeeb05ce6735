#include "server/GuardedTcpServer.h"

#include <QTcpSocket>
#include <QTimer>
#include <util/LogCategories.h>
#include <websocket/WebSocketHandshake.h>

namespace moim::server {

using websocket::HandshakeOutcome;

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
    m_pending.insert(socket, Pending{watchdog, {}});
    connect(watchdog, &QTimer::timeout, this, [this, socket] {
        stopWatching(socket);
        qCDebug(lcNet) << "closing a connection that did not upgrade in time";
        socket->abort();
    });
    // A socket that goes away by itself needs no watching.
    connect(socket, &QObject::destroyed, this, [this, socket] { stopWatching(socket); });
    // Until its first request is read the socket is ours; it dies with its connection.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectRequest(socket); });
    // What we read is given back (rollbackTransaction) for whoever speaks to the peer next.
    socket->startTransaction();
    watchdog->start(m_deadline);
}

void GuardedTcpServer::inspectRequest(QTcpSocket* socket)
{
    const auto found = m_pending.find(socket);
    if (found == m_pending.end())
        return;
    // Only new bytes are read and searched, so a peer that sends its head a byte at a time
    // costs linear work, not a copy of everything so far per byte.
    QByteArray& head = found->head;
    const qsizetype searchFrom = std::max<qsizetype>(0, head.size() - 3);
    head += socket->read(websocket::kMaxRequestHeadBytes - head.size());
    const qsizetype headEnd = websocket::requestHeadEnd(head, searchFrom);
    if (headEnd < 0 && head.size() < websocket::kMaxRequestHeadBytes)
        return; // wait for the rest; the watchdog bounds the wait
    const HandshakeOutcome outcome =
        headEnd < 0 ? websocket::refuseOversizedHead()
                    : websocket::evaluateHandshake(QByteArrayView(head).first(headEnd));
    // The watchdog stays until the socket is a WebSocket or gone: QtHttpServer has no timeout,
    // and a refused peer may not read its answer.
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    head = QByteArray();
    socket->rollbackTransaction();
    switch (outcome.kind) {
    case HandshakeOutcome::Kind::NotWebSocket:
        // QtHttpServer takes it from here, with every byte unread. It connects to readyRead
        // when it picks the socket up, after those bytes arrived, so it is told once more.
        disconnect(socket, &QTcpSocket::disconnected, socket, nullptr);
        addPendingConnection(socket);
        QMetaObject::invokeMethod(
            socket, [socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
        return;
    case HandshakeOutcome::Kind::Refused:
        qCInfo(lcNet) << "refused the first request from" << socket->peerAddress().toString() << "-"
                      << outcome.refusal;
        socket->write(outcome.response); // what it sent stays unread: we only close
        socket->disconnectFromHost();
        return;
    case HandshakeOutcome::Kind::Accepted:
        stopWatching(socket);
        socket->skip(headEnd);
        socket->write(outcome.response);
        disconnect(socket, &QObject::destroyed, this, nullptr);
        disconnect(socket, &QTcpSocket::disconnected, socket, nullptr);
        Q_EMIT webSocketAccepted(socket, outcome.origin);
        return;
    }
}

void GuardedTcpServer::stopWatching(QTcpSocket* socket)
{
    if (const auto pending = m_pending.take(socket); pending.watchdog)
        pending.watchdog->deleteLater();
}

} // namespace moim::server
