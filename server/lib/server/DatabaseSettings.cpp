#include "server/DatabaseSettings.h"

#include <QUrl>
#include <QUrlQuery>

namespace moim::server {

std::optional<DatabaseSettings> DatabaseSettings::fromUrl(const QString& text, QString* error)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    DatabaseSettings settings;
    if (scheme == QLatin1String("sqlite")) {
        settings.backend = DatabaseBackend::Sqlite;
        settings.sqlitePath = url.path();
        if (settings.sqlitePath.isEmpty()) {
            *error =
                QStringLiteral("the sqlite URL names no file (write sqlite:///path/to/moim.db)");
            return std::nullopt;
        }
        return settings;
    }
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        if (!url.isValid() || url.host().isEmpty()) {
            *error = QStringLiteral(
                "a PostgreSQL URL reads postgresql://user:password@host:port/database");
            return std::nullopt;
        }
        settings.backend = DatabaseBackend::Postgres;
        settings.host = url.host();
        settings.port = url.port(5432);
        settings.user = url.userName(QUrl::FullyDecoded);
        settings.password = url.password(QUrl::FullyDecoded);
        settings.name = url.path().mid(1);
        if (settings.name.isEmpty() || settings.name.contains(QLatin1Char('/'))) {
            *error = QStringLiteral("the PostgreSQL URL must name one database after the port");
            return std::nullopt;
        }
        QStringList options;
        const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto& [key, value] : items)
            options.append(key + QLatin1Char('=') + value);
        settings.connectOptions = options.join(QLatin1Char(';'));
        return settings;
    }
    *error = QStringLiteral("unsupported database URL scheme '%1' (use sqlite: or postgresql:)")
                 .arg(url.scheme());
    return std::nullopt;
}

QString DatabaseSettings::describe() const
{
    if (backend == DatabaseBackend::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    return QStringLiteral("postgresql://%1%2@%3:%4/%5")
        .arg(user, password.isEmpty() ? QString() : QStringLiteral(":***"), host)
        .arg(port)
        .arg(name);
}

} // namespace moim::server
