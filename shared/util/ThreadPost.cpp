#include "util/ThreadPost.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QThread>

namespace moim::util {

void postToThread(QThread* thread, std::function<void()> fn)
{
    QObject* anchor = QAbstractEventDispatcher::instance(thread);
    if (!anchor) {
        // A thread without an event loop yet (the main thread before exec()): fall back to the
        // application object, which lives in the main thread.
        anchor = QCoreApplication::instance();
    }
    if (!anchor)
        return;
    QMetaObject::invokeMethod(anchor, std::move(fn), Qt::QueuedConnection);
}

DeferredCall::DeferredCall(QObject* receiver)
    : m_receiver(receiver)
    , m_thread(receiver->thread())
{}

void DeferredCall::post(std::function<void()> fn) const
{
    postToThread(m_thread, [receiver = m_receiver, fn = std::move(fn)] {
        if (receiver)
            fn();
    });
}

} // namespace moim::util
