// Log line formatting: the human-readable text form and the one-object-per-line JSON form.

#include "util/LogOutput.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>

using moim::util::formatLogLine;
using moim::util::LogFormat;

namespace {

constexpr qint64 kEpochMs = 1700000000123; // 2023-11-14T22:13:20.123Z

QJsonObject parseLine(const QString& line, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = parseError.errorString();
        return {};
    }
    if (!document.isObject()) {
        *error = QStringLiteral("not an object");
        return {};
    }
    return document.object();
}

} // namespace

class TestLogOutput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textLine_data();
    void textLine();
    void jsonLine_data();
    void jsonLine();
    void jsonEscapesTheMessage_data();
    void jsonEscapesTheMessage();
    void missingCategory();
};

void TestLogOutput::textLine_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("expected");

    const QString prefix = QStringLiteral("2023-11-14T22:13:20.123Z ");
    QTest::newRow("debug") << int(QtDebugMsg)
                           << QString(prefix + QStringLiteral("debug moim.server: hello"));
    QTest::newRow("info") << int(QtInfoMsg)
                          << QString(prefix + QStringLiteral("info moim.server: hello"));
    QTest::newRow("warning") << int(QtWarningMsg)
                             << QString(prefix + QStringLiteral("warning moim.server: hello"));
    QTest::newRow("critical") << int(QtCriticalMsg)
                              << QString(prefix + QStringLiteral("error moim.server: hello"));
    QTest::newRow("fatal") << int(QtFatalMsg)
                           << QString(prefix + QStringLiteral("fatal moim.server: hello"));
}

void TestLogOutput::textLine()
{
    QFETCH(int, type);
    QFETCH(QString, expected);
    QCOMPARE(formatLogLine(LogFormat::Text, QtMsgType(type), "moim.server", QStringLiteral("hello"),
                           kEpochMs),
             expected);
}

void TestLogOutput::jsonLine_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("level");

    QTest::newRow("debug") << int(QtDebugMsg) << QStringLiteral("debug");
    QTest::newRow("info") << int(QtInfoMsg) << QStringLiteral("info");
    QTest::newRow("warning") << int(QtWarningMsg) << QStringLiteral("warning");
    QTest::newRow("critical") << int(QtCriticalMsg) << QStringLiteral("error");
    QTest::newRow("fatal") << int(QtFatalMsg) << QStringLiteral("fatal");
}

void TestLogOutput::jsonLine()
{
    QFETCH(int, type);
    QFETCH(QString, level);

    const QString line = formatLogLine(LogFormat::Json, QtMsgType(type), "moim.db",
                                       QStringLiteral("opened"), kEpochMs);
    QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
    QString error;
    const QJsonObject object = parseLine(line, &error);
    QVERIFY2(error.isEmpty(), qPrintable(QString(error + QStringLiteral(": ") + line)));
    QCOMPARE(object.size(), 4);
    QCOMPARE(object.value(QStringLiteral("ts")).toString(),
             QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(object.value(QStringLiteral("level")).toString(), level);
    QCOMPARE(object.value(QStringLiteral("category")).toString(), QStringLiteral("moim.db"));
    QCOMPARE(object.value(QStringLiteral("msg")).toString(), QStringLiteral("opened"));
}

void TestLogOutput::jsonEscapesTheMessage_data()
{
    QTest::addColumn<QString>("message");

    QTest::newRow("quotes") << QStringLiteral("user \"alice\" said 'hi'");
    QTest::newRow("newlines") << QStringLiteral("first line\nsecond line\r\nthird");
    QTest::newRow("backslashes") << QStringLiteral("C:\\path\\to\\file \\n is not a newline");
    QTest::newRow("control characters") << QStringLiteral("tab\there bell\u0007 esc\u001b end");
    QTest::newRow("looks like JSON") << QStringLiteral("\"}, {\"level\": \"fatal\"");
    QTest::newRow("unicode") << QStringLiteral("\u00e5\u4e2d\U0001F600 \u2028 \u2029");
    QTest::newRow("empty") << QString();
}

void TestLogOutput::jsonEscapesTheMessage()
{
    QFETCH(QString, message);

    const QString line = formatLogLine(LogFormat::Json, QtWarningMsg, "moim.net", message, 0);
    // One object per line, whatever the message holds.
    QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
    QVERIFY2(!line.contains(QLatin1Char('\r')), qPrintable(line));
    QString error;
    const QJsonObject object = parseLine(line, &error);
    QVERIFY2(error.isEmpty(), qPrintable(QString(error + QStringLiteral(": ") + line)));
    QCOMPARE(object.size(), 4);
    QCOMPARE(object.value(QStringLiteral("msg")).toString(), message);
    QCOMPARE(object.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
    QCOMPARE(object.value(QStringLiteral("category")).toString(), QStringLiteral("moim.net"));
    QCOMPARE(object.value(QStringLiteral("ts")).toString(),
             QStringLiteral("1970-01-01T00:00:00.000Z"));
    if (message.contains(QLatin1Char('"')))
        QVERIFY2(line.contains(QStringLiteral("\\\"")), qPrintable(line));
    if (message.contains(QLatin1Char('\n')))
        QVERIFY2(line.contains(QStringLiteral("\\n")), qPrintable(line));
}

void TestLogOutput::missingCategory()
{
    QCOMPARE(formatLogLine(LogFormat::Text, QtInfoMsg, nullptr, QStringLiteral("x"), 0),
             QStringLiteral("1970-01-01T00:00:00.000Z info default: x"));
    QString error;
    const QJsonObject object = parseLine(
        formatLogLine(LogFormat::Json, QtInfoMsg, nullptr, QStringLiteral("x"), 0), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(object.value(QStringLiteral("category")).toString(), QStringLiteral("default"));
}

QTEST_GUILESS_MAIN(TestLogOutput)
#include "TestLogOutput.moc"
