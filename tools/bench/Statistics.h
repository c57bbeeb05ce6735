#pragma once

#include <QJsonObject>
#include <QList>

namespace moim::bench {

// Nearest-rank percentile, p in [0, 1]; 0 for no values.
double percentile(QList<double> values, double p);
double median(QList<double> values);
// The median of every numeric field over the runs, labelled with the workload.
QJsonObject mediansOf(const QList<QJsonObject>& runs, const QString& workload);
// Prints a run's result as one compact JSON line and flushes, so long runs show progress.
void printRun(const QJsonObject& result);

} // namespace moim::bench
