#pragma once

#include "server/RoomAudience.h"

#include <QCache>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace moim::server {

class DbContext;

// Room audiences kept between sends. A send used to read a room's members twice (recipient
// digest, notification settings): two 1,000-row queries per message in a room of 1,000. The
// room's audience version (moved by triggers on every table it depends on, whichever node
// wrote) tells whether what is kept is still right; only that number is read per send.
// Shared by the database workers.
class RoomAudienceCache {
public:
    // Bounded by the members held in total, so a server with many rooms keeps the busy ones.
    explicit RoomAudienceCache(qsizetype maxMembers = 1'000'000);

    // The room's audience at `version` (RoomAccess::audienceVersion, read before this call in
    // the same transaction), from memory when that version was loaded before. Call it only in a
    // transaction that has not itself changed the room's audience: a change rolled back later
    // would otherwise be kept under a version that another change reuses.
    std::shared_ptr<const RoomAudience> audience(DbContext& context, quint64 roomId,
                                                 std::optional<quint64> version);
    // Audiences read from the database so far.
    quint64 loads() const { return m_loads; }

private:
    struct Entry {
        quint64 version = 0;
        std::shared_ptr<const RoomAudience> audience;
    };

    static std::shared_ptr<const RoomAudience> load(DbContext& context, quint64 roomId);

    std::mutex m_mutex;
    QCache<quint64, Entry> m_entries;
    std::atomic<quint64> m_loads{0};
};

} // namespace moim::server
