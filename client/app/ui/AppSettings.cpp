#include "ui/AppSettings.h"

#include <QDir>

namespace moim::ui {

AppSettings::AppSettings(const QString& profileDirectory)
    : m_settings(QDir(profileDirectory).filePath(QStringLiteral("settings.ini")),
                 QSettings::IniFormat)
{}

QUrl AppSettings::lastServer() const
{
    return QUrl(m_settings.value(QStringLiteral("server")).toString());
}

void AppSettings::setLastServer(const QUrl& server)
{
    m_settings.setValue(QStringLiteral("server"), server.toString());
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry, const QByteArray& state)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
    m_settings.setValue(QStringLiteral("window/state"), state);
}

AppSettings::Theme AppSettings::theme() const
{
    const QString value = m_settings.value(QStringLiteral("appearance/theme")).toString();
    if (value == QLatin1String("light"))
        return Theme::Light;
    if (value == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    m_settings.setValue(QStringLiteral("appearance/theme"),
                        theme == Theme::Light  ? QStringLiteral("light")
                        : theme == Theme::Dark ? QStringLiteral("dark")
                                               : QStringLiteral("system"));
}

QString AppSettings::language() const
{
    const QString value = m_settings.value(QStringLiteral("language")).toString();
    return value == QLatin1String("en") || value == QLatin1String("ko") ? value : QString();
}

void AppSettings::setLanguage(const QString& language)
{
    m_settings.setValue(QStringLiteral("language"), language);
}

quint64 AppSettings::lastRoom() const
{
    return m_settings.value(QStringLiteral("last_room"), 0).toULongLong();
}

void AppSettings::setLastRoom(quint64 roomId)
{
    m_settings.setValue(QStringLiteral("last_room"), roomId);
}

int AppSettings::fontPointSize() const
{
    const int size = m_settings.value(QStringLiteral("appearance/font_size"), 0).toInt();
    return size >= 6 && size <= 40 ? size : 0;
}

void AppSettings::setFontPointSize(int size)
{
    m_settings.setValue(QStringLiteral("appearance/font_size"), size);
}

} // namespace moim::ui
