#include "util/ServerEventDispatcher.h"

#include <QAbstractEventDispatcher>
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include "util/EpollEventDispatcher.h"
#endif

namespace moim::util {

QAbstractEventDispatcher* createServerEventDispatcher()
{
#ifdef Q_OS_LINUX
    return new EpollEventDispatcher;
#else
    return nullptr;
#endif
}

std::unique_ptr<QThread> startServerThread(const QString& name)
{
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(name);
    if (QAbstractEventDispatcher* dispatcher = createServerEventDispatcher())
        thread->setEventDispatcher(dispatcher);
    thread->start();
    return thread;
}

} // namespace moim::util
