#include "chat/ReconnectBackoff.h"

#include <QRandomGenerator>
#include <algorithm>

namespace moim::chat {

int ReconnectBackoff::nextDelayMs()
{
    const int doublings = std::min(m_attempt, 5);
    ++m_attempt;
    const int base = std::min(kFirstDelayMs << doublings, kLongestDelayMs);
    const int spread = base / 4;
    return base - spread + int(QRandomGenerator::global()->bounded(2 * spread + 1));
}

} // namespace moim::chat
