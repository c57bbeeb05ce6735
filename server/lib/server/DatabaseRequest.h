#pragma once

#include "server/ClientConnection.h"
#include "server/DatabasePool.h"
#include "server/Responder.h"

#include <functional>
#include <protocol/Result.h>

namespace moim::server {

enum class Commit {
    Alone,   // its own transactions, if any
    Grouped, // in a transaction shared with other grouped requests of any lane
             // (DatabasePool::runGrouped)
};

// Runs a request's database work and answers any failure, so a handler is its checks, one
// function for the database thread and one for the answer (and pushes) afterwards.
template <typename Outcome>
void runForRequest(DatabasePool& database, ClientConnection& connection, Responder responder,
                   std::function<protocol::Result<Outcome>(DbContext&)> work,
                   std::function<void(const Outcome&)> done, Commit commit = Commit::Alone,
                   quint64 lane = 0)
{
    auto answer = [responder,
                   done = std::move(done)](protocol::Result<protocol::Result<Outcome>> outcome) {
        if (!outcome)
            return responder.fail(outcome.error());
        if (!outcome.value())
            return responder.fail(outcome.value().error());
        done(outcome.value().value());
    };
    if (commit == Commit::Grouped)
        database.runGrouped<protocol::Result<Outcome>>(&connection, std::move(work),
                                                       std::move(answer), lane);
    else
        database.run<protocol::Result<Outcome>>(&connection, std::move(work), std::move(answer));
}

template <typename T> protocol::Result<T> refuse(protocol::ErrorCode code, const QString& message)
{
    return protocol::Result<T>::failure(code, message);
}

} // namespace moim::server
