#pragma once

#include <QString>
#include <optional>

namespace moim::chat {

// "+👍" written in the composer reacts to the newest message instead of being sent, as in Slack.
// Only emoji count (with their joiners, variation selectors and skin tones): "+1", "+ok" or
// "+좋아" are ordinary messages.
std::optional<QString> quickReaction(const QString& text);

} // namespace moim::chat
