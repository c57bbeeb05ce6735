#include <QTest>
#include <server/LoginThrottle.h>

using moim::server::LoginThrottle;

class TestLoginThrottle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accountLimitAndWindow()
    {
        LoginThrottle throttle(3, 100, std::chrono::milliseconds(60'000));
        const QString ip = QStringLiteral("10.0.0.1");
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(throttle.retryAfterMs(QStringLiteral("alice"), ip, 1000 + i), 0);
            throttle.recordFailure(QStringLiteral("alice"), ip, 1000 + i);
        }
        // Blocked until the oldest counted failure leaves the window.
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("alice"), ip, 2000), 59'000);
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("bob"), ip, 2000), 0);
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("alice"), ip, 61'000), 0);
    }

    void addressLimitCoversAllAccounts()
    {
        LoginThrottle throttle(100, 2, std::chrono::milliseconds(10'000));
        const QString ip = QStringLiteral("10.0.0.2");
        throttle.recordFailure(QStringLiteral("a"), ip, 0);
        throttle.recordFailure(QStringLiteral("b"), ip, 1);
        QVERIFY(throttle.retryAfterMs(QStringLiteral("c"), ip, 2) > 0);
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("c"), QStringLiteral("10.0.0.3"), 2), 0);
    }

    void successClearsTheAccount()
    {
        LoginThrottle throttle(2, 100, std::chrono::milliseconds(10'000));
        const QString ip = QStringLiteral("10.0.0.4");
        throttle.recordFailure(QStringLiteral("a"), ip, 0);
        throttle.recordSuccess(QStringLiteral("a"));
        throttle.recordFailure(QStringLiteral("a"), ip, 1);
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("a"), ip, 2), 0);
    }

    void manyKeysStayBounded()
    {
        LoginThrottle throttle(5, 1'000'000, std::chrono::milliseconds(1000));
        for (int i = 0; i < 250'000; ++i)
            throttle.recordFailure(QString::number(i), QStringLiteral("x"), i / 100);
        // Only keys whose failures are still inside the window remain counted.
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("1"), QStringLiteral("y"), 3000), 0);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "TestLoginThrottle.moc"
