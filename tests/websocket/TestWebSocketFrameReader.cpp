#include <QTest>
#include <QtEndian>
#include <websocket/WebSocketFrameReader.h>
#include <websocket/WebSocketFrames.h>

using namespace moim::websocket;
using Kind = WebSocketFrameReader::Event::Kind;

namespace {

struct ClientFrame {
    quint8 opcode;
    QByteArray payload;
    bool fin = true;
    bool masked = true;
    quint8 reserved = 0; // RSV1-3, in bits 4-6
};

// A frame as a client sends it: masked with a key that is not all zero, so that a reader
// that forgot to unmask would see garbage.
QByteArray clientFrame(const ClientFrame& f)
{
    QByteArray out;
    out.append(char((f.fin ? 0x80 : 0) | (f.reserved << 4) | f.opcode));
    const quint8 maskBit = f.masked ? 0x80 : 0;
    const auto size = quint64(f.payload.size());
    if (size < 126) {
        out.append(char(maskBit | size));
    } else if (size <= 0xFFFF) {
        out.append(char(maskBit | 126));
        char length[2];
        qToBigEndian(quint16(size), length);
        out.append(length, 2);
    } else {
        out.append(char(maskBit | 127));
        char length[8];
        qToBigEndian(size, length);
        out.append(length, 8);
    }
    if (!f.masked)
        return out + f.payload;
    const char key[4] = {'\x37', '\xfa', '\x21', '\x3d'};
    out.append(key, 4);
    for (qsizetype i = 0; i < f.payload.size(); ++i)
        out.append(char(f.payload[i] ^ key[i % 4]));
    return out;
}

QByteArray closeBody(quint16 status, QByteArray reason = {})
{
    QByteArray body(2, Qt::Uninitialized);
    qToBigEndian(status, body.data());
    return body + reason;
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + 3) & 0xFF);
    return bytes;
}

constexpr quint64 kMax = 1 << 20;

} // namespace

class TestWebSocketFrameReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void messagesOfEveryLengthEncoding_data()
    {
        QTest::addColumn<qsizetype>("size");
        for (qsizetype size : {0, 1, 7, 8, 9, 125, 126, 127, 65535, 65536, 300000})
            QTest::addRow("%lld", qlonglong(size)) << size;
    }
    void messagesOfEveryLengthEncoding()
    {
        QFETCH(qsizetype, size);
        const QByteArray message = pattern(size);
        const QByteArray wire = clientFrame({0x2, message});
        // Whole, then a byte at a time: the result is the same.
        WebSocketFrameReader whole(kMax);
        whole.append(wire);
        auto event = whole.next();
        QVERIFY(event);
        QCOMPARE(event->kind, Kind::Binary);
        QCOMPARE(event->payload, message);
        QVERIFY(!whole.next());
        QVERIFY(!whole.hasBufferedBytes());

        if (size > 70000)
            return; // byte by byte is slow for nothing here
        WebSocketFrameReader trickle(kMax);
        for (qsizetype i = 0; i < wire.size(); ++i) {
            trickle.append(wire.mid(i, 1));
            event = trickle.next();
            QCOMPARE(bool(event), i == wire.size() - 1);
        }
        QCOMPARE(event->payload, message);
    }

    void severalFramesInOneRead()
    {
        WebSocketFrameReader reader(kMax);
        reader.append(clientFrame({0x2, "one"}) + clientFrame({0x9, "are you there"}) +
                      clientFrame({0x1, "deux"}) + clientFrame({0xA, {}}) +
                      clientFrame({0x2, "thr"}).left(4));
        QCOMPARE(reader.next()->payload, QByteArray("one"));
        const auto ping = reader.next();
        QCOMPARE(ping->kind, Kind::Ping);
        QCOMPARE(ping->payload, QByteArray("are you there"));
        const auto text = reader.next();
        QCOMPARE(text->kind, Kind::Text);
        QCOMPARE(text->payload, QByteArray("deux"));
        QCOMPARE(reader.next()->kind, Kind::Pong);
        QVERIFY(!reader.next());
        QVERIFY(reader.hasBufferedBytes());
        reader.append(clientFrame({0x2, "thr"}).mid(4));
        QCOMPARE(reader.next()->payload, QByteArray("thr"));
    }

    void fragmentsWithControlFramesBetween()
    {
        WebSocketFrameReader reader(kMax);
        reader.append(clientFrame({0x1, "안녕", false}));
        QVERIFY(!reader.next());
        reader.append(clientFrame({0x9, "p"}));
        QCOMPARE(reader.next()->kind, Kind::Ping); // answered before the message is whole
        reader.append(clientFrame({0x0, "하세", false}) + clientFrame({0x0, "요"}));
        const auto text = reader.next();
        QCOMPARE(text->kind, Kind::Text);
        QCOMPARE(QString::fromUtf8(text->payload), QStringLiteral("안녕하세요"));
        // A character split between fragments is fine: UTF-8 is checked on the whole message.
        const QByteArray split = QByteArray("가");
        reader.append(clientFrame({0x1, split.left(1), false}) + clientFrame({0x0, split.mid(1)}));
        QCOMPARE(reader.next()->payload, split);
    }

    void thousandsOfFragmentsInOneRead()
    {
        // Read in a loop, not by recursion: 200,000 one-byte fragments in a single append.
        QByteArray wire = clientFrame({0x2, "a", false});
        for (int i = 0; i < 200'000; ++i)
            wire += clientFrame({0x0, "b", false});
        wire += clientFrame({0x0, "c"});
        WebSocketFrameReader reader(kMax);
        reader.append(wire);
        const auto message = reader.next();
        QVERIFY(message);
        QCOMPARE(message->payload.size(), 200'002);
        QVERIFY(message->payload.startsWith('a') && message->payload.endsWith('c'));
    }

    void violationsCloseWithTheirStatus_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("status");
        QTest::addRow("unmasked") << clientFrame({0x2, "x", true, false}) << 1002;
        QTest::addRow("reserved bit") << clientFrame({0x2, "x", true, true, 0x4}) << 1002;
        QTest::addRow("opcode 3") << clientFrame({0x3, "x"}) << 1002;
        QTest::addRow("opcode 11") << clientFrame({0xB, {}}) << 1002;
        QTest::addRow("fragmented ping") << clientFrame({0x9, "x", false}) << 1002;
        QTest::addRow("ping of 126 bytes") << clientFrame({0x9, QByteArray(126, 'p')}) << 1002;
        QTest::addRow("continuation first") << clientFrame({0x0, "x"}) << 1002;
        QTest::addRow("message inside a message")
            << clientFrame({0x2, "x", false}) + clientFrame({0x2, "y"}) << 1002;
        QTest::addRow("text not UTF-8") << clientFrame({0x1, "\xc3\x28"}) << 1007;
        QTest::addRow("text cut mid-character")
            << clientFrame({0x1, QByteArray("가").left(2)}) << 1007;
        QTest::addRow("close of one byte") << clientFrame({0x8, "x"}) << 1002;
        QTest::addRow("close status 1005") << clientFrame({0x8, closeBody(1005)}) << 1002;
        QTest::addRow("close status 999") << clientFrame({0x8, closeBody(999)}) << 1002;
        QTest::addRow("close status 2000") << clientFrame({0x8, closeBody(2000)}) << 1002;
        QTest::addRow("close reason not UTF-8")
            << clientFrame({0x8, closeBody(1000, "\xff")}) << 1007;
        QByteArray huge("\x82\xff", 2); // a 64-bit length with its top bit set
        huge += QByteArray::fromHex("8000000000000001") + QByteArray(4, 'k');
        QTest::addRow("length top bit") << huge << 1002;
    }
    void violationsCloseWithTheirStatus()
    {
        QFETCH(QByteArray, wire);
        QFETCH(int, status);
        WebSocketFrameReader reader(kMax);
        reader.append(wire + clientFrame({0x2, "after"}));
        std::optional<WebSocketFrameReader::Event> event = reader.next();
        QVERIFY(event);
        QCOMPARE(event->kind, Kind::Failed);
        QCOMPARE(int(event->status), status);
        QVERIFY(!event->reason.isEmpty());
        // Nothing is read after a violation, not even what was already buffered.
        QVERIFY(!reader.next());
        reader.append(clientFrame({0x2, "later"}));
        QVERIFY(!reader.next());
    }

    void tooBigIsRefusedOnTheHeader()
    {
        // Only the header of a frame over the limit is sent: the reader fails at once
        // instead of waiting for (and keeping) its payload.
        WebSocketFrameReader reader(1000);
        reader.append(clientFrame({0x2, QByteArray(1001, 'x')}).left(8));
        const auto event = reader.next();
        QVERIFY(event);
        QCOMPARE(event->kind, Kind::Failed);
        QCOMPARE(event->status, CloseStatus::TooBig);

        // The same across fragments: 600 + 401 > 1000.
        WebSocketFrameReader fragmented(1000);
        fragmented.append(clientFrame({0x2, QByteArray(600, 'x'), false}) +
                          clientFrame({0x0, QByteArray(401, 'x')}).left(8));
        QCOMPARE(fragmented.next()->status, CloseStatus::TooBig);

        // Exactly at the limit passes.
        WebSocketFrameReader atLimit(1000);
        atLimit.append(clientFrame({0x2, QByteArray(600, 'x'), false}) +
                       clientFrame({0x0, QByteArray(400, 'y')}));
        QCOMPARE(atLimit.next()->payload.size(), 1000);
    }

    void closeFrames()
    {
        WebSocketFrameReader empty(kMax);
        empty.append(clientFrame({0x8, {}}) + clientFrame({0x2, "after close"}));
        auto event = empty.next();
        QCOMPARE(event->kind, Kind::Close);
        QCOMPARE(event->status, quint16(0));
        QVERIFY(!empty.next()); // nothing after a close

        WebSocketFrameReader withReason(kMax);
        withReason.append(clientFrame({0x8, closeBody(4001, "잘 가")}));
        event = withReason.next();
        QCOMPARE(event->kind, Kind::Close);
        QCOMPARE(event->status, quint16(4001));
        QCOMPARE(event->reason, QStringLiteral("잘 가"));
    }

    void serverFrames()
    {
        QCOMPARE(encodeFrame(Opcode::Binary, {}), QByteArray("\x82\x00", 2));
        QCOMPARE(encodeFrame(Opcode::Ping, "hi"), QByteArray("\x89\x02hi", 4));
        for (const qsizetype size : {125, 126, 65535, 65536}) {
            const QByteArray payload = pattern(size);
            const QByteArray frame = encodeFrame(Opcode::Binary, payload);
            const qsizetype header = size < 126 ? 2 : size <= 65535 ? 4 : 10;
            QCOMPARE(frame.size(), header + size);
            QCOMPARE(uchar(frame[1]) & 0x80, 0); // servers do not mask
            QCOMPARE(frame.mid(header), payload);
        }
        // A close reason is cut to fit 125 bytes, never inside a character.
        const QString longReason = QString(60, QChar(0xAC00)); // 180 bytes of UTF-8
        const QByteArray close = closePayload(1008, longReason);
        QVERIFY(close.size() <= kMaxControlPayload);
        QCOMPARE(qFromBigEndian<quint16>(close.constData()), quint16(1008));
        QCOMPARE(QString::fromUtf8(close.mid(2)), QString(41, QChar(0xAC00)));
    }
    void clientFramesAsWeWriteThem()
    {
        for (const qsizetype size : {0, 3, 125, 126, 65535, 65536, 100001}) {
            const QByteArray payload = pattern(size);
            const QByteArray frame = encodeMaskedFrame(Opcode::Binary, payload, 0xA1B2C3D4);
            const qsizetype header = (size < 126 ? 2 : size <= 65535 ? 4 : 10) + 4;
            QCOMPARE(frame.size(), header + size);
            QVERIFY(uchar(frame[1]) & 0x80);
            if (size >= 4)
                QVERIFY(frame.mid(header) != payload); // masked on the wire
            WebSocketFrameReader reader(kMax);
            reader.append(frame);
            const auto event = reader.next();
            QVERIFY(event);
            QCOMPARE(event->kind, Kind::Binary);
            QCOMPARE(event->payload, payload);
        }
    }

    void readingAServer()
    {
        // A client reads unmasked frames, and a masked one is a violation.
        WebSocketFrameReader reader(kMax, WebSocketFrameReader::Sender::Server);
        reader.append(encodeFrame(Opcode::Binary, pattern(70000)) + encodeFrame(Opcode::Ping, "p") +
                      encodeFrame(Opcode::Close, closePayload(4000, QStringLiteral("bye"))));
        QCOMPARE(reader.next()->payload, pattern(70000));
        QCOMPARE(reader.next()->kind, Kind::Ping);
        const auto close = reader.next();
        QCOMPARE(close->kind, Kind::Close);
        QCOMPARE(close->status, quint16(4000));

        WebSocketFrameReader strict(kMax, WebSocketFrameReader::Sender::Server);
        strict.append(encodeMaskedFrame(Opcode::Binary, "x", 1));
        const auto failed = strict.next();
        QCOMPARE(failed->kind, Kind::Failed);
        QCOMPARE(failed->status, CloseStatus::ProtocolError);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFrameReader)
#include "TestWebSocketFrameReader.moc"
