// chorus-server: start-up only. Everything testable lives in chorus_host.
#include "host/serveroptions.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chorus-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHORUS_VERSION));
    int exitCode = -1;
    const auto options
        = Chorus::Host::ServerOptions::parse(QCoreApplication::arguments(), &exitCode);
    if (exitCode >= 0) {
        return exitCode;
    }
    Q_UNUSED(options);
    return 0;
}
