// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/highlighting.h"

#include <QMimeDatabase>
#include <QPalette>

#include <KSyntaxHighlighting/Repository>

namespace Chorus::App {

KSyntaxHighlighting::Repository &Highlighting::repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

KSyntaxHighlighting::Definition Highlighting::definitionForFile(const QString &path)
{
    auto &repo = repository();
    KSyntaxHighlighting::Definition def = repo.definitionForFileName(path);
    if (!def.isValid()) {
        const QMimeType mime = QMimeDatabase().mimeTypeForFile(path);
        def = repo.definitionForMimeType(mime.name());
        for (qsizetype i = 0; !def.isValid() && i < mime.parentMimeTypes().size(); ++i) {
            def = repo.definitionForMimeType(mime.parentMimeTypes().at(i));
        }
    }
    return def;
}

KSyntaxHighlighting::Theme Highlighting::theme(AppSettings::Theme choice, const QPalette &palette)
{
    auto &repo = repository();
    switch (choice) {
    case AppSettings::Theme::Light:
        return repo.defaultTheme(KSyntaxHighlighting::Repository::LightTheme);
    case AppSettings::Theme::Dark:
        return repo.defaultTheme(KSyntaxHighlighting::Repository::DarkTheme);
    case AppSettings::Theme::FollowPalette: break;
    }
    return repo.themeForPalette(palette);
}

} // namespace Chorus::App
