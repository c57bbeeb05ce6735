#include <QCoreApplication>
#include <QTextStream>
#include <cli/CliApp.h>
#include <crypto/Sodium.h>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("moim-cli"));
    if (!moim::crypto::initializeSodium()) {
        std::fputs("moim-cli: libsodium could not be initialized\n", stderr);
        return 1;
    }
    QTextStream out(stdout);
    QTextStream err(stderr);
    moim::cli::CliApp cli(out, err, QProcessEnvironment::systemEnvironment());
    return cli.run(app.arguments());
}
