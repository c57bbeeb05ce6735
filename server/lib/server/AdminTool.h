#pragma once

#include <QStringList>
#include <QTextStream>

namespace moim::server {

// moimctl: administration on the server's database directly (run it on the server host, with
// the same --config/--database/--data-dir as moimd). Exit codes: 0 done, 1 failed, 2 usage,
// 3 database unreachable.
class AdminTool {
public:
    AdminTool(QTextStream& out, QTextStream& err);
    int run(const QStringList& arguments);

private:
    int usage(const QString& message);

    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace moim::server
