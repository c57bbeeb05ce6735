#pragma once

#include "server/DatabaseSettings.h"

#include <QHostAddress>
#include <QStringList>
#include <chrono>
#include <protocol/Limits.h>
#include <util/LogOutput.h>

namespace moim::server {

struct ServerConfig {
    QString dataDir;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 7420;
    DatabaseSettings database;
    util::LogMode logMode = util::LogMode::Production;
    util::LogFormat logFormat = util::LogFormat::Text;

    int ioThreads = 2;
    int dbThreads = 2;
    int passwordThreads = 2;
    int passwordQueueLimit = 64;

    qint64 maxMessageBytes = protocol::kDefaultMaxMessageBytes;
    qint64 maxSendBacklogBytes = 8 * 1024 * 1024;
    std::chrono::milliseconds helloTimeout{10'000};
    std::chrono::milliseconds pingInterval{30'000};
    QStringList allowedOrigins; // browser origins allowed to connect; native clients send none

    // Request rate per socket: a token bucket.
    int requestsPerSecond = 50;
    int requestBurst = 200;

    // Brute-force throttling.
    int accountFailureLimit = 5;
    int addressFailureLimit = 30;
    std::chrono::milliseconds failureWindow{15 * 60 * 1000};

    // Retention: events older than this many days are deleted (0 keeps them forever);
    // teams may override it (moimctl team-retention).
    int retentionDays = 3650;
    std::chrono::milliseconds retentionInterval{24 * 3600 * 1000};
    int retentionBatch = 1000;

    // Encrypted attachments: ciphertext blobs the clients upload. The largest file, the bytes
    // one user may have stored (uploaded blobs and unfinished uploads), and how long a blob no
    // message refers to, or an upload nobody continues, is kept before the collector deletes it.
    qint64 maxFileSize = 100LL * 1024 * 1024;
    qint64 userQuota = 1024LL * 1024 * 1024;
    int blobGraceHours = 24;

    // Push gateway for offline devices (off by default: it sends requests to user-chosen
    // URLs). An empty host list allows any host.
    bool pushGateway = false;
    QStringList pushAllowedHosts;
};

} // namespace moim::server
