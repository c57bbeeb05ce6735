// The CBOR frame envelope: round trips, every decode error, and fuzzing with random and mutated
// input (seeded, so that a failure can be reproduced).

#include "protocol/AccountMessages.h"
#include "protocol/DeviceMessages.h"
#include "protocol/Frame.h"

#include <QCborArray>
#include <QCborValue>
#include <QObject>
#include <QRandomGenerator>
#include <QTest>
#include <cmath>
#include <limits>

using namespace moim::protocol;

namespace {

constexpr qint64 kMaxRequestId = (qint64(1) << 53) - 1;
constexpr qint64 kNoId = -1; // in test data: the envelope has, or the error names, no request id
constexpr quint32 kFuzzSeed = 0x4d6f696d; // "Moim"
constexpr int kFuzzRounds = 20000;

QByteArray toCbor(const QCborValue& value)
{
    return value.toCbor();
}

// A well-formed envelope as a map, to be spoiled one field at a time.
QCborMap envelope(qint64 id = 77)
{
    QCborMap map{
        {QStringLiteral("v"), 1},
        {QStringLiteral("t"), qint64(MessageType::SignUp)},
        {QStringLiteral("b"), QCborMap{{QStringLiteral("username"), QStringLiteral("a")}}}};
    if (id != kNoId)
        map.insert(QStringLiteral("id"), id);
    return map;
}

QCborMap envelopeWith(const QString& key, const QCborValue& value, qint64 id = 77)
{
    QCborMap map = envelope(id);
    map.insert(key, value);
    return map;
}

QCborMap envelopeWithout(const QString& key, qint64 id = 77)
{
    QCborMap map = envelope(id);
    map.remove(key);
    return map;
}

bool containsNaN(const QCborValue& value)
{
    if (value.isDouble())
        return std::isnan(value.toDouble());
    if (value.isArray()) {
        const QCborArray array = value.toArray();
        for (const QCborValue& item : array) {
            if (containsNaN(item))
                return true;
        }
    }
    if (value.isMap()) {
        const QCborMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (containsNaN(it.key()) || containsNaN(it.value()))
                return true;
        }
    }
    if (value.isTag())
        return containsNaN(value.taggedValue());
    return false;
}

// What must hold for any input: either a frame within the envelope's ranges that survives
// re-encoding, or an error with a code a peer can be sent and a message.
// Returns an empty string when it holds, else what went wrong.
QString checkDecodeContract(const QByteArray& bytes, bool* decoded)
{
    const DecodedFrame result = decodeFrame(bytes);
    *decoded = result.frame.has_value();
    if (result.frame) {
        const Frame& frame = *result.frame;
        if (!messageTypeFromNumber(quint32(frame.type)))
            return QStringLiteral("decoded an unknown type");
        if (frame.requestId && *frame.requestId > quint64(kMaxRequestId))
            return QStringLiteral("decoded a request id above 2^53-1");
        const DecodedFrame again = decodeFrame(frame.encode());
        if (!again.frame)
            return QStringLiteral("re-encoded frame does not decode: ") + again.error.message;
        // NaN is never equal to itself, so such bodies cannot be compared.
        if (!containsNaN(frame.body) && !(*again.frame == frame))
            return QStringLiteral("re-encoded frame decodes differently");
        return {};
    }
    const FrameDecodeError& error = result.error;
    if (error.code != ErrorCode::BadFrame && error.code != ErrorCode::UnknownType)
        return QStringLiteral("unexpected error code %1").arg(quint32(error.code));
    if (error.message.isEmpty())
        return QStringLiteral("error without a message");
    if (error.requestId && *error.requestId > quint64(kMaxRequestId))
        return QStringLiteral("error names a request id above 2^53-1");
    return {};
}

QByteArray mutate(QByteArray bytes, QRandomGenerator& rng)
{
    const int operations = int(rng.bounded(1, 5));
    for (int i = 0; i < operations; ++i) {
        const int size = int(bytes.size());
        const int at = size > 0 ? int(rng.bounded(size)) : 0;
        switch (rng.bounded(7)) {
        case 0: // replace a byte
            if (size > 0)
                bytes[at] = char(rng.bounded(256));
            break;
        case 1: // flip a bit
            if (size > 0)
                bytes[at] = char(bytes.at(at) ^ char(1 << rng.bounded(8)));
            break;
        case 2: // insert a byte
            bytes.insert(at, char(rng.bounded(256)));
            break;
        case 3: // delete a byte
            if (size > 0)
                bytes.remove(at, 1);
            break;
        case 4: // truncate
            bytes.truncate(at);
            break;
        case 5: { // duplicate a slice
            const int length = int(rng.bounded(1, 9));
            bytes.insert(at, bytes.mid(at, length));
            break;
        }
        case 6: // set a byte to an extreme: a long length argument, break, or zero
            if (size > 0) {
                const char extremes[] = {'\x1b', '\x5b', '\x7b', '\x9b', '\xbb', '\xff', '\x00'};
                bytes[at] = extremes[rng.bounded(int(sizeof(extremes)))];
            }
            break;
        }
    }
    return bytes;
}

} // namespace

class TestFrameCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void roundTripOfEveryType();
    void encodesTheEnvelopeFields();
    void decodeErrors_data();
    void decodeErrors();
    void deepNestingIsRejected();
    void fuzzRandomBytes();
    void fuzzMutatedFrames();
};

void TestFrameCodec::roundTrip_data()
{
    QTest::addColumn<quint32>("version");
    QTest::addColumn<quint32>("type");
    QTest::addColumn<qint64>("requestId");
    QTest::addColumn<QCborMap>("body");

    const QCborMap signUp = SignUp{QStringLiteral("alice"), QStringLiteral("correct horse"),
                                   QString(), QStringLiteral("laptop")}
                                .toCbor();
    QTest::newRow("request") << 1u << quint32(MessageType::SignUp) << qint64(7) << signUp;
    QTest::newRow("no request id") << 1u << quint32(MessageType::Ok) << kNoId << QCborMap();
    QTest::newRow("request id 0") << 1u << quint32(MessageType::Ok) << qint64(0) << QCborMap();
    QTest::newRow("request id 2^53-1")
        << 1u << quint32(MessageType::Ok) << kMaxRequestId << QCborMap();
    QTest::newRow("version 0") << 0u << quint32(MessageType::Hello) << qint64(1) << QCborMap();
    QTest::newRow("version 2^32-1")
        << 0xffffffffu << quint32(MessageType::Hello) << qint64(1) << QCborMap();
    const QCborMap nested{
        {QStringLiteral("text"), QStringLiteral("\u00e9\u4e2d\U0001F600")},
        {QStringLiteral("bytes"), QByteArray("\x00\x01\xff", 3)},
        {QStringLiteral("negative"), std::numeric_limits<qint64>::min()},
        {QStringLiteral("double"), 0.5},
        {QStringLiteral("null"), QCborValue(QCborValue::Null)},
        {QStringLiteral("bool"), false},
        {QStringLiteral("array"), QCborArray{1, QCborArray{}, QCborMap{{1, 2}}}},
        {QStringLiteral("map"), QCborMap{{QStringLiteral("inner"), QCborMap{}}}},
        {42, QStringLiteral("integer key")},
    };
    QTest::newRow("nested body") << 1u << quint32(MessageType::DeviceList) << qint64(3) << nested;
}

void TestFrameCodec::roundTrip()
{
    QFETCH(quint32, version);
    QFETCH(quint32, type);
    QFETCH(qint64, requestId);
    QFETCH(QCborMap, body);

    Frame frame;
    frame.version = version;
    frame.type = MessageType(type);
    if (requestId != kNoId)
        frame.requestId = quint64(requestId);
    frame.body = body;

    const QByteArray bytes = frame.encode();
    const DecodedFrame decoded = decodeFrame(bytes);
    QVERIFY2(decoded.frame, qPrintable(decoded.error.message));
    QCOMPARE(decoded.frame->version, version);
    QCOMPARE(quint32(decoded.frame->type), type);
    QCOMPARE(decoded.frame->requestId.has_value(), requestId != kNoId);
    if (requestId != kNoId)
        QCOMPARE(*decoded.frame->requestId, quint64(requestId));
    QCOMPARE(decoded.frame->body, body);
    QVERIFY(*decoded.frame == frame);
    QCOMPARE(decoded.frame->encode(), bytes);
}

void TestFrameCodec::roundTripOfEveryType()
{
    for (quint32 number = 1; number <= kLastMessageType; ++number) {
        const Frame frame{1, MessageType(number), number, QCborMap{{QStringLiteral("n"), number}}};
        const DecodedFrame decoded = decodeFrame(frame.encode());
        QVERIFY2(decoded.frame, qPrintable(decoded.error.message));
        QVERIFY(*decoded.frame == frame);
    }
}

void TestFrameCodec::encodesTheEnvelopeFields()
{
    const Frame frame{1, MessageType::Resume, 9, QCborMap{{QStringLiteral("token"), QByteArray()}}};
    const QCborValue value = QCborValue::fromCbor(frame.encode());
    QVERIFY(value.isMap());
    const QCborMap map = value.toMap();
    QCOMPARE(map.size(), 4);
    QCOMPARE(map.value(QStringLiteral("v")).toInteger(), 1);
    QCOMPARE(map.value(QStringLiteral("t")).toInteger(), qint64(MessageType::Resume));
    QCOMPARE(map.value(QStringLiteral("id")).toInteger(), 9);
    QCOMPARE(map.value(QStringLiteral("b")).toMap(), frame.body);

    Frame event = frame;
    event.requestId.reset();
    const QCborMap withoutId = QCborValue::fromCbor(event.encode()).toMap();
    QCOMPARE(withoutId.size(), 3);
    QVERIFY(!withoutId.contains(QStringLiteral("id")));
}

void TestFrameCodec::decodeErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<qint64>("requestId");
    QTest::addColumn<QString>("messagePart");

    const ErrorCode bad = ErrorCode::BadFrame;
    const QString notCbor = QStringLiteral("not valid CBOR");
    const QString notMap = QStringLiteral("not a CBOR map");
    const QString v = QStringLiteral("\"v\"");
    const QString t = QStringLiteral("\"t\"");
    const QString b = QStringLiteral("\"b\"");
    const QString id = QStringLiteral("\"id\"");
    const QString unknown = QStringLiteral("unknown message type");

    QTest::newRow("empty") << QByteArray() << bad << kNoId << QStringLiteral("empty");

    // Not CBOR at all.
    QTest::newRow("lone break byte") << QByteArray::fromHex("ff") << bad << kNoId << notCbor;
    QTest::newRow("reserved additional information")
        << QByteArray::fromHex("1c") << bad << kNoId << notCbor;
    QTest::newRow("truncated map") << QByteArray::fromHex("a4617601") << bad << kNoId << notCbor;
    QTest::newRow("truncated integer") << QByteArray::fromHex("1a0001") << bad << kNoId << notCbor;
    QTest::newRow("byte string longer than the input")
        << QByteArray::fromHex("5bffffffffffffffff") << bad << kNoId << notCbor;
    QTest::newRow("array longer than the input")
        << QByteArray::fromHex("9b00000000ffffffff01") << bad << kNoId << notCbor;
    QTest::newRow("map longer than the input")
        << QByteArray::fromHex("bb7fffffffffffffff") << bad << kNoId << notCbor;
    QTest::newRow("indefinite text without break")
        << QByteArray::fromHex("7f6161") << bad << kNoId << notCbor;
    QTest::newRow("invalid UTF-8 in text")
        << QByteArray::fromHex("62c328") << bad << kNoId << notCbor;
    QTest::newRow("ascii garbage")
        << QByteArrayLiteral("\xfe\xfd garbage") << bad << kNoId << notCbor;

    // CBOR, but not a map.
    QTest::newRow("array") << QByteArray::fromHex("820102") << bad << kNoId << notMap;
    QTest::newRow("integer") << QByteArray::fromHex("05") << bad << kNoId << notMap;
    QTest::newRow("text") << QByteArray::fromHex("63616263") << bad << kNoId << notMap;
    QTest::newRow("null") << QByteArray::fromHex("f6") << bad << kNoId << notMap;
    QTest::newRow("tagged map") << toCbor(QCborValue(QCborKnownTags(1000), envelope())) << bad
                                << kNoId << notMap;

    // Bytes after the item.
    const QByteArray valid = toCbor(envelope());
    QTest::newRow("trailing zero byte")
        << QByteArray(valid + '\0') << bad << kNoId << QStringLiteral("trailing");
    QTest::newRow("two frames") << QByteArray(valid + valid) << bad << kNoId
                                << QStringLiteral("trailing");

    // Envelope fields; the request id, once read, is kept so the error can be matched.
    QTest::newRow("v missing") << toCbor(envelopeWithout(QStringLiteral("v"))) << bad << qint64(77)
                               << v;
    QTest::newRow("v text") << toCbor(envelopeWith(QStringLiteral("v"), QStringLiteral("1"))) << bad
                            << qint64(77) << v;
    QTest::newRow("v negative") << toCbor(envelopeWith(QStringLiteral("v"), -1)) << bad
                                << qint64(77) << v;
    QTest::newRow("v above 2^32-1")
        << toCbor(envelopeWith(QStringLiteral("v"), qint64(1) << 32)) << bad << qint64(77) << v;
    QTest::newRow("v double") << toCbor(envelopeWith(QStringLiteral("v"), 1.0)) << bad << qint64(77)
                              << v;
    QTest::newRow("v null") << toCbor(
                                   envelopeWith(QStringLiteral("v"), QCborValue(QCborValue::Null)))
                            << bad << qint64(77) << v;
    QTest::newRow("t missing") << toCbor(envelopeWithout(QStringLiteral("t"))) << bad << qint64(77)
                               << t;
    QTest::newRow("t text") << toCbor(envelopeWith(QStringLiteral("t"), QStringLiteral("4"))) << bad
                            << qint64(77) << t;
    QTest::newRow("t negative") << toCbor(envelopeWith(QStringLiteral("t"), -4)) << bad
                                << qint64(77) << t;
    QTest::newRow("t double") << toCbor(envelopeWith(QStringLiteral("t"), 4.0)) << bad << qint64(77)
                              << t;
    QTest::newRow("t missing, no id")
        << toCbor(envelopeWithout(QStringLiteral("t"), kNoId)) << bad << kNoId << t;
    QTest::newRow("b missing") << toCbor(envelopeWithout(QStringLiteral("b"))) << bad << qint64(77)
                               << b;
    QTest::newRow("b array") << toCbor(envelopeWith(QStringLiteral("b"), QCborArray{})) << bad
                             << qint64(77) << b;
    QTest::newRow("b null") << toCbor(
                                   envelopeWith(QStringLiteral("b"), QCborValue(QCborValue::Null)))
                            << bad << qint64(77) << b;
    QTest::newRow("b text") << toCbor(envelopeWith(QStringLiteral("b"), QStringLiteral("{}")))
                            << bad << qint64(77) << b;

    // The request id itself.
    QTest::newRow("id -1") << toCbor(envelopeWith(QStringLiteral("id"), -1)) << bad << kNoId << id;
    QTest::newRow("id 2^53") << toCbor(envelope(kMaxRequestId + 1)) << bad << kNoId << id;
    QTest::newRow("id 2^63-1") << toCbor(envelope(std::numeric_limits<qint64>::max())) << bad
                               << kNoId << id;
    QTest::newRow("id 2^64-1") << QByteArray::fromHex(
                                      "a4 6176 01 6174 04 626964 1bffffffffffffffff 6162 a0")
                               << bad << kNoId << id;
    QTest::newRow("id text") << toCbor(envelopeWith(QStringLiteral("id"), QStringLiteral("7")))
                             << bad << kNoId << id;
    QTest::newRow("id double") << toCbor(envelopeWith(QStringLiteral("id"), 7.0)) << bad << kNoId
                               << id;
    QTest::newRow("id null") << toCbor(envelopeWith(QStringLiteral("id"),
                                                    QCborValue(QCborValue::Null)))
                             << bad << kNoId << id;

    // Unknown types are told apart from malformed frames, and keep the request id.
    const ErrorCode unknownType = ErrorCode::UnknownType;
    QTest::newRow("type 0") << toCbor(envelopeWith(QStringLiteral("t"), 0)) << unknownType
                            << qint64(77) << unknown;
    QTest::newRow("type last+1") << toCbor(envelopeWith(QStringLiteral("t"),
                                                        qint64(kLastMessageType) + 1))
                                 << unknownType << qint64(77) << unknown;
    QTest::newRow("type 2^32+1 (would wrap to 1)")
        << toCbor(envelopeWith(QStringLiteral("t"), (qint64(1) << 32) + 1)) << unknownType
        << qint64(77) << unknown;
    QTest::newRow("type 2^63-1") << toCbor(envelopeWith(QStringLiteral("t"),
                                                        std::numeric_limits<qint64>::max()))
                                 << unknownType << qint64(77) << unknown;
    QTest::newRow("type last+1, id 0")
        << toCbor(envelopeWith(QStringLiteral("t"), qint64(kLastMessageType) + 1, 0)) << unknownType
        << qint64(0) << unknown;
    QTest::newRow("type last+1, id 2^53-1")
        << toCbor(envelopeWith(QStringLiteral("t"), qint64(kLastMessageType) + 1, kMaxRequestId))
        << unknownType << kMaxRequestId << unknown;
    QTest::newRow("type last+1, no id")
        << toCbor(envelopeWith(QStringLiteral("t"), qint64(kLastMessageType) + 1, kNoId))
        << unknownType << kNoId << unknown;
}

void TestFrameCodec::decodeErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, code);
    QFETCH(qint64, requestId);
    QFETCH(QString, messagePart);

    const DecodedFrame decoded = decodeFrame(bytes);
    QVERIFY2(!decoded.frame, "decoded a bad frame");
    QCOMPARE(decoded.error.code, code);
    QVERIFY2(decoded.error.message.contains(messagePart),
             qPrintable(QString(decoded.error.message + QStringLiteral(" lacks ") + messagePart)));
    QCOMPARE(decoded.error.requestId.has_value(), requestId != kNoId);
    if (requestId != kNoId)
        QCOMPARE(*decoded.error.requestId, quint64(requestId));
}

void TestFrameCodec::deepNestingIsRejected()
{
    // A frame of nested arrays or maps must not exhaust the stack.
    const QByteArray arrays = QByteArray(100000, '\x81') + '\x00';
    QCOMPARE(decodeFrame(arrays).error.code, ErrorCode::BadFrame);
    QByteArray maps;
    for (int i = 0; i < 50000; ++i)
        maps += QByteArrayLiteral("\xa1\x61\x62");
    maps += QByteArrayLiteral("\xa0");
    QVERIFY(!decodeFrame(maps).frame);
    QByteArray tags;
    for (int i = 0; i < 50000; ++i)
        tags += QByteArrayLiteral("\xd9\x03\xe8"); // tag(1000)
    tags += QByteArrayLiteral("\xa0");
    QVERIFY(!decodeFrame(tags).frame);
}

void TestFrameCodec::fuzzRandomBytes()
{
    QRandomGenerator rng(kFuzzSeed);
    int decodedCount = 0;
    for (int round = 0; round < kFuzzRounds; ++round) {
        // Mostly short inputs; now and then a longer one. Half start as a map, to get further.
        const int length = round % 10 == 0 ? int(rng.bounded(1024)) : int(rng.bounded(48));
        QByteArray bytes(length, Qt::Uninitialized);
        for (char& byte : bytes)
            byte = char(rng.bounded(256));
        if (length > 0 && round % 2 == 0)
            bytes[0] = char(0xa0 + rng.bounded(6));
        bool decoded = false;
        const QString problem = checkDecodeContract(bytes, &decoded);
        if (!problem.isEmpty())
            QFAIL(qPrintable(QStringLiteral("round %1, input %2: %3")
                                 .arg(round)
                                 .arg(QString::fromLatin1(bytes.toHex()), problem)));
        decodedCount += decoded ? 1 : 0;
    }
    qDebug("random bytes: %d of %d decoded", decodedCount, kFuzzRounds);
}

void TestFrameCodec::fuzzMutatedFrames()
{
    const QList<QByteArray> seeds{
        makeFrame(SignUp{QStringLiteral("alice"), QStringLiteral("correct horse"),
                         QStringLiteral("\u00c5lice"), QStringLiteral("laptop")},
                  1, 5)
            .encode(),
        makeFrame(
            DeviceList{{DeviceInfo{7, QStringLiteral("laptop"), 1700000000000, 1700000500000, true},
                        DeviceInfo{9, QStringLiteral("phone"), 0, -1, false}}},
            1, 12)
            .encode(),
        Frame{1, MessageType::Ok, std::nullopt, {}}.encode(),
    };
    QRandomGenerator rng(kFuzzSeed + 1);
    int decodedCount = 0;
    int unknownTypeCount = 0;
    for (int round = 0; round < kFuzzRounds; ++round) {
        const QByteArray bytes = mutate(seeds.at(round % seeds.size()), rng);
        bool decoded = false;
        const QString problem = checkDecodeContract(bytes, &decoded);
        if (!problem.isEmpty())
            QFAIL(qPrintable(QStringLiteral("round %1, input %2: %3")
                                 .arg(round)
                                 .arg(QString::fromLatin1(bytes.toHex()), problem)));
        decodedCount += decoded ? 1 : 0;
        if (!decoded && decodeFrame(bytes).error.code == ErrorCode::UnknownType)
            ++unknownTypeCount;
    }
    qDebug("mutated frames: %d of %d decoded, %d unknown types", decodedCount, kFuzzRounds,
           unknownTypeCount);
    // The mutations reach both outcomes, else this fuzzing would test little.
    QVERIFY(decodedCount > 0);
    QVERIFY(decodedCount < kFuzzRounds);
    QVERIFY(unknownTypeCount > 0);
}

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "TestFrameCodec.moc"
