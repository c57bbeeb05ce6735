#pragma once

#include <QByteArray>
#include <QSettings>
#include <QUrl>

namespace moim::ui {

// What the app remembers between runs, in settings.ini of the profile directory: the last
// server, window geometry, look and language. Never secrets (those are in the key store) and
// never message text: drafts too stay in memory, as this file is not encrypted.
class AppSettings {
public:
    enum class Theme { System, Light, Dark };

    explicit AppSettings(const QString& profileDirectory);

    QUrl lastServer() const;
    void setLastServer(const QUrl& server);
    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowGeometry(const QByteArray& geometry, const QByteArray& state);
    Theme theme() const;
    void setTheme(Theme theme);
    // "" follows the system; otherwise "en" or "ko".
    QString language() const;
    void setLanguage(const QString& language);
    quint64 lastRoom() const;
    void setLastRoom(quint64 roomId);
    int fontPointSize() const; // 0: the system's
    void setFontPointSize(int size);

private:
    mutable QSettings m_settings;
};

} // namespace moim::ui
