// Rules for usernames, display and device names, and passwords (shared by client and server).

#include "protocol/AccountRules.h"
#include "protocol/Limits.h"

#include <QObject>
#include <QTest>

using namespace moim::protocol;

namespace {

QString repeated(const QString& unit, int count)
{
    QString result;
    for (int i = 0; i < count; ++i)
        result += unit;
    return result;
}

} // namespace

class TestAccountRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void normalizeUsername_data();
    void normalizeUsername();
    void username_data();
    void username();
    void shownNames_data();
    void shownNames();
    void password_data();
    void password();
};

void TestAccountRules::normalizeUsername_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");

    QTest::newRow("lower case") << QStringLiteral("alice") << QStringLiteral("alice");
    QTest::newRow("upper case") << QStringLiteral("ALICE") << QStringLiteral("alice");
    QTest::newRow("mixed with digits and marks")
        << QStringLiteral("Alice_01.X-Y") << QStringLiteral("alice_01.x-y");
    // Only ASCII letters are folded: Unicode folding would turn look-alikes into valid letters.
    QTest::newRow("non-ASCII letters are left alone")
        << QStringLiteral("\u00c4LICE") << QStringLiteral("\u00c4lice");
    QTest::newRow("Kelvin sign is not folded to k")
        << QStringLiteral("\u212aELVIN") << QStringLiteral("\u212aelvin");
    QTest::newRow("dotted capital I is not folded to i")
        << QStringLiteral("\u0130NGRID") << QStringLiteral("\u0130ngrid");
}

void TestAccountRules::normalizeUsername()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QCOMPARE(moim::protocol::normalizeUsername(input), normalized);
    // Idempotent: normalizing twice changes nothing.
    QCOMPARE(moim::protocol::normalizeUsername(normalized), normalized);
}

void TestAccountRules::username_data()
{
    QTest::addColumn<QString>("input"); // as typed; the test normalizes it
    QTest::addColumn<bool>("acceptable");

    QTest::newRow("3 characters") << QStringLiteral("abc") << true;
    QTest::newRow("2 characters") << QStringLiteral("ab") << false;
    QTest::newRow("1 character") << QStringLiteral("a") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("32 characters") << QString(32, QLatin1Char('a')) << true;
    QTest::newRow("33 characters") << QString(33, QLatin1Char('a')) << false;
    QTest::newRow("upper case is normalized") << QStringLiteral("Alice") << true;
    QTest::newRow("all allowed characters") << QStringLiteral("a0.b_c-d9") << true;
    QTest::newRow("digit first") << QStringLiteral("0day") << true;
    QTest::newRow("all digits") << QStringLiteral("123") << true;
    QTest::newRow("dot first") << QStringLiteral(".alice") << false;
    QTest::newRow("underscore first") << QStringLiteral("_alice") << false;
    QTest::newRow("hyphen first") << QStringLiteral("-alice") << false;
    QTest::newRow("space inside") << QStringLiteral("al ice") << false;
    QTest::newRow("space first") << QStringLiteral(" alice") << false;
    QTest::newRow("space last") << QStringLiteral("alice ") << false;
    QTest::newRow("at sign") << QStringLiteral("al@ice") << false;
    QTest::newRow("plus sign") << QStringLiteral("al+ice") << false;
    QTest::newRow("slash") << QStringLiteral("al/ice") << false;
    QTest::newRow("tab") << QStringLiteral("al\tice") << false;
    QTest::newRow("NUL") << QString(QStringLiteral("ali") + QChar(0) + QStringLiteral("ce"))
                         << false;
    QTest::newRow("accented letter") << QStringLiteral("\u00e4lice") << false;
    QTest::newRow("accented upper case") << QStringLiteral("\u00c4LICE") << false;
    QTest::newRow("Kelvin sign") << QStringLiteral("\u212aelvin") << false;
    QTest::newRow("dotted capital I") << QStringLiteral("\u0130ngrid") << false;
    QTest::newRow("cyrillic look-alike a") << QStringLiteral("\u0430lice") << false;
    QTest::newRow("greek") << QStringLiteral("\u03b1\u03b2\u03b3") << false;
    QTest::newRow("fullwidth latin") << QStringLiteral("\uff41\uff42\uff43") << false;
    QTest::newRow("emoji") << QStringLiteral("alice\U0001F600") << false;
    QTest::newRow("zero-width space") << QStringLiteral("ali\u200bce") << false;
    QTest::newRow("combining mark") << QStringLiteral("alice\u0301") << false;
}

void TestAccountRules::username()
{
    QFETCH(QString, input);
    QFETCH(bool, acceptable);
    const std::optional<QString> problem =
        usernameProblem(moim::protocol::normalizeUsername(input));
    QCOMPARE(!problem.has_value(), acceptable);
    if (problem)
        QVERIFY(!problem->isEmpty());
}

void TestAccountRules::shownNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("acceptable");

    QTest::newRow("plain") << QStringLiteral("Alice") << true;
    QTest::newRow("inner space") << QStringLiteral("Alice Smith") << true;
    QTest::newRow("unicode letters")
        << QStringLiteral("\u00c5sa \u00d8stberg \u4e2d\u6587") << true;
    QTest::newRow("emoji") << QStringLiteral("Alice \U0001F600") << true;
    QTest::newRow("right-to-left script") << QStringLiteral("\u05e9\u05dc\u05d5\u05dd") << true;
    QTest::newRow("single character") << QStringLiteral("A") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("64 characters") << QString(64, QLatin1Char('a')) << true;
    QTest::newRow("65 characters") << QString(65, QLatin1Char('a')) << false;
    QTest::newRow("64 non-ASCII characters") << QString(64, QChar(0x00e9)) << true;
    // Lengths count code points, not UTF-16 units.
    QTest::newRow("64 emoji (128 UTF-16 units)")
        << repeated(QStringLiteral("\U0001F600"), 64) << true;
    QTest::newRow("65 emoji") << repeated(QStringLiteral("\U0001F600"), 65) << false;
    QTest::newRow("63 ASCII + 1 emoji")
        << QString(QString(63, QLatin1Char('a')) + QStringLiteral("\U0001F600")) << true;
    QTest::newRow("64 ASCII + 1 emoji")
        << QString(QString(64, QLatin1Char('a')) + QStringLiteral("\U0001F600")) << false;
    QTest::newRow("only a space") << QStringLiteral(" ") << false;
    QTest::newRow("leading space") << QStringLiteral(" Alice") << false;
    QTest::newRow("trailing space") << QStringLiteral("Alice ") << false;
    QTest::newRow("trailing newline") << QStringLiteral("Alice\n") << false;
    QTest::newRow("leading tab") << QStringLiteral("\tAlice") << false;
    QTest::newRow("leading no-break space") << QStringLiteral("\u00a0Alice") << false;
    QTest::newRow("trailing ideographic space") << QStringLiteral("Alice\u3000") << false;
    QTest::newRow("inner newline") << QStringLiteral("Al\nice") << false;
    QTest::newRow("inner tab") << QStringLiteral("Al\tice") << false;
    QTest::newRow("bell") << QStringLiteral("Al\u0007ice") << false;
    QTest::newRow("escape") << QStringLiteral("Al\u001bice") << false;
    QTest::newRow("delete") << QStringLiteral("Al\u007fice") << false;
    QTest::newRow("C1 control") << QStringLiteral("Al\u0085ice") << false;
    QTest::newRow("NUL") << QString(QStringLiteral("Al") + QChar(0) + QStringLiteral("ice"))
                         << false;
    QTest::newRow("zero-width space U+200B") << QStringLiteral("Al\u200bice") << false;
    QTest::newRow("zero-width joiner U+200D") << QStringLiteral("Al\u200dice") << false;
    QTest::newRow("right-to-left override U+202E") << QStringLiteral("\u202eAlice") << false;
    QTest::newRow("soft hyphen U+00AD") << QStringLiteral("Al\u00adice") << false;
    QTest::newRow("byte order mark U+FEFF") << QStringLiteral("\ufeffAlice") << false;
    QTest::newRow("unassigned U+0378") << QStringLiteral("Al\u0378ice") << false;
    QTest::newRow("noncharacter U+FFFF") << QStringLiteral("Al\uffffice") << false;
    // Format characters outside the BMP are invisible too.
    QTest::newRow("language tag U+E0001") << QStringLiteral("Alice\U000E0001") << false;
    QTest::newRow("tag letter U+E0041") << QStringLiteral("Al\U000E0041ice") << false;
    QTest::newRow("musical format U+1D173") << QStringLiteral("Al\U0001D173ice") << false;
}

void TestAccountRules::shownNames()
{
    QFETCH(QString, name);
    QFETCH(bool, acceptable);
    // Display and device names follow the same rules, with the same 64-character limit.
    QCOMPARE(kMaxDisplayNameLength, 64);
    QCOMPARE(kMaxDeviceNameLength, 64);

    const std::optional<QString> displayProblem = displayNameProblem(name);
    QCOMPARE(!displayProblem.has_value(), acceptable);
    if (displayProblem)
        QVERIFY2(displayProblem->startsWith(QStringLiteral("the display name")),
                 qPrintable(*displayProblem));

    const std::optional<QString> deviceProblem = deviceNameProblem(name);
    QCOMPARE(!deviceProblem.has_value(), acceptable);
    if (deviceProblem)
        QVERIFY2(deviceProblem->startsWith(QStringLiteral("the device name")),
                 qPrintable(*deviceProblem));
}

void TestAccountRules::password_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("acceptable");

    const QString eAcute = QStringLiteral("\u00e9");  // 2 bytes in UTF-8
    const QString euro = QStringLiteral("\u20ac");    // 3 bytes
    const QString key = QStringLiteral("\U0001F511"); // 4 bytes, 2 UTF-16 units

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("7 bytes") << QStringLiteral("abcdefg") << false;
    QTest::newRow("8 bytes") << QStringLiteral("abcdefgh") << true;
    QTest::newRow("8 spaces") << QStringLiteral("        ") << true;
    QTest::newRow("1024 bytes") << QString(1024, QLatin1Char('p')) << true;
    QTest::newRow("1025 bytes") << QString(1025, QLatin1Char('p')) << false;
    // Multibyte UTF-8 counts in bytes, not characters.
    QTest::newRow("3 two-byte characters (6 bytes)") << repeated(eAcute, 3) << false;
    QTest::newRow("4 two-byte characters (8 bytes)") << repeated(eAcute, 4) << true;
    QTest::newRow("3 two-byte + 1 ASCII (7 bytes)")
        << QString(repeated(eAcute, 3) + QLatin1Char('a')) << false;
    QTest::newRow("2 three-byte + 2 ASCII (8 bytes)")
        << QString(repeated(euro, 2) + QStringLiteral("ab")) << true;
    QTest::newRow("2 four-byte characters (8 bytes)") << repeated(key, 2) << true;
    QTest::newRow("1 four-byte + 3 ASCII (7 bytes)")
        << QString(key + QStringLiteral("abc")) << false;
    QTest::newRow("512 two-byte characters (1024 bytes)") << repeated(eAcute, 512) << true;
    QTest::newRow("512 two-byte + 1 ASCII (1025 bytes)")
        << QString(repeated(eAcute, 512) + QLatin1Char('a')) << false;
    QTest::newRow("341 three-byte + 1 ASCII (1024 bytes)")
        << QString(repeated(euro, 341) + QLatin1Char('a')) << true;
    QTest::newRow("342 three-byte characters (1026 bytes)") << repeated(euro, 342) << false;
    QTest::newRow("256 four-byte characters (1024 bytes)") << repeated(key, 256) << true;
    QTest::newRow("257 four-byte characters (1028 bytes)") << repeated(key, 257) << false;
}

void TestAccountRules::password()
{
    QFETCH(QString, password);
    QFETCH(bool, acceptable);
    QCOMPARE(kMinPasswordBytes, 8);
    QCOMPARE(kMaxPasswordBytes, 1024);
    const std::optional<QString> problem = passwordProblem(password);
    QCOMPARE(!problem.has_value(), acceptable);
    if (problem)
        QVERIFY(!problem->isEmpty());
}

QTEST_APPLESS_MAIN(TestAccountRules)
#include "TestAccountRules.moc"
