#pragma once

#include "server/DatabasePool.h"

#include <QHash>
#include <QList>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <protocol/Result.h>
#include <util/ThreadPost.h>
#include <vector>

namespace moim::server {

// Lookups of one kind that arrive together are answered by one statement: the first lookup
// posts a database job, and the job takes every lookup queued by the time it runs. On
// PostgreSQL a job is a round trip to another process, and in a reconnection storm thousands
// of devices each ask the same question (whose token is this, what did I miss) at once.
template <typename Key, typename Value> class LookupBatcher {
public:
    // Finds the values of the keys it is given; keys without a value are left out.
    using Lookup = std::function<QHash<Key, Value>(DbContext&, const QList<Key>&)>;
    using Done = std::function<void(protocol::Result<std::optional<Value>>)>;

    // Keys in one statement: a few hundred keep a statement's text and its plan small.
    static constexpr int kLargestBatch = 500;

    // Without largestBatch: kLargestBatch on PostgreSQL, 1 (every lookup a job of its own,
    // as before) on SQLite, where a statement is a function call and several workers read at
    // once, so one worker going through a batch alone was slower (docs/benchmarks.md).
    LookupBatcher(DatabasePool& database, Lookup lookup,
                  std::optional<int> largestBatch = std::nullopt)
        : m_database(database)
        , m_shared(std::make_shared<Shared>())
        , m_lookup(std::move(lookup))
        , m_largestBatch(largestBatch.value_or(
              database.settings().backend == DatabaseBackend::Postgres ? kLargestBatch : 1))
    {}

    // done runs on receiver's thread, if receiver still lives; call from that thread.
    void find(QObject* receiver, Key key, Done done)
    {
        bool post = false;
        {
            std::lock_guard lock(m_shared->mutex);
            m_shared->queued.push_back(
                {std::move(key), util::DeferredCall(receiver), std::move(done)});
            post = m_shared->jobsPosted * m_largestBatch < int(m_shared->queued.size());
            if (post)
                ++m_shared->jobsPosted;
        }
        if (post)
            m_database.post([shared = m_shared, lookup = m_lookup,
                             largest = m_largestBatch](DbContext& context) {
                runBatch(*shared, lookup, largest, context);
            });
    }

private:
    struct Queued {
        Key key;
        util::DeferredCall reply;
        Done done;
    };
    struct Shared {
        std::mutex mutex;
        std::vector<Queued> queued;
        int jobsPosted = 0; // posted and not yet started: each will take up to a batch
    };

    static void runBatch(Shared& shared, const Lookup& lookup, int largest, DbContext& context)
    {
        std::vector<Queued> batch;
        {
            std::lock_guard lock(shared.mutex);
            --shared.jobsPosted;
            const size_t count = std::min(shared.queued.size(), size_t(largest));
            batch.assign(std::make_move_iterator(shared.queued.begin()),
                         std::make_move_iterator(shared.queued.begin() + qsizetype(count)));
            shared.queued.erase(shared.queued.begin(), shared.queued.begin() + qsizetype(count));
        }
        if (batch.empty())
            return;
        QList<Key> keys;
        keys.reserve(qsizetype(batch.size()));
        for (const Queued& queued : batch)
            keys.append(queued.key);
        const auto found = DatabasePool::guarded<QHash<Key, Value>>(
            context, [&](DbContext& worker) { return lookup(worker, keys); });
        for (Queued& queued : batch) {
            using Answer = protocol::Result<std::optional<Value>>;
            auto result = std::make_shared<Answer>(
                found ? Answer(found->contains(queued.key)
                                   ? std::optional<Value>(found->value(queued.key))
                                   : std::nullopt)
                      : Answer(found.error()));
            queued.reply.post(
                [done = std::move(queued.done), result] { done(std::move(*result)); });
        }
    }

    DatabasePool& m_database;
    std::shared_ptr<Shared> m_shared; // outlives this object while jobs are queued
    Lookup m_lookup;
    int m_largestBatch;
};

} // namespace moim::server
