#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace moim::bench {

// The desktop app with a cached profile: seeds an account with `rooms` channels and
// `messages` encrypted messages through the app's own chat service (so its history cache
// holds them), then starts the real `moim` (offscreen) `runs` times and measures the time
// from exec to the first room's messages on screen, and the resident memory then.
// keepProfile: seed into this (empty) directory and keep it, for profiling; else a scratch one.
QJsonObject clientRun(const QUrl& server, const QString& appPath, int rooms, int messages, int runs,
                      const QString& keepProfile, QString* error);

} // namespace moim::bench
