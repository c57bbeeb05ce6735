#pragma once

#include <QObject>
#include <chrono>

namespace moim::server {

class DatabasePool;

// Keeps the planner's statistics of the events table's current month up to date while it
// grows fast (RetentionStore::analyzeGrownPartition), so that cached plans are made again.
class StatisticsKeeper : public QObject {
    Q_OBJECT
public:
    explicit StatisticsKeeper(DatabasePool& database, QObject* parent = nullptr);

    void start(std::chrono::milliseconds period);

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    DatabasePool& m_database;
    int m_timer = 0;
    bool m_running = false;
};

} // namespace moim::server
