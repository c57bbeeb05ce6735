#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace moim::server {

class DatabasePool;

// Checks the database in the background so that /readyz answers at once, without a query on
// the thread that serves HTTP.
class HealthMonitor : public QObject {
    Q_OBJECT
public:
    explicit HealthMonitor(DatabasePool& database, QObject* parent = nullptr);

    void start();
    void setShuttingDown() { m_shuttingDown = true; }
    bool ready() const;
    QString reason() const;

private:
    void check();

    DatabasePool& m_database;
    QTimer m_timer;
    QElapsedTimer m_sinceSuccess;
    bool m_lastOk = false;
    bool m_shuttingDown = false;
    QString m_lastError;
};

} // namespace moim::server
