#include "ServerProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>

namespace moim::bench {

ServerProcess::ServerProcess(QString executable, QString databaseUrl)
    : m_executable(std::move(executable))
    , m_databaseUrl(std::move(databaseUrl))
    , m_dataDir(QDir::temp().filePath(QStringLiteral("moim-bench-XXXXXX")))
{
    // For a look at the server's log and database after the run.
    m_dataDir.setAutoRemove(!qEnvironmentVariableIsSet("MOIM_BENCH_KEEP"));
}

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::databaseUrl() const
{
    if (!m_databaseUrl.isEmpty())
        return m_databaseUrl;
    return QStringLiteral("sqlite://") + m_dataDir.filePath(QStringLiteral("bench.sqlite3"));
}

QUrl ServerProcess::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port));
}

bool ServerProcess::start(const QStringList& extraArguments, QString* error)
{
    return launch(m_executable,
                  QStringList{QStringLiteral("--data-dir"), m_dataDir.path(),
                              QStringLiteral("--database"), databaseUrl()} +
                      extraArguments,
                  error);
}

bool ServerProcess::startBareBroadcast(QString* error)
{
    return launch(QCoreApplication::applicationFilePath(), {QStringLiteral("bare-server")}, error);
}

bool ServerProcess::launch(const QString& program, const QStringList& arguments, QString* error)
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
    m_process.setProgram(program);
    m_process.setArguments(arguments + QStringList{QStringLiteral("--listen"),
                                                   QStringLiteral("127.0.0.1:%1").arg(m_port)});
    m_process.setStandardOutputFile(m_dataDir.filePath(QStringLiteral("server.log")));
    m_process.setStandardErrorFile(m_dataDir.filePath(QStringLiteral("server.log")));
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = program + QStringLiteral(" did not start: ") + m_process.errorString();
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30'000) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(200))
            return true;
        // Also what makes QProcess notice an exit, without an event loop.
        if (m_process.waitForFinished(100) || m_process.state() != QProcess::Running) {
            *error = program + QStringLiteral(" stopped: ") + logTail();
            return false;
        }
    }
    *error = program + QStringLiteral(" did not listen within 30 s");
    return false;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(15'000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString ServerProcess::logTail() const
{
    QFile log(m_dataDir.filePath(QStringLiteral("server.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = log.readAll();
    return QString::fromUtf8(all.right(2000));
}

} // namespace moim::bench
