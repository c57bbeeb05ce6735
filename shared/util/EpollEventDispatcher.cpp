#include "util/EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace moim::util {

namespace {

constexpr int kEventsPerWait = 256;

qint64 millisecondsFrom(std::chrono::steady_clock::duration duration)
{
    // Rounded up: waking before a deadline would only mean waiting again.
    return std::chrono::ceil<std::chrono::milliseconds>(duration).count();
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject* parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("epoll or eventfd unavailable: %s", strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qFatal("cannot watch the wake-up descriptor: %s", strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    close(m_wakeFd);
    close(m_epoll);
}

void EpollEventDispatcher::wakeUp()
{
    // Called from any thread for every posted event: one write until the loop reads it.
    if (m_wakeUpPending.exchange(true))
        return;
    const quint64 one = 1;
    while (write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted = true;
    wakeUp();
}

void EpollEventDispatcher::drainWakeUp()
{
    quint64 count = 0;
    while (read(m_wakeFd, &count, sizeof count) < 0 && errno == EINTR) {
    }
    m_wakeUpPending = false;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier* notifier)
{
    const int fd = int(notifier->socket());
    Watch& watch = m_watches[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        watch.read = notifier;
        break;
    case QSocketNotifier::Write:
        watch.write = notifier;
        break;
    case QSocketNotifier::Exception:
        watch.exception = notifier;
        break;
    }
    updateWatch(fd, watch);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier* notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    Watch& watch = it.value();
    for (QSocketNotifier** slot : {&watch.read, &watch.write, &watch.exception}) {
        if (*slot == notifier)
            *slot = nullptr;
    }
    updateWatch(fd, watch);
    if (!watch.read && !watch.write && !watch.exception)
        m_watches.erase(it);
}

void EpollEventDispatcher::updateWatch(int fd, Watch& watch)
{
    epoll_event event{};
    event.data.fd = fd;
    if (watch.read)
        event.events |= EPOLLIN | EPOLLRDHUP;
    if (watch.write)
        event.events |= EPOLLOUT;
    if (watch.exception)
        event.events |= EPOLLPRI;
    if (event.events == 0) {
        // A descriptor closed before its notifiers went has left the set by itself.
        if (watch.added)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        watch.added = false;
        return;
    }
    if (watch.added && epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0)
        return;
    // Not in the set yet, or no longer: its earlier descriptor was closed without notice and
    // the number came back for a new one.
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) == 0) {
        watch.added = true;
        return;
    }
    if (errno == EEXIST && epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0) {
        watch.added = true;
        return;
    }
    qWarning("QSocketNotifier: cannot watch descriptor %d: %s", fd, strerror(errno));
}

void EpollEventDispatcher::activate(int fd, quint32 events)
{
    // Each notifier is looked up again: the one before may have deleted or replaced it.
    const auto fire = [this, fd](QSocketNotifier* Watch::*slot) {
        const auto it = m_watches.constFind(fd);
        if (it == m_watches.cend() || !(it.value().*slot))
            return 0;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(it.value().*slot, &event);
        return 1;
    };
    // As Qt's Unix dispatcher does: a hang-up or an error wakes readers and writers, who then
    // see it in their read or write.
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        fire(&Watch::read);
    if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
        fire(&Watch::write);
    if (events & (EPOLLPRI | EPOLLERR))
        fire(&Watch::exception);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject* object)
{
    Timer timer;
    timer.intervalMs = std::max<qint64>(0, interval);
    timer.type = timerType;
    timer.object = object;
    timer.deadline = Clock::now() + std::chrono::milliseconds(timer.intervalMs);
    m_deadlines.emplace(timer.deadline, timerId);
    m_timers.insert(timerId, timer);
    m_timersByObject.insert(object, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase({it->deadline, timerId});
    m_timersByObject.remove(it->object, timerId);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject* object)
{
    const QList<int> timerIds = m_timersByObject.values(object);
    for (const int timerId : timerIds) {
        const auto it = m_timers.find(timerId);
        if (it == m_timers.end())
            continue;
        m_deadlines.erase({it->deadline, timerId});
        m_timers.erase(it);
    }
    m_timersByObject.remove(object);
    return !timerIds.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject* object) const
{
    QList<TimerInfo> timers;
    for (auto it = m_timersByObject.constFind(object);
         it != m_timersByObject.cend() && it.key() == object; ++it) {
        const Timer timer = m_timers.value(it.value());
        timers.append(TimerInfo(it.value(), int(timer.intervalMs), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    return int(std::max<qint64>(0, millisecondsFrom(it->deadline - Clock::now())));
}

int EpollEventDispatcher::activateTimers()
{
    const Clock::time_point now = Clock::now();
    // Only what is due now: a zero-interval timer rearmed below waits for the next pass.
    std::vector<int> due;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend() && it->first <= now; ++it)
        due.push_back(it->second);
    int fired = 0;
    for (const int timerId : due) {
        const auto it = m_timers.find(timerId);
        if (it == m_timers.end() || it->inEvent || it->deadline > now)
            continue;
        m_deadlines.erase({it->deadline, timerId});
        const auto interval = std::chrono::milliseconds(it->intervalMs);
        it->deadline += interval;
        if (it->deadline <= now)
            it->deadline = now + interval; // late: no burst of catch-up events
        m_deadlines.emplace(it->deadline, timerId);
        it->inEvent = true;
        QObject* object = it->object;
        QTimerEvent event(timerId);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        // The handler may have killed the timer, and its id may even name a new one now.
        const auto after = m_timers.find(timerId);
        if (after != m_timers.end())
            after->inEvent = false;
    }
    return fired;
}

int EpollEventDispatcher::waitMs(bool mayBlock) const
{
    if (!mayBlock)
        return 0;
    // A timer whose handler is running (a nested loop) does not count: it cannot fire.
    for (const auto& [deadline, timerId] : m_deadlines) {
        if (m_timers.value(timerId).inEvent)
            continue;
        const qint64 ms = millisecondsFrom(deadline - Clock::now());
        return int(std::clamp<qint64>(ms, 0, 24 * 3600 * 1000));
    }
    return -1;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted = false;
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();
    if (m_interrupted)
        return false;
    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool mayBlock = flags & QEventLoop::WaitForMoreEvents;
    int timeoutMs = includeTimers ? waitMs(mayBlock) : (mayBlock ? -1 : 0);
    if (timeoutMs != 0)
        Q_EMIT aboutToBlock();
    epoll_event events[kEventsPerWait];
    int ready = epoll_wait(m_epoll, events, kEventsPerWait, timeoutMs);
    if (ready < 0) {
        if (errno != EINTR)
            qWarning("epoll_wait failed: %s", strerror(errno));
        ready = 0;
    }
    int handled = 0;
    for (int i = 0; i < ready; ++i) {
        if (events[i].data.fd == m_wakeFd) {
            drainWakeUp();
            ++handled;
        } else if (includeNotifiers && !m_interrupted) {
            activate(events[i].data.fd, events[i].events);
            ++handled;
        }
    }
    if (includeTimers && !m_interrupted)
        handled += activateTimers();
    return handled > 0;
}

} // namespace moim::util
