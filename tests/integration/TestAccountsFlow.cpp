#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <client/Connection.h>
#include <crypto/PasswordHash.h>
#include <crypto/Sodium.h>
#include <limits>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/Handshake.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/TestDatabases.h>

using moim::client::Connection;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

// A connection whose close code is recorded.
struct Client {
    Connection connection;
    std::optional<quint16> closeCode;
    QList<Frame> events;

    Client()
    {
        QObject::connect(&connection, &Connection::closed, &connection,
                         [this](quint16 code, const QString&) { closeCode = code; });
        QObject::connect(&connection, &Connection::eventReceived, &connection,
                         [this](const Frame& frame) { events.append(frame); });
    }
    bool open(const QUrl& url)
    {
        QString error;
        const bool ok = connection.openAndWait(url, 10'000, &error);
        if (!ok)
            qWarning() << "open failed:" << error;
        return ok;
    }
};

// A bare QWebSocket for what the client library would never send.
struct RawSocket {
    QWebSocket socket;
    QList<QByteArray> received;
    std::optional<int> closeCode;

    RawSocket()
    {
        QObject::connect(&socket, &QWebSocket::binaryMessageReceived, &socket,
                         [this](const QByteArray& m) { received.append(m); });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket,
                         [this] { closeCode = int(socket.closeCode()); });
    }
    bool open(const QUrl& url)
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(url);
        return connected.wait(10'000);
    }
    std::optional<Frame> nextFrame(int timeoutMs = 10'000)
    {
        QElapsedTimer timer;
        timer.start();
        while (received.isEmpty() && timer.elapsed() < timeoutMs)
            QTest::qWait(10);
        if (received.isEmpty())
            return std::nullopt;
        return decodeFrame(received.takeFirst()).frame;
    }
};

ErrorReply errorOf(const Frame& frame)
{
    QString problem;
    return ErrorReply::fromCbor(frame.body, &problem).value_or(ErrorReply{});
}

} // namespace

class TestAccountsFlow : public QObject {
    Q_OBJECT

    std::unique_ptr<moim::test::ScratchDatabase> m_db;
    std::unique_ptr<moim::test::MoimdProcess> m_server;
    QTemporaryDir m_dataDir;

    bool startServer(const QString& backend, const QStringList& extra = {})
    {
        m_server.reset();
        m_db = std::make_unique<moim::test::ScratchDatabase>();
        if (!m_db->create(backend))
            return false;
        m_server = std::make_unique<moim::test::MoimdProcess>();
        return m_server->start(m_dataDir.path(), m_db->url(), extra);
    }

    QUrl url() const { return m_server->webSocketUrl(); }

private Q_SLOTS:
    void cleanup()
    {
        if (m_server && QTest::currentTestFailed())
            qWarning().noquote() << "moimd log:\n" << QString::fromUtf8(m_server->log());
        m_server.reset();
        m_db.reset();
    }

    void signUpLogInResumeRevoke_data() { moim::test::addBackendRows(); }
    void signUpLogInResumeRevoke()
    {
        QFETCH(QString, backend);
        if (!startServer(backend))
            MOIM_SKIP_OR_FAIL_UNSTARTED(backend);
        Client phone;
        QVERIFY(phone.open(url()));
        const auto signedUp = phone.connection.callAndWait<Session>(
            SignUp{QStringLiteral("Alice"), kPassword, QStringLiteral("Alice A."),
                   QStringLiteral("phone")});
        QVERIFY2(signedUp, qPrintable(signedUp ? QString() : signedUp.error().message));
        QCOMPARE(signedUp->username, QStringLiteral("alice"));
        QVERIFY(signedUp->token);
        QCOMPARE(signedUp->token->size(), 32);

        Client laptop;
        QVERIFY(laptop.open(url()));
        const auto loggedIn = laptop.connection.callAndWait<Session>(
            LogIn{QStringLiteral("alice"), kPassword, QStringLiteral("laptop")});
        QVERIFY(loggedIn);
        QCOMPARE(loggedIn->userId, signedUp->userId);
        QVERIFY(loggedIn->deviceId != signedUp->deviceId);

        // A token resumes the session on a new connection without the password, once per
        // connection; the answer carries no token.
        Client resumed;
        QVERIFY(resumed.open(url()));
        const auto again = resumed.connection.callAndWait<Session>(Resume{*signedUp->token});
        QVERIFY(again);
        QCOMPARE(again->deviceId, signedUp->deviceId);
        QVERIFY(!again->token);
        QCOMPARE(resumed.connection.callAndWait<Session>(Resume{*signedUp->token}).error().code,
                 ErrorCode::AlreadyAuthenticated);

        const auto devices = laptop.connection.callAndWait<DeviceList>(ListDevices{});
        QVERIFY(devices);
        QCOMPARE(devices->devices.size(), 2);
        QCOMPARE(devices->devices[1].name, QStringLiteral("laptop"));
        QVERIFY(devices->devices[1].current);
        QVERIFY(!devices->devices[0].current);

        QVERIFY(phone.connection.callAndWait<Ok>(
            RenameDevice{loggedIn->deviceId, QStringLiteral("work laptop")}));

        // Revoking the laptop closes its socket at once, with a reason.
        QElapsedTimer sinceRevoke;
        sinceRevoke.start();
        QVERIFY(phone.connection.callAndWait<Ok>(RevokeDevice{loggedIn->deviceId}));
        QTRY_VERIFY_WITH_TIMEOUT(laptop.closeCode.has_value(), 1000);
        QVERIFY(sinceRevoke.elapsed() < 1000);
        QCOMPARE(*laptop.closeCode, quint16(4001));
        QVERIFY(!phone.closeCode); // the revoking device stays

        Client stale;
        QVERIFY(stale.open(url()));
        QCOMPARE(stale.connection.callAndWait<Session>(Resume{*loggedIn->token}).error().code,
                 ErrorCode::InvalidToken);
        QCOMPARE(phone.connection.callAndWait<DeviceList>(ListDevices{})->devices.size(), 1);

        // Logging out ends every socket of the device but leaves this one usable as a guest.
        QVERIFY(phone.connection.callAndWait<Ok>(LogOut{}));
        QTRY_VERIFY_WITH_TIMEOUT(resumed.closeCode.has_value(), 1000);
        QCOMPARE(*resumed.closeCode, quint16(4001));
        QCOMPARE(phone.connection.callAndWait<Session>(WhoAmI{}).error().code,
                 ErrorCode::NotAuthenticated);
        QCOMPARE(stale.connection.callAndWait<Session>(Resume{*signedUp->token}).error().code,
                 ErrorCode::InvalidToken);
    }

    void wrongPasswordAndUnknownUserLookAlike_data() { moim::test::addBackendRows(); }
    void wrongPasswordAndUnknownUserLookAlike()
    {
        QFETCH(QString, backend);
        if (!startServer(backend))
            MOIM_SKIP_OR_FAIL_UNSTARTED(backend);
        Client client;
        QVERIFY(client.open(url()));
        QVERIFY(client.connection.callAndWait<Session>(
            SignUp{QStringLiteral("bob"), kPassword, {}, QStringLiteral("pc")}));
        Client other;
        QVERIFY(other.open(url()));
        QElapsedTimer timer;
        timer.start();
        const auto wrong = other.connection.callAndWait<Session>(
            LogIn{QStringLiteral("bob"), QStringLiteral("wrong password"), QStringLiteral("x")});
        const qint64 wrongMs = timer.restart();
        const auto unknown = other.connection.callAndWait<Session>(
            LogIn{QStringLiteral("nobody"), QStringLiteral("wrong password"), QStringLiteral("x")});
        const qint64 unknownMs = timer.elapsed();
        QVERIFY(!wrong && !unknown);
        QCOMPARE(wrong.error().code, ErrorCode::InvalidCredentials);
        QCOMPARE(unknown.error(), wrong.error());
        // Both paths run a full Argon2id verification, so an unknown name is not answered
        // measurably faster. What one verification takes depends on the machine (about 10 ms
        // here), so it is measured here, at the server's cost; half of the fastest of three
        // still tells a verification from none (well under a millisecond).
        // As in moimd: without sodium_init, Argon2id runs its portable code, about twice as slow.
        QVERIFY(moim::crypto::initializeSodium());
        const moim::crypto::PasswordHash hasher;
        const std::optional<QString> stored = hasher.hash(kPassword);
        QVERIFY(stored);
        qint64 verifyMs = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 3; ++i) {
            timer.restart();
            QVERIFY(!hasher.verify(*stored, QStringLiteral("wrong password")));
            verifyMs = std::min(verifyMs, timer.elapsed());
        }
        QVERIFY2(2 * wrongMs >= verifyMs && 2 * unknownMs >= verifyMs,
                 qPrintable(QStringLiteral("%1 ms vs %2 ms; one verification here: %3 ms")
                                .arg(wrongMs)
                                .arg(unknownMs)
                                .arg(verifyMs)));
    }

    void bruteForceIsThrottled()
    {
        QVERIFY(startServer(QStringLiteral("sqlite"),
                            {QStringLiteral("--account-failure-limit"), QStringLiteral("3")}));
        Client client;
        QVERIFY(client.open(url()));
        QVERIFY(client.connection.callAndWait<Session>(
            SignUp{QStringLiteral("carol"), kPassword, {}, QStringLiteral("pc")}));
        Client attacker;
        QVERIFY(attacker.open(url()));
        const LogIn guess{QStringLiteral("carol"), QStringLiteral("guess guess"),
                          QStringLiteral("x")};
        for (int i = 0; i < 3; ++i)
            QCOMPARE(attacker.connection.callAndWait<Session>(guess).error().code,
                     ErrorCode::InvalidCredentials);
        const auto limited = attacker.connection.callAndWait<Session>(guess);
        QCOMPARE(limited.error().code, ErrorCode::RateLimited);
        QVERIFY(limited.error().retryAfterMs.value_or(0) > 0);
        // The right password is refused too while the account is throttled.
        QCOMPARE(attacker.connection
                     .callAndWait<Session>(
                         LogIn{QStringLiteral("carol"), kPassword, QStringLiteral("x")})
                     .error()
                     .code,
                 ErrorCode::RateLimited);
        // Failed resumes count per address only: they never lock out other accounts' resumes.
        Client resumer;
        QVERIFY(resumer.open(url()));
        QCOMPARE(resumer.connection.callAndWait<Session>(Resume{QByteArray(32, 'z')}).error().code,
                 ErrorCode::InvalidToken);
    }

    void changePasswordRevokesOthers()
    {
        QVERIFY(startServer(QStringLiteral("sqlite")));
        Client first;
        QVERIFY(first.open(url()));
        QVERIFY(first.connection.callAndWait<Session>(
            SignUp{QStringLiteral("dave"), kPassword, {}, QStringLiteral("one")}));
        Client second;
        QVERIFY(second.open(url()));
        QVERIFY(second.connection.callAndWait<Session>(
            LogIn{QStringLiteral("dave"), kPassword, QStringLiteral("two")}));
        QCOMPARE(first.connection
                     .callAndWait<Ok>(ChangePassword{QStringLiteral("not it!!"),
                                                     QStringLiteral("new password 1"), true})
                     .error()
                     .code,
                 ErrorCode::InvalidCredentials);
        QCOMPARE(first.connection
                     .callAndWait<Ok>(ChangePassword{kPassword, QStringLiteral("short"), true})
                     .error()
                     .code,
                 ErrorCode::WeakPassword);
        QVERIFY(first.connection.callAndWait<Ok>(
            ChangePassword{kPassword, QStringLiteral("new password 1"), true}));
        QTRY_VERIFY_WITH_TIMEOUT(second.closeCode.has_value(), 1000);
        QVERIFY(!first.closeCode);
        Client third;
        QVERIFY(third.open(url()));
        QCOMPARE(
            third.connection
                .callAndWait<Session>(LogIn{QStringLiteral("dave"), kPassword, QStringLiteral("3")})
                .error()
                .code,
            ErrorCode::InvalidCredentials);
        QVERIFY(third.connection.callAndWait<Session>(
            LogIn{QStringLiteral("dave"), QStringLiteral("new password 1"), QStringLiteral("3")}));
    }

    void badInputGetsClearAnswers_data() { moim::test::addBackendRows(); }
    void badInputGetsClearAnswers()
    {
        QFETCH(QString, backend);
        if (!startServer(backend))
            MOIM_SKIP_OR_FAIL_UNSTARTED(backend);
        Client bystander;
        QVERIFY(bystander.open(url()));
        QVERIFY(bystander.connection.callAndWait<Session>(
            SignUp{QStringLiteral("erin"), kPassword, {}, QStringLiteral("pc")}));

        Client client;
        QVERIFY(client.open(url()));
        QCOMPARE(client.connection.callAndWait<DeviceList>(ListDevices{}).error().code,
                 ErrorCode::NotAuthenticated);
        QCOMPARE(client.connection
                     .callAndWait<Session>(
                         SignUp{QStringLiteral("x"), kPassword, {}, QStringLiteral("d")})
                     .error()
                     .code,
                 ErrorCode::InvalidUsername);
        QCOMPARE(client.connection
                     .callAndWait<Session>(SignUp{
                         QStringLiteral("frank"), QStringLiteral("short"), {}, QStringLiteral("d")})
                     .error()
                     .code,
                 ErrorCode::WeakPassword);
        QCOMPARE(
            client.connection
                .callAndWait<Session>(SignUp{QStringLiteral("frank"), kPassword,
                                             QStringLiteral("bad\u0007name"), QStringLiteral("d")})
                .error()
                .code,
            ErrorCode::BadRequest);
        QCOMPARE(client.connection
                     .callAndWait<Session>(
                         SignUp{QStringLiteral("ERIN"), kPassword, {}, QStringLiteral("d")})
                     .error()
                     .code,
                 ErrorCode::UsernameTaken);
        QCOMPARE(client.connection.callAndWait<Session>(Resume{QByteArray("short")}).error().code,
                 ErrorCode::InvalidToken);
        // A body with a field of the wrong type names the field.
        std::optional<Result<Frame>> answer;
        client.connection.request(MessageType::LogIn, QCborMap{{QStringLiteral("username"), 5}},
                                  [&](Result<Frame> r) { answer.emplace(r); });
        QTRY_VERIFY(answer.has_value());
        const ErrorReply badBody = errorOf(answer->value());
        QCOMPARE(badBody.code, ErrorCode::BadRequest);
        QVERIFY(badBody.message.contains(QStringLiteral("username")));
        // A type only servers send.
        answer.reset();
        client.connection.request(MessageType::Welcome, {},
                                  [&](Result<Frame> r) { answer.emplace(r); });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(errorOf(answer->value()).code, ErrorCode::ServerOnlyType);

        // Garbage is answered with an error and the connection stays usable.
        client.connection.sendRawBinary(QByteArray("\xff\x00 not cbor at all", 18));
        QTRY_VERIFY(!client.events.isEmpty());
        QCOMPARE(client.events.last().type, MessageType::Error);
        QCOMPARE(errorOf(client.events.last()).code, ErrorCode::BadFrame);
        // An unknown type keeps its request id in the answer.
        client.connection.sendRawBinary(
            QByteArray::fromHex("a461760161741903e7626964182a6162a0")); // {v:1,t:999,id:42,b:{}}
        QTRY_COMPARE(client.events.size(), 2);
        QCOMPARE(client.events.last().requestId, std::optional<quint64>(42));
        QCOMPARE(errorOf(client.events.last()).code, ErrorCode::UnknownType);
        QVERIFY(!client.closeCode);
        QCOMPARE(client.connection.callAndWait<Session>(WhoAmI{}).error().code,
                 ErrorCode::NotAuthenticated);

        // Oversized: closed with 1009; everyone else unaffected.
        client.connection.sendRawBinary(QByteArray(1024 * 1024 + 1, 'x'));
        QTRY_VERIFY_WITH_TIMEOUT(client.closeCode.has_value(), 5000);
        QCOMPARE(*client.closeCode, quint16(1009));
        const auto stillFine = bystander.connection.callAndWait<Session>(WhoAmI{});
        QVERIFY(stillFine);
        QCOMPARE(stillFine->username, QStringLiteral("erin"));
    }

    void handshakeRules()
    {
        QVERIFY(startServer(QStringLiteral("sqlite"),
                            {QStringLiteral("--hello-timeout-ms"), QStringLiteral("500"),
                             QStringLiteral("--allowed-origins"),
                             QStringLiteral("https://chat.example")}));
        RawSocket early;
        QVERIFY(early.open(url()));
        early.socket.sendBinaryMessage(Frame{1, MessageType::ListDevices, 1, {}}.encode());
        const auto beforeHello = early.nextFrame();
        QVERIFY(beforeHello);
        QCOMPARE(errorOf(*beforeHello).code, ErrorCode::HelloRequired);
        QTRY_VERIFY_WITH_TIMEOUT(early.closeCode.has_value(), 5000);
        QCOMPARE(*early.closeCode, 4003); // no hello in time

        RawSocket future;
        QVERIFY(future.open(url()));
        Hello hello{99, {}, QStringLiteral("future client")};
        future.socket.sendBinaryMessage(makeFrame(hello, 99, 1).encode());
        const auto refused = future.nextFrame();
        QVERIFY(refused);
        QCOMPARE(errorOf(*refused).code, ErrorCode::UnsupportedVersion);
        QTRY_VERIFY_WITH_TIMEOUT(future.closeCode.has_value(), 5000);
        QCOMPARE(*future.closeCode, 4002);

        RawSocket current;
        QVERIFY(current.open(url()));
        current.socket.sendBinaryMessage(
            makeFrame(Hello{1, {}, QStringLiteral("t")}, 1, 7).encode());
        const auto welcomed = current.nextFrame();
        QVERIFY(welcomed);
        QCOMPARE(welcomed->type, MessageType::Welcome);
        QCOMPARE(welcomed->requestId, std::optional<quint64>(7));
        current.socket.sendTextMessage(QStringLiteral("{\"json\": true}"));
        const auto textAnswer = current.nextFrame();
        QVERIFY(textAnswer);
        QCOMPARE(errorOf(*textAnswer).code, ErrorCode::BadFrame);

        // A connection that never upgrades (nor sends anything) is cut at the same deadline.
        QTcpSocket silent;
        QSignalSpy silentClosed(&silent, &QTcpSocket::disconnected);
        silent.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(silent.waitForConnected(5000));
        QVERIFY(silentClosed.wait(5000));

        // Browser origins must be on the allow-list.
        QWebSocket browser;
        QSignalSpy closed(&browser, &QWebSocket::disconnected);
        QNetworkRequest request(url());
        request.setRawHeader("Origin", "https://evil.example");
        browser.open(request);
        QVERIFY(closed.wait(5000));
        QCOMPARE(int(browser.closeCode()), 1008);
    }

    void webSocketFramingRules()
    {
        // moimd speaks WebSocket itself (not through QWebSocket): what a raw peer may send,
        // and what it gets back.
        QVERIFY(startServer(QStringLiteral("sqlite")));
        const auto handshake = [this](QTcpSocket& socket, const QByteArray& version) {
            socket.connectToHost(QHostAddress::LocalHost, m_server->port());
            if (!socket.waitForConnected(5000))
                return QByteArray();
            socket.write("GET /any/path HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: " +
                         version + "\r\n\r\n");
            QByteArray head;
            while (!head.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
                head += socket.readAll();
            return head;
        };
        // A masked client frame; the key is fixed, which only a test may do.
        const auto frame = [](quint8 firstByte, const QByteArray& payload, bool masked = true) {
            QByteArray out(1, char(firstByte));
            out.append(char((masked ? 0x80 : 0) | payload.size())); // payloads here are < 126
            if (!masked)
                return QByteArray(out + payload);
            const QByteArray key = QByteArray::fromHex("a1b2c3d4");
            out += key;
            for (qsizetype i = 0; i < payload.size(); ++i)
                out.append(char(payload[i] ^ key[i % 4]));
            return out;
        };
        const auto readFrame = [](QTcpSocket& socket) {
            QByteArray bytes = socket.readAll();
            while (bytes.size() < 2 || bytes.size() < 2 + (uchar(bytes[1]) & 0x7F)) {
                if (!socket.waitForReadyRead(5000))
                    return QByteArray();
                bytes += socket.readAll();
            }
            return bytes;
        };

        QTcpSocket oldVersion;
        const QByteArray refused = handshake(oldVersion, "8");
        QVERIFY2(refused.startsWith("HTTP/1.1 426 "), refused.constData());
        QVERIFY(refused.contains("Sec-WebSocket-Version: 13"));

        // A ping is answered with its payload, unmasked; a message in two fragments is whole.
        QTcpSocket peer;
        QVERIFY(handshake(peer, "13").startsWith("HTTP/1.1 101 "));
        peer.write(frame(0x89, "marco"));
        QCOMPARE(readFrame(peer), QByteArray("\x8a\x05marco", 7));
        const QByteArray hello = makeFrame(Hello{1, {}, QStringLiteral("raw")}, 1, 5).encode();
        peer.write(frame(0x02, hello.left(3)) + frame(0x80, hello.mid(3)));
        const QByteArray welcomeFrame = readFrame(peer);
        QCOMPARE(uchar(welcomeFrame[0]), uchar(0x82));
        const auto welcome = decodeFrame(welcomeFrame.mid(2)).frame;
        QVERIFY(welcome);
        QCOMPARE(welcome->type, MessageType::Welcome);
        QCOMPARE(welcome->requestId, std::optional<quint64>(5));
        // A close is echoed, then the server ends the TCP connection.
        QSignalSpy peerGone(&peer, &QTcpSocket::disconnected);
        peer.write(frame(0x88, QByteArray::fromHex("03e8") + "bye"));
        QCOMPARE(readFrame(peer), QByteArray::fromHex("880203e8"));
        QVERIFY(peerGone.count() > 0 || peerGone.wait(5000));

        // An unmasked frame breaks the protocol: close 1002, then the connection ends.
        QTcpSocket rude;
        QVERIFY(handshake(rude, "13").startsWith("HTTP/1.1 101 "));
        QSignalSpy rudeGone(&rude, &QTcpSocket::disconnected);
        rude.write(frame(0x82, "plain", false));
        const QByteArray closeFrame = readFrame(rude);
        QCOMPARE(uchar(closeFrame[0]), uchar(0x88));
        QCOMPARE(closeFrame.mid(2, 2), QByteArray::fromHex("03ea"));
        QVERIFY(rudeGone.count() > 0 || rudeGone.wait(5000));

        // A request head that never ends is cut at 8 KB with 431.
        QTcpSocket endless;
        endless.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(endless.waitForConnected(5000));
        endless.write("GET / HTTP/1.1\r\nX-Long: " + QByteArray(9000, 'a'));
        QByteArray answer;
        while (!answer.contains("\r\n\r\n") && endless.waitForReadyRead(5000))
            answer += endless.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.constData());

        // The server still serves everyone else.
        Client client;
        QVERIFY(client.open(url()));
        QCOMPARE(client.connection.callAndWait<Session>(WhoAmI{}).error().code,
                 ErrorCode::NotAuthenticated);
    }

    void deadPeersAreReaped()
    {
        // Pings every 200 ms; the hello deadline is far away, so only reaping can cut it.
        QVERIFY(startServer(QStringLiteral("sqlite"),
                            {QStringLiteral("--ping-interval-ms"), QStringLiteral("200"),
                             QStringLiteral("--hello-timeout-ms"), QStringLiteral("60000")}));
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(silent.waitForConnected(5000));
        silent.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
        QVERIFY(silent.waitForReadyRead(5000));
        QVERIFY(silent.readAll().startsWith("HTTP/1.1 101"));
        // It never answers a ping: dropped after two silent intervals.
        QElapsedTimer timer;
        timer.start();
        QSignalSpy closed(&silent, &QTcpSocket::disconnected);
        QVERIFY(closed.wait(5000));
        QVERIFY(timer.elapsed() < 5000);
        // A live client answers pings by itself and stays.
        Client live;
        QVERIFY(live.open(url()));
        QTest::qWait(1000);
        QVERIFY(!live.closeCode);
    }

    void secretsStayOutOfLogs()
    {
        QVERIFY(startServer(QStringLiteral("sqlite"),
                            {QStringLiteral("--log-mode"), QStringLiteral("debug")}));
        const QString password = QStringLiteral("Sup3r-Secret-Passw0rd");
        Client client;
        QVERIFY(client.open(url()));
        const auto session = client.connection.callAndWait<Session>(
            SignUp{QStringLiteral("grace"), password, {}, QStringLiteral("pc")});
        QVERIFY(session);
        Client other;
        QVERIFY(other.open(url()));
        QVERIFY(other.connection.callAndWait<Session>(Resume{*session->token}));
        QCOMPARE(other.connection
                     .callAndWait<Session>(LogIn{QStringLiteral("grace"),
                                                 QStringLiteral("wrong one!"), QStringLiteral("x")})
                     .error()
                     .code,
                 ErrorCode::AlreadyAuthenticated);
        Client third;
        QVERIFY(third.open(url()));
        QVERIFY(!third.connection.callAndWait<Session>(
            LogIn{QStringLiteral("grace"), QStringLiteral("wrong one!"), QStringLiteral("x")}));
        QCOMPARE(m_server->terminate(), 0);
        const QByteArray log = m_server->log();
        QVERIFY(log.contains("new user")); // the log is there, and in debug mode
        for (const QByteArray& secret :
             {password.toUtf8(), QByteArrayLiteral("wrong one!"), session->token->toHex(),
              session->token->toBase64(), session->token->toBase64(QByteArray::Base64UrlEncoding)})
            QVERIFY2(!log.contains(secret), secret.constData());
    }

    void httpEndpointsAndGracefulShutdown()
    {
        QVERIFY(startServer(QStringLiteral("sqlite")));
        QNetworkAccessManager http;
        const auto get = [&](const QString& path, int* status) {
            QNetworkReply* reply = http.get(QNetworkRequest(QUrl(m_server->httpBase() + path)));
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(5000);
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            return body;
        };
        int status = 0;
        QCOMPARE(
            get(QStringLiteral("/healthz"), &status).value(QStringLiteral("status")).toString(),
            QStringLiteral("ok"));
        QCOMPARE(status, 200);
        QCOMPARE(get(QStringLiteral("/readyz"), &status).value(QStringLiteral("status")).toString(),
                 QStringLiteral("ready"));
        QCOMPARE(status, 200);
        const QJsonObject version = get(QStringLiteral("/version"), &status);
        QCOMPARE(version.value(QStringLiteral("protocol")).toInt(), 1);
        QVERIFY(!version.value(QStringLiteral("server")).toString().isEmpty());
        const double serverTime =
            get(QStringLiteral("/time"), &status).value(QStringLiteral("time_ms")).toDouble();
        QVERIFY(qAbs(serverTime - double(QDateTime::currentMSecsSinceEpoch())) < 60'000);
        get(QStringLiteral("/nope"), &status);
        QCOMPARE(status, 404);

        Client client;
        QVERIFY(client.open(url()));
        QCOMPARE(m_server->terminate(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(client.closeCode.has_value(), 5000);
        QCOMPARE(*client.closeCode, quint16(1001));
    }
};

QTEST_GUILESS_MAIN(TestAccountsFlow)
#include "TestAccountsFlow.moc"
