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
