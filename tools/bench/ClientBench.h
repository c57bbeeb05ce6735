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

// A new message on screen: a sender (a chat service in this process) writes `count` messages,
// one every intervalMs, into the team's general channel, where the real `moim` (offscreen, a
// reader's cached profile, --report-shown) shows them. Per message: from the sender's call to
// the row's first paint, and from the server's answer to the sender (when the server fans the
// message out) to that paint, the part that is the app's. `runs` starts of the app.
QJsonObject arrivalRun(const QUrl& server, const QString& appPath, int count, int intervalMs,
                       int runs, QString* error);

} // namespace moim::bench
