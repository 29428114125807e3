// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow and EditorTab: opening, editing and saving files keeps their bytes; refusals;
// reload on external change; recent files; status bar; links and files the system hands over
// (macOS's QFileOpenEvent).
#include "app/appsettings.h"
#include "app/dialogs/joindialog.h"
#include "app/editor/codeeditor.h"
#include "app/window/editortab.h"
#include "app/window/fileopenhandler.h"
#include "app/window/mainwindow.h"

#include <QFileOpenEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus::App;

namespace {

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(bytes);
    }
    return path;
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void editAndSaveKeepsFormat_data();
    void editAndSaveKeepsFormat();
    void unchangedSaveIsByteIdentical();
    void refusesBinaryAndShowsNoTab();
    void statusShowsEncoding();
    void reloadsWhenChangedOnDisk();
    void recentFilesAndSettings();
    void defaultIdentityIsPerInstance();
    void syntaxFromFileName();
    void opensWhatTheSystemHandsOver();

private:
    QTemporaryDir m_settingsDir;
};

void TstMainWindow::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstMainWindow::editAndSaveKeepsFormat_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::newRow("crlf") << QByteArray("a\r\nb\r\n") << QByteArray("Xa\r\nY\r\nb\r\n");
    QTest::newRow("no trailing newline") << QByteArray("a\nb") << QByteArray("Xa\nY\nb");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF"
                                       "a\nb")
                         << QByteArray("\xEF\xBB\xBFXa\nY\nb");
    QTest::newRow("latin1") << QByteArray("\xE9\nb") << QByteArray("X\xE9\nY\nb");
}

void TstMainWindow::editAndSaveKeepsFormat()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("f.txt"), before);
    MainWindow window;
    QString error;
    EditorTab *tab = window.openFile(path, &error);
    QVERIFY2(tab != nullptr, qPrintable(error));
    QTest::keyClicks(tab->editor(), QStringLiteral("X"));
    QTest::keyClick(tab->editor(), Qt::Key_Down);
    QTest::keyClick(tab->editor(), Qt::Key_Home);
    QTest::keyClicks(tab->editor(), QStringLiteral("Y"));
    QTest::keyClick(tab->editor(), Qt::Key_Return);
    QVERIFY(tab->isModified());
    QVERIFY2(tab->save(&error), qPrintable(error));
    QVERIFY(!tab->isModified());
    QCOMPARE(read(path), after);
}

void TstMainWindow::unchangedSaveIsByteIdentical()
{
    QTemporaryDir dir;
    const QByteArray bytes("\xEF\xBB\xBFint main()\r\n{\r\n\treturn 0;\xC2\xA0// nbsp\r\n}");
    const QString path = write(dir, QStringLiteral("main.cpp"), bytes);
    MainWindow window;
    QString error;
    EditorTab *tab = window.openFile(path, &error);
    QVERIFY(tab != nullptr);
    QVERIFY(tab->saveAs(dir.filePath(QStringLiteral("copy.cpp")), &error));
    QCOMPARE(read(dir.filePath(QStringLiteral("copy.cpp"))), bytes);
}

void TstMainWindow::refusesBinaryAndShowsNoTab()
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("a.bin"),
                               QByteArray("\x7F"
                                          "ELF\0\0\1",
                                          7));
    MainWindow window;
    window.newTab();
    QString error;
    QCOMPARE(window.openFile(path, &error), nullptr);
    QVERIFY(error.contains(QStringLiteral("binary")));
    QCOMPARE(window.tabCount(), 1);
}

void TstMainWindow::statusShowsEncoding()
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("l.txt"), QByteArray("caf\xE9\r\n"));
    MainWindow window;
    QString error;
    QVERIFY(window.openFile(path, &error) != nullptr);
    QVERIFY2(window.formatLabel()->text().contains(QStringLiteral("Latin-1")),
             qPrintable(window.formatLabel()->text()));
    QVERIFY(window.formatLabel()->text().contains(QStringLiteral("CRLF")));
    QCOMPARE(window.currentTab()->editor()->toPlainText(), QStringLiteral("café\n"));
}

void TstMainWindow::reloadsWhenChangedOnDisk()
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("w.txt"), "first\n");
    MainWindow window;
    QString error;
    EditorTab *tab = window.openFile(path, &error);
    QVERIFY(tab != nullptr);
    // Our own save must not count as an outside change.
    QVERIFY(tab->save(&error));
    QTest::qWait(200);
    QCOMPARE(tab->editor()->toPlainText(), QStringLiteral("first\n"));
    write(dir, QStringLiteral("w.txt"), "second\n");
    QTRY_COMPARE_WITH_TIMEOUT(tab->editor()->toPlainText(), QStringLiteral("second\n"), 5000);
    QVERIFY(!tab->isModified());
}

void TstMainWindow::recentFilesAndSettings()
{
    AppSettings::clearRecentFiles();
    QTemporaryDir dir;
    MainWindow window;
    QString error;
    for (int i = 0; i < AppSettings::maxRecentFiles + 2; ++i) {
        QVERIFY(window.openFile(write(dir, QStringLiteral("r%1.txt").arg(i), "x"), &error));
    }
    const QStringList recent = AppSettings::recentFiles();
    QCOMPARE(recent.size(), AppSettings::maxRecentFiles);
    QVERIFY(recent.first().endsWith(QStringLiteral("r11.txt")));
    AppSettings::setUserName(QStringLiteral("Ada"));
    AppSettings::setUserColor(QColor(QStringLiteral("#112233")));
    AppSettings::setTheme(AppSettings::Theme::Dark);
    QCOMPARE(AppSettings::userName(), QStringLiteral("Ada"));
    QCOMPARE(AppSettings::userColor().name(), QStringLiteral("#112233"));
    QCOMPARE(AppSettings::theme(), AppSettings::Theme::Dark);
}

void TstMainWindow::defaultIdentityIsPerInstance()
{
    QSettings().remove(QStringLiteral("user"));
    QVERIFY(!AppSettings::hasStoredUserName());
    // Nothing saved: this instance's own name and colour, the same on every call.
    const QString tag = AppSettings::instanceTag();
    QCOMPARE(tag.size(), 4);
    QCOMPARE(tag, AppSettings::instanceTag());
    QVERIFY(AppSettings::userName().endsWith(u' ' + tag));
    QCOMPARE(AppSettings::userName(), AppSettings::defaultUserName());
    QCOMPARE(AppSettings::userColor(), AppSettings::colorForTag(tag));
    // Other instances (other tags) are told apart by name and colour.
    QVERIFY(AppSettings::defaultUserName(QStringLiteral("0001"))
            != AppSettings::defaultUserName(QStringLiteral("0002")));
    QVERIFY(AppSettings::colorForTag(QStringLiteral("0001"))
            != AppSettings::colorForTag(QStringLiteral("0002")));
    // Saving the default (a settings dialog accepted unchanged) stores nothing...
    AppSettings::setUserName(AppSettings::userName());
    AppSettings::setUserColor(AppSettings::userColor());
    QVERIFY(!AppSettings::hasStoredUserName());
    QVERIFY(!AppSettings::hasStoredUserColor());
    // ...while what the user picks is kept and wins over the default.
    AppSettings::setUserName(QStringLiteral("Grace"));
    QCOMPARE(AppSettings::userName(), QStringLiteral("Grace"));
    QCOMPARE(AppSettings::userColor(), AppSettings::colorForName(QStringLiteral("Grace")));
    AppSettings::setUserColor(QColor(QStringLiteral("#445566")));
    QCOMPARE(AppSettings::userColor().name(), QStringLiteral("#445566"));
    QSettings().remove(QStringLiteral("user"));
}

void TstMainWindow::syntaxFromFileName()
{
    QTemporaryDir dir;
    MainWindow window;
    QString error;
    EditorTab *tab = window.openFile(write(dir, QStringLiteral("x.py"), "print(1)\n"), &error);
    QVERIFY(tab != nullptr);
    QCOMPARE(tab->definition().name(), QStringLiteral("Python"));
}

// macOS delivers a clicked chorus:// link or a file opened from the Finder as a QFileOpenEvent
// to the running application: a link opens the Join dialog with it, a file a tab.
void TstMainWindow::opensWhatTheSystemHandsOver()
{
    QTemporaryDir dir;
    MainWindow window;
    new FileOpenHandler(&window);
    const QString path = write(dir, QStringLiteral("notes.md"), "# notes\n");
    QFileOpenEvent file(path);
    QVERIFY(QCoreApplication::sendEvent(qApp, &file));
    QVERIFY(window.currentTab() != nullptr);
    QCOMPARE(window.currentTab()->filePath(), path);

    // Port 1 on loopback: nobody listens, so the dialog only shows that it cannot connect.
    const QString link = QStringLiteral("chorus://127.0.0.1:1/?fp=00");
    QFileOpenEvent invite { QUrl(link) };
    QVERIFY(QCoreApplication::sendEvent(qApp, &invite));
    const QList<JoinDialog *> dialogs = window.findChildren<JoinDialog *>();
    QCOMPARE(dialogs.size(), 1);
    const QList<QLineEdit *> fields = dialogs.first()->findChildren<QLineEdit *>();
    QVERIFY(std::any_of(fields.begin(), fields.end(),
                        [&](const QLineEdit *f) { return f->text() == link; }));
    dialogs.first()->close();

    QFileOpenEvent other { QUrl(QStringLiteral("https://127.0.0.1/")) };
    QVERIFY(!QCoreApplication::sendEvent(qApp, &other)); // not ours: left alone
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
