#include "cli/PasswordPrompt.h"

#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace moim::cli {

std::optional<QString> readPassword(const QProcessEnvironment& environment, const QString& variable,
                                    const QString& prompt)
{
    if (environment.contains(variable))
        return environment.value(variable);
    const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty < 0)
        return std::nullopt;
    const QByteArray promptBytes = prompt.toUtf8();
    [[maybe_unused]] auto written =
        ::write(tty, promptBytes.constData(), size_t(promptBytes.size()));
    termios saved{};
    const bool isTerminal = ::tcgetattr(tty, &saved) == 0;
    if (isTerminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && line.size() < 4096)
        line.append(c);
    if (isTerminal)
        ::tcsetattr(tty, TCSAFLUSH, &saved);
    written = ::write(tty, "\n", 1);
    ::close(tty);
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

} // namespace moim::cli
