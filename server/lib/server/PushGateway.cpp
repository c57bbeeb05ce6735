#include "server/PushGateway.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <util/LogCategories.h>
#include <util/ThreadPost.h>

namespace moim::server {

PushGateway::PushGateway(QStringList allowedHosts, QObject* parent)
    : QObject(parent)
    , m_allowedHosts(std::move(allowedHosts))
{}

bool PushGateway::acceptableUrl(const QUrl& url, const QStringList& allowedHosts)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return false;
    return allowedHosts.isEmpty() || allowedHosts.contains(url.host().toLower());
}

void PushGateway::wake(const QUrl& url, const QJsonObject& payload)
{
    const QByteArray body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    util::postToThread(thread(), [this, url, body] { enqueue(url, body); });
}

void PushGateway::enqueue(const QUrl& url, const QByteArray& body)
{
    // Re-checked here: the allow-list may have changed since the URL was registered.
    if (!acceptableUrl(url, m_allowedHosts))
        return;
    if (m_queue.size() >= kMaxQueued) {
        qCWarning(lcNet) << "push queue full; dropping a wake-up for" << url.host();
        return;
    }
    m_queue.enqueue({url, body});
    pump();
}

void PushGateway::pump()
{
    while (m_inFlight < kMaxInFlight && !m_queue.isEmpty()) {
        const auto [url, body] = m_queue.dequeue();
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setTransferTimeout(kTimeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_network.post(request, body);
        ++m_inFlight;
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            if (reply->error() != QNetworkReply::NoError)
                qCInfo(lcNet) << "push to" << reply->url().host()
                              << "failed:" << reply->errorString();
            reply->deleteLater();
            --m_inFlight;
            pump();
        });
    }
}

} // namespace moim::server
