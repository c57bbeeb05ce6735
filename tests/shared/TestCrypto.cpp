// libsodium wrappers: password hashing (Argon2id), session tokens and comparisons.

#include "crypto/PasswordHash.h"
#include "crypto/SessionToken.h"
#include "crypto/Sodium.h"
#include "protocol/Limits.h"

#include <QObject>
#include <QTest>

using namespace moim::crypto;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

} // namespace

class TestCrypto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initializeSodiumTwice();
    void hashAndVerify();
    void wrongPasswordFails();
    void unicodePassword();
    void saltMakesHashesDiffer();
    void encodedHashFormat();
    void needsRehash();
    void verifyRejectsMalformedHashes_data();
    void verifyRejectsMalformedHashes();
    void sessionToken();
    void tokenDigest();
    void constantTimeEquals();
    void randomBytes();

private:
    QString m_hash; // of kPassword, with the default cost
};

void TestCrypto::initTestCase()
{
    QVERIFY(initializeSodium());
    const std::optional<QString> hash = PasswordHash().hash(kPassword);
    QVERIFY(hash);
    m_hash = *hash;
}

void TestCrypto::initializeSodiumTwice()
{
    QVERIFY(initializeSodium());
    QVERIFY(initializeSodium());
}

void TestCrypto::hashAndVerify()
{
    const PasswordHash hasher;
    QVERIFY(hasher.verify(m_hash, kPassword));
    // A hash made by another instance verifies too: the parameters travel in the string.
    QVERIFY(PasswordHash(PasswordHashCost{1, 8 * 1024 * 1024}).verify(m_hash, kPassword));
}

void TestCrypto::wrongPasswordFails()
{
    const PasswordHash hasher;
    QVERIFY(!hasher.verify(m_hash, QStringLiteral("correct horse battery stapl")));
    QVERIFY(!hasher.verify(m_hash, QStringLiteral("Correct horse battery staple")));
    QVERIFY(!hasher.verify(m_hash, kPassword + QLatin1Char(' ')));
    QVERIFY(!hasher.verify(m_hash, QString()));
}

void TestCrypto::unicodePassword()
{
    const PasswordHash hasher;
    const QString password = QStringLiteral("p\u00e4ssw\u00f6rd \U0001F511");
    const std::optional<QString> hash = hasher.hash(password);
    QVERIFY(hash);
    QVERIFY(hasher.verify(*hash, password));
    // Another normalization of the same text is another password: bytes are hashed.
    QVERIFY(!hasher.verify(*hash, QStringLiteral("pa\u0308ssw\u00f6rd \U0001F511")));
}

void TestCrypto::saltMakesHashesDiffer()
{
    const PasswordHash hasher;
    const std::optional<QString> second = hasher.hash(kPassword);
    QVERIFY(second);
    QVERIFY(*second != m_hash);
    QVERIFY(hasher.verify(*second, kPassword));
}

void TestCrypto::encodedHashFormat()
{
    QVERIFY2(m_hash.startsWith(QStringLiteral("$argon2id$")), qPrintable(m_hash));
    QVERIFY2(m_hash.contains(QStringLiteral("$m=19456,t=2,")), qPrintable(m_hash));
    QCOMPARE(PasswordHash().cost().opsLimit, quint64(2));
    QCOMPARE(PasswordHash().cost().memLimitBytes, size_t(19) * 1024 * 1024);
    // Self-describing and printable, so it can be stored as text.
    for (const QChar c : std::as_const(m_hash))
        QVERIFY(c.unicode() > 0x20 && c.unicode() < 0x7f);
}

void TestCrypto::needsRehash()
{
    const PasswordHash hasher;
    QVERIFY(!hasher.needsRehash(m_hash));

    const PasswordHash cheap(PasswordHashCost{1, 8 * 1024 * 1024});
    const std::optional<QString> cheapHash = cheap.hash(kPassword);
    QVERIFY(cheapHash);
    QVERIFY2(cheapHash->contains(QStringLiteral("$m=8192,t=1,")), qPrintable(*cheapHash));
    QVERIFY(hasher.needsRehash(*cheapHash));
    QVERIFY(!cheap.needsRehash(*cheapHash));
    QVERIFY(cheap.needsRehash(m_hash));
    // Still verifies, so that it can be upgraded on the next log-in.
    QVERIFY(hasher.verify(*cheapHash, kPassword));

    // Unreadable hashes need a new hash too.
    QVERIFY(hasher.needsRehash(QString()));
    QVERIFY(hasher.needsRehash(QStringLiteral("garbage")));
}

void TestCrypto::verifyRejectsMalformedHashes_data()
{
    QTest::addColumn<QString>("stored");

    const int at = int(m_hash.lastIndexOf(QLatin1Char('$')));
    QString changedDigest = m_hash;
    changedDigest[at + 1] =
        changedDigest.at(at + 1) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QString changedSalt = m_hash;
    const int saltAt = int(m_hash.lastIndexOf(QLatin1Char('$'), at - 1)) + 1;
    changedSalt[saltAt] =
        changedSalt.at(saltAt) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');

    QTest::newRow("empty") << QString();
    QTest::newRow("garbage") << QStringLiteral("garbage");
    QTest::newRow("just the prefix") << QStringLiteral("$argon2id$");
    QTest::newRow("no salt or digest") << QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$$");
    QTest::newRow("argon2i") << QString(QStringLiteral("$argon2i$") + m_hash.mid(10));
    QTest::newRow("other version")
        << QString(m_hash).replace(QStringLiteral("v=19"), QStringLiteral("v=16"));
    QTest::newRow("other memory cost")
        << QString(m_hash).replace(QStringLiteral("m=19456"), QStringLiteral("m=19457"));
    QTest::newRow("other time cost")
        << QString(m_hash).replace(QStringLiteral("t=2"), QStringLiteral("t=3"));
    QTest::newRow("truncated") << m_hash.left(m_hash.size() - 5);
    QTest::newRow("digest changed") << changedDigest;
    QTest::newRow("salt changed") << changedSalt;
    QTest::newRow("appended character") << QString(m_hash + QLatin1Char('A'));
    QTest::newRow("127 characters")
        << QString(m_hash + QString(127 - m_hash.size(), QLatin1Char('A')));
    QTest::newRow("128 characters")
        << QString(m_hash + QString(128 - m_hash.size(), QLatin1Char('A')));
    QTest::newRow("10000 characters") << QString(m_hash + QString(10000, QLatin1Char('A')));
    QTest::newRow("non-Latin-1") << QString(m_hash.left(20) + QStringLiteral("\u4e2d\u6587"));
    QTest::newRow("the password itself") << kPassword;
}

void TestCrypto::verifyRejectsMalformedHashes()
{
    QFETCH(QString, stored);
    QVERIFY(!PasswordHash().verify(stored, kPassword));
}

void TestCrypto::sessionToken()
{
    QCOMPARE(moim::protocol::kSessionTokenBytes, 32);
    const QByteArray first = newSessionToken();
    const QByteArray second = newSessionToken();
    QCOMPARE(first.size(), 32);
    QCOMPARE(second.size(), 32);
    QVERIFY(first != second);
    QVERIFY(first != QByteArray(32, '\0'));
}

void TestCrypto::tokenDigest()
{
    const QByteArray token = newSessionToken();
    const QByteArray digest = moim::crypto::tokenDigest(token);
    QCOMPARE(digest.size(), 32);
    QCOMPARE(moim::crypto::tokenDigest(token), digest);
    QVERIFY(digest != token);

    QByteArray other = token;
    other[31] = char(other.at(31) ^ 1);
    QCOMPARE(moim::crypto::tokenDigest(other).size(), 32);
    QVERIFY(moim::crypto::tokenDigest(other) != digest);

    // Stored digests must stay valid across versions: BLAKE2b-256, unkeyed (RFC 7693).
    QCOMPARE(moim::crypto::tokenDigest(QByteArray()).toHex(),
             QByteArrayLiteral("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"));
    QCOMPARE(moim::crypto::tokenDigest(QByteArrayLiteral("abc")).toHex(),
             QByteArrayLiteral("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"));
}

void TestCrypto::constantTimeEquals()
{
    const QByteArray token = newSessionToken();
    QByteArray lastDiffers = token;
    lastDiffers[31] = char(lastDiffers.at(31) ^ 0x80);
    QByteArray firstDiffers = token;
    firstDiffers[0] = char(firstDiffers.at(0) ^ 0x01);

    QVERIFY(moim::crypto::constantTimeEquals(token, token));
    QVERIFY(moim::crypto::constantTimeEquals(token, QByteArray(token.constData(), token.size())));
    QVERIFY(!moim::crypto::constantTimeEquals(token, lastDiffers));
    QVERIFY(!moim::crypto::constantTimeEquals(token, firstDiffers));
    QVERIFY(!moim::crypto::constantTimeEquals(token, token.left(31)));
    QVERIFY(!moim::crypto::constantTimeEquals(token.left(31), token));
    QVERIFY(!moim::crypto::constantTimeEquals(token, token + '\0'));
    QVERIFY(!moim::crypto::constantTimeEquals(token, QByteArray()));
    QVERIFY(moim::crypto::constantTimeEquals(QByteArray(), QByteArray()));
    QVERIFY(moim::crypto::constantTimeEquals(QByteArray(), QByteArrayLiteral("")));
}

void TestCrypto::randomBytes()
{
    QCOMPARE(moim::crypto::randomBytes(0).size(), 0);
    QCOMPARE(moim::crypto::randomBytes(1).size(), 1);
    const QByteArray a = moim::crypto::randomBytes(64);
    const QByteArray b = moim::crypto::randomBytes(64);
    QCOMPARE(a.size(), 64);
    QVERIFY(a != b);
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
