#include "server/ConfigLoader.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <functional>
#include <moim/MoimVersion.h>

namespace moim::server {
namespace {

// One setting: its flag (also the INI key, with '-' as '_'), its environment variable and how
// to apply a text value.
struct Setting {
    QString flag;
    QString valueName;
    QString help;
    std::function<std::optional<QString>(ServerConfig&, const QString&)> apply;

    QString envName() const
    {
        return QStringLiteral("MOIM_") + flag.toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
    }
    QString iniKey() const { return QString(flag).replace(QLatin1Char('-'), QLatin1Char('_')); }
};

std::optional<QString> parseInt(const QString& text, qint64 min, qint64 max, qint64* out)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return QStringLiteral("expected a whole number from %1 to %2, got '%3'")
            .arg(min)
            .arg(max)
            .arg(text);
    *out = value;
    return std::nullopt;
}

template <typename Target>
std::function<std::optional<QString>(ServerConfig&, const QString&)>
intSetting(Target ServerConfig::*member, qint64 min, qint64 max)
{
    return [=](ServerConfig& config, const QString& text) -> std::optional<QString> {
        qint64 value = 0;
        if (auto problem = parseInt(text, min, max, &value))
            return problem;
        config.*member = Target(value);
        return std::nullopt;
    };
}

std::function<std::optional<QString>(ServerConfig&, const QString&)>
durationSetting(std::chrono::milliseconds ServerConfig::*member, qint64 min, qint64 max)
{
    return [=](ServerConfig& config, const QString& text) -> std::optional<QString> {
        qint64 value = 0;
        if (auto problem = parseInt(text, min, max, &value))
            return problem;
        config.*member = std::chrono::milliseconds(value);
        return std::nullopt;
    };
}

std::optional<QString> applyListen(ServerConfig& config, const QString& text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return QStringLiteral("expected HOST:PORT, got '%1'").arg(text);
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return QStringLiteral("'%1' is not an IP address (or localhost)").arg(host);
    qint64 port = 0;
    if (auto problem = parseInt(text.mid(colon + 1), 0, 65535, &port))
        return QStringLiteral("bad port: ") + *problem;
    config.listenAddress = address;
    config.listenPort = quint16(port);
    return std::nullopt;
}

std::optional<QString> applyDatabase(ServerConfig& config, const QString& text)
{
    QString error;
    const auto settings = DatabaseSettings::fromUrl(text, &error);
    if (!settings)
        return error;
    config.database = *settings;
    return std::nullopt;
}

std::optional<QString> applyLogMode(ServerConfig& config, const QString& text)
{
    if (text == QLatin1String("debug"))
        config.logMode = util::LogMode::Debug;
    else if (text == QLatin1String("production"))
        config.logMode = util::LogMode::Production;
    else
        return QStringLiteral("expected debug or production, got '%1'").arg(text);
    return std::nullopt;
}

std::optional<QString> applyLogFormat(ServerConfig& config, const QString& text)
{
    if (text == QLatin1String("text"))
        config.logFormat = util::LogFormat::Text;
    else if (text == QLatin1String("json"))
        config.logFormat = util::LogFormat::Json;
    else
        return QStringLiteral("expected text or json, got '%1'").arg(text);
    return std::nullopt;
}

QList<Setting> settings()
{
    using C = ServerConfig;
    return {
        {QStringLiteral("data-dir"), QStringLiteral("DIR"),
         QStringLiteral("Directory for the database and files."),
         [](C& c, const QString& v) -> std::optional<QString> {
             if (v.isEmpty())
                 return QStringLiteral("must not be empty");
             c.dataDir = v;
             return std::nullopt;
         }},
        {QStringLiteral("listen"), QStringLiteral("HOST:PORT"),
         QStringLiteral("Address for WebSocket and HTTP (default 127.0.0.1:7420)."), applyListen},
        {QStringLiteral("database"), QStringLiteral("URL"),
         QStringLiteral("sqlite:///path or postgresql://user:pass@host:port/db (default: SQLite "
                        "in the data directory)."),
         applyDatabase},
        {QStringLiteral("log-mode"), QStringLiteral("MODE"), QStringLiteral("debug or production."),
         applyLogMode},
        {QStringLiteral("log-format"), QStringLiteral("FORMAT"), QStringLiteral("text or json."),
         applyLogFormat},
        {QStringLiteral("io-threads"), QStringLiteral("N"),
         QStringLiteral("Threads that serve sockets."), intSetting(&C::ioThreads, 1, 64)},
        {QStringLiteral("db-threads"), QStringLiteral("N"),
         QStringLiteral("Database worker threads."), intSetting(&C::dbThreads, 1, 64)},
        {QStringLiteral("password-threads"), QStringLiteral("N"),
         QStringLiteral("Threads that hash passwords (each uses 19 MiB while hashing)."),
         intSetting(&C::passwordThreads, 1, 64)},
        {QStringLiteral("password-queue"), QStringLiteral("N"),
         QStringLiteral("Password hashes allowed to wait before logins are told to retry."),
         intSetting(&C::passwordQueueLimit, 1, 100000)},
        {QStringLiteral("max-message-bytes"), QStringLiteral("BYTES"),
         QStringLiteral("Largest WebSocket message accepted (default 1 MiB)."),
         intSetting(&C::maxMessageBytes, 1024, qint64(256) * 1024 * 1024)},
        {QStringLiteral("max-send-backlog-bytes"), QStringLiteral("BYTES"),
         QStringLiteral("Unsent bytes a socket may hold before it is dropped as too slow."),
         intSetting(&C::maxSendBacklogBytes, 64 * 1024, qint64(1024) * 1024 * 1024)},
        {QStringLiteral("hello-timeout-ms"), QStringLiteral("MS"),
         QStringLiteral("Time a new connection has to upgrade and send hello."),
         durationSetting(&C::helloTimeout, 100, 600'000)},
        {QStringLiteral("ping-interval-ms"), QStringLiteral("MS"),
         QStringLiteral("Ping period; a socket silent for two periods is dropped."),
         durationSetting(&C::pingInterval, 100, 3'600'000)},
        {QStringLiteral("allowed-origins"), QStringLiteral("LIST"),
         QStringLiteral("Comma-separated browser origins allowed to connect."),
         [](C& c, const QString& v) -> std::optional<QString> {
             c.allowedOrigins.clear();
             for (const QString& origin : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                 c.allowedOrigins.append(origin.trimmed());
             return std::nullopt;
         }},
        {QStringLiteral("requests-per-second"), QStringLiteral("N"),
         QStringLiteral("Sustained requests a socket may make per second."),
         intSetting(&C::requestsPerSecond, 1, 100000)},
        {QStringLiteral("request-burst"), QStringLiteral("N"),
         QStringLiteral("Requests a socket may make in a burst."),
         intSetting(&C::requestBurst, 1, 1000000)},
        {QStringLiteral("account-failure-limit"), QStringLiteral("N"),
         QStringLiteral("Failed logins per account before it is throttled."),
         intSetting(&C::accountFailureLimit, 1, 100000)},
        {QStringLiteral("address-failure-limit"), QStringLiteral("N"),
         QStringLiteral("Failed logins per address before it is throttled."),
         intSetting(&C::addressFailureLimit, 1, 100000)},
        {QStringLiteral("retention-days"), QStringLiteral("DAYS"),
         QStringLiteral("Days history is kept (0: forever; default 3650)."),
         intSetting(&C::retentionDays, 0, 100 * 366)},
        {QStringLiteral("retention-interval-ms"), QStringLiteral("MS"),
         QStringLiteral("How often expired history is deleted (default daily)."),
         durationSetting(&C::retentionInterval, 1000, 7LL * 24 * 3600 * 1000)},
        {QStringLiteral("retention-batch"), QStringLiteral("N"),
         QStringLiteral("Events deleted per transaction by the retention job."),
         intSetting(&C::retentionBatch, 1, 100000)},
        {QStringLiteral("max-file-size"), QStringLiteral("BYTES"),
         QStringLiteral("Largest attachment a client may upload, in bytes of ciphertext "
                        "(default 100 MiB)."),
         intSetting(&C::maxFileSize, 1, qint64(1) << 40)},
        {QStringLiteral("user-quota"), QStringLiteral("BYTES"),
         QStringLiteral("Bytes of attachments one user may have stored, unfinished uploads "
                        "included (default 1 GiB; 0: no uploads)."),
         intSetting(&C::userQuota, 0, qint64(1) << 50)},
        {QStringLiteral("blob-grace-hours"), QStringLiteral("HOURS"),
         QStringLiteral("Hours an attachment no message refers to, or an unfinished upload, is "
                        "kept (default 24)."),
         intSetting(&C::blobGraceHours, 0, 366 * 24)},
        {QStringLiteral("push-gateway"), QStringLiteral("on|off"),
         QStringLiteral("POST content-free wake-ups to URLs offline devices registered."),
         [](C& c, const QString& v) -> std::optional<QString> {
             if (v != QLatin1String("on") && v != QLatin1String("off"))
                 return QStringLiteral("expected on or off, got '%1'").arg(v);
             c.pushGateway = v == QLatin1String("on");
             return std::nullopt;
         }},
        {QStringLiteral("push-allowed-hosts"), QStringLiteral("LIST"),
         QStringLiteral("Comma-separated hosts push URLs may name (empty: any)."),
         [](C& c, const QString& v) -> std::optional<QString> {
             c.pushAllowedHosts.clear();
             for (const QString& host : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                 c.pushAllowedHosts.append(host.trimmed().toLower());
             return std::nullopt;
         }},
        {QStringLiteral("failure-window-ms"), QStringLiteral("MS"),
         QStringLiteral("Window over which failed logins count."),
         durationSetting(&C::failureWindow, 1000, 86'400'000)},
    };
}

QString defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("moimd"));
}

} // namespace

ConfigOutcome loadServerConfig(const QStringList& arguments, const QProcessEnvironment& environment)
{
    ConfigOutcome outcome;
    const QList<Setting> all = settings();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Moim server daemon"));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption versionOption(QStringLiteral("version"),
                                           QStringLiteral("Show the version."));
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("INI configuration file."),
                                          QStringLiteral("FILE"));
    parser.addOption(helpOption);
    parser.addOption(versionOption);
    parser.addOption(configOption);
    for (const Setting& setting : all)
        parser.addOption(QCommandLineOption(setting.flag,
                                            setting.help + QStringLiteral(" [env ") +
                                                setting.envName() + QLatin1Char(']'),
                                            setting.valueName));

    if (!parser.parse(arguments)) {
        outcome.message = parser.errorText();
        return outcome;
    }
    if (!parser.positionalArguments().isEmpty()) {
        outcome.message = QStringLiteral("unexpected argument '%1'")
                              .arg(parser.positionalArguments().constFirst());
        return outcome;
    }
    if (parser.isSet(helpOption)) {
        outcome.action = ConfigOutcome::Action::ShowHelp;
        outcome.message = parser.helpText();
        return outcome;
    }
    if (parser.isSet(versionOption)) {
        outcome.action = ConfigOutcome::Action::ShowVersion;
        outcome.message = QStringLiteral("moimd %1 (protocol %2)")
                              .arg(QString::fromLatin1(kAppVersion))
                              .arg(kProtocolVersion);
        return outcome;
    }

    ServerConfig config;
    config.dataDir = defaultDataDir();
    const auto applyFrom = [&](const Setting& setting, const QString& value,
                               const QString& source) -> bool {
        if (auto problem = setting.apply(config, value)) {
            outcome.message = source + QStringLiteral(": ") + *problem;
            return false;
        }
        return true;
    };

    QString configFile = parser.value(configOption);
    if (configFile.isEmpty())
        configFile = environment.value(QStringLiteral("MOIM_CONFIG"));
    if (!configFile.isEmpty()) {
        if (!QFileInfo(configFile).isReadable()) {
            outcome.message = QStringLiteral("cannot read config file '%1'").arg(configFile);
            return outcome;
        }
        QSettings ini(configFile, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError) {
            outcome.message = QStringLiteral("config file '%1' is not valid INI").arg(configFile);
            return outcome;
        }
        const QStringList keys = ini.allKeys();
        for (const QString& key : keys) {
            const QString bare = key.startsWith(QLatin1String("General/")) ? key.mid(8) : key;
            const auto it = std::find_if(all.begin(), all.end(),
                                         [&](const Setting& s) { return s.iniKey() == bare; });
            if (it == all.end()) {
                outcome.message =
                    QStringLiteral("config file '%1': unknown key '%2'").arg(configFile, key);
                return outcome;
            }
            // QSettings splits unquoted values at commas; join them back.
            const QVariant value = ini.value(key);
            const QString text = value.metaType().id() == QMetaType::QStringList
                                     ? value.toStringList().join(QLatin1Char(','))
                                     : value.toString();
            if (!applyFrom(*it, text, configFile + QStringLiteral(": ") + key))
                return outcome;
        }
    }
    for (const Setting& setting : all) {
        if (environment.contains(setting.envName()) &&
            !applyFrom(setting, environment.value(setting.envName()), setting.envName()))
            return outcome;
    }
    for (const Setting& setting : all) {
        if (parser.isSet(setting.flag) &&
            !applyFrom(setting, parser.value(setting.flag), QStringLiteral("--") + setting.flag))
            return outcome;
    }
    if (config.database.sqlitePath.isEmpty() && config.database.backend == DatabaseBackend::Sqlite)
        config.database.sqlitePath = QDir(config.dataDir).filePath(QStringLiteral("moim.sqlite3"));

    outcome.action = ConfigOutcome::Action::Run;
    outcome.config = config;
    return outcome;
}

} // namespace moim::server
