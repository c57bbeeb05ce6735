#include "MoimdProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace moim::bench {

MoimdProcess::MoimdProcess(QString executable, QString databaseUrl)
    : m_executable(std::move(executable))
    , m_databaseUrl(std::move(databaseUrl))
    , m_dataDir(QDir::temp().filePath(QStringLiteral("moim-bench-XXXXXX")))
{}

MoimdProcess::~MoimdProcess()
{
    stop();
}

QString MoimdProcess::databaseUrl() const
{
    if (!m_databaseUrl.isEmpty())
        return m_databaseUrl;
    return QStringLiteral("sqlite://") + m_dataDir.filePath(QStringLiteral("bench.sqlite3"));
}

QUrl MoimdProcess::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port));
}

bool MoimdProcess::start(const QStringList& extraArguments, QString* error)
{
    if (!m_dataDir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free port");
            return false;
        }
        m_port = probe.serverPort();
    }
    m_process.setProgram(m_executable);
    m_process.setArguments(QStringList{QStringLiteral("--data-dir"), m_dataDir.path(),
                                       QStringLiteral("--database"), databaseUrl(),
                                       QStringLiteral("--listen"),
                                       QStringLiteral("127.0.0.1:%1").arg(m_port)} +
                           extraArguments);
    m_process.setStandardOutputFile(m_dataDir.filePath(QStringLiteral("moimd.log")));
    m_process.setStandardErrorFile(m_dataDir.filePath(QStringLiteral("moimd.log")));
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("moimd did not start: ") + m_process.errorString();
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30'000) {
        if (m_process.state() != QProcess::Running) {
            *error = QStringLiteral("moimd stopped: ") + logTail();
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(200))
            return true;
        QThread::msleep(100);
    }
    *error = QStringLiteral("moimd did not listen within 30 s");
    return false;
}

void MoimdProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(15'000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString MoimdProcess::logTail() const
{
    QFile log(m_dataDir.filePath(QStringLiteral("moimd.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = log.readAll();
    return QString::fromUtf8(all.right(2000));
}

} // namespace moim::bench
