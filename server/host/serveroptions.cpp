#include "serveroptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace Chorus::Host {

ServerOptions ServerOptions::parse(const QStringList &arguments, int *exitCode)
{
    *exitCode = -1;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Chorus host: serves collaborative documents over the y-websocket protocol."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port (default 1234, 0 picks a free one)."),
                                  QStringLiteral("port"), QStringLiteral("1234"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Where documents are stored."),
                                     QStringLiteral("dir"));
    parser.addOptions({ bind, port, dataDir });

    ServerOptions out;
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "chorus-server: %s\n", qPrintable(parser.errorText()));
        *exitCode = 2;
        return out;
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        *exitCode = 0;
        return out;
    }
    if (parser.isSet(version)) {
        std::printf("chorus-server %s\n", CHORUS_VERSION);
        *exitCode = 0;
        return out;
    }
    if (!out.bind.setAddress(parser.value(bind))) {
        std::fprintf(stderr, "chorus-server: --bind: not an IP address: %s\n",
                     qPrintable(parser.value(bind)));
        *exitCode = 2;
        return out;
    }
    bool ok = false;
    const uint p = parser.value(port).toUInt(&ok);
    if (!ok || p > 65535) {
        std::fprintf(stderr, "chorus-server: --port: expected 0-65535, got %s\n",
                     qPrintable(parser.value(port)));
        *exitCode = 2;
        return out;
    }
    out.port = quint16(p);
    out.dataDir = parser.value(dataDir);
    return out;
}

} // namespace Chorus::Host
