#pragma once

#include <QString>

namespace moim::util {

enum class LogMode { Debug, Production };
enum class LogFormat { Text, Json };

// Installs the process-wide Qt message handler. Production mode hides debug output of every
// category; JSON mode writes one object per line for log shippers.
void installLogOutput(LogMode mode, LogFormat format);

QString formatLogLine(LogFormat format, QtMsgType type, const char* category,
                      const QString& message, qint64 epochMs);

} // namespace moim::util
