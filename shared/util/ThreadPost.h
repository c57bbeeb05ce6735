#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

class QThread;

namespace moim::util {

// Runs fn on the event loop of thread. The thread's event dispatcher is the anchor because it
// lives as long as the thread, unlike the object that asked for the work, which may be gone.
void postToThread(QThread* thread, std::function<void()> fn);

// Runs fn on receiver's thread if receiver still exists when the call is dispatched. Must be
// called from receiver's own thread (so that reading its affinity is safe); delivery may come
// from any thread.
class DeferredCall {
public:
    explicit DeferredCall(QObject* receiver);
    void post(std::function<void()> fn) const;

private:
    QPointer<QObject> m_receiver;
    QThread* m_thread;
};

} // namespace moim::util
