// Trimmed socket buffers free what Qt would keep per socket once emptied, and never change
// what goes through them: bursts, pipelined reads and data buffered while trimming arrive whole.
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <malloc.h>
#include <memory>
#include <util/SocketBuffers.h>
#include <vector>

namespace {

struct SocketPair {
    std::unique_ptr<QTcpSocket> client = std::make_unique<QTcpSocket>();
    std::unique_ptr<QTcpSocket> accepted;
};

SocketPair connectPair(QTcpServer& server)
{
    SocketPair pair;
    pair.client->connectToHost(QHostAddress::LocalHost, server.serverPort());
    if (!pair.client->waitForConnected(5000) || !server.waitForNewConnection(5000))
        return pair;
    pair.accepted.reset(server.nextPendingConnection());
    pair.accepted->setParent(nullptr);
    return pair;
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

// Reads exactly size bytes from reader, in pieces of varied size as a frame parser does, while
// writer drains its queue into the connection.
QByteArray transfer(QTcpSocket& writer, QTcpSocket& reader, qsizetype size)
{
    QByteArray received;
    QElapsedTimer waited;
    waited.start();
    while (received.size() < size && waited.elapsed() < 20'000) {
        writer.flush();
        if (reader.bytesAvailable() == 0 && !reader.waitForReadyRead(50))
            continue;
        const qint64 piece = 1 + QRandomGenerator::global()->bounded(3000);
        received += reader.read(std::min<qint64>(piece, size - received.size()));
    }
    return received;
}

size_t heapInUse()
{
    return mallinfo2().uordblks;
}

} // namespace

class TestSocketBuffers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.listen(QHostAddress::LocalHost)); }

    void dataPassesWhole()
    {
        SocketPair pair = connectPair(m_server);
        QVERIFY(pair.accepted);
        // Unread data in the accepted socket's read buffer while it is trimmed stays there.
        const QByteArray early = randomBytes(5000);
        pair.client->write(early);
        QVERIFY(pair.client->waitForBytesWritten(5000));
        QTRY_COMPARE(pair.accepted->bytesAvailable(), early.size());
        QCOMPARE(pair.accepted->read(100), early.left(100));
        moim::util::trimSocketBuffers(*pair.accepted);
        QCOMPARE(pair.accepted->readAll(), early.mid(100));

        // A megabyte each way, written in many pieces, queued faster than it drains.
        const QByteArray inbound = randomBytes(1 << 20);
        for (qsizetype at = 0; at < inbound.size(); at += 7001)
            pair.client->write(inbound.mid(at, 7001));
        QCOMPARE(transfer(*pair.client, *pair.accepted, inbound.size()), inbound);

        const QByteArray outbound = randomBytes(1 << 20);
        for (qsizetype at = 0; at < outbound.size(); at += 333) {
            pair.accepted->write(outbound.mid(at, 333));
            if (at % (333 * 300) == 0)
                moim::util::releaseEmptyWriteBuffer(*pair.accepted); // mid-burst: keeps all
        }
        QVERIFY(pair.accepted->bytesToWrite() > 0);
        QCOMPARE(transfer(*pair.accepted, *pair.client, outbound.size()), outbound);
        QCOMPARE(pair.accepted->bytesToWrite(), 0);
    }

    void emptyBuffersKeepNothing()
    {
        // Each socket has sent and received a little, as a session does after its hello. Qt
        // then keeps a 32 KB write chunk and a 16 KB read chunk for each.
        constexpr int kSockets = 50;
        std::vector<SocketPair> pairs;
        for (int i = 0; i < kSockets; ++i) {
            pairs.push_back(connectPair(m_server));
            QVERIFY(pairs.back().accepted);
            exchangeSmallMessages(pairs.back());
            if (QTest::currentTestFailed())
                return;
        }
        const size_t before = heapInUse();
        for (SocketPair& pair : pairs)
            moim::util::trimSocketBuffers(*pair.accepted);
        const size_t after = heapInUse();
        QVERIFY2(before > after, "trimming freed nothing");
        const size_t freedPerSocket = (before - after) / kSockets;
        QVERIFY2(freedPerSocket >= 40 * 1024,
                 qPrintable(QStringLiteral("freed %1 bytes per socket").arg(freedPerSocket)));

        // Afterwards a small read keeps at most the small read chunk (with its allocation's
        // overhead) and a released write nothing: far below the 48 KB Qt keeps.
        const size_t settled = heapInUse();
        for (SocketPair& pair : pairs) {
            exchangeSmallMessages(pair);
            if (QTest::currentTestFailed())
                return;
            moim::util::releaseEmptyWriteBuffer(*pair.accepted);
        }
        const size_t grown = heapInUse() > settled ? heapInUse() - settled : 0;
        const size_t keptPerSocket = grown / kSockets;
        QVERIFY2(keptPerSocket <= moim::util::kKeptReadChunkBytes + 1024,
                 qPrintable(QStringLiteral("kept %1 bytes per socket").arg(keptPerSocket)));
    }

private:
    // 300 bytes each way; the accepted socket reads all of it and sends all of its own.
    static void exchangeSmallMessages(SocketPair& pair)
    {
        pair.client->write(randomBytes(300));
        QVERIFY(pair.client->waitForBytesWritten(5000));
        QTRY_COMPARE(pair.accepted->bytesAvailable(), 300);
        pair.accepted->readAll();
        pair.accepted->write(randomBytes(300));
        QVERIFY(pair.accepted->waitForBytesWritten(5000));
        QCOMPARE(pair.accepted->bytesToWrite(), 0);
    }

    QTcpServer m_server;
};

QTEST_GUILESS_MAIN(TestSocketBuffers)
#include "TestSocketBuffers.moc"
