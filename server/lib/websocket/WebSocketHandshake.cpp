#include "websocket/WebSocketHandshake.h"

#include <QCryptographicHash>
#include <QList>
#include <QRandomGenerator>
#include <algorithm>

namespace moim::websocket {

namespace {
constexpr QByteArrayView kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// The pieces of bytes between separators, empty ones included.
QList<QByteArrayView> splitView(QByteArrayView bytes, QByteArrayView separator)
{
    QList<QByteArrayView> pieces;
    for (qsizetype start = 0;;) {
        const qsizetype end = bytes.indexOf(separator, start);
        if (end < 0) {
            pieces.append(bytes.sliced(start));
            return pieces;
        }
        pieces.append(bytes.sliced(start, end - start));
        start = end + separator.size();
    }
}

// Whether a comma-separated header value lists token, in any case.
bool hasToken(QByteArrayView list, QByteArrayView token)
{
    const QList<QByteArrayView> items = splitView(list, ",");
    return std::any_of(items.cbegin(), items.cend(), [token](QByteArrayView item) {
        return item.trimmed().compare(token, Qt::CaseInsensitive) == 0;
    });
}

HandshakeOutcome refuse(int status, QByteArrayView phrase, const QString& why,
                        QByteArrayView extraHeaders = {})
{
    HandshakeOutcome outcome;
    outcome.kind = HandshakeOutcome::Kind::Refused;
    outcome.refusal = why;
    outcome.response = httpErrorResponse(status, phrase, why, extraHeaders);
    return outcome;
}

struct Headers {
    QByteArray upgrade;
    QByteArray connection;
    QByteArray key;
    QByteArray version;
    QByteArray origin;
    bool hasHost = false;
    int keyCount = 0;
    int versionCount = 0;
};

void appendListValue(QByteArray& field, QByteArrayView value)
{
    if (!field.isEmpty())
        field.append(',');
    field.append(value);
}

// A head's lines, without the empty ones that end it.
QList<QByteArrayView> headLines(QByteArrayView head)
{
    QList<QByteArrayView> lines = splitView(head, "\r\n");
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// Calls take(name, value) for each header line after the first line; false at the first
// malformed one.
template <typename Take> bool forEachHeader(const QList<QByteArrayView>& lines, Take take)
{
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.front() == ' ' || line.front() == '\t' ||
            line.first(colon).contains(' ') || line.first(colon).contains('\t'))
            return false;
        take(line.first(colon), line.sliced(colon + 1).trimmed());
    }
    return true;
}
} // namespace

qsizetype requestHeadEnd(QByteArrayView bytes, qsizetype from)
{
    const qsizetype crlf = bytes.indexOf("\r\n\r\n", from);
    return crlf < 0 ? -1 : crlf + 4;
}

HandshakeOutcome evaluateHandshake(QByteArrayView head)
{
    const QList<QByteArrayView> lines = headLines(head);
    if (lines.isEmpty())
        return refuse(400, "Bad Request", QStringLiteral("empty request"));

    Headers headers;
    const bool wellFormed = forEachHeader(lines, [&](QByteArrayView name, QByteArrayView value) {
        const auto is = [&](QByteArrayView wanted) {
            return name.compare(wanted, Qt::CaseInsensitive) == 0;
        };
        if (is("upgrade")) {
            appendListValue(headers.upgrade, value);
        } else if (is("connection")) {
            appendListValue(headers.connection, value);
        } else if (is("sec-websocket-key")) {
            headers.key = value.toByteArray();
            ++headers.keyCount;
        } else if (is("sec-websocket-version")) {
            headers.version = value.toByteArray();
            ++headers.versionCount;
        } else if (is("origin")) {
            headers.origin = value.toByteArray();
        } else if (is("host")) {
            headers.hasHost = true;
        }
    });
    if (!wellFormed)
        return refuse(400, "Bad Request", QStringLiteral("malformed header line"));
    if (!hasToken(headers.upgrade, "websocket"))
        return {}; // not ours: QtHttpServer answers it

    const QList<QByteArrayView> requestLine = splitView(lines.first(), " ");
    if (requestLine.size() != 3 || requestLine[1].isEmpty())
        return refuse(400, "Bad Request", QStringLiteral("malformed request line"));
    if (requestLine[0] != "GET")
        return refuse(400, "Bad Request", QStringLiteral("a WebSocket upgrade must be a GET"));
    if (requestLine[2] != "HTTP/1.1")
        return refuse(400, "Bad Request", QStringLiteral("a WebSocket upgrade needs HTTP/1.1"));
    if (!headers.hasHost)
        return refuse(400, "Bad Request", QStringLiteral("no Host header"));
    if (!hasToken(headers.connection, "upgrade"))
        return refuse(400, "Bad Request", QStringLiteral("Connection does not list Upgrade"));
    if (headers.versionCount != 1 || headers.version != "13")
        return refuse(426, "Upgrade Required",
                      QStringLiteral("only WebSocket version 13 is spoken"),
                      "Sec-WebSocket-Version: 13\r\n");
    const auto decodedKey =
        QByteArray::fromBase64Encoding(headers.key, QByteArray::AbortOnBase64DecodingErrors);
    if (headers.keyCount != 1 || !decodedKey || decodedKey.decoded.size() != 16)
        return refuse(400, "Bad Request",
                      QStringLiteral("Sec-WebSocket-Key must be 16 bytes in base64"));

    HandshakeOutcome outcome;
    outcome.kind = HandshakeOutcome::Kind::Accepted;
    outcome.origin = QString::fromLatin1(headers.origin);
    outcome.response = QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                                         "Upgrade: websocket\r\n"
                                         "Connection: Upgrade\r\n"
                                         "Sec-WebSocket-Accept: ") +
                       acceptKeyFor(headers.key) + QByteArrayLiteral("\r\n\r\n");
    return outcome;
}

HandshakeOutcome refuseOversizedHead()
{
    return refuse(431, "Request Header Fields Too Large",
                  QStringLiteral("request head over %1 bytes").arg(kMaxRequestHeadBytes));
}

QByteArray acceptKeyFor(QByteArrayView key)
{
    // SHA-1 because RFC 6455 says so; it proves only that the server read the handshake.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(key);
    hash.addData(kGuid);
    return hash.result().toBase64();
}

QByteArray httpErrorResponse(int status, QByteArrayView reasonPhrase, const QString& explanation,
                             QByteArrayView extraHeaders)
{
    const QByteArray body = explanation.toUtf8() + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase.toByteArray() +
           "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n" +
           extraHeaders.toByteArray() + "\r\n" + body;
}

QByteArray makeClientKey()
{
    QByteArray key(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), 4);
    return key.toBase64();
}

QByteArray clientHandshakeRequest(QByteArrayView host, QByteArrayView target, QByteArrayView key)
{
    return "GET " + target.toByteArray() + " HTTP/1.1\r\nHost: " + host.toByteArray() +
           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " +
           key.toByteArray() + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

QString checkServerHandshake(QByteArrayView head, QByteArrayView key)
{
    const QList<QByteArrayView> lines = headLines(head);
    if (lines.isEmpty())
        return QStringLiteral("empty response");
    const QList<QByteArrayView> statusLine = splitView(lines.first(), " ");
    if (statusLine.size() < 2 || !statusLine[0].startsWith("HTTP/"))
        return QStringLiteral("malformed status line");
    if (statusLine[1] != "101")
        return QStringLiteral("the server answered %1 instead of upgrading")
            .arg(QString::fromLatin1(lines.first().sliced(statusLine[0].size() + 1)));
    QByteArray upgrade;
    QByteArray connection;
    QByteArray accept;
    int acceptCount = 0;
    const bool wellFormed = forEachHeader(lines, [&](QByteArrayView name, QByteArrayView value) {
        if (name.compare("upgrade", Qt::CaseInsensitive) == 0) {
            appendListValue(upgrade, value);
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            appendListValue(connection, value);
        } else if (name.compare("sec-websocket-accept", Qt::CaseInsensitive) == 0) {
            accept = value.toByteArray();
            ++acceptCount;
        }
    });
    if (!wellFormed)
        return QStringLiteral("malformed header line");
    if (!hasToken(upgrade, "websocket"))
        return QStringLiteral("Upgrade does not list websocket");
    if (!hasToken(connection, "upgrade"))
        return QStringLiteral("Connection does not list Upgrade");
    if (acceptCount != 1 || accept != acceptKeyFor(key))
        return QStringLiteral("Sec-WebSocket-Accept does not answer our key");
    return {};
}

} // namespace moim::websocket
