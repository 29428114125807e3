// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QUrl>

namespace Chorus::App {

// The `chorus` command line: files to open and an optional session to join.
struct AppOptions
{
    QStringList files;
    QUrl joinUrl;

    // On --help/--version prints and sets exitCode to 0; on a bad argument prints a clear
    // message and sets exitCode to 2; otherwise leaves it at -1.
    static AppOptions parse(const QStringList &arguments, int *exitCode);
};

} // namespace Chorus::App
