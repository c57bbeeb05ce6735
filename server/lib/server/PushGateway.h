#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QQueue>
#include <QStringList>
#include <QUrl>

namespace moim::server {

// POSTs content-free wake-ups (room, sequence, counts: never message content) to the URLs
// that offline devices registered, UnifiedPush style. Off unless the operator enables it,
// because it makes the server send requests to addresses users choose. Bounded: a slow or
// dead endpoint cannot make work pile up.
class PushGateway : public QObject {
    Q_OBJECT
public:
    PushGateway(QStringList allowedHosts, QObject* parent = nullptr);

    // Any thread.
    void wake(const QUrl& url, const QJsonObject& payload);
    static bool acceptableUrl(const QUrl& url, const QStringList& allowedHosts);

    static constexpr int kMaxInFlight = 32;
    static constexpr int kMaxQueued = 1000;
    static constexpr int kTimeoutMs = 10'000;

private:
    void enqueue(const QUrl& url, const QByteArray& body);
    void pump();

    QStringList m_allowedHosts;
    QNetworkAccessManager m_network;
    QQueue<std::pair<QUrl, QByteArray>> m_queue;
    int m_inFlight = 0;
};

} // namespace moim::server
