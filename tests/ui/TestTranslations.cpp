// The translations keep up with the code: every string the app shows is in moim_ko.ts and
// moim_en.ts (lupdate run afresh over the sources finds nothing new), and Korean is complete,
// with the same placeholders and accelerators as the English source.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; // the translation, or its numerus forms
};

QList<Message> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message{};
            current.context = context;
            current.numerus =
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            current.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            if (current.numerus) {
                while (xml.readNextStartElement())
                    current.forms.append(xml.readElementText());
            } else {
                current.forms.append(xml.readElementText());
            }
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QString key(const Message& message)
{
    return message.context + QLatin1Char('\x1f') + message.source + QLatin1Char('\x1f') +
           message.comment;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression marker(QStringLiteral("%(\\d|n)"));
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

int accelerators(QString text)
{
    text.remove(QStringLiteral("&&"));
    return int(text.count(QLatin1Char('&')));
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everySourceStringIsInTheTsFiles();
    void koreanIsComplete();
};

void TestTranslations::everySourceStringIsInTheTsFiles()
{
    QFile list(qEnvironmentVariable("MOIM_BUILD_DIR") + QStringLiteral("/translated-sources.txt"));
    QVERIFY2(list.open(QIODevice::ReadOnly), qPrintable(list.fileName()));
    const QStringList sources =
        QString::fromUtf8(list.readAll()).split(QLatin1Char(';'), Qt::SkipEmptyParts);
    QVERIFY(sources.size() > 10);
    QTemporaryDir scratch;
    const QString fresh = scratch.filePath(QStringLiteral("fresh.ts"));
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(MOIM_LUPDATE_PATH),
                  QStringList(sources)
                      // As the build's update_translations target sees them: with the include
                      // paths, classes get their namespaces as contexts.
                      << QStringLiteral("-I") << QStringLiteral(MOIM_SOURCE_DIR "/client/app")
                      << QStringLiteral("-I") << QStringLiteral(MOIM_SOURCE_DIR "/client/core")
                      << QStringLiteral("-I") << QStringLiteral(MOIM_SOURCE_DIR "/shared")
                      << QStringLiteral("-ts") << fresh << QStringLiteral("-locations")
                      << QStringLiteral("none"));
    QVERIFY(lupdate.waitForFinished(120'000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
    QString error;
    const QList<Message> wanted = readTs(fresh, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(wanted.size() > 50);
    for (const QString& language : {QStringLiteral("ko"), QStringLiteral("en")}) {
        const QList<Message> have = readTs(
            QStringLiteral(MOIM_SOURCE_DIR "/translations/moim_%1.ts").arg(language), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> known;
        for (const Message& message : have)
            known.insert(key(message));
        QStringList missing;
        for (const Message& message : wanted) {
            if (!known.contains(key(message)))
                missing.append(message.context + QStringLiteral(": ") + message.source);
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("moim_%1.ts lacks (run the update_translations "
                                           "target): %2")
                                .arg(language, missing.join(QStringLiteral(" | ")))));
    }
}

void TestTranslations::koreanIsComplete()
{
    QString error;
    const QList<Message> messages =
        readTs(QStringLiteral(MOIM_SOURCE_DIR "/translations/moim_ko.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 50);
    for (const Message& message : messages) {
        const QString where = message.context + QStringLiteral(": ") + message.source;
        QVERIFY2(!message.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
        QVERIFY2(!message.forms.isEmpty(), qPrintable(where));
        for (const QString& form : message.forms) {
            QVERIFY2(!form.trimmed().isEmpty(), qPrintable(QStringLiteral("empty: ") + where));
            QVERIFY2(placeholders(form) == placeholders(message.source),
                     qPrintable(QStringLiteral("placeholders differ: ") + where));
            QVERIFY2(accelerators(form) == accelerators(message.source),
                     qPrintable(QStringLiteral("accelerator differs: ") + where));
        }
    }
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
