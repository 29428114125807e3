// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/appsettings.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>

#include <algorithm>
#include <cmath>

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
    const QList<QColor> &palette = userPalette();
    return palette.at(qsizetype(tag.toUInt(nullptr, 16) % uint(palette.size())));
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
    // FNV-1a, not qHash: qHash is seeded per process, and a name keeps its colour across runs.
    quint32 hash = 2166136261U;
    for (const QChar c : name) {
        hash = (hash ^ c.unicode()) * 16777619U;
    }
    const QList<QColor> &palette = userPalette();
    return palette.at(qsizetype(hash % quint32(palette.size())));
}

const QList<QColor> &AppSettings::userPalette()
{
    // Hue order, so neighbours differ; contrast checked in tst_usercolors.
    static const QList<QColor> palette = [] {
        QList<QColor> colors;
        for (const char *name :
             { "#e03131", "#e8590c", "#b08800", "#5c940d", "#2b8a3e", "#099268", "#1098ad",
               "#228be6", "#4263eb", "#7950f2", "#be4bdb", "#e64980" }) {
            colors << QColor(QLatin1StringView(name));
        }
        return colors;
    }();
    return palette;
}

QColor AppSettings::colorFromCss(const QString &text)
{
    const QString css = text.trimmed().toLower();
    // QColor reads eight hex digits as #AARRGGBB; CSS means #RRGGBBAA.
    if (css.size() == 9 && css.startsWith(u'#')) {
        return QColor(css.left(7));
    }
    static const QRegularExpression function(QStringLiteral(
        R"re(^(rgba?|hsla?)\(\s*([\d.]+)(?:deg)?[\s,]+([\d.]+)(%?)[\s,]+([\d.]+)(%?))re"));
    const QRegularExpressionMatch m = function.match(css);
    if (!m.hasMatch()) {
        return QColor(css); // #rgb, #rrggbb, names; invalid otherwise
    }
    const double a = m.captured(2).toDouble();
    const double b = m.captured(3).toDouble();
    const double c = m.captured(5).toDouble();
    if (m.captured(1).startsWith(u"rgb")) {
        return QColor(qBound(0, qRound(a), 255), qBound(0, qRound(b), 255),
                      qBound(0, qRound(c), 255));
    }
    return QColor::fromHslF(float(std::fmod(a, 360.0) / 360.0), float(qBound(0.0, b / 100, 1.0)),
                            float(qBound(0.0, c / 100, 1.0)));
}

bool AppSettings::isSimilarColor(const QColor &a, const QColor &b)
{
    // Distance in RGB, weighted the way the eye weighs the channels ("redmean")...
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    const double r = (x.red() + y.red()) / 2.0;
    const double dr = x.red() - y.red();
    const double dg = x.green() - y.green();
    const double db = x.blue() - y.blue();
    const double distance
        = std::sqrt((2 + r / 256) * dr * dr + 4 * dg * dg + (2 + (255 - r) / 256) * db * db);
    if (distance < 75) {
        return true;
    }
    // ...and, for vivid colours, the hue: teal and sky blue read as one person's at a glance.
    const QColor p = a.toHsl();
    const QColor q = b.toHsl();
    if (p.hslSaturationF() < 0.35 || q.hslSaturationF() < 0.35 || p.hslHue() < 0
        || q.hslHue() < 0) {
        return false;
    }
    const int hueGap = std::abs(p.hslHue() - q.hslHue());
    return std::min(hueGap, 360 - hueGap) < 15 && std::abs(p.lightnessF() - q.lightnessF()) < 0.25;
}

QColor AppSettings::pickFreeColor(const QColor &preferred, const QList<QColor> &taken)
{
    const auto isFree = [&](const QColor &color) {
        return std::none_of(taken.begin(), taken.end(),
                            [&](const QColor &t) { return isSimilarColor(color, t); });
    };
    if (isFree(preferred)) {
        return preferred;
    }
    // The free palette colour whose hue is farthest from every colour in sight (the next hue
    // over would be free but look much the same). Ties go to the first after `preferred`.
    const auto hueGap = [](const QColor &a, const QColor &b) {
        const int gap = std::abs(a.toHsl().hslHue() - b.toHsl().hslHue());
        return std::min(gap, 360 - gap);
    };
    const QList<QColor> &palette = userPalette();
    const auto at = std::find(palette.begin(), palette.end(), preferred);
    const qsizetype start = at == palette.end() ? -1 : at - palette.begin();
    QColor best = preferred;
    int bestGap = -1;
    for (qsizetype i = 1; i <= palette.size(); ++i) {
        const QColor &candidate = palette.at((start + i) % palette.size()); // start >= -1
        if (!isFree(candidate)) {
            continue;
        }
        int gap = hueGap(candidate, preferred);
        for (const QColor &t : taken) {
            gap = std::min(gap, hueGap(candidate, t));
        }
        if (gap > bestGap) {
            best = candidate;
            bestGap = gap;
        }
    }
    return best;
}

} // namespace Chorus::App
