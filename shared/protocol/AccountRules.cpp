#include "protocol/AccountRules.h"

#include "protocol/Limits.h"

#include <QList>

namespace moim::protocol {
namespace {

bool isAsciiLowerOrDigit(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

// Names shown to people: no control or format characters (which can hide or reorder text),
// no surrounding white space.
std::optional<QString> shownNameProblem(const QString& name, int maxLength, const char* what)
{
    const QString label = QString::fromLatin1(what);
    if (name.isEmpty())
        return label + QStringLiteral(" must not be empty");
    const QList<uint> codePoints = name.toUcs4();
    if (codePoints.size() > maxLength)
        return label + QStringLiteral(" must be at most %1 characters").arg(maxLength);
    if (name.trimmed() != name)
        return label + QStringLiteral(" must not start or end with white space");
    for (const uint c : codePoints) {
        const auto category = QChar::category(char32_t(c));
        if (category == QChar::Other_Control || category == QChar::Other_Format ||
            category == QChar::Other_NotAssigned)
            return label + QStringLiteral(" contains a control or invisible character");
    }
    return std::nullopt;
}

} // namespace

QString normalizeUsername(const QString& username)
{
    // ASCII only: Unicode case folding would turn look-alikes such as U+212A (Kelvin sign) into
    // valid letters; left as they are, usernameProblem() refuses them.
    QString lower = username;
    for (QChar& c : lower) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + ('a' - 'A'));
    }
    return lower;
}

std::optional<QString> usernameProblem(const QString& username)
{
    if (username.size() < kMinUsernameLength || username.size() > kMaxUsernameLength)
        return QStringLiteral("a username has %1 to %2 characters")
            .arg(kMinUsernameLength)
            .arg(kMaxUsernameLength);
    if (!isAsciiLowerOrDigit(username.front()))
        return QStringLiteral("a username starts with a letter a-z or a digit");
    for (const QChar c : username) {
        if (!isAsciiLowerOrDigit(c) && c != QLatin1Char('.') && c != QLatin1Char('_') &&
            c != QLatin1Char('-'))
            return QStringLiteral("a username may contain only a-z, 0-9, '.', '_' and '-'");
    }
    return std::nullopt;
}

std::optional<QString> displayNameProblem(const QString& displayName)
{
    return shownNameProblem(displayName, kMaxDisplayNameLength, "the display name");
}

std::optional<QString> deviceNameProblem(const QString& deviceName)
{
    return shownNameProblem(deviceName, kMaxDeviceNameLength, "the device name");
}

std::optional<QString> teamHandleProblem(const QString& handle)
{
    if (auto problem = usernameProblem(handle))
        return QString(*problem).replace(QStringLiteral("a username"),
                                         QStringLiteral("a team handle"));
    return std::nullopt;
}

std::optional<QString> channelNameProblem(const QString& name)
{
    if (name.isEmpty() || name.size() > kMaxChannelNameLength)
        return QStringLiteral("a channel name has 1 to %1 characters").arg(kMaxChannelNameLength);
    if (!isAsciiLowerOrDigit(name.front()))
        return QStringLiteral("a channel name starts with a letter a-z or a digit");
    for (const QChar c : name) {
        if (!isAsciiLowerOrDigit(c) && c != QLatin1Char('.') && c != QLatin1Char('_') &&
            c != QLatin1Char('-'))
            return QStringLiteral("a channel name may contain only a-z, 0-9, '.', '_' and '-'");
    }
    return std::nullopt;
}

std::optional<QString> topicProblem(const QString& topic)
{
    if (topic.isEmpty())
        return std::nullopt;
    return shownNameProblem(topic, kMaxTopicLength, "the topic");
}

std::optional<QString> passwordProblem(const QString& password)
{
    const qsizetype bytes = password.toUtf8().size();
    if (bytes < kMinPasswordBytes)
        return QStringLiteral("a password has at least %1 bytes in UTF-8").arg(kMinPasswordBytes);
    if (bytes > kMaxPasswordBytes)
        return QStringLiteral("a password has at most %1 bytes").arg(kMaxPasswordBytes);
    return std::nullopt;
}

} // namespace moim::protocol
