#pragma once

#include "server/ServerConfig.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace moim::server {

struct ConfigOutcome {
    enum class Action { Run, ShowVersion, ShowHelp, Fail };
    Action action = Action::Fail;
    ServerConfig config;
    QString message; // help text, or the error for Fail
};

// Builds the configuration from defaults, then an INI file (--config or MOIM_CONFIG), then
// MOIM_* environment variables, then command-line flags: each later source wins.
ConfigOutcome loadServerConfig(const QStringList& arguments,
                               const QProcessEnvironment& environment);

} // namespace moim::server
