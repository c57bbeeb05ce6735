#pragma once

#include <functional>

namespace moim::bench {

// Runs the calling thread's event loop until done() or timeoutMs has passed; whether done().
bool waitFor(const std::function<bool()>& done, int timeoutMs);
// Runs the event loop for ms.
void pause(int ms);

} // namespace moim::bench
