#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace moim::server {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (through a socket pair, the
// only async-signal-safe way into the event loop).
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace moim::server
