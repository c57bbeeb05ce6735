#include "ui/PresenceDot.h"

#include <QPainter>
#include <QPixmap>

namespace moim::ui {

QColor presenceColor(protocol::PresenceStatus status)
{
    switch (status) {
    case protocol::PresenceStatus::Online:
        return {46, 160, 67};
    case protocol::PresenceStatus::Away:
        return {210, 153, 34};
    case protocol::PresenceStatus::Offline:
        break;
    }
    return {150, 150, 150};
}

QIcon presenceDot(protocol::PresenceStatus status)
{
    // Drawn at twice the size so that it stays round on HiDPI screens.
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(presenceColor(status));
    painter.drawEllipse(QRectF(8, 8, 16, 16));
    return QIcon(pixmap);
}

} // namespace moim::ui
