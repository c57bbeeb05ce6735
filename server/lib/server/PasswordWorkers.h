#pragma once

#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <crypto/PasswordHash.h>
#include <functional>
#include <optional>

namespace moim::server {

// Argon2id on a bounded pool: each hash takes 19 MiB and tens of milliseconds, so a login storm
// must queue here (up to a limit, then `busy`) instead of exhausting memory or blocking sockets.
class PasswordWorkers {
public:
    PasswordWorkers(crypto::PasswordHashCost cost, int threads, int queueLimit);
    ~PasswordWorkers();

    // Each returns false, without calling done, when too much work is waiting.
    bool hash(QObject* receiver, const QString& password,
              std::function<void(std::optional<QString>)> done);
    // An empty encodedHash (unknown user) is checked against a dummy hash so that the answer
    // takes as long as for a real user with a wrong password.
    bool verify(QObject* receiver, const QString& encodedHash, const QString& password,
                std::function<void(bool matches, bool needsRehash)> done);

private:
    bool submit(std::function<void()> work);

    crypto::PasswordHash m_hasher;
    QString m_dummyHash;
    QThreadPool m_pool;
    std::atomic<int> m_pending{0};
    int m_queueLimit;
};

} // namespace moim::server
