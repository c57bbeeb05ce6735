// PostgreSQL array literals (server/PgArrays.h) read back by a real PostgreSQL, element for
// element: whatever bytes or text a client sends must come out of unnest() unchanged.
#include <QTest>
#include <limits>
#include <server/DbContext.h>
#include <server/PgArrays.h>
#include <testsupport/TestDatabases.h>

using namespace moim::server;

class TestPgArrays : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripsThroughPostgres();
    void emptyLists();
};

void TestPgArrays::roundTripsThroughPostgres()
{
    MOIM_SCRATCH_DATABASE(db, QStringLiteral("postgres"));
    DbContext context(QStringLiteral("pg-arrays"), db.settings());
    context.ensureOpen();

    const QList<qint64> numbers{0, -1, 42, std::numeric_limits<qint64>::max(),
                                std::numeric_limits<qint64>::min()};
    QSqlQuery& ints =
        context.exec(QStringLiteral("SELECT unnest(?::bigint[])"), {pg::bigintArray(numbers)});
    QList<qint64> readInts;
    while (ints.next())
        readInts.append(ints.value(0).toLongLong());
    QCOMPARE(readInts, numbers);

    QByteArray everyByte;
    for (int b = 0; b < 256; ++b)
        everyByte.append(char(b));
    const QList<QByteArray> blobs{everyByte, QByteArray("", 0), QByteArray(),
                                  QByteArray("\",\\{}' NULL")};
    QSqlQuery& bytes = context.exec(QStringLiteral("SELECT b, b IS NULL FROM unnest(?::bytea[]) b"),
                                    {pg::byteaArray(blobs)});
    QList<QByteArray> readBytes;
    QList<bool> nulls;
    while (bytes.next()) {
        readBytes.append(bytes.value(0).toByteArray());
        nulls.append(bytes.value(1).toBool());
    }
    QCOMPARE(nulls, (QList<bool>{false, false, true, false}));
    QCOMPARE(readBytes.at(0), everyByte);
    QVERIFY(readBytes.at(1).isEmpty());
    QCOMPARE(readBytes.at(3), blobs.at(3));

    const QStringList texts{QString(), QStringLiteral("1,2,3"), QStringLiteral("NULL"),
                            QStringLiteral("quote \" backslash \\ brace {} apostrophe '"),
                            QStringLiteral("모임 ✓")};
    QSqlQuery& strings = context.exec(
        QStringLiteral("SELECT t, t IS NULL FROM unnest(?::text[]) t"), {pg::textArray(texts)});
    QStringList readTexts;
    while (strings.next()) {
        QVERIFY(!strings.value(1).toBool()); // text arrays hold no NULLs, "NULL" included
        readTexts.append(strings.value(0).toString());
    }
    QCOMPARE(readTexts.size(), texts.size());
    QVERIFY(readTexts.at(0).isEmpty());
    for (int i = 1; i < texts.size(); ++i)
        QCOMPARE(readTexts.at(i), texts.at(i));
}

void TestPgArrays::emptyLists()
{
    QCOMPARE(pg::bigintArray({}), QStringLiteral("{}"));
    QCOMPARE(pg::byteaArray({}), QStringLiteral("{}"));
    QCOMPARE(pg::textArray({}), QStringLiteral("{}"));
}

QTEST_GUILESS_MAIN(TestPgArrays)
#include "TestPgArrays.moc"
