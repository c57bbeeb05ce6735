#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace moim::client {

// What a device remembers between runs to resume its session without the password.
struct StoredSession {
    QUrl server;
    quint64 userId = 0;
    QString username;
    QString displayName;
    quint64 deviceId = 0;
    QByteArray token;

    bool isValid() const { return userId != 0 && deviceId != 0 && !token.isEmpty(); }
};

} // namespace moim::client
