#pragma once

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>
#include <cli/MessagingCommands.h>
#include <client/Connection.h>
#include <client/ProfileStore.h>
#include <e2ee/CryptoEngine.h>
#include <e2ee/DeviceCrypto.h>
#include <memory>
#include <protocol/AccountMessages.h>

namespace moim::cli {

// moim-cli: every command is one request/response session with the server, output as text
// or, with --json, one JSON object. Exit codes: 0 success, 1 the server refused, 2 usage,
// 3 no connection or no answer, 4 not logged in.
class CliApp {
public:
    CliApp(QTextStream& out, QTextStream& err, QProcessEnvironment environment);
    ~CliApp();

    int run(const QStringList& arguments);

    enum Exit { Success = 0, Refused = 1, Usage = 2, NoConnection = 3, NotLoggedIn = 4 };

private:
    e2ee::KeyProtectionChoice keyProtection() const;
    int signUp(const QStringList& args);
    int logIn(const QStringList& args);
    int whoAmI();
    int devices();
    int renameDevice(const QStringList& args);
    int setDisplayName(const QStringList& args);
    int revoke(const QStringList& args);
    int logOut();
    int changePassword();
    int messaging(const QString& command, const QStringList& args);
    int encryption(const QString& command, const QStringList& args);
    void warnAboutChangedKeys(const e2ee::CryptoEngine& engine);

    bool connectToServer(int* exitCode);
    // Connects and resumes the stored session; on failure prints why and sets *exitCode.
    bool resumeSession(int* exitCode);
    int saveSession(const protocol::Session& session);
    int printSession(const protocol::Session& session);
    int reportError(const protocol::ErrorReply& error);
    int usage(const QString& message);
    int fail(int exitCode, const QString& code, const QString& message);
    void printOk(const QString& text);
    void printJson(const QJsonObject& object);

    QTextStream& m_out;
    QTextStream& m_err;
    QProcessEnvironment m_environment;
    bool m_json = false;
    QUrl m_server;
    bool m_serverGiven = false;
    QString m_deviceName;
    QString m_displayName;
    bool m_revokeOthers = false;
    bool m_confirm = false;
    MessagingOptions m_messaging;
    std::unique_ptr<client::ProfileStore> m_profile;
    std::unique_ptr<client::Connection> m_connection;
    std::optional<client::StoredSession> m_stored;
};

} // namespace moim::cli
