#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace moim::bench {

// A fresh server for one bench run (moimd, or the baseline broadcast server), on a free
// loopback port and its own data directory, so that each run starts from the same memory and
// is stopped whatever happens.
class ServerProcess {
public:
    ServerProcess(QString executable, QString databaseUrl);
    ~ServerProcess();

    // Starts and waits until it accepts connections (migrations done).
    bool start(const QStringList& extraArguments, QString* error);
    // Starts `moim-bench bare-server` (this executable) instead: the baseline broadcast server.
    bool startBareBroadcast(QString* error);
    void stop();

    qint64 pid() const { return m_process.processId(); }
    QUrl url() const;
    // The database URL moimd uses: the one given, or an SQLite file in the data directory.
    QString databaseUrl() const;
    QString logTail() const;

private:
    bool launch(const QString& program, const QStringList& arguments, QString* error);

    QString m_executable;
    QString m_databaseUrl;
    QTemporaryDir m_dataDir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace moim::bench
