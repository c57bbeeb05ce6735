#include "EventWait.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

namespace moim::bench {

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    // What done() looks at may change on another thread without an event here: look again at
    // least this often. processEvents with a time limit would not do: it drops
    // WaitForMoreEvents and returns at once when nothing is queued, so a wait built on it
    // spins a core, which the server under test then lacks.
    QTimer wake;
    wake.start(5);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void pause(int ms)
{
    waitFor([] { return false; }, ms);
}

} // namespace moim::bench
