#include "util/LogOutput.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <atomic>
#include <cstdio>

namespace moim::util {
namespace {

std::atomic<LogFormat> g_format{LogFormat::Text};

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("error");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("unknown");
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString line = formatLogLine(g_format.load(), type, context.category, message,
                                       QDateTime::currentMSecsSinceEpoch());
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

QString formatLogLine(LogFormat format, QtMsgType type, const char* category,
                      const QString& message, qint64 epochMs)
{
    const QString time =
        QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
    const QString categoryName = category ? QString::fromUtf8(category) : QStringLiteral("default");
    if (format == LogFormat::Json) {
        const QJsonObject object{{QStringLiteral("ts"), time},
                                 {QStringLiteral("level"), levelName(type)},
                                 {QStringLiteral("category"), categoryName},
                                 {QStringLiteral("msg"), message}};
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    return time + QLatin1Char(' ') + levelName(type) + QLatin1Char(' ') + categoryName +
           QStringLiteral(": ") + message;
}

void installLogOutput(LogMode mode, LogFormat format)
{
    g_format.store(format);
    QLoggingCategory::setFilterRules(mode == LogMode::Debug
                                         ? QStringLiteral("moim.*.debug=true")
                                         : QStringLiteral("*.debug=false\nmoim.*.debug=false"));
    qInstallMessageHandler(handler);
}

} // namespace moim::util
