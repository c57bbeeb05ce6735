#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace moim::cli {

// A password from the environment variable if set, else typed at the terminal without echo.
// nullopt when neither is possible (no variable and no terminal), so scripts fail clearly
// instead of hanging on a prompt nobody sees.
std::optional<QString> readPassword(const QProcessEnvironment& environment, const QString& variable,
                                    const QString& prompt);

} // namespace moim::cli
