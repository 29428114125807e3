// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/appsettings.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>

class QPalette;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Chorus::App {

// The one KSyntaxHighlighting repository of the process, and the choices made from it: a
// definition for a file, a theme for the palette. GUI thread only (the repository is not
// thread-safe).
class Highlighting
{
public:
    static KSyntaxHighlighting::Repository &repository();
    // By file name first, then by the MIME type guessed from name and contents; an invalid
    // Definition (plain text) when nothing matches.
    static KSyntaxHighlighting::Definition definitionForFile(const QString &path);
    static KSyntaxHighlighting::Theme theme(AppSettings::Theme choice, const QPalette &palette);
    // Files larger than this are not highlighted: highlighting runs over the whole document on
    // the GUI thread and would stall the first paint of a very large file.
    static constexpr qsizetype maxHighlightedChars = 2 * 1024 * 1024;
};

} // namespace Chorus::App
