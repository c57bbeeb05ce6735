#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>
#include <functional>
#include <websocket/WebSocketClient.h>
#include <websocket/WebSocketHandshake.h>

using namespace moim::websocket;

namespace {

constexpr quint64 kMax = 1 << 20;
const QHostAddress kServerAddress(QStringLiteral("127.0.0.1"));

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + seed) & 0xFF);
    return bytes;
}

// A TCP server that answers a WebSocket request head with whatever the test scripts: the
// misbehaving servers a client must survive.
class ScriptedServer : public QObject {
public:
    // Given the request head, what to write back (and, when it returns an empty array, nothing).
    using Answer = std::function<QByteArray(const QByteArray& head)>;

    explicit ScriptedServer(Answer answer)
        : m_answer(std::move(answer))
    {
        QVERIFY(m_server.listen(kServerAddress));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            connect(m_socket, &QTcpSocket::readyRead, this, [this] {
                m_received += m_socket->readAll();
                if (m_answered)
                    return;
                const qsizetype end = requestHeadEnd(m_received);
                if (end < 0)
                    return;
                m_answered = true;
                const QByteArray head = m_received.left(end);
                m_received.remove(0, end);
                m_socket->write(m_answer(head));
            });
        });
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/moim").arg(m_server.serverPort()));
    }
    // What the client sent after its request head.
    QByteArray received() const { return m_received; }
    QTcpSocket* socket() const { return m_socket; }

private:
    QTcpServer m_server;
    Answer m_answer;
    QTcpSocket* m_socket = nullptr;
    QByteArray m_received;
    bool m_answered = false;
};

// The right answer to a client's head.
QByteArray accept(const QByteArray& head)
{
    return evaluateHandshake(head).response;
}

// The first frame a client sent, as a server reads it.
std::optional<WebSocketFrameReader::Event> firstClientFrame(const QByteArray& bytes)
{
    WebSocketFrameReader reader(kMax, WebSocketFrameReader::Sender::Client);
    reader.append(bytes);
    return reader.next();
}

} // namespace

class TestWebSocketClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void talksWithQtsServerFromAChosenSourceAddress()
    {
        QWebSocketServer server(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(kServerAddress));
        WebSocketClient client(kMax);
        QSignalSpy opened(&client, &WebSocketClient::connected);
        QSignalSpy closed(&client, &WebSocketClient::disconnected);
        QList<QByteArray> clientGot;
        QStringList clientGotText;
        connect(&client, &WebSocketClient::binaryMessageReceived, this,
                [&](const QByteArray& message) { clientGot.append(message); });
        connect(&client, &WebSocketClient::textMessageReceived, this,
                [&](const QString& message) { clientGotText.append(message); });

        // Loopback answers on all of 127.0.0.0/8: a second source address needs no set-up.
        const QHostAddress source(QStringLiteral("127.0.0.2"));
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/path?q=1").arg(server.serverPort())),
                    source);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY(client.isOpen());
        QCOMPARE(client.localAddress(), source);
        QTRY_VERIFY(server.hasPendingConnections());
        std::unique_ptr<QWebSocket> peer(server.nextPendingConnection());
        QCOMPARE(peer->peerAddress(), source);
        QCOMPARE(peer->requestUrl().path(), QStringLiteral("/path"));
        QCOMPARE(peer->requestUrl().query(), QStringLiteral("q=1"));

        QList<QByteArray> serverGot;
        QStringList serverGotText;
        connect(peer.get(), &QWebSocket::binaryMessageReceived, this,
                [&](const QByteArray& message) { serverGot.append(message); });
        connect(peer.get(), &QWebSocket::textMessageReceived, this,
                [&](const QString& message) { serverGotText.append(message); });

        // Every length encoding, both ways.
        const QList<qsizetype> sizes{0, 1, 125, 126, 65535, 65536, 300000};
        for (const qsizetype size : sizes) {
            client.sendBinaryMessage(pattern(size, 1));
            peer->sendBinaryMessage(pattern(size, 2));
        }
        client.sendTextMessage(QStringLiteral("안녕하세요"));
        peer->sendTextMessage(QStringLiteral("잘 지내요"));
        QTRY_COMPARE(serverGot.size(), sizes.size());
        QTRY_COMPARE(clientGot.size(), sizes.size());
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            QCOMPARE(serverGot[i], pattern(sizes[i], 1));
            QCOMPARE(clientGot[i], pattern(sizes[i], 2));
        }
        QTRY_COMPARE(serverGotText, QStringList{QStringLiteral("안녕하세요")});
        QTRY_COMPARE(clientGotText, QStringList{QStringLiteral("잘 지내요")});

        // The client answers a ping with its payload.
        QSignalSpy pong(peer.get(), &QWebSocket::pong);
        peer->ping("are you there");
        QTRY_COMPARE(pong.size(), 1);
        QCOMPARE(pong[0][1].toByteArray(), QByteArray("are you there"));

        // The server's close: its status and reason reach the client, which answers it.
        QSignalSpy peerGone(peer.get(), &QWebSocket::disconnected);
        peer->close(QWebSocketProtocol::CloseCode(4001), QStringLiteral("잘 가"));
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(client.closeCode(), quint16(4001));
        QCOMPARE(client.closeReason(), QStringLiteral("잘 가"));
        QVERIFY(!client.isOpen());
        QTRY_COMPARE(peerGone.size(), 1);
        client.sendBinaryMessage("after the close"); // dropped, not a crash
        QTest::qWait(50);
        QCOMPARE(closed.size(), 1);
    }

    void ipv6()
    {
        QWebSocketServer server(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
        if (!server.listen(QHostAddress::LocalHostIPv6))
            QSKIP("this machine has no IPv6 loopback");
        WebSocketClient client(kMax);
        QSignalSpy opened(&client, &WebSocketClient::connected);
        client.open(QUrl(QStringLiteral("ws://[::1]:%1/").arg(server.serverPort())));
        QTRY_COMPARE(opened.size(), 1);
        QTRY_VERIFY(server.hasPendingConnections());
        std::unique_ptr<QWebSocket> peer(server.nextPendingConnection());
        QCOMPARE(peer->request().rawHeader("Host"),
                 QByteArray("[::1]:" + QByteArray::number(server.serverPort())));
    }

    void closesWithItsStatus()
    {
        QWebSocketServer server(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(kServerAddress));
        WebSocketClient client(kMax);
        QSignalSpy opened(&client, &WebSocketClient::connected);
        QSignalSpy closed(&client, &WebSocketClient::disconnected);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort())));
        QTRY_COMPARE(opened.size(), 1);
        QTRY_VERIFY(server.hasPendingConnections());
        std::unique_ptr<QWebSocket> peer(server.nextPendingConnection());
        QSignalSpy peerGone(peer.get(), &QWebSocket::disconnected);

        client.close(CloseStatus::GoingAway, QStringLiteral("bye"));
        QTRY_COMPARE(peerGone.size(), 1);
        QCOMPARE(int(peer->closeCode()), int(CloseStatus::GoingAway));
        QCOMPARE(peer->closeReason(), QStringLiteral("bye"));
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(client.closeCode(), CloseStatus::GoingAway);
    }

    void refusedHandshakes_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("reason");
        QTest::addRow("404") << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                             << QStringLiteral("404 Not Found");
        QTest::addRow("wrong accept")
            << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n")
            << QStringLiteral("Sec-WebSocket-Accept");
        QTest::addRow("no upgrade")
            << QByteArray("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n\r\n")
            << QStringLiteral("Upgrade does not list websocket");
        QTest::addRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n")
                                  << QStringLiteral("malformed status line");
        QTest::addRow("endless head")
            << QByteArray("HTTP/1.1 101 OK\r\nX: " + QByteArray(9000, 'x'))
            << QStringLiteral("over 8192 bytes");
    }
    void refusedHandshakes()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, reason);
        ScriptedServer server([answer](const QByteArray&) { return answer; });
        WebSocketClient client(kMax);
        QSignalSpy opened(&client, &WebSocketClient::connected);
        QSignalSpy closed(&client, &WebSocketClient::disconnected);
        client.open(server.url());
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(opened.size(), 0);
        QCOMPARE(client.closeCode(), quint16(1006));
        QVERIFY2(client.closeReason().contains(reason), qPrintable(client.closeReason()));
    }

    void badServerFramesCloseWithTheirStatus_data()
    {
        QTest::addColumn<QByteArray>("frames");
        QTest::addColumn<int>("status");
        // A server must not mask (RFC 6455, 5.1).
        QTest::addRow("masked") << encodeMaskedFrame(Opcode::Binary, "x", 0x12345678) << 1002;
        QTest::addRow("too big") << encodeFrame(Opcode::Binary, QByteArray(2000, 'x')) << 1009;
        QTest::addRow("text not UTF-8") << encodeFrame(Opcode::Text, "\xc3\x28") << 1007;
    }
    void badServerFramesCloseWithTheirStatus()
    {
        QFETCH(QByteArray, frames);
        QFETCH(int, status);
        // The bad frame comes in the same write as the handshake's answer.
        ScriptedServer server(
            [frames](const QByteArray& head) -> QByteArray { return accept(head) + frames; });
        WebSocketClient client(1000);
        QSignalSpy opened(&client, &WebSocketClient::connected);
        QSignalSpy closed(&client, &WebSocketClient::disconnected);
        QSignalSpy messages(&client, &WebSocketClient::binaryMessageReceived);
        client.open(server.url());
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(messages.size(), 0);
        QCOMPARE(int(client.closeCode()), status);
        // The client said why in a close frame before it went.
        QTRY_VERIFY(!server.received().isEmpty());
        const auto close = firstClientFrame(server.received());
        QVERIFY(close);
        QCOMPARE(close->kind, WebSocketFrameReader::Event::Kind::Close);
        QCOMPARE(int(close->status), status);
    }

    void messageRightBehindTheHandshake()
    {
        ScriptedServer server([](const QByteArray& head) -> QByteArray {
            return accept(head) + encodeFrame(Opcode::Binary, "first") +
                   encodeFrame(Opcode::Ping, "p");
        });
        WebSocketClient client(kMax);
        QSignalSpy messages(&client, &WebSocketClient::binaryMessageReceived);
        client.open(server.url());
        QTRY_COMPARE(messages.size(), 1);
        QCOMPARE(messages[0][0].toByteArray(), QByteArray("first"));
        QTRY_VERIFY(!server.received().isEmpty());
        const auto pong = firstClientFrame(server.received());
        QVERIFY(pong);
        QCOMPARE(pong->kind, WebSocketFrameReader::Event::Kind::Pong);
        QCOMPARE(pong->payload, QByteArray("p"));
    }

    void endingsOfAnOpenConnection_data()
    {
        QTest::addColumn<bool>("serverGoes");
        QTest::addRow("server goes without a close frame") << true;
        QTest::addRow("client aborts") << false;
    }
    void endingsOfAnOpenConnection()
    {
        QFETCH(bool, serverGoes);
        ScriptedServer server([](const QByteArray& head) { return accept(head); });
        WebSocketClient client(kMax);
        QSignalSpy opened(&client, &WebSocketClient::connected);
        QSignalSpy closed(&client, &WebSocketClient::disconnected);
        client.open(server.url());
        QTRY_COMPARE(opened.size(), 1);
        if (serverGoes) {
            server.socket()->abort();
            QTRY_COMPARE(closed.size(), 1);
            QCOMPARE(client.closeCode(), quint16(1006));
            QVERIFY(!client.closeReason().isEmpty());
        } else {
            client.abort(); // quietly: no signal
            QVERIFY(!client.isOpen());
            QTest::qWait(100);
            QCOMPARE(closed.size(), 0);
        }
    }

    void unreachableAndSilentServers()
    {
        // Nobody listens on the port of a server just closed.
        quint16 port = 0;
        {
            QTcpServer gone;
            QVERIFY(gone.listen(kServerAddress));
            port = gone.serverPort();
        }
        WebSocketClient refused(kMax);
        QSignalSpy refusedClosed(&refused, &WebSocketClient::disconnected);
        refused.open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)));
        QTRY_COMPARE(refusedClosed.size(), 1);
        QCOMPARE(refused.closeCode(), quint16(1006));

        // A server that accepts the connection and never answers.
        ScriptedServer silent([](const QByteArray&) { return QByteArray(); });
        WebSocketClient waiting(kMax);
        waiting.setOpenTimeout(300);
        QSignalSpy waitingClosed(&waiting, &WebSocketClient::disconnected);
        waiting.open(silent.url());
        QTRY_COMPARE(waitingClosed.size(), 1);
        QVERIFY2(waiting.closeReason().contains(QStringLiteral("not open after 300 ms")),
                 qPrintable(waiting.closeReason()));
    }

    void badUrlsAndAddresses()
    {
        for (const QString& url :
             {QStringLiteral("wss://127.0.0.1:1/"), QStringLiteral("http://127.0.0.1:1/"),
              QStringLiteral("ws://")}) {
            WebSocketClient client(kMax);
            QSignalSpy closed(&client, &WebSocketClient::disconnected);
            client.open(QUrl(url));
            QCOMPARE(closed.size(), 0); // reported from the event loop, as everything else
            QTRY_COMPARE(closed.size(), 1);
            QVERIFY2(client.closeReason().contains(QStringLiteral("not a ws:// URL")),
                     qPrintable(client.closeReason()));
        }
        // An address this machine does not have (TEST-NET-1) cannot be bound.
        WebSocketClient client(kMax);
        QSignalSpy closed(&client, &WebSocketClient::disconnected);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:1/")),
                    QHostAddress(QStringLiteral("192.0.2.1")));
        QTRY_COMPARE(closed.size(), 1);
        QVERIFY2(client.closeReason().contains(QStringLiteral("cannot bind")),
                 qPrintable(client.closeReason()));
    }
};

QTEST_GUILESS_MAIN(TestWebSocketClient)
#include "TestWebSocketClient.moc"
