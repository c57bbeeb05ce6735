#pragma once

#include <QHash>
#include <QIcon>
#include <QObject>

class QSystemTrayIcon;

namespace moim::ui {

// Desktop notifications and the tray icon. Where the desktop has a tray, its icon shows the
// unread state and its balloons carry the notifications; where it has none (GNOME without
// extensions), Linux desktops still run a notification server (org.freedesktop.Notifications),
// so notifications go there, and clicking one still opens its room.
class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    explicit DesktopNotifier(const QIcon& appIcon, QObject* parent = nullptr);

    bool hasTray() const { return m_tray != nullptr; }
    // The tray icon gains a dot: red for mentions, blue for other unread messages.
    void setUnread(quint64 unread, quint64 mentions);
    QString toolTip() const { return m_toolTip; }
    void notify(quint64 roomId, const QString& title, const QString& text);
    // What a click on the notification for that room does (also for tests and the e2e run).
    void activate(quint64 roomId) { Q_EMIT roomRequested(roomId); }

Q_SIGNALS:
    // A notification went out (to the tray, the notification server, or nowhere when the
    // desktop has neither: the window still asks for attention).
    void shown(quint64 roomId, const QString& title, const QString& text);
    void roomRequested(quint64 roomId);
    void windowRequested();

private Q_SLOTS:
    void onNotificationAction(uint id, const QString& actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void notifyOverDBus(quint64 roomId, const QString& title, const QString& text);

    enum class Dot { None, Unread, Mentions };

    QIcon m_appIcon;
    QSystemTrayIcon* m_tray = nullptr;
    QString m_toolTip;
    Dot m_dot = Dot::None;
    quint64 m_lastTrayRoom = 0;
    bool m_dbusConnected = false;
    QHash<uint, quint64> m_roomByNotification;
};

} // namespace moim::ui
