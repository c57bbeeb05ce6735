#include "server/AccountService.h"

#include "server/ClientConnection.h"
#include "server/Clock.h"
#include "server/ConnectionRegistry.h"
#include "server/DatabasePool.h"
#include "server/LastSeenWriter.h"
#include "server/LoginThrottle.h"
#include "server/PasswordWorkers.h"
#include "server/PushGateway.h"
#include "server/RequestRouter.h"

#include <QDateTime>
#include <crypto/SessionToken.h>
#include <protocol/AccountRules.h>
#include <protocol/Limits.h>
#include <util/LogCategories.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::Result;

namespace {

const QString kBadCredentials = QStringLiteral("wrong username or password");
const QString kBusy = QStringLiteral("the server is busy signing others in; try again shortly");
const QString kSignInPending = QStringLiteral("another sign-in is in progress on this connection");
constexpr quint64 kBusyRetryMs = 1000;

} // namespace

AccountService::AccountService(DatabasePool& database, PasswordWorkers& passwords,
                               LoginThrottle& throttle, ConnectionRegistry& registry,
                               LastSeenWriter& lastSeen, bool pushEnabled,
                               QStringList pushAllowedHosts)
    : m_database(database)
    , m_sessionsByToken(database,
                        [](DbContext& context, const QList<QByteArray>& digests) {
                            return AccountStore(context).sessionsForTokens(digests);
                        })
    , m_passwords(passwords)
    , m_throttle(throttle)
    , m_registry(registry)
    , m_lastSeen(lastSeen)
    , m_pushEnabled(pushEnabled)
    , m_pushAllowedHosts(std::move(pushAllowedHosts))
{}

void AccountService::registerRoutes(RequestRouter& router)
{
    using namespace protocol;
    router.on<SignUp>(Access::Guest, [this](auto& c, auto r, auto p) { signUp(c, r, p); });
    router.on<LogIn>(Access::Guest, [this](auto& c, auto r, auto p) { logIn(c, r, p); });
    router.on<Resume>(Access::Guest, [this](auto& c, auto r, auto p) { resume(c, r, p); });
    router.on<LogOut>(Access::Member, [this](auto& c, auto, auto p) { logOut(c, p); });
    router.on<WhoAmI>(Access::Member, [this](auto& c, auto, auto p) { whoAmI(c, p); });
    router.on<ListDevices>(Access::Member, [this](auto& c, auto, auto p) { listDevices(c, p); });
    router.on<RenameDevice>(Access::Member,
                            [this](auto& c, auto r, auto p) { renameDevice(c, r, p); });
    router.on<RevokeDevice>(Access::Member,
                            [this](auto& c, auto r, auto p) { revokeDevice(c, r, p); });
    router.on<RegisterPush>(Access::Member,
                            [this](auto& c, auto r, auto p) { registerPush(c, r, p); });
    router.on<ChangePassword>(Access::Member,
                              [this](auto& c, auto r, auto p) { changePassword(c, r, p); });
}

void AccountService::startSession(ClientConnection& connection, const DeviceSession& session,
                                  std::optional<QByteArray> token, Responder responder)
{
    const bool wasAuthenticated = connection.session().has_value();
    connection.setSession(session);
    protocol::Session reply;
    reply.userId = session.userId;
    reply.username = session.username;
    reply.displayName = session.displayName;
    reply.deviceId = session.deviceId;
    reply.token = std::move(token);
    responder.reply(reply);
    if (!wasAuthenticated && m_sessionStarted)
        m_sessionStarted(connection);
}

void AccountService::signUp(ClientConnection& connection, protocol::SignUp request,
                            Responder responder)
{
    const QString username = protocol::normalizeUsername(request.username);
    const QString displayName = request.displayName.isEmpty() ? username : request.displayName;
    if (auto problem = protocol::usernameProblem(username))
        return responder.fail(ErrorCode::InvalidUsername, *problem);
    if (auto problem = protocol::passwordProblem(request.password))
        return responder.fail(ErrorCode::WeakPassword, *problem);
    if (auto problem = protocol::displayNameProblem(displayName))
        return responder.fail(ErrorCode::BadRequest, *problem);
    if (auto problem = protocol::deviceNameProblem(request.deviceName))
        return responder.fail(ErrorCode::BadRequest, *problem);
    if (!connection.beginSignIn())
        return responder.fail(ErrorCode::Busy, kSignInPending, kBusyRetryMs);

    const bool queued = m_passwords.hash(
        &connection, request.password,
        [this, &connection, username, displayName, deviceName = request.deviceName,
         responder](std::optional<QString> passwordHash) {
            if (!passwordHash) {
                connection.endSignIn();
                return responder.fail(ErrorCode::Busy, kBusy, kBusyRetryMs);
            }
            const QByteArray token = crypto::newSessionToken();
            const QByteArray digest = crypto::tokenDigest(token);
            m_database.run<std::optional<DeviceSession>>(
                &connection,
                [=](DbContext& context) {
                    return AccountStore(context).createUserWithDevice(
                        username, displayName, *passwordHash, deviceName, digest, nowMs());
                },
                [this, &connection, token, responder](Result<std::optional<DeviceSession>> result) {
                    connection.endSignIn();
                    if (!result)
                        return responder.fail(result.error());
                    if (!result.value())
                        return responder.fail(ErrorCode::UsernameTaken,
                                              QStringLiteral("that username is taken"));
                    qCInfo(lcAuth) << "new user" << result.value()->userId << "device"
                                   << result.value()->deviceId;
                    startSession(connection, *result.value(), token, responder);
                });
        });
    if (!queued) {
        connection.endSignIn();
        responder.fail(ErrorCode::Busy, kBusy, kBusyRetryMs);
    }
}

void AccountService::rejectCredentials(ClientConnection& connection, const QString& account,
                                       Responder responder)
{
    m_throttle.recordFailure(account, connection.peerAddress(), nowMs());
    qCInfo(lcAuth) << "failed login from" << connection.peerAddress();
    responder.fail(ErrorCode::InvalidCredentials, kBadCredentials);
}

void AccountService::logIn(ClientConnection& connection, protocol::LogIn request,
                           Responder responder)
{
    const QString username = protocol::normalizeUsername(request.username);
    if (auto problem = protocol::deviceNameProblem(request.deviceName))
        return responder.fail(ErrorCode::BadRequest, *problem);
    if (request.password.toUtf8().size() > protocol::kMaxPasswordBytes ||
        username.size() > protocol::kMaxUsernameLength)
        return responder.fail(ErrorCode::InvalidCredentials, kBadCredentials);
    if (const qint64 wait = m_throttle.retryAfterMs(username, connection.peerAddress(), nowMs()))
        return responder.fail(ErrorCode::RateLimited,
                              QStringLiteral("too many failed attempts; try again later"),
                              quint64(wait));
    if (!connection.beginSignIn())
        return responder.fail(ErrorCode::Busy, kSignInPending, kBusyRetryMs);

    m_database.run<std::optional<UserRecord>>(
        &connection,
        [username](DbContext& context) { return AccountStore(context).findUser(username); },
        [this, &connection, username, request, responder](Result<std::optional<UserRecord>> found) {
            if (!found) {
                connection.endSignIn();
                return responder.fail(found.error());
            }
            const std::optional<UserRecord> user = found.value();
            // Unknown users are checked against a dummy hash: same work, same answer.
            const bool queued = m_passwords.verify(
                &connection, user ? user->passwordHash : QString(), request.password,
                [this, &connection, username, user, request, responder](bool matches, bool rehash) {
                    if (!matches) {
                        connection.endSignIn();
                        return rejectCredentials(connection, username, responder);
                    }
                    m_throttle.recordSuccess(username);
                    finishLogIn(connection, *user, request.deviceName, rehash, request.password,
                                responder);
                });
            if (!queued) {
                connection.endSignIn();
                responder.fail(ErrorCode::Busy, kBusy, kBusyRetryMs);
            }
        });
}

void AccountService::finishLogIn(ClientConnection& connection, const UserRecord& user,
                                 const QString& deviceName, bool rehash, const QString& password,
                                 Responder responder)
{
    const QByteArray token = crypto::newSessionToken();
    const QByteArray digest = crypto::tokenDigest(token);
    m_database.run<DeviceSession>(
        &connection,
        [user, deviceName, digest](DbContext& context) {
            return AccountStore(context).createDevice(user, deviceName, digest, nowMs());
        },
        [this, &connection, token, responder](Result<DeviceSession> result) {
            connection.endSignIn();
            if (!result)
                return responder.fail(result.error());
            qCInfo(lcAuth) << "user" << result->userId << "logged in as device" << result->deviceId;
            startSession(connection, result.value(), token, responder);
        });
    if (rehash) {
        // The stored hash used older parameters: upgrade it while we know the password.
        const quint64 userId = user.id;
        m_passwords.hash(&connection, password, [this, userId](std::optional<QString> fresh) {
            if (!fresh)
                return;
            m_database.post([userId, fresh](DbContext& context) {
                context.ensureOpen();
                AccountStore(context).setPasswordHash(userId, *fresh);
            });
        });
    }
}

void AccountService::resume(ClientConnection& connection, protocol::Resume request,
                            Responder responder)
{
    if (request.token.size() != protocol::kSessionTokenBytes)
        return responder.fail(ErrorCode::InvalidToken, QStringLiteral("malformed session token"));
    if (const qint64 wait = m_throttle.retryAfterMs({}, connection.peerAddress(), nowMs()))
        return responder.fail(ErrorCode::RateLimited,
                              QStringLiteral("too many failed attempts; try again later"),
                              quint64(wait));
    if (!connection.beginSignIn())
        return responder.fail(ErrorCode::Busy, kSignInPending, kBusyRetryMs);
    const QByteArray digest = crypto::tokenDigest(request.token);
    m_sessionsByToken.find(
        &connection, digest,
        [this, &connection, responder](Result<std::optional<DeviceSession>> result) {
            connection.endSignIn();
            if (!result)
                return responder.fail(result.error());
            if (!result.value()) {
                m_throttle.recordFailure({}, connection.peerAddress(), nowMs());
                return responder.fail(ErrorCode::InvalidToken,
                                      QStringLiteral("this session has ended; log in again"));
            }
            m_lastSeen.note(result.value()->deviceId, nowMs());
            startSession(connection, *result.value(), std::nullopt, responder);
        });
}

void AccountService::logOut(ClientConnection& connection, Responder responder)
{
    const DeviceSession session = *connection.session();
    m_database.run<bool>(
        &connection,
        [session](DbContext& context) {
            return AccountStore(context).revokeDevice(session.userId, session.deviceId, nowMs());
        },
        [this, &connection, session, responder](Result<bool> result) {
            if (!result)
                return responder.fail(result.error());
            connection.setSession(std::nullopt);
            m_registry.closeDevice(session.deviceId, CloseCode::DeviceRevoked,
                                   QStringLiteral("logged out"));
            responder.reply(protocol::Ok{});
        });
}

void AccountService::whoAmI(ClientConnection& connection, Responder responder)
{
    // Answers without binding the session again (that would reset presence). The display name
    // comes from the database: another socket may have changed it since this one signed in.
    const DeviceSession session = *connection.session();
    m_database.run<std::optional<UserRecord>>(
        &connection,
        [userId = session.userId](DbContext& context) {
            return AccountStore(context).userById(userId);
        },
        [session, responder](Result<std::optional<UserRecord>> found) {
            if (!found)
                return responder.fail(found.error());
            const QString displayName =
                found.value() ? found.value()->displayName : session.displayName;
            responder.reply(protocol::Session{session.userId, session.username, displayName,
                                              session.deviceId, std::nullopt});
        });
}

void AccountService::listDevices(ClientConnection& connection, Responder responder)
{
    const DeviceSession session = *connection.session();
    m_database.run<QList<protocol::DeviceInfo>>(
        &connection,
        [session](DbContext& context) {
            return AccountStore(context).listDevices(session.userId, session.deviceId);
        },
        [this, responder](Result<QList<protocol::DeviceInfo>> result) {
            if (!result)
                return responder.fail(result.error());
            QList<protocol::DeviceInfo> devices = result.value();
            m_lastSeen.overlay(devices);
            responder.reply(protocol::DeviceList{devices});
        });
}

void AccountService::renameDevice(ClientConnection& connection, protocol::RenameDevice request,
                                  Responder responder)
{
    if (auto problem = protocol::deviceNameProblem(request.name))
        return responder.fail(ErrorCode::BadRequest, *problem);
    const quint64 userId = connection.session()->userId;
    m_database.run<bool>(
        &connection,
        [userId, request](DbContext& context) {
            return AccountStore(context).renameDevice(userId, request.deviceId, request.name);
        },
        [responder](Result<bool> result) {
            if (!result)
                return responder.fail(result.error());
            if (!result.value())
                return responder.fail(ErrorCode::NotFound, QStringLiteral("no such device"));
            responder.reply(protocol::Ok{});
        });
}

void AccountService::revokeDevice(ClientConnection& connection, protocol::RevokeDevice request,
                                  Responder responder)
{
    const DeviceSession session = *connection.session();
    m_database.run<bool>(
        &connection,
        [session, request](DbContext& context) {
            return AccountStore(context).revokeDevice(session.userId, request.deviceId, nowMs());
        },
        [this, &connection, session, request, responder](Result<bool> result) {
            if (!result)
                return responder.fail(result.error());
            if (!result.value())
                return responder.fail(ErrorCode::NotFound, QStringLiteral("no such device"));
            qCInfo(lcAuth) << "user" << session.userId << "revoked device" << request.deviceId;
            if (request.deviceId == session.deviceId)
                connection.setSession(std::nullopt);
            m_registry.closeDevice(request.deviceId, CloseCode::DeviceRevoked,
                                   QStringLiteral("device revoked"));
            responder.reply(protocol::Ok{});
        });
}

void AccountService::registerPush(ClientConnection& connection, protocol::RegisterPush request,
                                  Responder responder)
{
    if (!m_pushEnabled && !request.url.isEmpty())
        return responder.fail(ErrorCode::Forbidden,
                              QStringLiteral("this server sends no push notifications"));
    const QUrl url(request.url, QUrl::StrictMode);
    if (!request.url.isEmpty() &&
        (request.url.size() > 2048 || !PushGateway::acceptableUrl(url, m_pushAllowedHosts)))
        return responder.fail(ErrorCode::BadRequest,
                              QStringLiteral("a push URL is http(s)://host/... on an allowed host, "
                                             "at most 2048 characters"));
    const quint64 deviceId = connection.session()->deviceId;
    m_database.run<bool>(
        &connection,
        [deviceId, request](DbContext& context) {
            AccountStore(context).setPushUrl(deviceId, request.url);
            return true;
        },
        [responder](Result<bool> result) {
            if (!result)
                return responder.fail(result.error());
            responder.reply(protocol::Ok{});
        });
}

void AccountService::changePassword(ClientConnection& connection, protocol::ChangePassword request,
                                    Responder responder)
{
    if (auto problem = protocol::passwordProblem(request.newPassword))
        return responder.fail(ErrorCode::WeakPassword, *problem);
    const DeviceSession session = *connection.session();
    if (request.oldPassword.toUtf8().size() > protocol::kMaxPasswordBytes)
        return rejectCredentials(connection, session.username, responder);
    if (const qint64 wait =
            m_throttle.retryAfterMs(session.username, connection.peerAddress(), nowMs()))
        return responder.fail(ErrorCode::RateLimited,
                              QStringLiteral("too many failed attempts; try again later"),
                              quint64(wait));
    if (!connection.beginSignIn())
        return responder.fail(ErrorCode::Busy, kSignInPending, kBusyRetryMs);

    const auto fail = [&connection, responder](const protocol::ErrorReply& error) {
        connection.endSignIn();
        responder.fail(error);
    };
    const protocol::ErrorReply busy{ErrorCode::Busy, kBusy, kBusyRetryMs};

    m_database.run<std::optional<UserRecord>>(
        &connection,
        [session](DbContext& context) { return AccountStore(context).userById(session.userId); },
        [=, this, &connection](Result<std::optional<UserRecord>> found) {
            if (!found)
                return fail(found.error());
            if (!found.value())
                return fail({ErrorCode::NotFound, QStringLiteral("no such user"), {}});
            const bool queued = m_passwords.verify(
                &connection, found.value()->passwordHash, request.oldPassword,
                [=, this, &connection](bool matches, bool) {
                    if (!matches) {
                        connection.endSignIn();
                        return rejectCredentials(connection, session.username, responder);
                    }
                    const bool hashing = m_passwords.hash(
                        &connection, request.newPassword,
                        [=, this, &connection](std::optional<QString> fresh) {
                            if (!fresh)
                                return fail(busy);
                            m_database.run<QList<quint64>>(
                                &connection,
                                [=](DbContext& context) {
                                    return AccountStore(context).changePassword(
                                        session.userId, *fresh,
                                        request.revokeOtherDevices
                                            ? std::optional<quint64>(session.deviceId)
                                            : std::nullopt,
                                        nowMs());
                                },
                                [=, this, &connection](Result<QList<quint64>> revoked) {
                                    if (!revoked)
                                        return fail(revoked.error());
                                    connection.endSignIn();
                                    for (const quint64 deviceId : revoked.value())
                                        m_registry.closeDevice(deviceId, CloseCode::DeviceRevoked,
                                                               QStringLiteral("password changed"));
                                    qCInfo(lcAuth)
                                        << "user" << session.userId << "changed password";
                                    responder.reply(protocol::Ok{});
                                });
                        });
                    if (!hashing)
                        fail(busy);
                });
            if (!queued)
                fail(busy);
        });
}

} // namespace moim::server
