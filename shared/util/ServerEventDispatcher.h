#pragma once

#include <QString>
#include <QThread>
#include <memory>

class QAbstractEventDispatcher;

namespace moim::util {

// The event dispatcher for a thread that holds many sockets: EpollEventDispatcher on Linux,
// nullptr (Qt's default) elsewhere. Install it before the thread's loop starts.
QAbstractEventDispatcher* createServerEventDispatcher();

// A started thread, named, whose loop runs on createServerEventDispatcher()'s dispatcher.
std::unique_ptr<QThread> startServerThread(const QString& name);

} // namespace moim::util
