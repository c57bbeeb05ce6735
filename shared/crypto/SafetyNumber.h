#pragma once

#include <QByteArray>
#include <QString>

namespace moim::crypto {

// The number two people compare to know they hold each other's real user master keys: 60
// digits, 30 per user, each half a slow hash of that user's id and UMK, the halves ordered by
// user id so both people see the same number.
QString safetyNumber(quint64 userA, const QByteArray& masterKeyA, quint64 userB,
                     const QByteArray& masterKeyB);

} // namespace moim::crypto
