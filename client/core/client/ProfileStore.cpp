#include "client/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace moim::client {

ProfileStore::ProfileStore(QString directory)
    : m_directory(std::move(directory))
{}

QString ProfileStore::defaultDirectory(const QString& applicationName)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(applicationName);
}

QString ProfileStore::sessionPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("session.json"));
}

bool ProfileStore::ensureDirectory(QString* error) const
{
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot create profile directory %1").arg(m_directory);
        return false;
    }
    if (!QFile::setPermissions(m_directory,
                               QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        *error = QStringLiteral("cannot restrict permissions of %1").arg(m_directory);
        return false;
    }
    return true;
}

std::optional<StoredSession> ProfileStore::load(QString* error) const
{
    error->clear();
    QFile file(sessionPath());
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("%1 is damaged: %2").arg(file.fileName(), parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    StoredSession session;
    session.server = QUrl(object.value(QStringLiteral("server")).toString());
    session.userId = object.value(QStringLiteral("user_id")).toString().toULongLong();
    session.username = object.value(QStringLiteral("username")).toString();
    session.displayName = object.value(QStringLiteral("display_name")).toString();
    session.deviceId = object.value(QStringLiteral("device_id")).toString().toULongLong();
    session.token = QByteArray::fromBase64(
        object.value(QStringLiteral("token")).toString().toLatin1(), QByteArray::Base64UrlEncoding);
    return session;
}

bool ProfileStore::save(const StoredSession& session, QString* error) const
{
    if (!ensureDirectory(error))
        return false;
    // 64-bit ids as strings: JSON numbers lose precision past 2^53 in many readers.
    const QJsonObject object{{QStringLiteral("server"), session.server.toString()},
                             {QStringLiteral("user_id"), QString::number(session.userId)},
                             {QStringLiteral("username"), session.username},
                             {QStringLiteral("display_name"), session.displayName},
                             {QStringLiteral("device_id"), QString::number(session.deviceId)},
                             {QStringLiteral("token"), QString::fromLatin1(session.token.toBase64(
                                                           QByteArray::Base64UrlEncoding))}};
    QSaveFile file(sessionPath());
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        *error = QStringLiteral("cannot write %1: %2").arg(sessionPath(), file.errorString());
        return false;
    }
    file.write(QJsonDocument(object).toJson());
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(sessionPath(), file.errorString());
        return false;
    }
    return true;
}

bool ProfileStore::clear(QString* error) const
{
    QFile file(sessionPath());
    if (file.exists() && !file.remove()) {
        *error = QStringLiteral("cannot remove %1: %2").arg(sessionPath(), file.errorString());
        return false;
    }
    return true;
}

} // namespace moim::client
