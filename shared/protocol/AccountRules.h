#pragma once

#include <QString>
#include <optional>

namespace moim::protocol {

// Rules for user-chosen names and passwords, shared so that a client can check before sending.
// Each returns an English explanation when the value is not acceptable.

// Usernames are case-insensitive: ASCII letters are stored and compared in lower case.
// Lengths of shown names count Unicode code points.
QString normalizeUsername(const QString& username);
std::optional<QString> usernameProblem(const QString& normalizedUsername);
std::optional<QString> displayNameProblem(const QString& displayName);
std::optional<QString> deviceNameProblem(const QString& deviceName);
std::optional<QString> passwordProblem(const QString& password);
// Team handles follow the username rules; channel names are 1-64 of a-z 0-9 . _ - starting
// with a letter or digit (stored lower case, unique in a team).
std::optional<QString> teamHandleProblem(const QString& normalizedHandle);
std::optional<QString> channelNameProblem(const QString& normalizedName);
std::optional<QString> topicProblem(const QString& topic);

} // namespace moim::protocol
