#include "ClientBench.h"

#include "EventWait.h"
#include "Statistics.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <chat/ChatService.h>
#include <crypto/Sodium.h>

namespace moim::bench {

namespace {

constexpr int kStepTimeoutMs = 60'000;
const QString kKeyPassphrase = QStringLiteral("moim-bench device keys");

chat::ChatService::Options serviceOptions(const QString& profile)
{
    chat::ChatService::Options options;
    options.profileDirectory = profile;
    options.keyProtection.application = QStringLiteral("moim-bench");
    options.keyProtection.passphrase = kKeyPassphrase;
    options.keyProtection.cheapPassphrase = true;
    options.deviceName = QStringLiteral("moim-bench");
    return options;
}

// Signs a fresh user up; false (and why) when that fails.
bool signUp(chat::ChatService& service, const QUrl& server, const QString& name, QString* error)
{
    bool signedIn = false;
    QString failure;
    const auto in = QObject::connect(&service, &chat::ChatService::signedIn, &service,
                                     [&](const chat::SessionProfile&) { signedIn = true; });
    const auto out = QObject::connect(&service, &chat::ChatService::signInFailed, &service,
                                      [&](const QString& problem) { failure = problem; });
    service.signIn(server, name, QStringLiteral("bench password 1"), true,
                   QStringLiteral("Bench User"));
    waitFor([&] { return signedIn || !failure.isEmpty(); }, kStepTimeoutMs);
    QObject::disconnect(in);
    QObject::disconnect(out);
    if (!signedIn)
        *error = QStringLiteral("sign-up failed: ") + failure;
    return signedIn;
}

QProcessEnvironment appEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("MOIM_KEYSTORE_PASSPHRASE"), kKeyPassphrase);
    return environment;
}

bool seed(const QUrl& server, const QString& profile, int rooms, int messages, QString* error)
{
    chat::ChatService service(serviceOptions(profile));
    QString failure;
    quint64 teamId = 0;
    QList<quint64> roomIds;
    int sent = 0;
    QObject::connect(&service, &chat::ChatService::teamsChanged, &service,
                     [&](const QList<protocol::TeamInfo>& teams) {
                         if (!teams.isEmpty())
                             teamId = teams.first().teamId;
                     });
    QObject::connect(&service, &chat::ChatService::channelsLoaded, &service,
                     [&](quint64, const QList<protocol::RoomInfo>& list) {
                         roomIds.clear();
                         for (const protocol::RoomInfo& room : list)
                             roomIds.append(room.roomId);
                     });
    QObject::connect(&service, &chat::ChatService::messageSent, &service, [&] { ++sent; });
    QObject::connect(
        &service, &chat::ChatService::messageFailed, &service,
        [&](const QByteArray&, quint64, const QString& problem) { failure = problem; });
    const QString suffix = QString::fromLatin1(crypto::randomBytes(4).toHex());
    if (!signUp(service, server, QStringLiteral("bench") + suffix, error))
        return false;
    service.createTeam(QStringLiteral("bench") + suffix, QStringLiteral("Bench"));
    if (!waitFor([&] { return teamId != 0 && !roomIds.isEmpty(); }, kStepTimeoutMs)) {
        *error = QStringLiteral("team creation failed");
        return false;
    }
    for (int i = 1; i < rooms; ++i)
        service.createChannel(teamId, QStringLiteral("room-%1").arg(i), false, {});
    if (!waitFor([&] { return roomIds.size() >= rooms; }, kStepTimeoutMs)) {
        *error = QStringLiteral("channel creation failed");
        return false;
    }
    for (int i = 0; i < messages; ++i)
        service.sendMessage(roomIds.at(i % roomIds.size()), crypto::randomBytes(16),
                            QStringLiteral("message %1: the quick brown fox jumps over the lazy "
                                           "dog, 다람쥐 헌 쳇바퀴에 타고파")
                                .arg(i),
                            0);
    if (!waitFor([&] { return sent >= messages || !failure.isEmpty(); }, 10 * kStepTimeoutMs) ||
        sent < messages) {
        *error = QStringLiteral("sent %1 of %2: %3").arg(sent).arg(messages).arg(failure);
        return false;
    }
    return true;
}

} // namespace

QJsonObject clientRun(const QUrl& server, const QString& appPath, int rooms, int messages, int runs,
                      const QString& keepProfile, QString* error)
{
    QTemporaryDir scratch;
    const QString profile = keepProfile.isEmpty() ? scratch.path() : keepProfile;
    QElapsedTimer seeding;
    seeding.start();
    if (!seed(server, profile, rooms, messages, error))
        return {};
    const qint64 seedMs = seeding.elapsed();
    QList<double> startMs;
    QList<double> rssMb;
    QJsonArray each;
    for (int run = 0; run < runs; ++run) {
        QProcess app;
        app.setProcessEnvironment(appEnvironment());
        QElapsedTimer clock;
        clock.start();
        app.start(appPath,
                  {QStringLiteral("--profile"), profile, QStringLiteral("--report-ready")});
        QByteArray output;
        static const QRegularExpression ready(QStringLiteral("ready rss_kb=(\\d+)"));
        QRegularExpressionMatch match;
        const bool done = waitFor(
            [&] {
                output += app.readAllStandardError();
                match = ready.match(QString::fromUtf8(output));
                return match.hasMatch() || app.state() == QProcess::NotRunning;
            },
            kStepTimeoutMs);
        const qint64 elapsed = clock.elapsed();
        app.kill();
        app.waitForFinished(5000);
        if (!done || !match.hasMatch()) {
            *error = QStringLiteral("the app did not report ready: ") +
                     QString::fromUtf8(output.right(400));
            return {};
        }
        const double rss = match.captured(1).toDouble() / 1024.0;
        startMs.append(double(elapsed));
        rssMb.append(rss);
        each.append(QJsonObject{{QStringLiteral("start_ms"), double(elapsed)},
                                {QStringLiteral("rss_mb"), rss}});
    }
    return {{QStringLiteral("workload"), QStringLiteral("client")},
            {QStringLiteral("rooms"), rooms},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("seed_ms"), double(seedMs)},
            {QStringLiteral("runs"), each},
            {QStringLiteral("cold_start_ms_median"), median(startMs)},
            {QStringLiteral("rss_mb_median"), median(rssMb)}};
}

QJsonObject arrivalRun(const QUrl& server, const QString& appPath, int count, int intervalMs,
                       int runs, QString* error)
{
    QTemporaryDir senderProfile;
    QTemporaryDir readerProfile;
    const QString suffix = QString::fromLatin1(crypto::randomBytes(4).toHex());
    chat::ChatService sender(serviceOptions(senderProfile.path()));
    quint64 teamId = 0;
    quint64 general = 0;
    QString code;
    QObject::connect(&sender, &chat::ChatService::teamsChanged, &sender,
                     [&](const QList<protocol::TeamInfo>& teams) {
                         if (!teams.isEmpty())
                             teamId = teams.first().teamId;
                     });
    QObject::connect(&sender, &chat::ChatService::channelsLoaded, &sender,
                     [&](quint64, const QList<protocol::RoomInfo>& rooms) {
                         if (!rooms.isEmpty())
                             general = rooms.first().roomId;
                     });
    QObject::connect(&sender, &chat::ChatService::inviteCreated, &sender,
                     [&](quint64, const QString& created, const QString&) { code = created; });
    if (!signUp(sender, server, QStringLiteral("sender") + suffix, error))
        return {};
    sender.createTeam(QStringLiteral("arrival") + suffix, QStringLiteral("Arrival"));
    if (!waitFor([&] { return teamId != 0 && general != 0; }, kStepTimeoutMs)) {
        *error = QStringLiteral("team creation failed");
        return {};
    }
    sender.createInvite(teamId);
    if (!waitFor([&] { return !code.isEmpty(); }, kStepTimeoutMs)) {
        *error = QStringLiteral("no invite");
        return {};
    }
    {
        // The reader joins, then leaves its profile to the app.
        chat::ChatService reader(serviceOptions(readerProfile.path()));
        bool joined = false;
        QObject::connect(
            &reader, &chat::ChatService::channelsLoaded, &reader,
            [&](quint64, const QList<protocol::RoomInfo>& rooms) { joined = !rooms.isEmpty(); });
        if (!signUp(reader, server, QStringLiteral("reader") + suffix, error))
            return {};
        reader.joinTeam(code);
        if (!waitFor([&] { return joined; }, kStepTimeoutMs)) {
            *error = QStringLiteral("the reader did not join");
            return {};
        }
    }

    QHash<QByteArray, qint64> sentAt; // by client id
    QHash<quint64, qint64> sentAtSeq;
    QHash<quint64, qint64> ackedAt; // by seq
    QObject::connect(&sender, &chat::ChatService::messageSent, &sender,
                     [&](const QByteArray& clientId, quint64, quint64 seq, qint64) {
                         ackedAt.insert(seq, QDateTime::currentMSecsSinceEpoch());
                         sentAtSeq.insert(seq, sentAt.value(clientId));
                     });
    QList<double> sendP50, sendP99, ackP50, ackP99;
    QJsonArray each;
    static const QRegularExpression shownLine(QStringLiteral("shown seq=(\\d+) ms=(\\d+)"));
    for (int run = 0; run < runs; ++run) {
        QProcess app;
        app.setProcessEnvironment(appEnvironment());
        app.start(appPath, {QStringLiteral("--profile"), readerProfile.path(),
                            QStringLiteral("--report-shown")});
        QByteArray output;
        const auto read = [&] { output += app.readAllStandardError(); };
        if (!waitFor(
                [&] {
                    read();
                    return output.contains("listening") || app.state() == QProcess::NotRunning;
                },
                kStepTimeoutMs) ||
            !output.contains("listening")) {
            *error = QStringLiteral("the app did not show its room: ") +
                     QString::fromUtf8(output.right(400));
            return {};
        }
        // A moment for the app's connection and catch-up after the room showed from the cache.
        pause(1500);
        sentAt.clear();
        sentAtSeq.clear();
        ackedAt.clear();
        for (int i = 0; i < count; ++i) {
            const QByteArray clientId = crypto::randomBytes(16);
            sentAt.insert(clientId, QDateTime::currentMSecsSinceEpoch());
            sender.sendMessage(general, clientId, QStringLiteral("arrival %1").arg(i), 0);
            pause(intervalMs);
            read();
        }
        QHash<quint64, qint64> shownAt;
        waitFor(
            [&] {
                read();
                for (const QRegularExpressionMatch& match :
                     shownLine.globalMatch(QString::fromUtf8(output)))
                    shownAt.insert(match.captured(1).toULongLong(), match.captured(2).toLongLong());
                return ackedAt.size() >= count &&
                       std::all_of(ackedAt.keyBegin(), ackedAt.keyEnd(),
                                   [&](quint64 seq) { return shownAt.contains(seq); });
            },
            kStepTimeoutMs);
        app.kill();
        app.waitForFinished(5000);
        QList<double> fromSend;
        QList<double> fromAck;
        for (auto it = ackedAt.cbegin(); it != ackedAt.cend(); ++it) {
            if (!shownAt.contains(it.key()))
                continue;
            fromSend.append(double(shownAt.value(it.key()) - sentAtSeq.value(it.key())));
            fromAck.append(double(shownAt.value(it.key()) - it.value()));
        }
        if (fromSend.size() < count) {
            *error = QStringLiteral("%1 of %2 messages shown").arg(fromSend.size()).arg(count);
            return {};
        }
        sendP50.append(percentile(fromSend, 0.5));
        sendP99.append(percentile(fromSend, 0.99));
        ackP50.append(percentile(fromAck, 0.5));
        ackP99.append(percentile(fromAck, 0.99));
        each.append(QJsonObject{{QStringLiteral("send_to_shown_p50_ms"), sendP50.last()},
                                {QStringLiteral("send_to_shown_p99_ms"), sendP99.last()},
                                {QStringLiteral("ack_to_shown_p50_ms"), ackP50.last()},
                                {QStringLiteral("ack_to_shown_p99_ms"), ackP99.last()}});
    }
    return {{QStringLiteral("workload"), QStringLiteral("arrival")},
            {QStringLiteral("messages"), count},
            {QStringLiteral("interval_ms"), intervalMs},
            {QStringLiteral("runs"), each},
            {QStringLiteral("send_to_shown_p50_ms_median"), median(sendP50)},
            {QStringLiteral("send_to_shown_p99_ms_median"), median(sendP99)},
            {QStringLiteral("ack_to_shown_p50_ms_median"), median(ackP50)},
            {QStringLiteral("ack_to_shown_p99_ms_median"), median(ackP99)}};
}

} // namespace moim::bench
