// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The colours people get when they chose none (issue 15: two default users both got red): the
// palette reads on the default light and dark editor themes, its colours are told apart, and
// pickFreeColor keeps a free colour and otherwise moves to one nobody shows.
#include "app/appsettings.h"
#include "app/editor/highlighting.h"

#include <QPalette>
#include <QTest>

#include <KSyntaxHighlighting/Theme>

using namespace Chorus::App;
using namespace Qt::StringLiterals;

namespace {
// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &color)
{
    const auto channel
        = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double x = luminance(a);
    const double y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

QColor c(const char *name)
{
    return QColor(QLatin1StringView(name));
}
} // namespace

class TestUserColors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paletteReadsOnLightAndDarkThemes_data();
    void paletteReadsOnLightAndDarkThemes();
    void paletteColoursAreToldApart();
    void defaultsComeFromThePalette();
    void pickFreeColor_data();
    void pickFreeColor();
    void colorFromCss_data();
    void colorFromCss();
};

void TestUserColors::paletteReadsOnLightAndDarkThemes_data()
{
    QTest::addColumn<int>("theme");
    QTest::newRow("light") << int(AppSettings::Theme::Light);
    QTest::newRow("dark") << int(AppSettings::Theme::Dark);
}

void TestUserColors::paletteReadsOnLightAndDarkThemes()
{
    QFETCH(int, theme);
    const KSyntaxHighlighting::Theme editorTheme
        = Highlighting::theme(AppSettings::Theme(theme), QPalette());
    const QColor background
        = QColor::fromRgba(editorTheme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
    QVERIFY(background.isValid());
    QCOMPARE(AppSettings::userPalette().size(), 12);
    for (const QColor &color : AppSettings::userPalette()) {
        // 3:1, WCAG's minimum for graphics such as a caret and its flag.
        QVERIFY2(contrast(color, background) >= 3.0,
                 qPrintable(QStringLiteral("%1 on %2: %3")
                                .arg(color.name(), background.name())
                                .arg(contrast(color, background))));
    }
}

void TestUserColors::paletteColoursAreToldApart()
{
    const QList<QColor> &palette = AppSettings::userPalette();
    for (qsizetype i = 0; i < palette.size(); ++i) {
        for (qsizetype j = i + 1; j < palette.size(); ++j) {
            QVERIFY2(!AppSettings::isSimilarColor(palette.at(i), palette.at(j)),
                     qPrintable(palette.at(i).name() + u' ' + palette.at(j).name()));
        }
    }
}

void TestUserColors::defaultsComeFromThePalette()
{
    const QList<QColor> &palette = AppSettings::userPalette();
    QVERIFY(palette.contains(AppSettings::colorForTag(QStringLiteral("4F2A"))));
    QVERIFY(palette.contains(AppSettings::colorForName(QStringLiteral("Guest"))));
    // The same name has the same colour in every run (no per-process hash seed).
    QCOMPARE(AppSettings::colorForName(QStringLiteral("Guest")).name(),
             palette.at(3).name()); // FNV-1a("Guest") % 12
    // Consecutive tags get different colours.
    QVERIFY(AppSettings::colorForTag(QStringLiteral("0001"))
            != AppSettings::colorForTag(QStringLiteral("0002")));
}

void TestUserColors::pickFreeColor_data()
{
    const QList<QColor> &p = AppSettings::userPalette();
    QTest::addColumn<QColor>("preferred");
    QTest::addColumn<QList<QColor>>("taken");
    QTest::addColumn<QColor>("expected");
    QTest::newRow("alone") << p.at(0) << QList<QColor>() << p.at(0);
    QTest::newRow("free") << p.at(0) << QList<QColor> { p.at(3), p.at(7) } << p.at(0);
    // Taken: the free colour whose hue is farthest from everything in sight.
    QTest::newRow("red taken: teal") << p.at(0) << QList<QColor> { p.at(0) } << p.at(6);
    QTest::newRow("red and teal taken: olive")
        << p.at(0) << QList<QColor> { p.at(0), p.at(6) } << p.at(3);
    QTest::newRow("three reds taken: blue")
        << p.at(0) << QList<QColor> { p.at(0), p.at(1), p.at(2) } << p.at(7);
    QTest::newRow("a near colour counts as taken")
        << p.at(0) << QList<QColor> { c("#e23535") } << p.at(6);
    QTest::newRow("a near blue") << p.at(7) << QList<QColor> { c("#2a8ee8") } << p.at(1);
    // y-codemirror.next's default sky blue is near our teal (6) and blue (7) by hue.
    QTest::newRow("y-codemirror.next's default colour")
        << p.at(6) << QList<QColor> { c("#30bced") } << p.at(1);
    QTest::newRow("pink taken: green") << p.at(11) << QList<QColor> { p.at(11) } << p.at(5);
    QTest::newRow("a colour from outside the palette")
        << c("#123456") << QList<QColor> { c("#123456") } << p.at(1);
    QTest::newRow("everything taken: stays") << p.at(5) << p << p.at(5);
}

void TestUserColors::pickFreeColor()
{
    QFETCH(QColor, preferred);
    QFETCH(QList<QColor>, taken);
    QFETCH(QColor, expected);
    QCOMPARE(AppSettings::pickFreeColor(preferred, taken).name(), expected.name());
}

void TestUserColors::colorFromCss_data()
{
    QTest::addColumn<QString>("css");
    QTest::addColumn<QString>("expected"); // empty: invalid
    QTest::newRow("#rrggbb") << u"#30bced"_s << u"#30bced"_s;
    QTest::newRow("upper case, spaces") << u" #30BCED "_s << u"#30bced"_s;
    QTest::newRow("#rgb") << u"#f80"_s << u"#ff8800"_s;
    QTest::newRow("#rrggbbaa is CSS order") << u"#30bced33"_s << u"#30bced"_s;
    QTest::newRow("rgb()") << u"rgb(48, 188, 237)"_s << u"#30bced"_s;
    QTest::newRow("rgba()") << u"rgba(48,188,237,0.5)"_s << u"#30bced"_s;
    QTest::newRow("rgb() out of range") << u"rgb(300, -1, 0)"_s << QString();
    QTest::newRow("hsl()") << u"hsl(0, 100%, 50%)"_s << u"#ff0000"_s;
    QTest::newRow("named") << u"orange"_s << u"#ffa500"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("nonsense") << u"not a colour"_s << QString();
    QTest::newRow("url()") << u"url(javascript:1)"_s << QString();
}

void TestUserColors::colorFromCss()
{
    QFETCH(QString, css);
    QFETCH(QString, expected);
    const QColor color = AppSettings::colorFromCss(css);
    QCOMPARE(color.isValid() ? color.name() : QString(), expected);
}

QTEST_MAIN(TestUserColors)
#include "tst_usercolors.moc"
