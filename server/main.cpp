// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus-server: start-up only. Everything testable lives in chorus_host.
#include "host/rooms/server.h"
#include "host/serveroptions.h"
#include "host/shutdownsignals.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace {

void applyLogLevel(const QString &level)
{
    QString rules = QStringLiteral("chorus.*.debug=false\n");
    if (level == u"debug") {
        rules = QStringLiteral("chorus.*.debug=true\n");
    } else if (level == u"warning") {
        rules += QStringLiteral("chorus.*.info=false\n");
    } else if (level == u"error") {
        rules += QStringLiteral("chorus.*.info=false\nchorus.*.warning=false\n");
    }
    QLoggingCategory::setFilterRules(rules);
}

// One file descriptor per connection: lift the soft limit to the hard one.
void raiseFileLimit()
{
#ifdef Q_OS_UNIX
    struct rlimit rl = {};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own poll() dispatcher costs about a third less CPU per message than the GLib one with
    // hundreds of sockets (measured with server-bench scenario a); a host needs no GLib sources.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
        qputenv("QT_NO_GLIB", "1");
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chorus-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHORUS_VERSION));
    int exitCode = -1;
    const auto options
        = Chorus::Host::ServerOptions::parse(QCoreApplication::arguments(), &exitCode);
    if (exitCode >= 0) {
        return exitCode;
    }
    applyLogLevel(options.logLevel);
    raiseFileLimit();

    Chorus::Host::Server server(options);
    Chorus::Host::ShutdownSignals shutdown;
    QObject::connect(&shutdown, &Chorus::Host::ShutdownSignals::received, &server,
                     &Chorus::Host::Server::stop);
    QObject::connect(&server, &Chorus::Host::Server::stopped, &app,
                     [] { QCoreApplication::exit(0); });
    if (!server.start()) {
        std::fprintf(stderr, "chorus-server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return app.exec();
}
