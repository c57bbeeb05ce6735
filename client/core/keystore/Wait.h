#pragma once

// Internal: blocking wrappers around the asynchronous API and the delivery of its answers.

#include "keystore/KeyStoreResult.h"
#include "keystore/LocalKeySource.h"

#include <QEventLoop>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <functional>
#include <optional>

namespace moim::keystore::detail {

// What a blocking call waits for, as the subject of its Timeout message.
inline QString waitSubject(Protection protection)
{
    return protection == Protection::Keychain
               ? QStringLiteral("The system keychain")
               : QStringLiteral("Deriving the key from the passphrase");
}

// Calls done(result) later on context's thread, unless context is gone by then.
template <typename T>
void post(const QPointer<QObject>& context, std::function<void(Result<T>)> done, Result<T> result)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context.data(), [done = std::move(done), result = std::move(result)]() { done(result); },
        Qt::QueuedConnection);
}

// Starts an asynchronous operation with a context that lives only for this call and spins a
// local event loop until it answers or timeout passes. A late answer goes nowhere.
template <typename T>
Result<T> waitFor(const std::function<void(QObject*, std::function<void(Result<T>)>)>& start,
                  std::chrono::milliseconds timeout, const QString& what)
{
    QEventLoop loop;
    QObject context;
    std::optional<Result<T>> result;
    start(&context, [&result, &loop](Result<T> answer) {
        result.emplace(std::move(answer));
        loop.quit();
    });
    if (!result) {
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeout);
        loop.exec();
    }
    if (!result) {
        return Result<T>::failure(
            KeyStoreError::Timeout,
            QStringLiteral("%1 did not answer within %2 seconds.")
                .arg(what, QString::number(double(timeout.count()) / 1000.0)));
    }
    return std::move(*result);
}

} // namespace moim::keystore::detail
