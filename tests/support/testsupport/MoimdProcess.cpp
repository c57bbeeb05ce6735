#include "testsupport/MoimdProcess.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <csignal>

namespace moim::test {

MoimdProcess::~MoimdProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool MoimdProcess::start(const QString& dataDir, const QString& databaseUrl,
                         const QStringList& extraArguments)
{
    // Port 0 lets the kernel choose; moimd logs the port it got.
    QStringList arguments{QStringLiteral("--data-dir"), dataDir,
                          QStringLiteral("--database"), databaseUrl,
                          QStringLiteral("--listen"),   QStringLiteral("127.0.0.1:0")};
    arguments += extraArguments;
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QStringLiteral(MOIM_MOIMD_PATH), arguments);
    if (!m_process.waitForStarted(10'000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on [^ ]+:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20'000) {
        if (!m_process.waitForReadyRead(200) && m_process.state() == QProcess::NotRunning)
            break;
        m_log += m_process.readAll();
        const auto match = listening.match(QString::fromUtf8(m_log));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
    }
    m_log += m_process.readAll();
    qWarning().noquote() << "moimd did not start:" << QString::fromUtf8(m_log);
    return false;
}

QUrl MoimdProcess::webSocketUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port));
}

QString MoimdProcess::httpBase() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

int MoimdProcess::terminate(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QByteArray MoimdProcess::log()
{
    m_log += m_process.readAll();
    return m_log;
}

} // namespace moim::test
