#include "ui/DesktopNotifier.h"

#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

#ifdef MOIM_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace moim::ui {

namespace {

#ifdef MOIM_HAVE_DBUS
const QString kNotificationsService = QStringLiteral("org.freedesktop.Notifications");
const QString kNotificationsPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kNotificationsInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kOpenAction = QStringLiteral("default");
#endif

QIcon withDot(const QIcon& icon, const QColor& colour)
{
    // Drawn large so that the tray scales it down on every density.
    constexpr int kSide = 64;
    QPixmap pixmap = icon.pixmap(kSide, kSide);
    if (pixmap.isNull()) {
        pixmap = QPixmap(kSide, kSide);
        pixmap.fill(Qt::transparent);
    }
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::white, 3));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(kSide * 0.52, kSide * 0.52, kSide * 0.44, kSide * 0.44));
    return QIcon(pixmap);
}

} // namespace

DesktopNotifier::DesktopNotifier(const QIcon& appIcon, QObject* parent)
    : QObject(parent)
    , m_appIcon(appIcon)
    , m_toolTip(tr("Moim"))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(m_appIcon, this);
        m_tray->setToolTip(m_toolTip);
        connect(m_tray, &QSystemTrayIcon::activated, this, &DesktopNotifier::windowRequested);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            Q_EMIT windowRequested();
            if (m_lastTrayRoom)
                Q_EMIT roomRequested(m_lastTrayRoom);
        });
        m_tray->show();
    }
}

void DesktopNotifier::setUnread(quint64 unread, quint64 mentions)
{
    m_toolTip = mentions ? tr("Moim — %n mentions", nullptr, int(mentions))
                : unread ? tr("Moim — %n unread", nullptr, int(unread))
                         : tr("Moim");
    if (!m_tray)
        return;
    m_tray->setToolTip(m_toolTip);
    // Drawn again only when the dot changes, not for every message counted.
    const Dot dot = mentions ? Dot::Mentions : unread ? Dot::Unread : Dot::None;
    if (dot == m_dot)
        return;
    m_dot = dot;
    m_tray->setIcon(dot == Dot::Mentions ? withDot(m_appIcon, QColor(220, 53, 69))
                    : dot == Dot::Unread ? withDot(m_appIcon, QColor(29, 155, 209))
                                         : m_appIcon);
}

void DesktopNotifier::notify(quint64 roomId, const QString& title, const QString& text)
{
    const QString body = text.left(200);
    if (m_tray && m_tray->supportsMessages()) {
        m_lastTrayRoom = roomId;
        m_tray->showMessage(title, body, QSystemTrayIcon::Information, 6000);
    } else {
        notifyOverDBus(roomId, title, body);
    }
    Q_EMIT shown(roomId, title, body);
}

void DesktopNotifier::notifyOverDBus(quint64 roomId, const QString& title, const QString& text)
{
#ifdef MOIM_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    if (!m_dbusConnected) {
        bus.connect(kNotificationsService, kNotificationsPath, kNotificationsInterface,
                    QStringLiteral("ActionInvoked"), this,
                    SLOT(onNotificationAction(uint, QString)));
        bus.connect(kNotificationsService, kNotificationsPath, kNotificationsInterface,
                    QStringLiteral("NotificationClosed"), this,
                    SLOT(onNotificationClosed(uint, uint)));
        m_dbusConnected = true;
    }
    // A room keeps one notification on screen: a newer message replaces the older one.
    const uint replaces = m_roomByNotification.key(roomId, 0);
    QDBusMessage call =
        QDBusMessage::createMethodCall(kNotificationsService, kNotificationsPath,
                                       kNotificationsInterface, QStringLiteral("Notify"));
    // Notification servers read the body as a small markup language: plain text stays plain.
    const QString body = text.toHtmlEscaped();
    call << QStringLiteral("Moim") << replaces << QStringLiteral("moim") << title << body
         << QStringList{kOpenAction, tr("Open")}
         << QVariantMap{{QStringLiteral("desktop-entry"), QStringLiteral("moim")},
                        {QStringLiteral("category"), QStringLiteral("im.received")}}
         << 6000;
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, roomId, replaces](QDBusPendingCallWatcher* finished) {
                finished->deleteLater();
                const QDBusPendingReply<uint> reply = *finished;
                if (reply.isError())
                    return; // no notification server: the window's attention request remains
                m_roomByNotification.remove(replaces);
                m_roomByNotification.insert(reply.value(), roomId);
            });
#else
    Q_UNUSED(roomId)
    Q_UNUSED(title)
    Q_UNUSED(text)
#endif
}

void DesktopNotifier::onNotificationAction(uint id, const QString& actionKey)
{
    const auto found = m_roomByNotification.constFind(id);
    if (found == m_roomByNotification.cend())
        return;         // another application's notification
    Q_UNUSED(actionKey) // every action this app offers opens the room
    const quint64 roomId = found.value();
    Q_EMIT windowRequested();
    Q_EMIT roomRequested(roomId);
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    m_roomByNotification.remove(id);
}

} // namespace moim::ui
