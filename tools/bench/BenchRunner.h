#pragma once

#include <QJsonObject>
#include <QUrl>
#include <client/Connection.h>
#include <memory>
#include <vector>

namespace moim::bench {

struct BenchOptions {
    QUrl server;
    QString workload;  // "write" or "fanout"
    int members = 100; // fanout: room size
    int senders = 2;   // fanout: members who send
    int pairs = 10;    // write: pairs of users exchanging direct messages
    int rate = 100;    // messages per second over all senders
    int durationSeconds = 10;
    int runs = 3;
    // fanout: every member publishes device keys and senders send real end-to-end encrypted
    // envelopes (sealed and signed, sender keys shared and rotated every 100 messages).
    bool encrypted = false;
};

// Load generator over loopback: bounded in count and time; talks the real protocol through
// moim_client_core. Prints one JSON object per run and one with the medians.
class BenchRunner {
public:
    explicit BenchRunner(BenchOptions options);
    // Returns the medians over the runs; empty with *error set on failure.
    QJsonObject run(QString* error);

private:
    struct Client {
        std::unique_ptr<client::Connection> connection;
        quint64 userId = 0;
        quint64 deviceId = 0;
    };
    bool signUp(Client& client, const QString& name, QString* error);
    QJsonObject runOnce(int index, QString* error);
    QJsonObject writeRun(const QString& prefix, QString* error);
    QJsonObject fanoutRun(const QString& prefix, QString* error);

    BenchOptions m_options;
    // Bench users publish no device lists, so a room's recipient set is empty: messages
    // carry opaque filler, not ciphertext (see docs/benchmarks.md).
    QByteArray m_noDevicesDigest;
};

} // namespace moim::bench
