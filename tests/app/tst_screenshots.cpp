// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots for people to look at: two app windows editing one document through an
// in-process host, each showing the other's named caret and selection. Writes PNGs to
// <build>/screenshots/ (the offscreen platform renders them; no display needed).
#include "app/editor/codeeditor.h"
#include "app/session/collaboration.h"
#include "app/window/editortab.h"
#include "app/window/mainwindow.h"
#include "host/rooms/server.h"

#include <QDir>
#include <QFontDatabase>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace Chorus;
using namespace Chorus::App;

class TstScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twoWindowsWithNamedCarets();
};

namespace {

bool synced(EditorTab *tab)
{
    return tab->collaboration()->session().isSynced();
}

void select(CodeEditor *editor, int line, int from, int to)
{
    QTextCursor c(editor->document()->findBlockByNumber(line));
    c.setPosition(c.block().position() + from);
    c.setPosition(c.block().position() + to, QTextCursor::KeepAnchor);
    editor->setTextCursor(c);
}

} // namespace

void TstScreenshots::twoWindowsWithNamedCarets()
{
    QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    {
        QSettings settings;
        settings.setValue(QStringLiteral("editor/font"),
                          QFont(QStringLiteral("DejaVu Sans Mono"), 11).toString());
    }
    Host::ServerOptions options;
    options.port = 0;
    Host::Server host(options);
    QVERIFY(host.start());
    const QUrl url(host.url().toString() + QStringLiteral("/main.cpp"));

    MainWindow a, b;
    a.setOutboxRoot(dir.filePath(QStringLiteral("a")));
    b.setOutboxRoot(dir.filePath(QStringLiteral("b")));
    for (MainWindow *w : { &a, &b }) {
        w->resize(820, 460);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
    }
    EditorTab *ta = a.joinSession(url);
    EditorTab *tb = b.joinSession(url);
    ta->collaboration()->setUser(QStringLiteral("Ada"), QColor(QStringLiteral("#e6194b")));
    tb->collaboration()->setUser(QStringLiteral("Grace"), QColor(QStringLiteral("#4363d8")));
    QTRY_VERIFY_WITH_TIMEOUT(synced(ta) && synced(tb), 15000);

    const QStringList lines = {
        QStringLiteral("#include <iostream>"),
        QString(),
        QStringLiteral("// Written together in Chorus."),
        QStringLiteral("int main()"),
        QStringLiteral("{"),
        QStringLiteral("    const char *who = \"world\";"),
        QStringLiteral("    std::cout << \"Hello, \" << who << '\\n';"),
        QStringLiteral("    return 0;"),
        QStringLiteral("}"),
    };
    for (int i = 0; i < 5; ++i) {
        QTest::keyClicks(ta->editor(), lines.at(i));
        QTest::keyClick(ta->editor(), Qt::Key_Return);
    }
    QTRY_COMPARE_WITH_TIMEOUT(tb->editor()->blockCount(), 6, 10000);
    tb->editor()->moveCursor(QTextCursor::End);
    for (int i = 5; i < lines.size(); ++i) {
        QTest::keyClicks(tb->editor(), lines.at(i));
        if (i + 1 < lines.size()) {
            QTest::keyClick(tb->editor(), Qt::Key_Return);
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(ta->editor()->toPlainText(), tb->editor()->toPlainText(), 10000);
    // Ada selects "who" on line 6; Grace's caret sits after "Hello, " on line 7.
    select(ta->editor(), 5, 16, 19);
    select(tb->editor(), 6, 25, 25);
    QTRY_VERIFY_WITH_TIMEOUT(
        ta->editor()->peerCarets().size() == 1 && tb->editor()->peerCarets().size() == 1
            && ta->editor()->peerCarets().first().head == tb->editor()->textCursor().position()
            && tb->editor()->peerCarets().first().anchor == ta->editor()->textCursor().anchor(),
        10000);
    QTest::qWait(300);

    const QString out = qEnvironmentVariable("CHORUS_BINARY_DIR", QDir::currentPath())
        + QStringLiteral("/screenshots");
    QDir().mkpath(out);
    const QPixmap left = a.grab();
    const QPixmap right = b.grab();
    QVERIFY(left.save(out + QStringLiteral("/two-windows-ada.png")));
    QVERIFY(right.save(out + QStringLiteral("/two-windows-grace.png")));
    QPixmap both(left.width() + right.width() + 10, qMax(left.height(), right.height()));
    both.fill(Qt::darkGray);
    QPainter painter(&both);
    painter.drawPixmap(0, 0, left);
    painter.drawPixmap(left.width() + 10, 0, right);
    painter.end();
    QVERIFY(both.save(out + QStringLiteral("/two-windows.png")));
    qInfo("screenshots written to %s", qPrintable(out));
}

QTEST_MAIN(TstScreenshots)
#include "tst_screenshots.moc"
