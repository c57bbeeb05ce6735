#include "SwarmWorker.h"

#include <QWebSocket>
#include <moim/MoimVersion.h>
#include <protocol/AccountMessages.h>
#include <protocol/ErrorReply.h>
#include <protocol/Handshake.h>

namespace moim::bench {

using namespace protocol;

namespace {
constexpr quint64 kHelloId = 1;
constexpr quint64 kResumeId = 2;
const quint32 kVersion = quint32(kProtocolVersion);
} // namespace

SwarmWorker::SwarmWorker(PushHandler onPush)
    : m_onPush(std::move(onPush))
{}

SwarmWorker::~SwarmWorker()
{
    closeAll();
}

QList<double> SwarmWorker::readyTimes() const
{
    std::lock_guard lock(m_mutex);
    return m_readyTimes;
}

QString SwarmWorker::firstProblem() const
{
    std::lock_guard lock(m_mutex);
    return m_problem;
}

void SwarmWorker::connectAll(const QUrl& url, const QList<QByteArray>& tokens, int inflight)
{
    closeAll();
    m_url = url;
    m_ready = 0;
    m_failed = 0;
    {
        std::lock_guard lock(m_mutex);
        m_readyTimes.clear();
        m_problem.clear();
    }
    for (const QByteArray& token : tokens) {
        auto peer = std::make_unique<Peer>();
        peer->token = token;
        m_peers.push_back(std::move(peer));
    }
    m_inflightLimit = std::max(1, inflight);
    startMore();
}

void SwarmWorker::startMore()
{
    while (m_inflight < m_inflightLimit && m_nextPeer < m_peers.size()) {
        Peer& peer = *m_peers[m_nextPeer++];
        ++m_inflight;
        peer.socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(peer.socket, &QWebSocket::connected, this, [&peer] {
            Hello hello;
            hello.protocol = kVersion;
            hello.app = QStringLiteral("moim-bench");
            peer.socket->sendBinaryMessage(makeFrame(hello, kVersion, kHelloId).encode());
        });
        connect(peer.socket, &QWebSocket::binaryMessageReceived, this,
                [this, &peer](const QByteArray& bytes) { onMessage(peer, bytes); });
        connect(peer.socket, &QWebSocket::disconnected, this, [this, &peer] {
            if (peer.ready)
                --m_open;
            peer.ready = false;
            finish(peer, false, QStringLiteral("closed: ") + peer.socket->closeReason());
        });
        peer.since.start();
        peer.socket->open(m_url);
    }
}

void SwarmWorker::onMessage(Peer& peer, const QByteArray& bytes)
{
    const DecodedFrame decoded = decodeFrame(bytes);
    if (!decoded.frame)
        return finish(peer, false, QStringLiteral("undecodable frame"));
    const Frame& frame = *decoded.frame;
    if (!frame.requestId) {
        if (m_onPush)
            m_onPush(frame);
        return;
    }
    if (frame.type == MessageType::Error) {
        QString ignored;
        const auto error = ErrorReply::fromCbor(frame.body, &ignored);
        return finish(peer, false, error ? error->message : QStringLiteral("error"));
    }
    if (*frame.requestId == kHelloId) {
        peer.socket->sendBinaryMessage(makeFrame(Resume{peer.token}, kVersion, kResumeId).encode());
    } else if (*frame.requestId == kResumeId && frame.type == MessageType::Session) {
        peer.ready = true;
        ++m_open;
        finish(peer, true);
    }
}

void SwarmWorker::finish(Peer& peer, bool ok, const QString& problem)
{
    if (peer.done)
        return;
    peer.done = true;
    --m_inflight;
    {
        std::lock_guard lock(m_mutex);
        if (ok)
            m_readyTimes.append(double(peer.since.nsecsElapsed()) / 1e6);
        else if (m_problem.isEmpty())
            m_problem = problem;
    }
    if (ok)
        ++m_ready;
    else
        ++m_failed;
    startMore();
}

void SwarmWorker::closeAll()
{
    for (const auto& peer : m_peers) {
        if (!peer->socket)
            continue;
        peer->socket->disconnect(this);
        peer->socket->abort();
        peer->socket->deleteLater();
    }
    m_peers.clear();
    m_nextPeer = 0;
    m_inflight = 0;
    m_open = 0;
}

void SwarmWorker::sendToAll(const QByteArray& frame)
{
    for (const auto& peer : m_peers) {
        if (peer->ready)
            peer->socket->sendBinaryMessage(frame);
    }
}

} // namespace moim::bench
