#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The WebSocket opening handshake (RFC 6455, 4): the server's side, and the client's for tools
// that open connections themselves.
namespace moim::websocket {

struct HandshakeOutcome {
    enum class Kind {
        NotWebSocket, // an ordinary HTTP request: someone else answers it
        Accepted,     // answer with response, then speak WebSocket
        Refused,      // answer with response (an HTTP error), then close
    };
    Kind kind = Kind::NotWebSocket;
    QByteArray response;
    QString origin;  // Accepted: the Origin header; native clients send none
    QString refusal; // Refused: what was wrong, for the log
};

// A request head longer than this is refused (431) before it is complete.
inline constexpr qsizetype kMaxRequestHeadBytes = 8192;

// Where the request (or response) head ends (just past its empty line), or -1 while it is
// incomplete. The search starts at from: bytes before it were searched already.
qsizetype requestHeadEnd(QByteArrayView bytes, qsizetype from = 0);

// Judges one complete request head, as found by requestHeadEnd().
HandshakeOutcome evaluateHandshake(QByteArrayView head);

// The refusal (431) of a head that reached kMaxRequestHeadBytes without ending.
HandshakeOutcome refuseOversizedHead();

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key.
QByteArray acceptKeyFor(QByteArrayView key);

// A short HTTP error answer that closes the connection.
QByteArray httpErrorResponse(int status, QByteArrayView reasonPhrase, const QString& explanation,
                             QByteArrayView extraHeaders = {});

// A fresh Sec-WebSocket-Key: 16 random bytes in base64.
QByteArray makeClientKey();

// A client's opening request for target (the path and query) on host (with ":port" when it
// is not the scheme's default).
QByteArray clientHandshakeRequest(QByteArrayView host, QByteArrayView target, QByteArrayView key);

// Judges a server's complete response head (as found by requestHeadEnd()) to a request made
// with key: empty when it accepted the upgrade, else what was wrong.
QString checkServerHandshake(QByteArrayView head, QByteArrayView key);

} // namespace moim::websocket
