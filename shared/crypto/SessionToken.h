#pragma once

#include <QByteArray>

namespace moim::crypto {

// Session tokens are 256 random bits. The server stores only tokenDigest(token), so a stolen
// database does not hold usable tokens; a fast hash is right here because the token has full
// entropy (nothing to brute-force), unlike a password.
QByteArray newSessionToken();
QByteArray tokenDigest(const QByteArray& token);

} // namespace moim::crypto
