#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <client/Connection.h>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>
#include <testsupport/MoimdProcess.h>
#include <testsupport/StampedSend.h>

using moim::client::Connection;
using namespace moim::protocol;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

// A minimal HTTP endpoint on loopback that records request bodies, like a push distributor.
class PushReceiver : public QObject {
public:
    QTcpServer server;
    QList<QByteArray> bodies;

    PushReceiver()
    {
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = server.nextPendingConnection();
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                *buffer += socket->readAll();
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                const QByteArray headers = buffer->left(headerEnd).toLower();
                const qsizetype at = headers.indexOf("content-length:");
                const int length = at < 0
                                       ? 0
                                       : headers.mid(at + 15, headers.indexOf('\r', at) - at - 15)
                                             .trimmed()
                                             .toInt();
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                bodies.append(buffer->mid(headerEnd + 4, length));
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
    }
    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/up/bob").arg(server.serverPort());
    }
};

} // namespace

class TestPushGateway : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void offlineDevicesAreWokenWithoutContent()
    {
        moim::test::MoimdProcess server;
        QVERIFY(
            server.start(m_dir.filePath(QStringLiteral("d")),
                         QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("p.db")),
                         {QStringLiteral("--push-gateway"), QStringLiteral("on"),
                          QStringLiteral("--push-allowed-hosts"), QStringLiteral("127.0.0.1")}));
        PushReceiver receiver;
        QString error;
        Connection alice;
        QVERIFY(alice.openAndWait(server.webSocketUrl(), 10'000, &error));
        QVERIFY(alice.callAndWait<Session>(
            SignUp{QStringLiteral("alice"), kPassword, {}, QStringLiteral("pc")}));
        const auto team = alice.callAndWait<TeamInfo>(CreateTeam{QStringLiteral("pushers"), {}});
        const auto code = alice.callAndWait<Invite>(CreateInvite{team->teamId, {}, {}});

        auto bob = std::make_unique<Connection>();
        QVERIFY(bob->openAndWait(server.webSocketUrl(), 10'000, &error));
        const auto bobSession = bob->callAndWait<Session>(
            SignUp{QStringLiteral("bob"), kPassword, {}, QStringLiteral("phone")});
        QVERIFY(bobSession);
        QVERIFY(bob->callAndWait<TeamInfo>(JoinTeam{code->code}));
        QCOMPARE(
            bob->callAndWait<Ok>(RegisterPush{QStringLiteral("ftp://127.0.0.1/x")}).error().code,
            ErrorCode::BadRequest);
        QCOMPARE(
            bob->callAndWait<Ok>(RegisterPush{QStringLiteral("http://10.0.0.1/x")}).error().code,
            ErrorCode::BadRequest); // not an allowed host
        QVERIFY(bob->callAndWait<Ok>(RegisterPush{receiver.url()}));
        const auto direct = alice.callAndWait<RoomInfo>(OpenDirect{{bobSession->userId}});
        QVERIFY(direct);

        const auto send = [&](const QString& text) {
            Send message;
            message.roomId = direct->roomId;
            message.clientId = moim::crypto::randomBytes(16);
            message.envelope = moim::client::MessageContent::ofText(text).toEnvelope();
            return moim::test::sendStamped(alice, message);
        };
        // While bob's phone is connected it gets the event itself: no wake-up.
        QVERIFY(send(QStringLiteral("while online")));
        QTest::qWait(300);
        QVERIFY(receiver.bodies.isEmpty());

        bob.reset(); // the phone goes offline
        QTest::qWait(200);
        const auto sent = send(QStringLiteral("secret words"));
        QVERIFY(sent);
        QTRY_COMPARE(receiver.bodies.size(), 1);
        const QByteArray body = receiver.bodies.first();
        QVERIFY(!body.contains("secret"));
        const QJsonObject wake = QJsonDocument::fromJson(body).object();
        QCOMPARE(wake.value(QStringLiteral("room_id")).toString(), QString::number(direct->roomId));
        QCOMPARE(quint64(wake.value(QStringLiteral("seq")).toDouble()), sent->seq);
        QVERIFY(wake.value(QStringLiteral("direct")).toBool());
        QCOMPARE(wake.value(QStringLiteral("unread")).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPushGateway)
#include "TestPushGateway.moc"
