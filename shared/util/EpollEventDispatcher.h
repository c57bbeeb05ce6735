#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <atomic>
#include <chrono>
#include <set>

namespace moim::util {

// An event dispatcher on Linux epoll. Qt 6.4's own dispatchers (glib and the Unix one) poll
// every registered descriptor on every loop iteration, so a thread holding thousands of
// sockets spends most of its time asking the kernel about idle ones (measured with perf in
// docs/benchmarks.md). epoll reports only the ready ones. Timers sit in an ordered set, so
// starting one costs log n instead of Qt's sorted-list insertion.
//
// Install it before the thread's event loop starts (QThread::setEventDispatcher,
// QCoreApplication::setEventDispatcher). Everything else behaves as Qt's dispatchers do:
// posted events first, then ready sockets, then due timers.
class EpollEventDispatcher final : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject* parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier* notifier) override;
    void unregisterSocketNotifier(QSocketNotifier* notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject* object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject* object) override;
    QList<TimerInfo> registeredTimers(QObject* object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    using Clock = std::chrono::steady_clock;
    struct Timer {
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject* object = nullptr;
        Clock::time_point deadline;
        bool inEvent = false; // a nested loop in its handler must not fire it again
    };
    struct Watch {
        QSocketNotifier* read = nullptr;
        QSocketNotifier* write = nullptr;
        QSocketNotifier* exception = nullptr;
        bool added = false;
    };
    void updateWatch(int fd, Watch& watch);
    void activate(int fd, quint32 events);
    int activateTimers();
    void drainWakeUp();
    int waitMs(bool mayBlock) const;

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakeUpPending{false};
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watch> m_watches;
    QHash<int, Timer> m_timers;
    // Qt asks for an object's timers whenever it moves to another thread: an index, not a scan.
    QMultiHash<QObject*, int> m_timersByObject;
    std::set<std::pair<Clock::time_point, int>> m_deadlines;
};

} // namespace moim::util
