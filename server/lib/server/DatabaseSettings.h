#pragma once

#include <QString>
#include <optional>

namespace moim::server {

enum class DatabaseBackend { Sqlite, Postgres };

struct DatabaseSettings {
    DatabaseBackend backend = DatabaseBackend::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString name;
    QString connectOptions;

    // Accepts sqlite:///abs/path, sqlite:relative/path, postgresql://user:pass@host:port/db and
    // postgres://…; query items of a PostgreSQL URL pass to libpq (sslmode=require, …).
    static std::optional<DatabaseSettings> fromUrl(const QString& url, QString* error);
    // The URL with the password masked, for logs.
    QString describe() const;
};

} // namespace moim::server
