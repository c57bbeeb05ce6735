#include "client/Mentions.h"

#include "client/Connection.h"

#include <QRegularExpression>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>

namespace moim::client {

void addMentions(Connection& connection, const QString& text, protocol::Send& send)
{
    static const QRegularExpression mention(QStringLiteral("(?:^|\\s)@([A-Za-z0-9._-]+)"));
    QStringList names;
    for (auto it = mention.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name == QLatin1String("channel") || name == QLatin1String("here"))
            send.mentionAll = true;
        else if (!names.contains(name))
            names.append(name);
    }
    if (names.isEmpty())
        return;
    const auto found = connection.callAndWait<protocol::MemberList>(protocol::FindUsers{names});
    if (found) {
        for (const protocol::MemberInfo& user : found->members)
            send.mentions.append(user.userId);
    }
}

} // namespace moim::client
