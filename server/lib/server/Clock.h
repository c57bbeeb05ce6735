#pragma once

#include <QDateTime>

namespace moim::server {

// Wall-clock time in milliseconds since the epoch, as stored in the database.
inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace moim::server
