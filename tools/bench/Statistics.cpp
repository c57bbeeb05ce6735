#include "Statistics.h"

#include <QJsonDocument>
#include <algorithm>
#include <cstdio>

namespace moim::bench {

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = qsizetype(p * double(values.size() - 1) + 0.5);
    return values[std::clamp<qsizetype>(index, 0, values.size() - 1)];
}

double median(QList<double> values)
{
    return percentile(std::move(values), 0.5);
}

QJsonObject mediansOf(const QList<QJsonObject>& runs, const QString& workload)
{
    QJsonObject medians{{QStringLiteral("workload"), workload},
                        {QStringLiteral("runs"), runs.size()},
                        {QStringLiteral("statistic"), QStringLiteral("median")}};
    if (runs.isEmpty())
        return medians;
    for (const QString& key : runs.first().keys()) {
        if (!runs.first().value(key).isDouble())
            continue;
        QList<double> values;
        for (const QJsonObject& result : runs)
            values.append(result.value(key).toDouble());
        medians.insert(key, median(values));
    }
    return medians;
}

void printRun(const QJsonObject& result)
{
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).append('\n').constData(),
               stdout);
    std::fflush(stdout);
}

} // namespace moim::bench
