#include "SwarmWorker.h"

#include <QTimer>
#include <QtEndian>
#include <chrono>
#include <moim/MoimVersion.h>
#include <protocol/AccountMessages.h>
#include <protocol/ErrorReply.h>
#include <protocol/EventMessages.h>
#include <protocol/Frame.h>
#include <protocol/Handshake.h>
#include <websocket/WebSocketClient.h>

namespace moim::bench {

using namespace protocol;

namespace {
constexpr quint64 kHelloId = 1;
constexpr quint64 kResumeId = 2;
constexpr int kSendTickMs = 2;
const quint32 kVersion = quint32(kProtocolVersion);
const QByteArray kStampMarker = QByteArrayLiteral("moim-bench-stamp");
// Larger than anything moimd sends (a history page), so that the bench never refuses one.
constexpr quint64 kMaxMessageBytes = 64 << 20;
} // namespace

SwarmWorker::SwarmWorker() = default;

SwarmWorker::~SwarmWorker()
{
    closeAll();
}

qint64 SwarmWorker::nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray SwarmWorker::stampedEnvelope(qint64 stampUs, int fillerBytes)
{
    // Filler, then the stamp and a marker: a receiver finds them in the frame's bytes without
    // decoding it, which keeps the load generator's cost per delivery low.
    QByteArray envelope(fillerBytes, 'x');
    const qint64 bigEndian = qToBigEndian(stampUs);
    envelope.append(reinterpret_cast<const char*>(&bigEndian), sizeof bigEndian);
    envelope.append(kStampMarker);
    return envelope;
}

std::optional<qint64> SwarmWorker::stampIn(const QByteArray& frame)
{
    const qsizetype marker = frame.lastIndexOf(kStampMarker);
    if (marker < qsizetype(sizeof(qint64)))
        return std::nullopt;
    return qFromBigEndian<qint64>(frame.constData() + marker - sizeof(qint64));
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

SwarmWorker::Traffic SwarmWorker::traffic() const
{
    std::lock_guard lock(m_mutex);
    return m_traffic;
}

SwarmWorker::Traffic SwarmWorker::counts() const
{
    std::lock_guard lock(m_mutex);
    return Traffic{m_traffic.sent, m_traffic.refused, m_traffic.received, {}};
}

void SwarmWorker::resetTraffic()
{
    std::lock_guard lock(m_mutex);
    m_traffic = {};
}

void SwarmWorker::connectAll(const QUrl& url, const QList<QByteArray>& tokens,
                             const QList<QHostAddress>& sources, int inflight, bool handshake)
{
    closeAll();
    m_url = url;
    m_handshake = handshake;
    m_ready = 0;
    m_failed = 0;
    {
        std::lock_guard lock(m_mutex);
        m_readyTimes.clear();
        m_problem.clear();
    }
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        auto peer = std::make_unique<Peer>();
        peer->token = tokens[i];
        peer->source = sources.value(i);
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
        peer.socket = new websocket::WebSocketClient(kMaxMessageBytes, this);
        connect(peer.socket, &websocket::WebSocketClient::connected, this, [this, &peer] {
            if (!m_handshake) {
                peer.ready = true;
                ++m_open;
                return finish(peer, true);
            }
            Hello hello;
            hello.protocol = kVersion;
            hello.app = QStringLiteral("moim-bench");
            peer.socket->sendBinaryMessage(makeFrame(hello, kVersion, kHelloId).encode());
        });
        connect(peer.socket, &websocket::WebSocketClient::binaryMessageReceived, this,
                [this, &peer](const QByteArray& bytes) { onMessage(peer, bytes); });
        connect(peer.socket, &websocket::WebSocketClient::disconnected, this, [this, &peer] {
            if (peer.ready)
                --m_open;
            peer.ready = false;
            finish(peer, false,
                   QStringLiteral("closed: %1 %2")
                       .arg(peer.socket->closeCode())
                       .arg(peer.socket->closeReason()));
        });
        peer.since.start();
        peer.socket->open(m_url, peer.source);
    }
}

void SwarmWorker::onMessage(Peer& peer, const QByteArray& bytes)
{
    // Deliveries are counted from the raw bytes: decoding each would make the load generator,
    // not the server, the bottleneck.
    if (peer.ready) {
        if (const auto stamp = stampIn(bytes)) {
            const double latencyMs = double(nowUs() - *stamp) / 1000.0;
            std::lock_guard lock(m_mutex);
            ++m_traffic.received;
            m_traffic.latencyMs.append(latencyMs);
            return;
        }
    }
    const DecodedFrame decoded = decodeFrame(bytes);
    if (!decoded.frame)
        return finish(peer, false, QStringLiteral("undecodable frame"));
    const Frame& frame = *decoded.frame;
    if (!frame.requestId)
        return; // other pushes: presence, notifications
    if (*frame.requestId >= kFirstSendId) {
        if (frame.type == MessageType::Error) {
            std::lock_guard lock(m_mutex);
            ++m_traffic.refused;
            if (m_problem.isEmpty()) {
                QString ignored;
                const auto error = ErrorReply::fromCbor(frame.body, &ignored);
                m_problem = error ? error->message : QStringLiteral("send refused");
            }
        }
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

void SwarmWorker::startSending(const QList<qsizetype>& peers, double ratePerPeer, int durationMs,
                               const FrameMaker& make)
{
    m_senders = peers;
    m_ratePerPeer = ratePerPeer;
    m_sendDurationMs = durationMs;
    m_sentPerPeer = 0;
    m_make = make;
    if (!m_sendTimer) {
        m_sendTimer = new QTimer(this);
        m_sendTimer->setTimerType(Qt::PreciseTimer);
        connect(m_sendTimer, &QTimer::timeout, this, &SwarmWorker::sendDue);
    }
    m_sendClock.start();
    m_sendTimer->start(kSendTickMs);
}

void SwarmWorker::sendDue()
{
    const qint64 elapsedMs = std::min<qint64>(m_sendClock.elapsed(), m_sendDurationMs);
    const auto due = quint64(double(elapsedMs) * m_ratePerPeer / 1000.0);
    qint64 sent = 0;
    for (; m_sentPerPeer < due; ++m_sentPerPeer) {
        for (const qsizetype index : std::as_const(m_senders)) {
            Peer& peer = *m_peers[size_t(index)];
            if (!peer.ready)
                continue;
            peer.socket->sendBinaryMessage(m_make(index, m_sentPerPeer, nowUs()));
            ++sent;
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_traffic.sent += sent;
    }
    if (elapsedMs >= m_sendDurationMs)
        m_sendTimer->stop();
}

void SwarmWorker::closeAll()
{
    if (m_sendTimer)
        m_sendTimer->stop();
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

} // namespace moim::bench
