#pragma once

#include "server/AccountStore.h"
#include "server/LookupBatcher.h"

#include <functional>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/EmptyMessage.h>

namespace moim::server {

class ClientConnection;
class ConnectionRegistry;
class DatabasePool;
class LastSeenWriter;
class LoginThrottle;
class PasswordWorkers;
class RequestRouter;
class Responder;

// Accounts, sessions and devices: sign up, log in, resume, log out, device management and
// password changes.
class AccountService {
public:
    AccountService(DatabasePool& database, PasswordWorkers& passwords, LoginThrottle& throttle,
                   ConnectionRegistry& registry, LastSeenWriter& lastSeen, bool pushEnabled,
                   QStringList pushAllowedHosts);

    void registerRoutes(RequestRouter& router);
    // Runs after a log in or resume has answered, on the connection's thread.
    void setSessionStartedHook(std::function<void(ClientConnection&)> hook)
    {
        m_sessionStarted = std::move(hook);
    }

private:
    void signUp(ClientConnection& connection, protocol::SignUp request, Responder responder);
    void logIn(ClientConnection& connection, protocol::LogIn request, Responder responder);
    void resume(ClientConnection& connection, protocol::Resume request, Responder responder);
    void logOut(ClientConnection& connection, Responder responder);
    void whoAmI(ClientConnection& connection, Responder responder);
    void listDevices(ClientConnection& connection, Responder responder);
    void renameDevice(ClientConnection& connection, protocol::RenameDevice request,
                      Responder responder);
    void revokeDevice(ClientConnection& connection, protocol::RevokeDevice request,
                      Responder responder);
    void changePassword(ClientConnection& connection, protocol::ChangePassword request,
                        Responder responder);
    void registerPush(ClientConnection& connection, protocol::RegisterPush request,
                      Responder responder);

    void finishLogIn(ClientConnection& connection, const UserRecord& user,
                     const QString& deviceName, bool rehash, const QString& password,
                     Responder responder);
    void startSession(ClientConnection& connection, const DeviceSession& session,
                      std::optional<QByteArray> token, Responder responder);
    void rejectCredentials(ClientConnection& connection, const QString& account,
                           Responder responder);

    DatabasePool& m_database;
    LookupBatcher<QByteArray, DeviceSession> m_sessionsByToken;
    PasswordWorkers& m_passwords;
    LoginThrottle& m_throttle;
    ConnectionRegistry& m_registry;
    LastSeenWriter& m_lastSeen;
    std::function<void(ClientConnection&)> m_sessionStarted;
    bool m_pushEnabled;
    QStringList m_pushAllowedHosts;
};

} // namespace moim::server
