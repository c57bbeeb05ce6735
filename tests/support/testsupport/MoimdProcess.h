#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace moim::test {

// A real moimd started as a child process on a free loopback port.
class MoimdProcess {
public:
    ~MoimdProcess();

    // Starts moimd with the database URL and extra flags; waits until it listens.
    bool start(const QString& dataDir, const QString& databaseUrl,
               const QStringList& extraArguments = {});
    QUrl webSocketUrl() const;
    QString httpBase() const;
    quint16 port() const { return m_port; }
    // SIGTERM and wait; returns the exit code (or -1 if it had to be killed).
    int terminate(int timeoutMs = 10'000);
    QByteArray log();
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

} // namespace moim::test
