#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace moim::bench {

// A fresh moimd for one bench run, on a free loopback port and its own data directory, so
// that each run starts from the same memory and is stopped whatever happens.
class MoimdProcess {
public:
    MoimdProcess(QString executable, QString databaseUrl);
    ~MoimdProcess();

    // Starts and waits until it accepts connections (migrations done).
    bool start(const QStringList& extraArguments, QString* error);
    void stop();

    qint64 pid() const { return m_process.processId(); }
    QUrl url() const;
    // The database URL moimd uses: the one given, or an SQLite file in the data directory.
    QString databaseUrl() const;
    QString logTail() const;

private:
    QString m_executable;
    QString m_databaseUrl;
    QTemporaryDir m_dataDir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace moim::bench
