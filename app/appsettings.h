// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QString>
#include <QStringList>

namespace Chorus::App {

// The user's preferences, read and written through QSettings (organisation and application
// names come from main.cpp; tests point QSettings at a temporary folder). Each getter returns
// a sensible default when nothing is stored. GUI thread only.
//
// Identity: until the user saves a name and a colour, each running instance is someone of its
// own — the login name (or "Guest") with this process's instanceTag(), and a colour from that
// tag — so two windows started with default settings do not look like one person. The default
// is never written back: saving the very name or colour the default gives stores nothing. In a
// session, a default colour is only a first choice: Collaboration moves to a free palette colour
// when a peer shows the same one.
class AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(AppSettings)

public:
    enum class Theme { FollowPalette, Light, Dark };

    static QString userName();
    static void setUserName(const QString &name);
    // The colour of this user's caret for the other peers, "#rrggbb".
    static QColor userColor();
    static void setUserColor(const QColor &color);
    static bool hasStoredUserName();
    static bool hasStoredUserColor();
    // Four hex digits, random once per process ("4F2A"): what tells apart two instances that
    // both run with default settings.
    static QString instanceTag();
    // The name and colour an instance with `tag` gets while nothing is stored.
    static QString defaultUserName(const QString &tag = instanceTag());
    static QColor colorForTag(const QString &tag);
    static QFont editorFont();
    static void setEditorFont(const QFont &font);
    static Theme theme();
    static void setTheme(Theme theme);
    static QStringList recentFiles();
    // Puts `path` first, drops duplicates and keeps at most maxRecentFiles.
    static void addRecentFile(const QString &path);
    static void clearRecentFiles();

    static constexpr int maxRecentFiles = 10;
    // A readable colour for a name, used until the user picks one (the same in every run).
    static QColor colorForName(const QString &name);

    // The colours handed out while the user has chosen none: twelve hues, each with a contrast
    // of at least 3:1 against both a light (white) and a dark (Breeze Dark, #232629) editor.
    static const QList<QColor> &userPalette();
    // A peer's colour as the web writes it: "#rgb", "#rrggbb", "#rrggbbaa" (CSS order, alpha
    // dropped), "rgb(r, g, b)"/"rgba(…)", "hsl(h, s%, l%)" or a named colour. Invalid if none.
    static QColor colorFromCss(const QString &text);
    // Whether two colours look alike enough to be taken for the same person's.
    static bool isSimilarColor(const QColor &a, const QColor &b);
    // `preferred` when no colour in `taken` is similar to it; otherwise the palette colour that
    // none is similar to whose hue is farthest from all of them and from `preferred`, or
    // `preferred` when every one is taken.
    static QColor pickFreeColor(const QColor &preferred, const QList<QColor> &taken);
};

} // namespace Chorus::App
