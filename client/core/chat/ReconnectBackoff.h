#pragma once

#include <QtGlobal>

namespace moim::chat {

// Delays between reconnection attempts: doubling from 1 s up to 30 s, each spread by ±25%
// so that clients cut off together by a server restart do not come back together.
class ReconnectBackoff {
public:
    static constexpr int kFirstDelayMs = 1000;
    static constexpr int kLongestDelayMs = 30'000;

    int nextDelayMs();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    int m_attempt = 0;
};

} // namespace moim::chat
