#include "appsettings.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QRandomGenerator>
#include <QSettings>

namespace Chorus::App {

namespace {
const auto keyName = QStringLiteral("user/name");
const auto keyColor = QStringLiteral("user/color");
const auto keyFont = QStringLiteral("editor/font");
const auto keyTheme = QStringLiteral("editor/theme");
const auto keyRecent = QStringLiteral("files/recent");
} // namespace

QString AppSettings::instanceTag()
{
    static const QString tag = QString::number(QRandomGenerator::system()->bounded(0x10000U), 16)
                                   .rightJustified(4, u'0')
                                   .toUpper();
    return tag;
}

QString AppSettings::defaultUserName(const QString &tag)
{
    const QString login = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return login.isEmpty() ? tr("Guest %1").arg(tag) : QStringLiteral("%1 %2").arg(login, tag);
}

QColor AppSettings::colorForTag(const QString &tag)
{
    // The golden angle spreads neighbouring tags around the wheel; saturation and lightness
    // give a mid-tone that reads on light and dark backgrounds alike.
    const uint value = tag.toUInt(nullptr, 16);
    return QColor::fromHsl(int((value * 137U) % 360U), 190, 115);
}

bool AppSettings::hasStoredUserName()
{
    return !QSettings().value(keyName).toString().isEmpty();
}

bool AppSettings::hasStoredUserColor()
{
    return QColor(QSettings().value(keyColor).toString()).isValid();
}

QString AppSettings::userName()
{
    const QString stored = QSettings().value(keyName).toString();
    return stored.isEmpty() ? defaultUserName() : stored;
}

void AppSettings::setUserName(const QString &name)
{
    // Storing this instance's default would give every later instance the same identity.
    if (!hasStoredUserName() && name.trimmed() == defaultUserName()) {
        return;
    }
    QSettings().setValue(keyName, name.trimmed());
}

QColor AppSettings::userColor()
{
    const QColor stored(QSettings().value(keyColor).toString());
    if (stored.isValid()) {
        return stored;
    }
    // A saved name keeps its colour from run to run; a default identity gets the tag's.
    return hasStoredUserName() ? colorForName(userName()) : colorForTag(instanceTag());
}

void AppSettings::setUserColor(const QColor &color)
{
    if (!hasStoredUserColor() && color.rgb() == userColor().rgb()) {
        return;
    }
    QSettings().setValue(keyColor, color.name(QColor::HexRgb));
}

QFont AppSettings::editorFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QString stored = QSettings().value(keyFont).toString();
    if (!stored.isEmpty()) {
        font.fromString(stored);
    }
    return font;
}

void AppSettings::setEditorFont(const QFont &font)
{
    QSettings().setValue(keyFont, font.toString());
}

AppSettings::Theme AppSettings::theme()
{
    const QString stored = QSettings().value(keyTheme).toString();
    if (stored == QLatin1String("light")) {
        return Theme::Light;
    }
    if (stored == QLatin1String("dark")) {
        return Theme::Dark;
    }
    return Theme::FollowPalette;
}

void AppSettings::setTheme(Theme theme)
{
    const char *names[] = { "palette", "light", "dark" };
    QSettings().setValue(keyTheme, QLatin1String(names[int(theme)]));
}

QStringList AppSettings::recentFiles()
{
    return QSettings().value(keyRecent).toStringList();
}

void AppSettings::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > maxRecentFiles) {
        files.removeLast();
    }
    QSettings().setValue(keyRecent, files);
}

void AppSettings::clearRecentFiles()
{
    QSettings().remove(keyRecent);
}

QColor AppSettings::colorForName(const QString &name)
{
    // Saturated mid-tones that read on both light and dark backgrounds.
    static const char *const palette[] = { "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4",
                                           "#0f9d9a", "#f032e6", "#9a6324", "#808000", "#d81b60" };
    const size_t index = qHash(name) % (sizeof(palette) / sizeof(palette[0]));
    return QColor(QLatin1String(palette[index]));
}

} // namespace Chorus::App
