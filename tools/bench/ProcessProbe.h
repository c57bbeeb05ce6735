#pragma once

#include <QtGlobal>

namespace moim::bench {

// What Linux says of a process, from /proc: resident memory and CPU time used so far.
class ProcessProbe {
public:
    static qint64 rssBytes(qint64 pid);
    // User plus system time.
    static double cpuSeconds(qint64 pid);
};

} // namespace moim::bench
