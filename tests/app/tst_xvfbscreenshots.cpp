// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The screenshot test under a real X server: starts Xvfb (it picks a free display and says
// which through -displayfd), runs two app processes on it (chorus-app-driver, xcb platform)
// joined to an in-process host, types in both and places both carets, then grabs what the X
// server shows (QScreen::grabWindow(0) under xcb reads the framebuffer). The PNG goes to
// <build>/screenshots/xvfb-two-windows.png; the test checks that each window shows the other's
// caret and name flag in the other's colour where the editor says it is, and that text shows.
// Skips with a message when Xvfb is not installed.
#include "appdriverprocess.h"
#include "host/rooms/server.h"

#include <QDir>
#include <QFont>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus;
using Chorus::App::Testing::AppDriverProcess;

namespace {

constexpr int Timeout = 20000;

bool near(QRgb pixel, const QColor &color, int tolerance = 40)
{
    return qAbs(qRed(pixel) - color.red()) + qAbs(qGreen(pixel) - color.green())
        + qAbs(qBlue(pixel) - color.blue())
        <= tolerance;
}

// Pixels of `color` inside `area` (clipped to the image).
int countColor(const QImage &image, const QRect &area, const QColor &color)
{
    const QRect r = area.intersected(image.rect());
    int count = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            count += near(image.pixel(x, y), color) ? 1 : 0;
        }
    }
    return count;
}

// Pixels much darker than the background (text) inside `area`.
int countDark(const QImage &image, const QRect &area)
{
    const QRect r = area.intersected(image.rect());
    int count = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            count += qGray(image.pixel(x, y)) < 110 ? 1 : 0;
        }
    }
    return count;
}

} // namespace

class TstXvfbScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void twoAppWindowsOnXvfb();
    void cleanupTestCase();

private:
    QProcessEnvironment environment(const QString &who) const;

    QProcess m_xvfb;
    QString m_display;
    QTemporaryDir m_dir;
};

void TstXvfbScreenshots::initTestCase()
{
    const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
    if (xvfb.isEmpty()) {
        QSKIP("Xvfb is not installed (Debian package xvfb): no screenshot under X");
    }
    if (AppDriverProcess::program().isEmpty()) {
        QSKIP("CHORUS_APP_DRIVER is not set (run through ctest)");
    }
    // -displayfd: Xvfb takes the first free display and writes its number once it accepts
    // connections, so there is no guessing and no polling of sockets.
    m_xvfb.start(xvfb,
                 { QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
                   QStringLiteral("0"), QStringLiteral("1700x560x24"), QStringLiteral("-nolisten"),
                   QStringLiteral("tcp") });
    QVERIFY2(m_xvfb.waitForStarted(10000), qPrintable(m_xvfb.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_xvfb.canReadLine() || m_xvfb.state() != QProcess::Running, 15000);
    QVERIFY2(m_xvfb.canReadLine(), m_xvfb.readAllStandardError().constData());
    m_display = u':' + QString::fromLatin1(m_xvfb.readLine().trimmed());
    qInfo("Xvfb on display %s", qPrintable(m_display));
}

void TstXvfbScreenshots::cleanupTestCase()
{
    if (m_xvfb.state() != QProcess::NotRunning) {
        m_xvfb.terminate();
        if (!m_xvfb.waitForFinished(5000)) {
            m_xvfb.kill();
            m_xvfb.waitForFinished(5000);
        }
    }
}

QProcessEnvironment TstXvfbScreenshots::environment(const QString &who) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), m_display);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.remove(QStringLiteral("XAUTHORITY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(who + u"/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(who + u"/config"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(who + u"/runtime"));
    QDir().mkpath(m_dir.filePath(who + u"/runtime"));
    QFile::setPermissions(m_dir.filePath(who + u"/runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // The same font on every machine.
    QSettings settings(m_dir.filePath(who + u"/config/Chorus/Chorus.conf"), QSettings::IniFormat);
    settings.setValue(QStringLiteral("editor/font"),
                      QFont(QStringLiteral("DejaVu Sans Mono"), 11).toString());
    settings.sync();
    return env;
}

void TstXvfbScreenshots::twoAppWindowsOnXvfb()
{
    Host::ServerOptions options;
    options.port = 0;
    options.logLevel = QStringLiteral("warning");
    Host::Server host(options);
    QVERIFY(host.start());
    const QString url = host.url().toString() + QStringLiteral("/main.cpp");
    const QColor adaColor(QStringLiteral("#e6194b")), graceColor(QStringLiteral("#4363d8"));

    AppDriverProcess ada, grace;
    QVERIFY2(ada.start({ url, QStringLiteral("--place"), QStringLiteral("0,0,840,540"),
                         QStringLiteral("--user"), QStringLiteral("Ada,#e6194b") },
                       environment(QStringLiteral("ada"))),
             ada.errors().constData());
    QVERIFY2(grace.start({ url, QStringLiteral("--place"), QStringLiteral("855,0,840,540"),
                           QStringLiteral("--user"), QStringLiteral("Grace,#4363d8") },
                         environment(QStringLiteral("grace"))),
             grace.errors().constData());
    auto ready = [](bool connected, bool synced, int, int, const QString &) {
        return connected && synced;
    };
    QVERIFY(ada.waitForState(ready, Timeout).startsWith("state 1 1"));
    QVERIFY(grace.waitForState(ready, Timeout).startsWith("state 1 1"));

    const QString first = QStringLiteral("#include <iostream>\n\n// Written together in Chorus, "
                                         "on a real X server.\nint main()\n{\n");
    const QString second = QStringLiteral("    const char *who = \"world\";\n"
                                          "    std::cout << \"Hello, \" << who << '\\n';\n"
                                          "    return 0;\n}");
    QVERIFY(ada.ask("type " + QUrl::toPercentEncoding(first)).startsWith("typed"));
    QVERIFY(
        grace
            .waitForState([&](bool, bool, int, int, const QString &text) { return text == first; },
                          Timeout)
            .size()
        > 0);
    QVERIFY(grace.ask("select 5 0 0").startsWith("selected"));
    QVERIFY(grace.ask("type " + QUrl::toPercentEncoding(second)).startsWith("typed"));
    const QByteArray both = ada.waitForState(
        [&](bool, bool, int, int, const QString &text) { return text == first + second; }, Timeout);
    QCOMPARE(AppDriverProcess::textOf(both), first + second);

    // Ada selects "who" on line 6; Grace's caret sits after "Hello, " on line 7.
    const QList<QByteArray> adaSel = ada.ask("select 5 16 19").split(' ');
    const QList<QByteArray> graceSel = grace.ask("select 6 25 25").split(' ');
    QCOMPARE(adaSel.size(), 3);
    QCOMPARE(graceSel.size(), 3);
    QList<QByteArray> adaSees, graceSees; // caret anchor head x y
    QVERIFY(QTest::qWaitFor(
        [&] {
            adaSees = ada.ask("caret").split(' ');
            graceSees = grace.ask("caret").split(' ');
            return adaSees.size() == 5 && graceSees.size() == 5 && adaSees.at(2) == graceSel.at(2)
                && graceSees.at(1) == adaSel.at(1) && graceSees.at(2) == adaSel.at(2);
        },
        Timeout));
    QTest::qWait(400); // the last repaint reaches the X server

    const QString out = qEnvironmentVariable("CHORUS_BINARY_DIR", QDir::currentPath())
        + QStringLiteral("/screenshots");
    QDir().mkpath(out);
    const QString path = out + QStringLiteral("/xvfb-two-windows.png");
    QVERIFY(ada.ask("shoot " + QUrl::toPercentEncoding(path)).startsWith("shot "));
    const QImage shot = QImage(path).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(shot.size(), QSize(1700, 560));
    qInfo("screenshot: %s", qPrintable(path));

    // In Ada's window, Grace's caret and name flag in Grace's colour where Ada's editor puts
    // them; in Grace's window, Ada's in Ada's colour. The two windows are apart on the screen.
    const QPoint graceCaret(adaSees.at(3).toInt(), adaSees.at(4).toInt());
    const QPoint adaCaret(graceSees.at(3).toInt(), graceSees.at(4).toInt());
    QVERIFY2(graceCaret.x() < 840 && adaCaret.x() > 855,
             QByteArray(adaSees.join(" ") + " / " + graceSees.join(" ")).constData());
    QVERIFY2(countColor(shot, QRect(graceCaret.x() - 3, graceCaret.y(), 6, 14), graceColor) >= 10,
             "Grace's caret is not in Ada's window");
    QVERIFY2(countColor(shot, QRect(graceCaret.x() - 4, graceCaret.y() - 30, 120, 30), graceColor)
                 >= 100,
             "Grace's name flag is not in Ada's window");
    QVERIFY2(countColor(shot, QRect(adaCaret.x() - 3, adaCaret.y(), 6, 14), adaColor) >= 10,
             "Ada's caret is not in Grace's window");
    QVERIFY2(countColor(shot, QRect(adaCaret.x() - 4, adaCaret.y() - 30, 120, 30), adaColor) >= 100,
             "Ada's name flag is not in Grace's window");
    // Ada's editor shows no caret in her own colour (the participants list does show her
    // swatch); both editors show text.
    QVERIFY(countColor(shot, QRect(40, 60, 480, 400), adaColor) < 10);
    QVERIFY(countDark(shot, QRect(60, 60, 600, 200)) > 500);
    QVERIFY(countDark(shot, QRect(915, 60, 600, 200)) > 500);
    ada.ask("quit", 2000);
    grace.ask("quit", 2000);
}

QTEST_MAIN(TstXvfbScreenshots)
#include "tst_xvfbscreenshots.moc"
