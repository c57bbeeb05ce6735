#pragma once

#include "server/LookupBatcher.h"

#include <QHash>
#include <mutex>
#include <protocol/AccountMessages.h>
#include <protocol/SocialMessages.h>

namespace moim::server {

class ClientConnection;
class ConnectionRegistry;
class DatabasePool;
class Fanout;
class RequestRouter;
class Responder;

// Presence, typing, display names, relations between users and notification settings.
class SocialService {
public:
    SocialService(DatabasePool& database, Fanout& fanout, ConnectionRegistry& registry);
    void registerRoutes(RequestRouter& router);

    // Tells the people who may see it that a user's presence changed. Any thread.
    void presenceChanged(quint64 userId, protocol::PresenceStatus status);
    // Pushes what a device missed while away (mentions, direct messages) after it signs in.
    void sendMissedNotifications(ClientConnection& connection);

    // Typing notices from one user in one room are relayed at most this often.
    static constexpr qint64 kTypingIntervalMs = 3000;

private:
    void setPresence(ClientConnection& connection, protocol::SetPresence request,
                     Responder responder);
    void getPresence(ClientConnection& connection, protocol::GetPresence request,
                     Responder responder);
    void typing(ClientConnection& connection, protocol::Typing request, Responder responder);
    void setDisplayName(ClientConnection& connection, protocol::SetDisplayName request,
                        Responder responder);
    void setRelation(ClientConnection& connection, protocol::SetRelation request,
                     Responder responder);
    void listRelations(ClientConnection& connection, Responder responder);
    void setNotifyLevel(ClientConnection& connection, protocol::SetNotifyLevel request,
                        Responder responder);
    void setDoNotDisturb(ClientConnection& connection, protocol::SetDoNotDisturb request,
                         Responder responder);
    bool typingAllowed(quint64 userId, quint64 roomId, qint64 nowMs);

    DatabasePool& m_database;
    LookupBatcher<quint64, QList<protocol::MissedRoom>> m_missedByUser;
    Fanout& m_fanout;
    ConnectionRegistry& m_registry;
    std::mutex m_typingMutex;
    QHash<QPair<quint64, quint64>, qint64> m_lastTyping;
};

} // namespace moim::server
