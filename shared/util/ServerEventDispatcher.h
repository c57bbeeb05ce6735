#pragma once

class QAbstractEventDispatcher;

namespace moim::util {

// The event dispatcher for a thread that holds many sockets: EpollEventDispatcher on Linux,
// nullptr (Qt's default) elsewhere. Install it before the thread's loop starts.
QAbstractEventDispatcher* createServerEventDispatcher();

} // namespace moim::util
