#pragma once

#include <QString>
#include <QUrl>

namespace moim::chat {

// Who this app is signed in as, for the window title, settings and "mine" decisions.
struct SessionProfile {
    QUrl server;
    quint64 userId = 0;
    QString username;
    QString displayName;
    quint64 deviceId = 0;
};

} // namespace moim::chat
