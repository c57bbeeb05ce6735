// "+emoji" in the composer: which texts react to the newest message and which are messages.
#include <QTest>
#include <chat/QuickReaction.h>

using moim::chat::quickReaction;

class TestQuickReaction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reactions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("emoji");
        QTest::newRow("thumbs up") << QStringLiteral("+👍") << QStringLiteral("👍");
        QTest::newRow("spaces around") << QStringLiteral("  +🎉 \n") << QStringLiteral("🎉");
        QTest::newRow("skin tone") << QStringLiteral("+👍🏽") << QStringLiteral("👍🏽");
        QTest::newRow("joined family")
            << QStringLiteral("+👩‍👩‍👧") << QStringLiteral("👩‍👩‍👧");
        QTest::newRow("variation selector")
            << QStringLiteral("+❤️") << QStringLiteral("❤️");
        QTest::newRow("flag") << QStringLiteral("+🇰🇷") << QStringLiteral("🇰🇷");
        QTest::newRow("two emoji") << QStringLiteral("+🔥🔥") << QStringLiteral("🔥🔥");
    }
    void reactions()
    {
        QFETCH(QString, text);
        QFETCH(QString, emoji);
        QCOMPARE(quickReaction(text), std::optional(emoji));
    }

    void messages_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* text : {"+1", "+ok", "+", "", "hello +👍", "+👍 nice", "++", "+ 👍", "👍",
                                 "+좋아", "+#", "+1️⃣x"})
            QTest::newRow(text) << QString::fromUtf8(text);
        QTest::newRow("longer than a reaction may be")
            << QStringLiteral("+") + QString(30, QChar(0x2764));
    }
    void messages()
    {
        QFETCH(QString, text);
        QCOMPARE(quickReaction(text), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestQuickReaction)
#include "TestQuickReaction.moc"
