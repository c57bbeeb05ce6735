// The epoll event dispatcher behaves like Qt's own: timers, posted events, socket notifiers,
// nested loops and quitting, on a thread that uses it.
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <memory>
#include <util/EpollEventDispatcher.h>

using moim::util::EpollEventDispatcher;

namespace {

// A thread running its loop on the epoll dispatcher.
class EpollThread {
public:
    EpollThread()
    {
        m_thread.setEventDispatcher(new EpollEventDispatcher);
        m_thread.start();
    }
    ~EpollThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    // Runs work on the thread and waits for it to return.
    void run(const std::function<void()>& work)
    {
        QObject context;
        context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(&context, work, Qt::BlockingQueuedConnection);
    }
    QThread& thread() { return m_thread; }

private:
    QThread m_thread;
};

// Runs a nested loop on the current thread until done() or timeoutMs.
bool spin(const std::function<bool()>& done, int timeoutMs = 5000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

} // namespace

class TestEpollEventDispatcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void isInstalled();
    void singleShotFiresOnceNotEarly();
    void repeatingTimerAndKill();
    void remainingTime();
    void timerMovesWithItsObject();
    void zeroTimerDoesNotStarvePostedEvents();
    void nestedLoopInTimerDoesNotRefireIt();
    void postedEventWakesBlockedLoop();
    void quitEndsLoopPromptly();
    void tcpEchoManyConnections();
    void peerCloseIsSeen();
    void deletingAnotherSocketInHandler();
};

void TestEpollEventDispatcher::isInstalled()
{
    EpollThread thread;
    bool epoll = false;
    thread.run([&] {
        epoll =
            qobject_cast<EpollEventDispatcher*>(QAbstractEventDispatcher::instance()) != nullptr;
    });
    QVERIFY(epoll);
}

void TestEpollEventDispatcher::singleShotFiresOnceNotEarly()
{
    EpollThread thread;
    std::atomic<int> fired{0};
    std::atomic<qint64> elapsedMs{-1};
    thread.run([&] {
        auto* clock = new QElapsedTimer;
        clock->start();
        auto* timer = new QTimer;
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(timer, &QTimer::timeout, [&, clock, timer] {
            elapsedMs = clock->elapsed();
            ++fired;
            delete clock;
            timer->deleteLater();
        });
        timer->start(60);
    });
    QTRY_COMPARE(fired.load(), 1);
    QTest::qWait(150);
    QCOMPARE(fired.load(), 1);
    QVERIFY2(elapsedMs >= 60, qPrintable(QString::number(elapsedMs)));
}

void TestEpollEventDispatcher::repeatingTimerAndKill()
{
    EpollThread thread;
    std::atomic<int> fired{0};
    std::unique_ptr<QTimer> timer;
    thread.run([&] {
        timer = std::make_unique<QTimer>();
        QObject::connect(timer.get(), &QTimer::timeout, [&] { ++fired; });
        timer->start(10);
    });
    QTRY_VERIFY(fired >= 5);
    thread.run([&] { timer->stop(); });
    const int stoppedAt = fired;
    QTest::qWait(100);
    QCOMPARE(fired.load(), stoppedAt);
    thread.run([&] { timer.reset(); });
}

void TestEpollEventDispatcher::remainingTime()
{
    EpollThread thread;
    int remaining = -2;
    int afterStop = -2;
    thread.run([&] {
        QTimer timer;
        timer.start(10'000);
        remaining = timer.remainingTime();
        timer.stop();
        afterStop = timer.remainingTime();
    });
    QVERIFY2(remaining > 9'000 && remaining <= 10'000, qPrintable(QString::number(remaining)));
    QCOMPARE(afterStop, -1);
}

void TestEpollEventDispatcher::timerMovesWithItsObject()
{
    // Qt asks the old thread's dispatcher for the object's timers and starts them again on
    // the new one.
    EpollThread from;
    EpollThread to;
    std::unique_ptr<QTimer> timer;
    std::unique_ptr<QTimer> stays;
    std::atomic<QThread*> firedOn{nullptr};
    int timersLeft = -1;
    from.run([&] {
        timer = std::make_unique<QTimer>();
        stays = std::make_unique<QTimer>();
        stays->start(10'000);
        QObject::connect(timer.get(), &QTimer::timeout,
                         [&] { firedOn = QThread::currentThread(); });
        timer->start(10);
        timer->moveToThread(&to.thread());
        timersLeft =
            int(QAbstractEventDispatcher::instance()->registeredTimers(stays.get()).size() +
                QAbstractEventDispatcher::instance()->registeredTimers(timer.get()).size());
    });
    QCOMPARE(timersLeft, 1);
    QTRY_COMPARE(firedOn.load(), &to.thread());
    to.run([&] { timer.reset(); });
    from.run([&] { stays.reset(); });
}

void TestEpollEventDispatcher::zeroTimerDoesNotStarvePostedEvents()
{
    QObject receiver; // destroyed after the thread stops
    EpollThread thread;
    std::atomic<int> ticks{0};
    std::atomic<bool> posted{false};
    std::unique_ptr<QTimer> busy;
    receiver.moveToThread(&thread.thread());
    thread.run([&] {
        busy = std::make_unique<QTimer>();
        QObject::connect(busy.get(), &QTimer::timeout, [&] { ++ticks; });
        busy->start(0);
    });
    QTRY_VERIFY(ticks > 100);
    QMetaObject::invokeMethod(
        &receiver, [&] { posted = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(posted.load());
    thread.run([&] { busy.reset(); });
}

void TestEpollEventDispatcher::nestedLoopInTimerDoesNotRefireIt()
{
    EpollThread thread;
    std::atomic<int> outer{0};
    std::atomic<int> other{0};
    std::atomic<bool> finished{false};
    std::atomic<bool> reentered{false};
    std::unique_ptr<QTimer> repeating;
    std::unique_ptr<QTimer> second;
    thread.run([&] {
        repeating = std::make_unique<QTimer>();
        second = std::make_unique<QTimer>();
        QObject::connect(second.get(), &QTimer::timeout, [&] { ++other; });
        QObject::connect(repeating.get(), &QTimer::timeout, [&] {
            if (++outer > 1) {
                if (!finished)
                    reentered = true;
                return;
            }
            // Other timers fire in the nested loop; this one does not fire into itself.
            spin([&] { return other >= 5; });
            finished = true;
        });
        second->start(5);
        repeating->start(5);
    });
    QTRY_VERIFY(finished.load());
    QTest::qWait(30);
    thread.run([&] {
        repeating->stop();
        second.reset();
    });
    // It fires again after the nested loop returned, never during it.
    QVERIFY(!reentered);
    thread.run([&] { repeating.reset(); });
}

void TestEpollEventDispatcher::postedEventWakesBlockedLoop()
{
    QObject receiver; // destroyed after the thread stops
    EpollThread thread;
    receiver.moveToThread(&thread.thread());
    QTest::qWait(50); // the loop is blocked in epoll_wait with nothing to do
    QElapsedTimer clock;
    clock.start();
    std::atomic<bool> ran{false};
    QMetaObject::invokeMethod(
        &receiver, [&] { ran = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(ran.load());
    QVERIFY2(clock.elapsed() < 1000, "the posted call waited for something else");
}

void TestEpollEventDispatcher::quitEndsLoopPromptly()
{
    auto thread = std::make_unique<QThread>();
    thread->setEventDispatcher(new EpollEventDispatcher);
    thread->start();
    QTest::qWait(50);
    QElapsedTimer clock;
    clock.start();
    thread->quit();
    QVERIFY(thread->wait(2000));
    QVERIFY(clock.elapsed() < 1000);
}

void TestEpollEventDispatcher::tcpEchoManyConnections()
{
    constexpr int kClients = 300;
    EpollThread serverThread;
    EpollThread clientThread;
    std::unique_ptr<QTcpServer> server;
    bool listening = false;
    quint16 port = 0;
    serverThread.run([&] {
        server = std::make_unique<QTcpServer>();
        listening = server->listen(QHostAddress::LocalHost, 0);
        port = server->serverPort();
        QObject::connect(server.get(), &QTcpServer::pendingConnectionAvailable, [&] {
            while (QTcpSocket* socket = server->nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead,
                                 [socket] { socket->write(socket->readAll()); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    });
    QVERIFY(listening);
    std::atomic<int> echoed{0};
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    clientThread.run([&] {
        for (int i = 0; i < kClients; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            QTcpSocket* raw = socket.get();
            const QByteArray message = QByteArray::number(i).repeated(1000); // several reads
            auto received = std::make_shared<QByteArray>();
            QObject::connect(raw, &QTcpSocket::connected, [raw, message] { raw->write(message); });
            QObject::connect(raw, &QTcpSocket::readyRead, [&, raw, message, received] {
                received->append(raw->readAll());
                if (*received == message)
                    ++echoed;
            });
            raw->connectToHost(QHostAddress::LocalHost, port);
            clients.push_back(std::move(socket));
        }
    });
    QTRY_COMPARE_WITH_TIMEOUT(echoed.load(), kClients, 20'000);
    clientThread.run([&] { clients.clear(); });
    serverThread.run([&] { server.reset(); });
}

void TestEpollEventDispatcher::peerCloseIsSeen()
{
    EpollThread thread;
    std::unique_ptr<QTcpServer> server;
    bool listening = false;
    std::unique_ptr<QTcpSocket> client;
    QPointer<QTcpSocket> accepted;
    std::atomic<bool> serverSawClose{false};
    thread.run([&] {
        server = std::make_unique<QTcpServer>();
        listening = server->listen(QHostAddress::LocalHost, 0);
        QObject::connect(server.get(), &QTcpServer::pendingConnectionAvailable, [&] {
            accepted = server->nextPendingConnection();
            QObject::connect(accepted, &QTcpSocket::disconnected, [&] { serverSawClose = true; });
        });
        client = std::make_unique<QTcpSocket>();
        client->connectToHost(QHostAddress::LocalHost, server->serverPort());
    });
    QVERIFY(listening);
    QTRY_VERIFY(!accepted.isNull());
    thread.run([&] { client->abort(); });
    QTRY_VERIFY(serverSawClose.load());
    thread.run([&] {
        client.reset();
        server.reset();
    });
}

void TestEpollEventDispatcher::deletingAnotherSocketInHandler()
{
    // Two sockets become readable in one wait; the first one's handler deletes the second.
    EpollThread thread;
    std::unique_ptr<QTcpServer> server;
    bool listening = false;
    QList<QTcpSocket*> accepted;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    std::atomic<int> handled{0};
    thread.run([&] {
        server = std::make_unique<QTcpServer>();
        listening = server->listen(QHostAddress::LocalHost, 0);
        QObject::connect(server.get(), &QTcpServer::pendingConnectionAvailable, [&] {
            while (QTcpSocket* socket = server->nextPendingConnection())
                accepted.append(socket);
        });
        for (int i = 0; i < 2; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
        }
    });
    QVERIFY(listening);
    QTRY_VERIFY([&] {
        int count = 0;
        thread.run([&] { count = int(accepted.size()); });
        return count == 2;
    }());
    thread.run([&] {
        for (QTcpSocket* socket : accepted) {
            QObject::connect(socket, &QTcpSocket::readyRead, [&, socket] {
                ++handled;
                socket->readAll();
                for (QTcpSocket* other : std::as_const(accepted)) {
                    if (other != socket)
                        delete other;
                }
                accepted = {socket};
            });
        }
        for (const auto& client : clients)
            client->write("x");
        for (const auto& client : clients)
            client->flush();
    });
    QTRY_VERIFY(handled >= 1);
    QTest::qWait(100);
    QCOMPARE(handled.load(), 1);
    thread.run([&] {
        qDeleteAll(accepted);
        clients.clear();
        server.reset();
    });
}

QTEST_GUILESS_MAIN(TestEpollEventDispatcher)
#include "TestEpollEventDispatcher.moc"
