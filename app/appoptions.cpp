// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/appoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace Chorus::App {

AppOptions AppOptions::parse(const QStringList &arguments, int *exitCode)
{
    *exitCode = -1;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "AppOptions", "Chorus: a collaborative editor for text and code."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption join(
        QStringLiteral("join"),
        QCoreApplication::translate("AppOptions", "Join a session, e.g. ws://host:1234/notes."),
        QStringLiteral("url"));
    parser.addOption(join);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QCoreApplication::translate("AppOptions", "Files to open."),
                                 QStringLiteral("[file...]"));
    AppOptions out;
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "chorus: %s\n", qPrintable(parser.errorText()));
        *exitCode = 2;
        return out;
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        *exitCode = 0;
        return out;
    }
    if (parser.isSet(version)) {
        std::printf("chorus %s\n", CHORUS_VERSION);
        *exitCode = 0;
        return out;
    }
    out.files = parser.positionalArguments();
    // The desktop file passes URLs (Exec=chorus %U): `chorus chorus://…` is a join, not a file,
    // and file:// URLs are local paths.
    for (qsizetype i = out.files.size() - 1; i >= 0; --i) {
        if (out.files[i].startsWith(QLatin1String("chorus://")) && !parser.isSet(join)) {
            out.joinUrl = QUrl(out.files.takeAt(i), QUrl::StrictMode);
        } else if (out.files[i].startsWith(QLatin1String("file://"))) {
            out.files[i] = QUrl(out.files[i]).toLocalFile();
        }
    }
    if (parser.isSet(join)) {
        out.joinUrl = QUrl(parser.value(join), QUrl::StrictMode);
        const QString scheme = out.joinUrl.scheme();
        if (!out.joinUrl.isValid()
            || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")
                && scheme != QLatin1String("chorus"))) {
            std::fprintf(stderr, "chorus: --join: expected ws://HOST:PORT/ROOM, got %s\n",
                         qPrintable(parser.value(join)));
            *exitCode = 2;
        }
    }
    return out;
}

} // namespace Chorus::App
