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
// is never written back: saving the very name or colour the default gives stores nothing.
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
    // A readable colour for a name, used until the user picks one.
    static QColor colorForName(const QString &name);
};

} // namespace Chorus::App
