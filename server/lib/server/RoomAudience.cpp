#include "server/RoomAudience.h"

namespace moim::server {

QList<std::pair<quint64, protocol::Notification>>
RoomAudience::notifications(quint64 roomId, quint64 seq, quint64 senderId,
                            const QList<quint64>& mentions, bool mentionAll, bool direct,
                            qint64 nowMs) const
{
    using protocol::NotifyLevel;
    QList<std::pair<quint64, protocol::Notification>> list;
    for (const Listener& listener : listeners) {
        if (listener.userId == senderId)
            continue;
        const bool mention = mentionAll || mentions.contains(listener.userId);
        if (listener.teamMuted || listener.dndUntilMs > nowMs ||
            blocks.contains({listener.userId, senderId}) || listener.level == NotifyLevel::None ||
            (listener.level == NotifyLevel::Mentions && !mention))
            continue;
        list.append(
            {listener.userId, protocol::Notification{roomId, seq, senderId, mention, direct}});
    }
    return list;
}

} // namespace moim::server
