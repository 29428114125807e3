// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The app starts in German when the environment says so: LANG=de_DE.UTF-8 (set before the
// application object exists, as a desktop session would) makes Translations::install load the
// embedded chorus_de.qm (and Qt's qtbase_de when installed), and the window's menus, the Host
// and Join dialogs speak German. French loads too; an untranslated language stays English.
#include "app/dialogs/hostdialog.h"
#include "app/dialogs/joindialog.h"
#include "app/translations.h"
#include "app/window/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus::App;
using namespace Qt::StringLiterals;

namespace {

QStringList menuTitles(const MainWindow &window)
{
    QStringList titles;
    const auto actions = window.menuBar()->actions();
    for (const QAction *action : actions) {
        titles << action->text();
    }
    return titles;
}

} // namespace

class TstTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanFromTheEnvironment()
    {
        QCOMPARE(QLocale::system().language(), QLocale::German);
        const QStringList installed = Translations::install(qApp);
        QVERIFY2(!installed.isEmpty() && installed.first().endsWith(u"chorus_de.qm"_s),
                 qPrintable(installed.join(u", "_s)));
        MainWindow window;
        const QStringList titles = menuTitles(window);
        QVERIFY2(titles.contains(u"&Datei"_s) && titles.contains(u"S&itzung"_s),
                 qPrintable(titles.join(u", "_s)));
        HostDialog host(nullptr, {});
        QCOMPARE(host.windowTitle(), u"Sitzung bereitstellen"_s);
        const QString shots
            = qEnvironmentVariable("CHORUS_BINARY_DIR", QDir::currentPath()) + u"/screenshots"_s;
        QDir().mkpath(shots);
        host.show();
        QVERIFY(host.grab().save(shots + u"/host-dialog-de.png"_s));
        JoinDialog join { QString() };
        QCOMPARE(join.windowTitle(), u"Einer Sitzung beitreten"_s);
        QCOMPARE(
            QCoreApplication::translate("Chorus::App::FindBar", "%n replacement(s)", nullptr, 2),
            u"2 Ersetzungen"_s);
    }

    void frenchAndUntranslated()
    {
        QVERIFY(!Translations::install(qApp, QLocale(QLocale::French, QLocale::France)).isEmpty());
        QVERIFY(Translations::install(qApp, QLocale(QLocale::Icelandic)).isEmpty());
    }
};

int main(int argc, char *argv[])
{
    // What a German desktop session hands the app; QLocale::system() reads it at start-up.
    qputenv("LANG", "de_DE.UTF-8");
    qputenv("LC_ALL", "de_DE.UTF-8");
    qputenv("LANGUAGE", "de");
    QApplication app(argc, argv);
    // Never the user's own settings or data folders.
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    TstTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
