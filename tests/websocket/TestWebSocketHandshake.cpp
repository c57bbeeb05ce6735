#include <QTest>
#include <websocket/WebSocketHandshake.h>

using namespace moim::websocket;
using Kind = HandshakeOutcome::Kind;

namespace {

// RFC 6455's own example key and answer (section 1.3).
constexpr char kKey[] = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr char kAccept[] = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

QByteArray request(const QByteArray& requestLine, const QList<QByteArray>& headers)
{
    QByteArray out = requestLine + "\r\n";
    for (const QByteArray& header : headers)
        out += header + "\r\n";
    return out + "\r\n";
}

QList<QByteArray> goodHeaders()
{
    return {"Host: 127.0.0.1:7455", "Upgrade: websocket", "Connection: Upgrade",
            QByteArray("Sec-WebSocket-Key: ") + kKey, "Sec-WebSocket-Version: 13"};
}

QList<QByteArray> without(QList<QByteArray> headers, const QByteArray& prefix)
{
    headers.removeIf([&](const QByteArray& h) { return h.startsWith(prefix); });
    return headers;
}

} // namespace

class TestWebSocketHandshake : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headEnd()
    {
        QCOMPARE(requestHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n"), -1);
        QCOMPARE(requestHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 27);
        QCOMPARE(requestHeadEnd("GET / HTTP/1.1\r\n\r\n\x81\x80"), 18); // frames may follow
        // Searching on from where the last search stopped (3 bytes back) still finds it.
        QCOMPARE(requestHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 22), 27);
    }

    void oversizedHead()
    {
        const HandshakeOutcome outcome = refuseOversizedHead();
        QCOMPARE(outcome.kind, Kind::Refused);
        QVERIFY(outcome.response.startsWith("HTTP/1.1 431 "));
        QVERIFY(outcome.response.contains("\r\nConnection: close\r\n"));
    }

    void acceptKey() { QCOMPARE(acceptKeyFor(kKey), QByteArray(kAccept)); }

    void accepted()
    {
        const HandshakeOutcome outcome =
            evaluateHandshake(request("GET /ws HTTP/1.1", goodHeaders()));
        QCOMPARE(outcome.kind, Kind::Accepted);
        QVERIFY(outcome.response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QVERIFY(outcome.response.contains(
            QByteArray(QByteArray("\r\nSec-WebSocket-Accept: ") + kAccept + "\r\n")));
        QVERIFY(outcome.response.endsWith("\r\n\r\n"));
        QVERIFY(outcome.origin.isEmpty());
    }

    void browsersSpellingsAndOrigin()
    {
        // Firefox sends "keep-alive, Upgrade"; header names and tokens are case-insensitive.
        const HandshakeOutcome outcome = evaluateHandshake(
            request("GET / HTTP/1.1",
                    {"host: chat.example", "UPGRADE: WebSocket", "connection: keep-alive, Upgrade",
                     QByteArray("sec-websocket-key:") + kKey, "Sec-WebSocket-Version:   13  ",
                     "Origin: https://chat.example", "Sec-WebSocket-Extensions: permessage-deflate",
                     "User-Agent: Mozilla/5.0"}));
        QCOMPARE(outcome.kind, Kind::Accepted);
        QCOMPARE(outcome.origin, QStringLiteral("https://chat.example"));
        // No extension is agreed to: the answer names none.
        QVERIFY(!outcome.response.contains("Extensions"));
    }

    void ordinaryRequestsAreNotOurs()
    {
        QCOMPARE(evaluateHandshake(request("GET /healthz HTTP/1.1", {"Host: x"})).kind,
                 Kind::NotWebSocket);
        QCOMPARE(evaluateHandshake(request("POST /x HTTP/1.1",
                                           {"Host: x", "Upgrade: h2c", "Connection: Upgrade"}))
                     .kind,
                 Kind::NotWebSocket);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        const QList<QByteArray> good = goodHeaders();
        QTest::addRow("POST") << request("POST / HTTP/1.1", good) << 400;
        QTest::addRow("HTTP/1.0") << request("GET / HTTP/1.0", good) << 400;
        QTest::addRow("bad request line") << request("GET /", good) << 400;
        QTest::addRow("no Host") << request("GET / HTTP/1.1", without(good, "Host")) << 400;
        QTest::addRow("no Connection")
            << request("GET / HTTP/1.1", without(good, "Connection")) << 400;
        QTest::addRow("no key") << request("GET / HTTP/1.1", without(good, "Sec-WebSocket-Key"))
                                << 400;
        QTest::addRow("key not base64")
            << request("GET / HTTP/1.1", without(good, "Sec-WebSocket-Key")
                                             << "Sec-WebSocket-Key: ***")
            << 400;
        QTest::addRow("key of 15 bytes")
            << request("GET / HTTP/1.1",
                       without(good, "Sec-WebSocket-Key")
                           << "Sec-WebSocket-Key: " + QByteArray(15, 'k').toBase64())
            << 400;
        QTest::addRow("two keys") << request("GET / HTTP/1.1",
                                             QList<QByteArray>(good)
                                                 << QByteArray("Sec-WebSocket-Key: ") + kKey)
                                  << 400;
        QTest::addRow("version 8")
            << request("GET / HTTP/1.1", without(good, "Sec-WebSocket-Version")
                                             << "Sec-WebSocket-Version: 8")
            << 426;
        QTest::addRow("no version")
            << request("GET / HTTP/1.1", without(good, "Sec-WebSocket-Version")) << 426;
        QTest::addRow("header without colon")
            << request("GET / HTTP/1.1", QList<QByteArray>(good) << "Broken header") << 400;
        QTest::addRow("folded header")
            << request("GET / HTTP/1.1", QList<QByteArray>(good) << " folded: yes") << 400;
    }
    void refusals()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        const HandshakeOutcome outcome = evaluateHandshake(head);
        QCOMPARE(outcome.kind, Kind::Refused);
        QVERIFY(!outcome.refusal.isEmpty());
        QVERIFY2(
            outcome.response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')),
            outcome.response.constData());
        QVERIFY(outcome.response.contains("\r\nConnection: close\r\n"));
        if (status == 426)
            QVERIFY(outcome.response.contains("\r\nSec-WebSocket-Version: 13\r\n"));
        // The body says why, and Content-Length counts it.
        const qsizetype bodyAt = outcome.response.indexOf("\r\n\r\n") + 4;
        QVERIFY(outcome.response.contains(QByteArray(
            "Content-Length: " + QByteArray::number(outcome.response.size() - bodyAt) + "\r\n")));
        QVERIFY(outcome.response.mid(bodyAt).startsWith(outcome.refusal.toUtf8()));
    }
    void clientSideAgreesWithServerSide()
    {
        const QByteArray key = makeClientKey();
        QCOMPARE(QByteArray::fromBase64(key).size(), 16);
        QVERIFY(makeClientKey() != key);
        const QByteArray head = clientHandshakeRequest("127.0.0.1:8080", "/ws?x=1", key);
        QVERIFY(head.startsWith("GET /ws?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"));
        QCOMPARE(requestHeadEnd(head), head.size());
        const HandshakeOutcome outcome = evaluateHandshake(head);
        QCOMPARE(outcome.kind, Kind::Accepted);
        QCOMPARE(checkServerHandshake(outcome.response, key), QString());
        // The same answer does not fit another key.
        QVERIFY(checkServerHandshake(outcome.response, makeClientKey())
                    .contains(QStringLiteral("Accept")));
        // Header names in any case, a list in Connection.
        const QByteArray spelled = "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\n"
                                   "connection: keep-alive, upgrade\r\nsec-websocket-accept: " +
                                   acceptKeyFor(key) + "\r\n\r\n";
        QCOMPARE(checkServerHandshake(spelled, key), QString());
        QVERIFY(!checkServerHandshake("HTTP/1.1 101 OK\r\nbroken\r\n\r\n", key).isEmpty());
        QVERIFY(!checkServerHandshake({}, key).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWebSocketHandshake)
#include "TestWebSocketHandshake.moc"
