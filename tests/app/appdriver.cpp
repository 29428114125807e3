// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus-app-driver: the real app (MainWindow, EditorTab, Collaboration, Client::DocumentConnection
// with its on-disk outbox in QStandardPaths' AppDataLocation) in a process of its own, joined to
// one room and driven line by line on stdin, so tests can kill it for real (SIGKILL) or run
// two of them on an X server. Not a test by itself; tests/app/appdriverprocess.h starts it.
//
//   chorus-app-driver URL [--place X,Y,W,H] [--user NAME,#RRGGBB]
//
// It prints "identity NAME COLOR" once the window is up, then answers each command with one
// line (text fields percent-encoded, so a line is always one line):
//   type TEXT                -> typed <unsynced>       keys for TEXT (percent-encoded; \n is
//   Return) state                    -> state <connected 0|1> <synced 0|1> <unsynced> <peers>
//   <TEXT> select LINE FROM TO      -> selected <anchor> <head> (0-based line, columns) caret ->
//   caret <peer anchor> <peer head> <x> <y> (-1 without a peer;
//                               x,y: the peer caret's top left on the screen)
//   carets                   -> carets <n> (<name> <anchor> <head>)*   every peer's caret
//   grab PATH                -> grabbed <w> <h>          the window (QWidget::grab, offscreen too)
//   shoot PATH               -> shot <w> <h>             the whole screen (QScreen::grabWindow(0))
//   quit                     -> (exits 0)
#include "app/appsettings.h"
#include "app/editor/codeeditor.h"
#include "app/session/collaboration.h"
#include "app/window/editortab.h"
#include "app/window/mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QScreen>
#include <QSocketNotifier>
#include <QTest>
#include <QTextBlock>

#include <cstdio>
#include <unistd.h>

using namespace Chorus;
using namespace Chorus::App;

namespace {

void reply(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QByteArray encoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

class Driver : public QObject
{
public:
    Driver(MainWindow *window, EditorTab *tab)
        : m_window(window)
        , m_tab(tab)
        , m_notifier(STDIN_FILENO, QSocketNotifier::Read)
    {
        connect(&m_notifier, &QSocketNotifier::activated, this, &Driver::readInput);
    }

private:
    void readInput()
    {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            QCoreApplication::exit(0); // the test went away
            return;
        }
        m_input.append(buffer, n);
        qsizetype end;
        while ((end = m_input.indexOf('\n')) >= 0) {
            const QByteArray line = m_input.left(end);
            m_input.remove(0, end + 1);
            run(line);
        }
    }

    void run(const QByteArray &line)
    {
        const QList<QByteArray> words = line.split(' ');
        const QByteArray command = words.value(0);
        CodeEditor *editor = m_tab->editor();
        Collaboration *collab = m_tab->collaboration();
        if (command == "type") {
            const QString text = QUrl::fromPercentEncoding(words.value(1));
            for (qsizetype i = 0; i < text.size(); ++i) {
                const QChar c = text.at(i);
                if (c == u'\n') {
                    QTest::keyClick(editor, Qt::Key_Return);
                } else if (c.unicode() < 0x80) {
                    QTest::keyClicks(editor, QString(c));
                } else {
                    // What a keyboard layout or input method delivers: the whole character
                    // (both halves of a surrogate pair) as one key event's text.
                    const qsizetype n = c.isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
                    QTest::sendKeyEvent(QTest::Click, editor, Qt::Key_unknown, text.mid(i, n),
                                        Qt::NoModifier);
                    i += n - 1;
                }
            }
            reply("typed " + QByteArray::number(collab->session().unsyncedCount()));
        } else if (command == "state") {
            const auto &session = collab->session();
            reply("state "
                  + QByteArray::number(session.state() == Client::ConnectionState::Connected) + ' '
                  + QByteArray::number(session.isSynced()) + ' '
                  + QByteArray::number(session.unsyncedCount()) + ' '
                  + QByteArray::number(editor->peerCarets().size()) + ' '
                  + encoded(editor->toPlainText()));
        } else if (command == "select") {
            const QTextBlock block = editor->document()->findBlockByNumber(words.value(1).toInt());
            QTextCursor cursor(block);
            cursor.setPosition(block.position() + words.value(2).toInt());
            cursor.setPosition(block.position() + words.value(3).toInt(), QTextCursor::KeepAnchor);
            editor->setTextCursor(cursor);
            collab->publishLocalState();
            reply("selected " + QByteArray::number(cursor.anchor()) + ' '
                  + QByteArray::number(cursor.position()));
        } else if (command == "caret") {
            if (editor->peerCarets().isEmpty()) {
                reply("caret -1 -1 -1 -1");
                return;
            }
            const PeerCaret &peer = editor->peerCarets().first();
            QTextCursor at(editor->document());
            at.setPosition(peer.head);
            const QPoint topLeft
                = editor->viewport()->mapToGlobal(editor->cursorRect(at).topLeft());
            reply("caret " + QByteArray::number(peer.anchor) + ' ' + QByteArray::number(peer.head)
                  + ' ' + QByteArray::number(topLeft.x()) + ' ' + QByteArray::number(topLeft.y()));
        } else if (command == "carets") {
            // Every peer's caret: name (percent-encoded), anchor and head, in the order drawn.
            QByteArray out = "carets " + QByteArray::number(editor->peerCarets().size());
            for (const PeerCaret &peer : editor->peerCarets()) {
                out += ' ' + encoded(peer.name) + ' ' + QByteArray::number(peer.anchor) + ' '
                    + QByteArray::number(peer.head);
            }
            reply(out);
        } else if (command == "grab") {
            // The window alone, rendered by Qt (works offscreen, without an X server).
            QCoreApplication::processEvents();
            const QString path
                = QString::fromLocal8Bit(QByteArray::fromPercentEncoding(words.value(1)));
            const QPixmap shot = m_window->grab();
            reply(shot.save(path) ? "grabbed " + QByteArray::number(shot.width()) + ' '
                          + QByteArray::number(shot.height())
                                  : QByteArray("grab-failed"));
        } else if (command == "shoot") {
            QCoreApplication::processEvents();
            const QPixmap shot = m_window->screen()->grabWindow(0);
            const QString path
                = QString::fromLocal8Bit(QByteArray::fromPercentEncoding(words.value(1)));
            reply(shot.save(path) ? "shot " + QByteArray::number(shot.width()) + ' '
                          + QByteArray::number(shot.height())
                                  : QByteArray("shot-failed"));
        } else if (command == "quit") {
            QCoreApplication::exit(0);
        } else {
            reply("unknown " + command);
        }
    }

    MainWindow *m_window;
    EditorTab *m_tab;
    QSocketNotifier m_notifier;
    QByteArray m_input;
};

} // namespace

int main(int argc, char *argv[])
{
    // The same names as the chorus binary: the outbox lands where the real app keeps it.
    QCoreApplication::setApplicationName(QStringLiteral("Chorus"));
    QCoreApplication::setOrganizationName(QStringLiteral("Chorus"));
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: chorus-app-driver URL [--place X,Y,W,H] [--user N,C]\n");
        return 2;
    }
    MainWindow window;
    QRect geometry(0, 0, 800, 500);
    if (const qsizetype i = args.indexOf(QStringLiteral("--place")); i > 0) {
        const QStringList v = args.value(i + 1).split(u',');
        geometry
            = QRect(v.value(0).toInt(), v.value(1).toInt(), v.value(2).toInt(), v.value(3).toInt());
    }
    window.setGeometry(geometry);
    window.show();
    // Without a window manager the X server keeps a new window where it was created; moving
    // it once it is mapped puts it where asked.
    if (QTest::qWaitForWindowExposed(&window)) {
        window.move(geometry.topLeft());
    }
    EditorTab *tab = window.joinSession(QUrl(args.at(1)));
    if (const qsizetype i = args.indexOf(QStringLiteral("--user")); i > 0) {
        const QStringList v = args.value(i + 1).split(u',');
        tab->collaboration()->setUser(v.value(0), QColor(v.value(1)));
    }
    Driver driver(&window, tab);
    reply("identity " + encoded(tab->collaboration()->userName()) + ' '
          + tab->collaboration()->userColor().name().toLatin1());
    return app.exec();
}
