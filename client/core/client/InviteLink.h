#pragma once

#include <QString>
#include <QUrl>

namespace moim::client {

// moim://HOST:PORT/join/CODE: an invite that carries its server, to be shared as one thing.
QString inviteLink(const QUrl& server, const QString& code);
// The code of an invite given as a code or as a link (any URL ending in /join/CODE).
QString inviteCodeOf(const QString& codeOrLink);

} // namespace moim::client
