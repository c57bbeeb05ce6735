#pragma once

#include <QColor>
#include <QIcon>
#include <protocol/SocialMessages.h>

namespace moim::ui {

QColor presenceColor(protocol::PresenceStatus status);
// A round dot in that colour, for lists that show people.
QIcon presenceDot(protocol::PresenceStatus status);

} // namespace moim::ui
