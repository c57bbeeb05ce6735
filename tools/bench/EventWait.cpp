#include "EventWait.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace moim::bench {

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

void pause(int ms)
{
    waitFor([] { return false; }, ms);
}

} // namespace moim::bench
