#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace Chorus::Host {

// What `chorus-server` was asked to do, parsed from its command line.
struct ServerOptions
{
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 1234;
    QString dataDir;

    // Parses arguments; on --help/--version prints and sets exitCode >= 0; on a bad argument
    // prints a clear message to stderr and sets exitCode to 2.
    static ServerOptions parse(const QStringList &arguments, int *exitCode);
};

} // namespace Chorus::Host
