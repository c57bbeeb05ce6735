#pragma once

#include <QHash>
#include <QList>
#include <mutex>
#include <protocol/DeviceMessages.h>

namespace moim::server {

class DatabasePool;

// Devices' last-seen times, noted in memory and written together. Writing each at its resume
// was one commit (an fsync) per device: a reconnection storm of thousands of devices queued
// behind them. Readers overlay what is not written yet, so nobody sees an older time.
class LastSeenWriter {
public:
    explicit LastSeenWriter(DatabasePool& database);

    // Any thread.
    void note(quint64 deviceId, qint64 nowMs);
    // Writes what was noted in one transaction on a database worker (nothing if none).
    void flush();
    // Devices in the list get the newer of their stored and noted times.
    void overlay(QList<protocol::DeviceInfo>& devices) const;

private:
    DatabasePool& m_database;
    mutable std::mutex m_mutex;
    QHash<quint64, qint64> m_pending;
    QHash<quint64, qint64> m_writing; // taken by a flush, not committed yet
};

} // namespace moim::server
