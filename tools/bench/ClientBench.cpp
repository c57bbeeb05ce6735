#include "ClientBench.h"

#include "EventWait.h"
#include "Statistics.h"

#include <QElapsedTimer>
#include <QEventLoop>
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

bool seed(const QUrl& server, const QString& profile, int rooms, int messages, QString* error)
{
    chat::ChatService::Options options;
    options.profileDirectory = profile;
    options.keyProtection.application = QStringLiteral("moim-bench");
    options.keyProtection.passphrase = kKeyPassphrase;
    options.keyProtection.cheapPassphrase = true;
    options.deviceName = QStringLiteral("moim-bench");
    chat::ChatService service(options);
    bool signedIn = false;
    QString failure;
    quint64 teamId = 0;
    QList<quint64> roomIds;
    int sent = 0;
    QObject::connect(&service, &chat::ChatService::signedIn, &service,
                     [&](const chat::SessionProfile&) { signedIn = true; });
    QObject::connect(&service, &chat::ChatService::signInFailed, &service,
                     [&](const QString& problem) { failure = problem; });
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
    service.signIn(server, QStringLiteral("bench") + suffix, QStringLiteral("bench password 1"),
                   true, QStringLiteral("Bench User"));
    if (!waitFor([&] { return signedIn || !failure.isEmpty(); }, kStepTimeoutMs) || !signedIn) {
        *error = QStringLiteral("sign-up failed: ") + failure;
        return false;
    }
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
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("MOIM_KEYSTORE_PASSPHRASE"), kKeyPassphrase);
        app.setProcessEnvironment(environment);
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

} // namespace moim::bench
