#include <QCoreApplication>
#include <crypto/Sodium.h>
#include <server/AdminTool.h>
#include <util/LogOutput.h>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("moimctl"));
    moim::util::installLogOutput(moim::util::LogMode::Production, moim::util::LogFormat::Text);
    if (!moim::crypto::initializeSodium())
        return 1;
    QTextStream out(stdout);
    QTextStream err(stderr);
    moim::server::AdminTool tool(out, err);
    return tool.run(app.arguments());
}
