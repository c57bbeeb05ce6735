#include "client/InviteLink.h"

namespace moim::client {

QString inviteLink(const QUrl& server, const QString& code)
{
    QUrl link;
    link.setScheme(QStringLiteral("moim"));
    link.setHost(server.host()); // QUrl brackets IPv6 hosts
    link.setPort(server.port(7420));
    link.setPath(QStringLiteral("/join/") + code);
    return link.toString();
}

QString inviteCodeOf(const QString& codeOrLink)
{
    const QString trimmed = codeOrLink.trimmed();
    const qsizetype at = trimmed.lastIndexOf(QLatin1String("/join/"));
    return at >= 0 ? trimmed.mid(at + 6) : trimmed;
}

} // namespace moim::client
