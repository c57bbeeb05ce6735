#include "server/LastSeenWriter.h"

#include "server/AccountStore.h"
#include "server/DatabasePool.h"

#include <util/LogCategories.h>

namespace moim::server {

LastSeenWriter::LastSeenWriter(DatabasePool& database)
    : m_database(database)
{}

void LastSeenWriter::note(quint64 deviceId, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    qint64& seen = m_pending[deviceId];
    seen = std::max(seen, nowMs);
}

void LastSeenWriter::flush()
{
    QHash<quint64, qint64> batch;
    {
        std::lock_guard lock(m_mutex);
        if (m_pending.isEmpty())
            return;
        batch = std::exchange(m_pending, {});
        for (auto it = batch.cbegin(); it != batch.cend(); ++it)
            m_writing.insert(it.key(), std::max(m_writing.value(it.key()), it.value()));
    }
    m_database.post([this, batch](DbContext& context) {
        try {
            context.ensureOpen();
            AccountStore(context).recordLastSeen(batch);
        } catch (const DbError& error) {
            // A missed last-seen time is not worth failing anything for.
            qCWarning(lcDb) << "last-seen times not written:" << error.what();
        }
        std::lock_guard lock(m_mutex);
        for (auto it = batch.cbegin(); it != batch.cend(); ++it) {
            const auto writing = m_writing.constFind(it.key());
            if (writing != m_writing.cend() && writing.value() <= it.value())
                m_writing.erase(writing);
        }
    });
}

void LastSeenWriter::overlay(QList<protocol::DeviceInfo>& devices) const
{
    std::lock_guard lock(m_mutex);
    for (protocol::DeviceInfo& device : devices) {
        device.lastSeenMs =
            std::max({device.lastSeenMs, m_pending.value(device.id), m_writing.value(device.id)});
    }
}

} // namespace moim::server
