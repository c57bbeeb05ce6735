#include "server/PasswordWorkers.h"

#include <crypto/Sodium.h>
#include <util/ThreadPost.h>

namespace moim::server {

PasswordWorkers::PasswordWorkers(crypto::PasswordHashCost cost, int threads, int queueLimit)
    : m_hasher(cost)
    , m_queueLimit(queueLimit)
{
    m_pool.setMaxThreadCount(std::max(1, threads));
    m_dummyHash =
        m_hasher.hash(QString::fromLatin1(crypto::randomBytes(16).toHex())).value_or(QString());
}

PasswordWorkers::~PasswordWorkers()
{
    m_pool.waitForDone();
}

bool PasswordWorkers::submit(std::function<void()> work)
{
    if (m_pending.fetch_add(1) >= m_queueLimit) {
        m_pending.fetch_sub(1);
        return false;
    }
    m_pool.start([this, work = std::move(work)] {
        work();
        m_pending.fetch_sub(1);
    });
    return true;
}

bool PasswordWorkers::hash(QObject* receiver, const QString& password,
                           std::function<void(std::optional<QString>)> done)
{
    const util::DeferredCall reply(receiver);
    return submit([this, reply, password, done = std::move(done)] {
        auto encoded = m_hasher.hash(password);
        reply.post([done, encoded] { done(encoded); });
    });
}

bool PasswordWorkers::verify(QObject* receiver, const QString& encodedHash, const QString& password,
                             std::function<void(bool, bool)> done)
{
    const util::DeferredCall reply(receiver);
    return submit([this, reply, encodedHash, password, done = std::move(done)] {
        const bool known = !encodedHash.isEmpty();
        const bool matches = m_hasher.verify(known ? encodedHash : m_dummyHash, password) && known;
        const bool rehash = matches && m_hasher.needsRehash(encodedHash);
        reply.post([done, matches, rehash] { done(matches, rehash); });
    });
}

} // namespace moim::server
