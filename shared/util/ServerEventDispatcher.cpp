#include "util/ServerEventDispatcher.h"

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

} // namespace moim::util
