#include "cli/CliApp.h"

#include "cli/PasswordPrompt.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <crypto/LinkCode.h>
#include <crypto/Sodium.h>
#include <e2ee/DeviceCrypto.h>
#include <protocol/AccountMessages.h>
#include <protocol/DeviceMessages.h>
#include <protocol/EmptyMessage.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>

namespace moim::cli {

using protocol::ErrorCode;

namespace {

const QString kDefaultServer = QStringLiteral("ws://127.0.0.1:7420");
constexpr int kConnectTimeoutMs = 10'000;
// As long as the server keeps a link offer.
constexpr qint64 kLinkWaitMs = 10 * 60 * 1000;

QString commandHelp()
{
    return QStringLiteral(
        "Commands:\n"
        "  signup USER          create an account and log this profile in\n"
        "  login USER           log in as a new device\n"
        "  whoami               show the account and device of this profile\n"
        "  devices              list this account's devices\n"
        "  rename-device ID NAME  display-name NAME (how others see me)\n"
        "  revoke DEVICE        revoke a device (its sessions end at once)\n"
        "  logout               end this device's session\n"
        "  passwd               change the password (--revoke-others ends other devices)\n"
        "  team create HANDLE [--name NAME] | list | invite TEAM [--expires-in S] [--max-uses N]\n"
        "       | join CODE-OR-LINK | leave TEAM | members TEAM | role TEAM USER "
        "member|admin|owner\n"
        "  channel create TEAM/NAME [--private] [--topic T] | list TEAM | join ROOM | leave ROOM\n"
        "       | topic ROOM TEXT | rename ROOM NAME | archive ROOM | unarchive ROOM | add ROOM "
        "USER\n"
        "       | members ROOM\n"
        "  send ROOM TEXT       (@name, @channel and @here mention)\n"
        "  reply ROOM SEQ TEXT  edit ROOM SEQ TEXT  delete ROOM SEQ  pin/unpin ROOM SEQ\n"
        "  react ROOM SEQ EMOJI [--remove]\n"
        "  history ROOM [--before SEQ | --after SEQ] [--limit N]\n"
        "  dm USER[,USER...] TEXT   read ROOM SEQ   unread\n"
        "  listen [--count N]   print events as they arrive (--json: one object a line)\n"
        "  upload ROOM FILE     send a file (encrypted here; images get a thumbnail)\n"
        "  download ROOM SEQ DIR    save the file of message SEQ into DIR, verified\n"
        "  presence [USER...]   friends [favourite|unfavourite|hide|unhide|block|unblock USER]\n"
        "  notify ROOM all|mentions|none   dnd MINUTES|off   typing ROOM   pins ROOM\n"
        "Encryption (every message, edit, reaction is end-to-end encrypted):\n"
        "  link-code            on a new device: show a code, wait until another device enters it\n"
        "  link CODE            on an approved device: approve the device showing CODE\n"
        "  recovery set | restore | reset   set the recovery passphrase; approve this device\n"
        "                       with it; or, with no device and no passphrase left, start over\n"
        "                       with new keys (history before stays unreadable)\n"
        "  verify USER [--confirm]  show the safety number; --confirm marks USER verified\n"
        "A ROOM is team/channel, @user, @user1,user2 or #room-id.\n"
        "Passwords come from MOIM_PASSWORD (and MOIM_NEW_PASSWORD for passwd) or a prompt; the\n"
        "recovery passphrase from MOIM_RECOVERY_PASSPHRASE or a prompt. Device keys are kept in\n"
        "the system keychain, or under MOIM_KEYSTORE_PASSPHRASE where that is set.\n");
}

QString formatTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

CliApp::CliApp(QTextStream& out, QTextStream& err, QProcessEnvironment environment)
    : m_out(out)
    , m_err(err)
    , m_environment(std::move(environment))
{}

CliApp::~CliApp() = default;

int CliApp::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Moim command-line client\n\n") +
                                     commandHelp());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Server, ws://HOST:PORT [env MOIM_SERVER]."),
                                    QStringLiteral("URL"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Profile directory [env MOIM_PROFILE]."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Machine-readable output."));
    const QCommandLineOption deviceName(QStringLiteral("device-name"),
                                        QStringLiteral("Name of this device at signup/login."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption displayName(QStringLiteral("display-name"),
                                         QStringLiteral("Display name at signup."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption revokeOthers(QStringLiteral("revoke-others"),
                                          QStringLiteral("With passwd: end every other device."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Shown team name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption topic(QStringLiteral("topic"), QStringLiteral("Channel topic."),
                                   QStringLiteral("TEXT"));
    const QCommandLineOption isPrivate(QStringLiteral("private"),
                                       QStringLiteral("Create a private channel."));
    const QCommandLineOption remove(QStringLiteral("remove"),
                                    QStringLiteral("With react: take the reaction back."));
    const QCommandLineOption confirm(QStringLiteral("confirm"),
                                     QStringLiteral("verify: mark the user verified."));
    const QCommandLineOption expiresIn(QStringLiteral("expires-in"),
                                       QStringLiteral("Invite lifetime in seconds."),
                                       QStringLiteral("S"));
    const QCommandLineOption maxUses(QStringLiteral("max-uses"),
                                     QStringLiteral("Times an invite may be used."),
                                     QStringLiteral("N"));
    const QCommandLineOption before(QStringLiteral("before"), QStringLiteral("History before SEQ."),
                                    QStringLiteral("SEQ"));
    const QCommandLineOption after(QStringLiteral("after"), QStringLiteral("History after SEQ."),
                                   QStringLiteral("SEQ"));
    const QCommandLineOption limit(
        QStringLiteral("limit"), QStringLiteral("History page size (1-200)."), QStringLiteral("N"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("With listen: stop after N events."),
                                   QStringLiteral("N"));
    parser.addOptions({help, server, profile, json, deviceName, displayName, revokeOthers, name,
                       topic, isPrivate, remove, confirm, expiresIn, maxUses, before, after, limit,
                       count});
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        m_out.flush();
        return Success;
    }
    m_json = parser.isSet(json);
    m_deviceName = parser.isSet(deviceName)
                       ? parser.value(deviceName)
                       : QSysInfo::machineHostName() + QStringLiteral(" (moim-cli)");
    m_displayName = parser.value(displayName);
    m_revokeOthers = parser.isSet(revokeOthers);
    m_messaging.name = parser.value(name);
    m_messaging.topic = parser.value(topic);
    m_messaging.isPrivate = parser.isSet(isPrivate);
    m_messaging.remove = parser.isSet(remove);
    m_confirm = parser.isSet(confirm);
    const std::pair<const QCommandLineOption*, std::optional<quint64>*> numbers[] = {
        {&expiresIn, &m_messaging.expiresInSeconds},
        {&maxUses, &m_messaging.maxUses},
        {&before, &m_messaging.before},
        {&after, &m_messaging.after},
        {&count, &m_messaging.count}};
    for (const auto& [option, target] : numbers) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *target = parser.value(*option).toULongLong(&ok);
        if (!ok)
            return usage(
                QStringLiteral("--%1 takes a whole number").arg(option->names().constFirst()));
    }
    if (parser.isSet(limit)) {
        bool ok = false;
        m_messaging.limit = parser.value(limit).toULongLong(&ok);
        if (!ok)
            return usage(QStringLiteral("--limit takes a whole number"));
    }

    QString profileDir = parser.value(profile);
    if (profileDir.isEmpty())
        profileDir = m_environment.value(QStringLiteral("MOIM_PROFILE"));
    if (profileDir.isEmpty())
        profileDir = client::ProfileStore::defaultDirectory(QStringLiteral("moim-cli"));
    m_profile = std::make_unique<client::ProfileStore>(profileDir);
    QString loadError;
    m_stored = m_profile->load(&loadError);
    if (!loadError.isEmpty())
        return fail(Usage, QStringLiteral("profile"), loadError);

    QString serverText = parser.value(server);
    if (serverText.isEmpty())
        serverText = m_environment.value(QStringLiteral("MOIM_SERVER"));
    m_serverGiven = !serverText.isEmpty();
    if (serverText.isEmpty())
        serverText = m_stored ? m_stored->server.toString() : kDefaultServer;
    m_server = QUrl(serverText, QUrl::StrictMode);
    if (!m_server.isValid() ||
        (m_server.scheme() != QLatin1String("ws") && m_server.scheme() != QLatin1String("wss")) ||
        m_server.host().isEmpty())
        return usage(
            QStringLiteral("the server must be ws://HOST:PORT or wss://HOST:PORT, not '%1'")
                .arg(serverText));

    QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        return usage(QStringLiteral("no command given"));
    const QString command = words.takeFirst();
    if (command == QLatin1String("signup"))
        return signUp(words);
    if (command == QLatin1String("login"))
        return logIn(words);
    if (command == QLatin1String("whoami") && words.isEmpty())
        return whoAmI();
    if (command == QLatin1String("devices") && words.isEmpty())
        return devices();
    if (command == QLatin1String("rename-device"))
        return renameDevice(words);
    if (command == QLatin1String("display-name"))
        return setDisplayName(words);
    if (command == QLatin1String("revoke"))
        return revoke(words);
    if (command == QLatin1String("logout") && words.isEmpty())
        return logOut();
    if (command == QLatin1String("passwd") && words.isEmpty())
        return changePassword();
    if (command == QLatin1String("link-code") || command == QLatin1String("link") ||
        command == QLatin1String("recovery") || command == QLatin1String("verify"))
        return encryption(command, words);
    if (MessagingCommands::handles(command))
        return messaging(command, words);
    return usage(QStringLiteral("unknown command or wrong arguments: %1").arg(command));
}

e2ee::KeyProtectionChoice CliApp::keyProtection() const
{
    e2ee::KeyProtectionChoice choice;
    choice.application = QStringLiteral("moim-cli");
    choice.passphrase = m_environment.value(QStringLiteral("MOIM_KEYSTORE_PASSPHRASE"));
    choice.cheapPassphrase =
        m_environment.value(QStringLiteral("MOIM_KEYSTORE_COST")) == QLatin1String("interactive");
    choice.passphraseHint = QStringLiteral(
        "set MOIM_KEYSTORE_PASSPHRASE to protect this device's keys with a passphrase");
    return choice;
}

int CliApp::usage(const QString& message)
{
    return fail(Usage, QStringLiteral("usage"), message + QStringLiteral(" (see moim-cli --help)"));
}

int CliApp::fail(int exitCode, const QString& code, const QString& message)
{
    if (m_json) {
        printJson({{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                         {QStringLiteral("message"), message}}}});
    }
    m_err << "moim-cli: " << message << '\n';
    m_err.flush();
    return exitCode;
}

int CliApp::reportError(const protocol::ErrorReply& error)
{
    const int exitCode = error.code == ErrorCode::NoAnswer ? NoConnection : Refused;
    QString message = error.message;
    if (error.retryAfterMs)
        message += QStringLiteral(" (retry in %1 s)").arg((*error.retryAfterMs + 999) / 1000);
    return fail(exitCode, protocol::errorCodeName(error.code), message);
}

void CliApp::printJson(const QJsonObject& object)
{
    m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    m_out.flush();
}

void CliApp::printOk(const QString& text)
{
    if (m_json)
        printJson({{QStringLiteral("ok"), true}});
    else
        m_out << text << '\n';
    m_out.flush();
}

bool CliApp::connectToServer(int* exitCode)
{
    m_connection = std::make_unique<client::Connection>();
    QString error;
    if (!m_connection->openAndWait(m_server, kConnectTimeoutMs, &error)) {
        *exitCode =
            fail(NoConnection, QStringLiteral("no_connection"),
                 QStringLiteral("cannot connect to %1: %2").arg(m_server.toString(), error));
        return false;
    }
    return true;
}

bool CliApp::resumeSession(int* exitCode)
{
    if (!m_stored || !m_stored->isValid()) {
        *exitCode = fail(NotLoggedIn, QStringLiteral("not_logged_in"),
                         QStringLiteral("not logged in: run 'moim-cli login USER' first"));
        return false;
    }
    if (!m_serverGiven)
        m_server = m_stored->server;
    if (!connectToServer(exitCode))
        return false;
    const auto session =
        m_connection->callAndWait<protocol::Session>(protocol::Resume{m_stored->token});
    if (!session) {
        if (session.error().code == ErrorCode::InvalidToken) {
            QString ignored;
            m_profile->clear(&ignored);
            *exitCode = fail(NotLoggedIn, protocol::errorCodeName(session.error().code),
                             QStringLiteral("this device's session has ended (logged out or "
                                            "revoked): log in again"));
            return false;
        }
        *exitCode = reportError(session.error());
        return false;
    }
    return true;
}

int CliApp::saveSession(const protocol::Session& session)
{
    client::StoredSession stored;
    stored.server = m_server;
    stored.userId = session.userId;
    stored.username = session.username;
    stored.displayName = session.displayName;
    stored.deviceId = session.deviceId;
    stored.token = session.token.value_or(QByteArray());
    QString error;
    if (!m_profile->save(stored, &error))
        return fail(Refused, QStringLiteral("profile"), error);
    // This device's keys: the first device of a user also makes the master key; another one
    // waits to be approved.
    e2ee::DeviceCrypto deviceCrypto(m_profile->directory(), keyProtection(), *m_connection);
    const auto state = deviceCrypto.open(session.userId, session.deviceId);
    if (!state)
        return reportError(state.error());
    const int printed = printSession(session);
    if (state.value() == e2ee::E2eeSession::DeviceState::NeedsApproval)
        m_err << "moim-cli: this device cannot read or send messages until it is approved: run "
                 "'moim-cli link-code' here and 'moim-cli link CODE' on a device already in use, "
                 "or 'moim-cli recovery restore'\n";
    m_err.flush();
    return printed;
}

int CliApp::printSession(const protocol::Session& session)
{
    if (m_json) {
        printJson({{QStringLiteral("user_id"), QString::number(session.userId)},
                   {QStringLiteral("username"), session.username},
                   {QStringLiteral("display_name"), session.displayName},
                   {QStringLiteral("device_id"), QString::number(session.deviceId)},
                   {QStringLiteral("server"), m_server.toString()}});
    } else {
        m_out << session.username << " (" << session.displayName << "), user " << session.userId
              << ", device " << session.deviceId << " on " << m_server.toString() << '\n';
        m_out.flush();
    }
    return Success;
}

int CliApp::signUp(const QStringList& args)
{
    if (args.size() != 1)
        return usage(QStringLiteral("signup takes one USER"));
    const auto password =
        readPassword(m_environment, QStringLiteral("MOIM_PASSWORD"), QStringLiteral("Password: "));
    if (!password)
        return usage(QStringLiteral("no password: set MOIM_PASSWORD or run in a terminal"));
    int exitCode = 0;
    if (!connectToServer(&exitCode))
        return exitCode;
    protocol::SignUp request{args.first(), *password, m_displayName, m_deviceName};
    const auto session = m_connection->callAndWait<protocol::Session>(request);
    if (!session)
        return reportError(session.error());
    return saveSession(session.value());
}

int CliApp::logIn(const QStringList& args)
{
    if (args.size() != 1)
        return usage(QStringLiteral("login takes one USER"));
    const auto password =
        readPassword(m_environment, QStringLiteral("MOIM_PASSWORD"), QStringLiteral("Password: "));
    if (!password)
        return usage(QStringLiteral("no password: set MOIM_PASSWORD or run in a terminal"));
    int exitCode = 0;
    if (!connectToServer(&exitCode))
        return exitCode;
    const auto session = m_connection->callAndWait<protocol::Session>(
        protocol::LogIn{args.first(), *password, m_deviceName});
    if (!session)
        return reportError(session.error());
    return saveSession(session.value());
}

int CliApp::whoAmI()
{
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    const auto session = m_connection->callAndWait<protocol::Session>(protocol::WhoAmI{});
    if (!session)
        return reportError(session.error());
    return printSession(session.value());
}

int CliApp::devices()
{
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    const auto list = m_connection->callAndWait<protocol::DeviceList>(protocol::ListDevices{});
    if (!list)
        return reportError(list.error());
    if (m_json) {
        QJsonArray items;
        for (const protocol::DeviceInfo& device : list->devices)
            items.append(QJsonObject{{QStringLiteral("id"), QString::number(device.id)},
                                     {QStringLiteral("name"), device.name},
                                     {QStringLiteral("created_ms"), double(device.createdMs)},
                                     {QStringLiteral("last_seen_ms"), double(device.lastSeenMs)},
                                     {QStringLiteral("current"), device.current}});
        printJson({{QStringLiteral("devices"), items}});
        return Success;
    }
    for (const protocol::DeviceInfo& device : list->devices) {
        m_out << (device.current ? "* " : "  ") << device.id << '\t' << device.name << "\tcreated "
              << formatTime(device.createdMs) << "\tlast seen " << formatTime(device.lastSeenMs)
              << '\n';
    }
    m_out.flush();
    return Success;
}

int CliApp::renameDevice(const QStringList& args)
{
    bool ok = false;
    const quint64 deviceId = args.value(0).toULongLong(&ok);
    if (args.size() != 2 || !ok)
        return usage(QStringLiteral("rename-device takes a device ID and a NAME"));
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    const auto result =
        m_connection->callAndWait<protocol::Ok>(protocol::RenameDevice{deviceId, args.at(1)});
    if (!result)
        return reportError(result.error());
    printOk(QStringLiteral("device %1 renamed").arg(deviceId));
    return Success;
}

int CliApp::setDisplayName(const QStringList& args)
{
    if (args.size() != 1)
        return usage(QStringLiteral("display-name takes one NAME (quote it when it has spaces)"));
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    const auto result =
        m_connection->callAndWait<protocol::Ok>(protocol::SetDisplayName{args.first()});
    if (!result)
        return reportError(result.error());
    printOk(QStringLiteral("display name set"));
    return Success;
}

int CliApp::revoke(const QStringList& args)
{
    bool ok = false;
    const quint64 deviceId = args.value(0).toULongLong(&ok);
    if (args.size() != 1 || !ok)
        return usage(QStringLiteral("revoke takes one device ID (see 'moim-cli devices')"));
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    const auto result = m_connection->callAndWait<protocol::Ok>(protocol::RevokeDevice{deviceId});
    if (!result)
        return reportError(result.error());
    if (deviceId == m_stored->deviceId) {
        e2ee::DeviceCrypto(m_profile->directory(), keyProtection(), *m_connection).forget();
        QString ignored;
        m_profile->clear(&ignored);
    } else {
        // The server stops counting the device at once; the signed list should say so too.
        e2ee::DeviceCrypto deviceCrypto(m_profile->directory(), keyProtection(), *m_connection);
        if (deviceCrypto.open(m_stored->userId, m_stored->deviceId))
            deviceCrypto.session().dropRevokedDevice(deviceId);
    }
    printOk(QStringLiteral("device %1 revoked").arg(deviceId));
    return Success;
}

int CliApp::logOut()
{
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    const auto result = m_connection->callAndWait<protocol::Ok>(protocol::LogOut{});
    if (!result)
        return reportError(result.error());
    e2ee::DeviceCrypto(m_profile->directory(), keyProtection(), *m_connection).forget();
    QString error;
    if (!m_profile->clear(&error))
        return fail(Refused, QStringLiteral("profile"), error);
    printOk(QStringLiteral("logged out"));
    return Success;
}

int CliApp::messaging(const QString& command, const QStringList& args)
{
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    e2ee::DeviceCrypto deviceCrypto(m_profile->directory(), keyProtection(), *m_connection);
    const auto state = deviceCrypto.open(m_stored->userId, m_stored->deviceId);
    if (!state)
        return reportError(state.error());
    MessagingCommands commands(*m_connection, deviceCrypto.session(), m_stored->userId,
                               m_messaging);
    const auto print = [this](const CommandOutput& output) {
        if (m_json)
            printJson(output.json);
        else if (!output.text.isEmpty())
            m_out << output.text << '\n';
        m_out.flush();
    };
    if (command == QLatin1String("listen")) {
        if (!args.isEmpty())
            return usage(QStringLiteral("listen takes no arguments"));
        const auto listening = [this] {
            m_err << "moim-cli: listening\n";
            m_err.flush();
        };
        if (commands.listen(print, listening) != 0)
            return fail(NoConnection, QStringLiteral("no_connection"),
                        QStringLiteral("the connection closed"));
        return Success;
    }
    const auto result = commands.run(command, args);
    warnAboutChangedKeys(deviceCrypto.session().engine());
    if (!result)
        return reportError(result.error());
    print(result.value());
    return Success;
}

void CliApp::warnAboutChangedKeys(const e2ee::CryptoEngine& engine)
{
    for (const quint64 userId : engine.changedMasterKeys()) {
        m_err << "moim-cli: WARNING: the encryption keys of user " << userId
              << " CHANGED since you first saw them. They may have started over on a new "
                 "device, or someone may be impersonating them. Compare safety numbers in "
                 "person: moim-cli verify USER, then --confirm.\n";
    }
    m_err.flush();
}

int CliApp::encryption(const QString& command, const QStringList& args)
{
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    e2ee::DeviceCrypto deviceCrypto(m_profile->directory(), keyProtection(), *m_connection);
    const auto state = deviceCrypto.open(m_stored->userId, m_stored->deviceId);
    if (!state)
        return reportError(state.error());
    e2ee::E2eeSession& session = deviceCrypto.session();
    using State = e2ee::E2eeSession::DeviceState;

    if (command == QLatin1String("link-code") && args.isEmpty()) {
        if (state.value() == State::Ready)
            return fail(Refused, QStringLiteral("conflict"),
                        QStringLiteral("this device is already approved"));
        const auto code = session.offerLink();
        if (!code)
            return reportError(code.error());
        if (m_json)
            printJson({{QStringLiteral("code"), code->text()},
                       {QStringLiteral("qr"), code->qrPayload()}});
        else
            m_out << "Enter this code on a device already in use ('moim-cli link CODE'):\n  "
                  << code->text() << "\nQR payload: " << code->qrPayload() << '\n';
        m_out.flush();
        // Waits for the approval (pushed, or seen by asking) for the code's lifetime.
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < kLinkWaitMs) {
            const auto done = session.completeLink(code.value());
            if (done) {
                printOk(QStringLiteral("approved: this device reads and sends now (%1 keys "
                                       "restored from the backup)")
                            .arg(session.engine().inboundKeyCount()));
                return Success;
            }
            if (done.error().code != ErrorCode::NotFound ||
                done.error().message != QLatin1String("not answered yet"))
                return reportError(done.error());
            QElapsedTimer pause;
            pause.start();
            while (pause.elapsed() < 1000)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 200);
        }
        return fail(Refused, QStringLiteral("timeout"),
                    QStringLiteral("no device entered the code in time"));
    }
    if (command == QLatin1String("link") && args.size() == 1) {
        const auto code = crypto::LinkCode::parse(args.first());
        if (!code)
            return usage(QStringLiteral("a link code looks like ABCD-EFGH-JKMN-PQRS"));
        const auto done = session.approveLink(*code);
        if (!done)
            return reportError(done.error());
        printOk(QStringLiteral("device approved"));
        return Success;
    }
    if (command == QLatin1String("recovery") && args == QStringList{QStringLiteral("reset")}) {
        if (state.value() == State::Ready)
            return fail(Refused, QStringLiteral("conflict"),
                        QStringLiteral("this device is approved: use it (or link another) "
                                       "instead of starting over"));
        const auto reset = session.resetIdentity();
        if (!reset)
            return reportError(reset.error());
        m_err << "moim-cli: new keys made. Messages from before cannot be read on any device "
                 "now, and the people you talk to are warned that your keys changed.\n";
        m_err.flush();
        printOk(QStringLiteral("this device reads and sends now, with new keys"));
        return Success;
    }
    if (command == QLatin1String("recovery") && args.size() == 1 &&
        (args.first() == QLatin1String("set") || args.first() == QLatin1String("restore"))) {
        const bool setting = args.first() == QLatin1String("set");
        auto passphrase = readPassword(m_environment, QStringLiteral("MOIM_RECOVERY_PASSPHRASE"),
                                       QStringLiteral("Recovery passphrase: "));
        if (!passphrase)
            return usage(QStringLiteral("no passphrase: set MOIM_RECOVERY_PASSPHRASE or run in a "
                                        "terminal"));
        if (setting) {
            const auto done = session.setRecoveryPassphrase(*passphrase);
            if (!done)
                return reportError(done.error());
            printOk(QStringLiteral("recovery passphrase set: keep it safe, it opens all your "
                                   "history on a new device"));
            return Success;
        }
        if (state.value() == State::Ready)
            return fail(Refused, QStringLiteral("conflict"),
                        QStringLiteral("this device is already approved"));
        const auto restored = session.restoreWithPassphrase(*passphrase);
        if (!restored)
            return reportError(restored.error());
        printOk(QStringLiteral("restored: this device reads and sends now (%1 keys)")
                    .arg(session.engine().inboundKeyCount()));
        return Success;
    }
    if (command == QLatin1String("verify") && args.size() == 1) {
        const auto found =
            m_connection->callAndWait<protocol::MemberList>(protocol::FindUsers{{args.first()}});
        if (!found)
            return reportError(found.error());
        if (found->members.isEmpty() || found->members.first().username != args.first())
            return fail(Refused, QStringLiteral("not_found"),
                        QStringLiteral("no such user in your teams"));
        const quint64 other = found->members.first().userId;
        const auto checked = session.verification(other);
        if (!checked) {
            if (checked.error().code == ErrorCode::NotFound)
                return fail(Refused, QStringLiteral("not_found"),
                            QStringLiteral("%1 has no encryption keys yet").arg(args.first()));
            return reportError(checked.error());
        }
        const bool changed = checked->masterChanged;
        const QString number = checked->safetyNumber;
        if (m_confirm)
            session.setVerified(other, true);
        const bool verified = session.engine().trust(other)->verified;
        if (m_json) {
            printJson({{QStringLiteral("user"), args.first()},
                       {QStringLiteral("safety_number"), number},
                       {QStringLiteral("verified"), verified},
                       {QStringLiteral("master_key_changed"), changed}});
        } else {
            if (changed)
                m_out << "WARNING: " << args.first()
                      << "'s master key CHANGED since you first saw it. Compare the safety "
                         "number in person before trusting it again.\n";
            m_out << "Safety number with " << args.first() << ":\n  " << number << '\n'
                  << (verified ? "verified\n"
                               : "not verified: compare it with theirs, then run "
                                 "'moim-cli verify USER --confirm'\n");
            m_out.flush();
        }
        return Success;
    }
    return usage(QStringLiteral("wrong arguments for '%1'").arg(command));
}

int CliApp::changePassword()
{
    const auto current = readPassword(m_environment, QStringLiteral("MOIM_PASSWORD"),
                                      QStringLiteral("Current password: "));
    const auto fresh = current ? readPassword(m_environment, QStringLiteral("MOIM_NEW_PASSWORD"),
                                              QStringLiteral("New password: "))
                               : std::nullopt;
    if (!current || !fresh)
        return usage(QStringLiteral(
            "no password: set MOIM_PASSWORD and MOIM_NEW_PASSWORD or run in a terminal"));
    if (!m_environment.contains(QStringLiteral("MOIM_NEW_PASSWORD"))) {
        const auto again = readPassword(m_environment, QStringLiteral("MOIM_NEW_PASSWORD"),
                                        QStringLiteral("Repeat new password: "));
        if (again != fresh)
            return usage(QStringLiteral("the new passwords differ"));
    }
    int exitCode = 0;
    if (!resumeSession(&exitCode))
        return exitCode;
    const auto result = m_connection->callAndWait<protocol::Ok>(
        protocol::ChangePassword{*current, *fresh, m_revokeOthers});
    if (!result)
        return reportError(result.error());
    printOk(m_revokeOthers ? QStringLiteral("password changed; other devices logged out")
                           : QStringLiteral("password changed"));
    return Success;
}

} // namespace moim::cli
