// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus: start-up only. Everything testable lives in chorus_app.
#include "app/appoptions.h"
#include "app/session/sessioncontroller.h"
#include "app/translations.h"
#include "app/window/fileopenhandler.h"
#include "app/window/mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    // --version and --help must work without a display, so parse before QApplication exists.
    QCoreApplication::setApplicationName(QStringLiteral("Chorus"));
    QCoreApplication::setOrganizationName(QStringLiteral("Chorus"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHORUS_VERSION));
    QStringList args;
    for (int i = 0; i < argc; ++i) {
        args << QString::fromLocal8Bit(argv[i]);
    }
    int exitCode = -1;
    const auto options = Chorus::App::AppOptions::parse(args, &exitCode);
    if (exitCode >= 0) {
        return exitCode;
    }
    QApplication app(argc, argv);
    Chorus::App::Translations::install(&app);
    Chorus::App::MainWindow window;
    // Links and files the system hands over while the app runs (macOS); owned by the window.
    new Chorus::App::FileOpenHandler(&window);
    if (options.files.isEmpty() && options.joinUrl.isEmpty()) {
        window.newTab();
    }
    window.openFiles(options.files);
    if (options.joinUrl.scheme() == QLatin1String("chorus")) {
        // An invite link: the Join dialog asks for the name and password, then lists documents.
        window.sessionController()->showJoinDialog(options.joinUrl.toString());
    } else if (!options.joinUrl.isEmpty()) {
        window.joinSession(options.joinUrl);
    }
    window.show();
    return app.exec();
}
