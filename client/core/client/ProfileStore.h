#pragma once

#include "client/StoredSession.h"

#include <optional>

namespace moim::client {

// A profile directory (owner-only, 0700) holding session.json (0600). The token in it is a
// bearer secret: anyone who reads the file can act as this device until it is revoked.
class ProfileStore {
public:
    explicit ProfileStore(QString directory);

    static QString defaultDirectory(const QString& applicationName);

    const QString& directory() const { return m_directory; }
    // nullopt with *error empty when there is no session yet; with *error set when the file
    // exists but is unreadable or malformed.
    std::optional<StoredSession> load(QString* error) const;
    bool save(const StoredSession& session, QString* error) const;
    bool clear(QString* error) const;

private:
    QString sessionPath() const;
    bool ensureDirectory(QString* error) const;

    QString m_directory;
};

} // namespace moim::client
