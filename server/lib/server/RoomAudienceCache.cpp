#include "server/RoomAudienceCache.h"

#include "server/KeyDirectoryStore.h"
#include "server/SocialStore.h"

#include <crypto/RecipientDigest.h>

namespace moim::server {

RoomAudienceCache::RoomAudienceCache(qsizetype maxMembers)
    : m_entries(maxMembers)
{}

std::shared_ptr<const RoomAudience> RoomAudienceCache::audience(DbContext& context, quint64 roomId,
                                                                std::optional<quint64> version)
{
    if (version) {
        std::lock_guard lock(m_mutex);
        if (const Entry* entry = m_entries.object(roomId); entry && entry->version == *version)
            return entry->audience;
    }
    // Read after the version: what is kept under it is at least as new as it, never older.
    auto loaded = load(context, roomId);
    ++m_loads;
    if (version) {
        std::lock_guard lock(m_mutex);
        // Another worker may have loaded a newer version meanwhile; keep the newest.
        const Entry* kept = m_entries.object(roomId);
        if (!kept || kept->version < *version)
            m_entries.insert(roomId, new Entry{*version, loaded},
                             std::max<qsizetype>(1, loaded->members.size()));
    }
    return loaded;
}

std::shared_ptr<const RoomAudience> RoomAudienceCache::load(DbContext& context, quint64 roomId)
{
    auto audience = std::make_shared<RoomAudience>();
    audience->recipients = KeyDirectoryStore(context).recipients(roomId);
    const crypto::RecipientDevices devices = crypto::recipientDevices(audience->recipients);
    audience->recipientDevices =
        QSet<std::pair<quint64, quint64>>(devices.cbegin(), devices.cend());
    audience->recipientDigest = crypto::recipientDigest(devices);
    audience->members.reserve(audience->recipients.size());
    for (const protocol::RecipientUser& recipient : std::as_const(audience->recipients))
        audience->members.append(recipient.userId);
    audience->memberSet = QSet<quint64>(audience->members.cbegin(), audience->members.cend());
    SocialStore social(context);
    audience->listeners = social.listeners(roomId);
    audience->blocks = social.blocksByMembers(roomId);
    return audience;
}

} // namespace moim::server
