// Reconnection delays: doubling from 1 s to a 30 s ceiling, each spread by ±25% so that the
// clients a server restart cut off do not all come back in the same instant.

#include <QSet>
#include <QTest>
#include <chat/ReconnectBackoff.h>

using moim::chat::ReconnectBackoff;

namespace {

// The delay before attempt n (from 0) without its spread.
int baseDelayMs(int attempt)
{
    const QList<int> doubling{1000, 2000, 4000, 8000, 16000};
    return attempt < doubling.size() ? doubling.at(attempt) : 30'000;
}

// Within ±25% of base, ends included.
bool withinSpread(int delayMs, int baseMs)
{
    return delayMs * 4 >= baseMs * 3 && delayMs * 4 <= baseMs * 5;
}

} // namespace

class TestReconnectBackoff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void delaysDoubleUpToTheCeiling()
    {
        // Many runs, so that a spread going outside its bounds shows.
        for (int run = 0; run < 500; ++run) {
            ReconnectBackoff backoff;
            QCOMPARE(backoff.attempts(), 0);
            for (int attempt = 0; attempt < 12; ++attempt) {
                const int delay = backoff.nextDelayMs();
                if (!withinSpread(delay, baseDelayMs(attempt)))
                    QFAIL(qPrintable(QStringLiteral("attempt %1 waits %2 ms, not %3 ms ±25%")
                                         .arg(attempt)
                                         .arg(delay)
                                         .arg(baseDelayMs(attempt))));
                QCOMPARE(backoff.attempts(), attempt + 1);
            }
        }
        QCOMPARE(ReconnectBackoff::kFirstDelayMs, 1000);
        QCOMPARE(ReconnectBackoff::kLongestDelayMs, 30'000);
    }

    void neverBeyondTheCeiling()
    {
        ReconnectBackoff backoff;
        for (int attempt = 0; attempt < 10'000; ++attempt) {
            const int delay = backoff.nextDelayMs();
            if (delay <= 0 || delay * 4 > ReconnectBackoff::kLongestDelayMs * 5)
                QFAIL(qPrintable(QStringLiteral("attempt %1 waits %2 ms").arg(attempt).arg(delay)));
        }
    }

    void resetStartsAgain()
    {
        ReconnectBackoff backoff;
        for (int attempt = 0; attempt < 7; ++attempt)
            backoff.nextDelayMs();
        QCOMPARE(backoff.attempts(), 7);
        QVERIFY(withinSpread(backoff.nextDelayMs(), 30'000));
        backoff.reset();
        QCOMPARE(backoff.attempts(), 0);
        for (int attempt = 0; attempt < 6; ++attempt)
            QVERIFY2(withinSpread(backoff.nextDelayMs(), baseDelayMs(attempt)),
                     qPrintable(QStringLiteral("attempt %1 after reset").arg(attempt)));
    }

    // The spread is random, not a fixed offset: many first delays (and many capped ones)
    // differ, and they fall on both sides of the base.
    void delaysAreSpread()
    {
        QSet<int> firsts;
        QSet<int> capped;
        int belowFirst = 0;
        int aboveFirst = 0;
        int belowCap = 0;
        int aboveCap = 0;
        for (int run = 0; run < 1000; ++run) {
            ReconnectBackoff backoff;
            const int first = backoff.nextDelayMs();
            firsts.insert(first);
            belowFirst += first < 1000 ? 1 : 0;
            aboveFirst += first > 1000 ? 1 : 0;
            for (int attempt = 1; attempt < 8; ++attempt) {
                const int delay = backoff.nextDelayMs();
                if (attempt == 7) {
                    capped.insert(delay);
                    belowCap += delay < 30'000 ? 1 : 0;
                    aboveCap += delay > 30'000 ? 1 : 0;
                }
            }
        }
        // 501 possible first delays and 15,001 capped ones, drawn 1000 times each: a working
        // spread gives hundreds of different values; these bounds fail only if it is broken.
        QVERIFY2(firsts.size() > 200, qPrintable(QString::number(firsts.size())));
        QVERIFY2(capped.size() > 500, qPrintable(QString::number(capped.size())));
        QVERIFY(belowFirst > 200);
        QVERIFY(aboveFirst > 200);
        QVERIFY(belowCap > 200);
        QVERIFY(aboveCap > 200);
    }
};

QTEST_GUILESS_MAIN(TestReconnectBackoff)
#include "TestReconnectBackoff.moc"
