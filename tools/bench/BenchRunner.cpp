#include "BenchRunner.h"

#include "CryptoBench.h"
#include "EventWait.h"
#include "Statistics.h"

#include <QCborMap>
#include <QCborValue>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <algorithm>
#include <client/MessageContent.h>
#include <crypto/RecipientDigest.h>
#include <crypto/Sodium.h>
#include <cstdio>
#include <e2ee/CryptoEngine.h>
#include <e2ee/E2eeSession.h>
#include <protocol/AccountMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/EventMessages.h>
#include <protocol/KeyMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>

namespace moim::bench {

using namespace protocol;

namespace {

const QString kPassword = QStringLiteral("bench password 1");

// Sent-at time travels inside the envelope (opaque to the server, as real content is),
// padded so frames have the size of a short real message.
QByteArray stampedEnvelope(qint64 sentAtUs)
{
    return QCborValue(QCborMap{{QStringLiteral("t"), sentAtUs},
                               {QStringLiteral("pad"), QByteArray(200, 'x')}})
        .toCbor();
}

} // namespace

BenchRunner::BenchRunner(BenchOptions options)
    : m_options(std::move(options))
    , m_noDevicesDigest(crypto::recipientDigest({}))
{}

bool BenchRunner::signUp(Client& client, const QString& name, QString* error)
{
    client.connection = std::make_unique<client::Connection>();
    if (!client.connection->openAndWait(m_options.server, 10'000, error))
        return false;
    // Argon2id is deliberately slow and bounded per server: sign-ups retry on `busy`.
    for (int attempt = 0; attempt < 50; ++attempt) {
        const auto session = client.connection->callAndWait<Session>(
            SignUp{name, kPassword, {}, QStringLiteral("bench")}, 60'000);
        if (session) {
            client.userId = session->userId;
            client.deviceId = session->deviceId;
            return true;
        }
        if (session.error().code != ErrorCode::Busy) {
            *error = name + QStringLiteral(": ") + session.error().message;
            return false;
        }
        pause(int(session.error().retryAfterMs.value_or(500)));
    }
    *error = QStringLiteral("sign-up kept being refused as busy");
    return false;
}

QJsonObject BenchRunner::writeRun(const QString& prefix, QString* error)
{
    // Pairs of users, each pair in its own direct room; every user sends to its partner.
    std::vector<Client> users(size_t(m_options.pairs) * 2);
    for (size_t i = 0; i < users.size(); ++i) {
        if (!signUp(users[i], QStringLiteral("%1w%2").arg(prefix).arg(i), error))
            return {};
    }
    Client& host = users[0];
    const auto team =
        host.connection->callAndWait<TeamInfo>(CreateTeam{prefix + QStringLiteral("w"), {}});
    const auto invite = host.connection->callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
    std::vector<quint64> rooms(users.size());
    for (size_t i = 0; i < users.size(); i += 2) {
        users[i + 1].connection->callAndWait<TeamInfo>(JoinTeam{invite->code});
        if (i > 0)
            users[i].connection->callAndWait<TeamInfo>(JoinTeam{invite->code});
        const auto room =
            users[i].connection->callAndWait<RoomInfo>(OpenDirect{{users[i + 1].userId}});
        if (!room) {
            *error = room.error().message;
            return {};
        }
        rooms[i] = rooms[i + 1] = room->roomId;
    }
    QList<double> ackMs;
    qint64 sent = 0;
    qint64 acked = 0;
    qint64 failed = 0;
    QElapsedTimer clock;
    clock.start();
    const qint64 total = qint64(m_options.rate) * m_options.durationSeconds;
    QTimer tick;
    size_t next = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        // Catch up to the wall clock so the offered rate holds even when a tick is late.
        const qint64 due = std::min(total, clock.elapsed() * m_options.rate / 1000);
        while (sent < due) {
            Client& sender = users[next];
            Send send;
            send.roomId = rooms[next];
            send.clientId = crypto::randomBytes(16);
            send.recipients = m_noDevicesDigest;
            send.envelope = stampedEnvelope(0);
            const qint64 startedUs = clock.nsecsElapsed() / 1000;
            sender.connection->call<Sent>(send, [&, startedUs](Result<Sent> result) {
                if (result) {
                    ++acked;
                    ackMs.append(double(clock.nsecsElapsed() / 1000 - startedUs) / 1000.0);
                } else {
                    ++failed;
                }
            });
            ++sent;
            next = (next + 1) % users.size();
        }
    });
    tick.start(5);
    waitFor([&] { return sent >= total && acked + failed >= sent; },
            (m_options.durationSeconds + 30) * 1000);
    tick.stop();
    const double seconds = double(clock.elapsed()) / 1000.0;
    return {{QStringLiteral("workload"), QStringLiteral("write")},
            {QStringLiteral("users"), int(users.size())},
            {QStringLiteral("offered_per_s"), m_options.rate},
            {QStringLiteral("acked"), double(acked)},
            {QStringLiteral("failed"), double(failed)},
            {QStringLiteral("acked_per_s"), double(acked) / seconds},
            {QStringLiteral("ack_p50_ms"), percentile(ackMs, 0.5)},
            {QStringLiteral("ack_p99_ms"), percentile(ackMs, 0.99)}};
}

QJsonObject BenchRunner::fanoutRun(const QString& prefix, QString* error)
{
    std::vector<Client> members(size_t(m_options.members));
    for (size_t i = 0; i < members.size(); ++i) {
        if (!signUp(members[i], QStringLiteral("%1f%2").arg(prefix).arg(i), error))
            return {};
    }
    const auto team =
        members[0].connection->callAndWait<TeamInfo>(CreateTeam{prefix + QStringLiteral("f"), {}});
    const auto invite =
        members[0].connection->callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});
    for (size_t i = 1; i < members.size(); ++i)
        members[i].connection->callAndWait<TeamInfo>(JoinTeam{invite->code});
    const quint64 room =
        members[0].connection->callAndWait<RoomList>(ListRooms{team->teamId})->rooms.first().roomId;

    const int senders = std::clamp(m_options.senders, 1, m_options.members);
    // With --encrypted: each member's device keys published; each sender holds every list.
    std::vector<e2ee::CryptoEngine> engines(static_cast<size_t>(senders));
    RoomRecipients recipients;
    if (m_options.encrypted) {
        for (size_t i = 0; i < members.size(); ++i) {
            e2ee::CryptoEngine engine;
            e2ee::E2eeSession session(*members[i].connection, engine, [] {});
            const auto state = session.setUp(members[i].userId, members[i].deviceId);
            if (!state) {
                *error = state.error().message;
                return {};
            }
            if (i < size_t(senders))
                engines[i] = engine;
        }
        const auto devices = members[0].connection->callAndWait<RoomRecipients>(RoomDevices{room});
        if (!devices) {
            *error = devices.error().message;
            return {};
        }
        recipients = devices.value();
        QList<quint64> users;
        for (const auto& member : recipients.members)
            users.append(member.userId);
        const auto lists = members[0].connection->callAndWait<DeviceLists>(GetDeviceLists{users});
        for (auto& engine : engines) {
            for (const auto& list : lists->lists)
                engine.acceptDeviceList(list.userId, list.document);
        }
    }
    const QByteArray plaintext =
        client::MessageContent::ofText(QString(120, QLatin1Char('x'))).toEnvelope();

    const qint64 total = qint64(m_options.rate) * m_options.durationSeconds;
    // Encrypted sends are sealed, and their key shares made, before the clock starts: the load
    // generator stands in for senders on other machines, and sealing here, on the cores moimd
    // runs on, would measure our generator rather than what real ciphertext costs the server.
    // The crypto workload measures the sealing itself.
    struct Prepared {
        std::optional<ShareKeys> shares;
        Send send;
    };
    std::vector<Prepared> prepared;
    qint64 rotations = 0;
    if (m_options.encrypted) {
        prepared.reserve(size_t(total));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (qint64 i = 0; i < total; ++i) {
            e2ee::CryptoEngine& engine = engines[size_t(i % senders)];
            Prepared item;
            if (engine.rotationNeeded(recipients, now) != e2ee::Rotation::None) {
                item.shares = ShareKeys{room, engine.startEpoch(recipients, now).shares};
                ++rotations;
            }
            item.send.roomId = room;
            item.send.clientId = crypto::randomBytes(16);
            engine.seal(item.send, plaintext, now);
            prepared.push_back(std::move(item));
        }
    }

    QElapsedTimer clock;
    clock.start();
    QList<double> latencyMs;
    qint64 delivered = 0;
    // When each message left, by client id: receivers cannot read a stamp inside ciphertext.
    QHash<QByteArray, qint64> sentAtUs;
    // A member whose connection closes misses the rest: moimd drops a socket whose send backlog
    // passes its cap, and at saturation Qt's client socket gives up on a frame whose rest takes
    // over 5 s to be read (close 1001). Counted apart, so that it is not taken for messages
    // the server lost.
    qint64 dropped = 0;
    for (Client& member : members) {
        QObject::connect(member.connection.get(), &client::Connection::closed,
                         member.connection.get(), [&dropped](quint16 code, const QString& reason) {
                             if (dropped++ == 0)
                                 qWarning("fanout: a member's connection closed: %u %s", code,
                                          qPrintable(reason));
                         });
        QObject::connect(member.connection.get(), &client::Connection::eventReceived,
                         member.connection.get(), [&](const Frame& frame) {
                             if (frame.type != MessageType::RoomEvent)
                                 return;
                             QString problem;
                             const auto event = RoomEvent::fromCbor(frame.body, &problem);
                             if (!event || event->kind != EventKind::Message)
                                 return;
                             const qint64 stamp = sentAtUs.value(event->clientId, -1);
                             if (stamp < 0)
                                 return;
                             ++delivered;
                             latencyMs.append(double(clock.nsecsElapsed() / 1000 - stamp) / 1000.0);
                         });
    }
    qint64 sent = 0;
    qint64 acked = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 due = std::min(total, clock.elapsed() * m_options.rate / 1000);
        while (sent < due) {
            const size_t sender = size_t(sent % senders);
            Send send;
            if (m_options.encrypted) {
                Prepared& item = prepared[size_t(sent)];
                // Shares go first on the same socket; the send need not wait for them.
                if (item.shares)
                    members[sender].connection->call<Ok>(*item.shares, [](Result<Ok>) {});
                send = std::move(item.send);
            } else {
                send.roomId = room;
                send.clientId = crypto::randomBytes(16);
                send.recipients = m_noDevicesDigest;
                send.envelope = stampedEnvelope(0);
            }
            sentAtUs.insert(send.clientId, clock.nsecsElapsed() / 1000);
            members[sender].connection->call<Sent>(
                send, [&](Result<Sent> result) { acked += result ? 1 : 0; });
            ++sent;
        }
    });
    tick.start(5);
    // Every member but the sender's own socket receives each message.
    const qint64 expected = total * (m_options.members - 1);
    waitFor([&] { return sent >= total && delivered >= expected; },
            (m_options.durationSeconds + 30) * 1000);
    tick.stop();
    const double seconds = double(clock.elapsed()) / 1000.0;
    return {{QStringLiteral("workload"), QStringLiteral("fanout")},
            {QStringLiteral("members"), m_options.members},
            {QStringLiteral("offered_per_s"), m_options.rate},
            {QStringLiteral("sent"), double(sent)},
            {QStringLiteral("acked"), double(acked)},
            {QStringLiteral("deliveries"), double(delivered)},
            {QStringLiteral("encrypted"), m_options.encrypted},
            {QStringLiteral("rotations"), double(rotations)},
            {QStringLiteral("lost"), double(expected - delivered)},
            {QStringLiteral("members_dropped"), double(dropped)},
            {QStringLiteral("deliveries_per_s"), double(delivered) / seconds},
            {QStringLiteral("latency_p50_ms"), percentile(latencyMs, 0.5)},
            {QStringLiteral("latency_p99_ms"), percentile(latencyMs, 0.99)}};
}

QJsonObject BenchRunner::runOnce(int index, QString* error)
{
    // Fresh users per run, so runs do not share state; names are unique per process.
    const QString prefix = QStringLiteral("b%1r%2")
                               .arg(QString::number(QCoreApplication::applicationPid(), 36))
                               .arg(index);
    if (m_options.workload == QLatin1String("crypto"))
        return cryptoRun(m_options.members, m_options.rate);
    return m_options.workload == QLatin1String("write") ? writeRun(prefix, error)
                                                        : fanoutRun(prefix, error);
}

QJsonObject BenchRunner::run(QString* error)
{
    QList<QJsonObject> results;
    for (int i = 0; i < m_options.runs; ++i) {
        const QJsonObject result = runOnce(i, error);
        if (result.isEmpty())
            return {};
        printRun(result);
        results.append(result);
    }
    return mediansOf(results, m_options.workload);
}

} // namespace moim::bench
