// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus-bench-editor: the editor's latency on a generated 100,000-line (~5 MB) C++ file.
// Not a test; prints Markdown rows for docs/performance.md ("## Editor"). Offscreen:
//   QT_QPA_PLATFORM=offscreen build/<dir>/tests/app/chorus-bench-editor [--keys N]
// Measures
//  - open to first paint: MainWindow::openFile (read, decode, lay out) until the editor's
//    viewport has painted once;
//  - local keystroke to update sent: one QTest::keyClick (key handling, layout, binding, CRDT
//    transaction, update encoding, Session: outbox write and WebSocket send, the peer's caret
//    re-resolved) on a document synced with an in-process host on 127.0.0.1 with a second
//    client in the room; typing runs (letters, spaces, Returns, Backspaces) with the caret
//    jumping across the file or moving a few lines between them;
//  - remote update to document updated: Doc::applyUpdate of one peer keystroke (decode,
//    integrate, Text event, binding applies it to the QTextDocument);
//  - peer caret moves: how much of the viewport a moving peer caret repaints.
#include "app/editor/codeeditor.h"
#include "app/editor/documentbinding.h"
#include "app/session/collaboration.h"
#include "app/window/editortab.h"
#include "app/window/mainwindow.h"
#include "crdt/doc.h"
#include "crdt/relativeposition.h"
#include "crdt/text.h"
#include "crdt/undomanager.h"
#include "host/rooms/server.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Chorus;
using namespace Chorus::App;

namespace {

QString generateSource(int lines)
{
    QString out;
    out.reserve(lines * 52);
    for (int i = 0; i < lines; ++i) {
        switch (i % 5) {
        case 0:
            out += QStringLiteral("int function_%1(int value, int other, int third) {\n").arg(i);
            break;
        case 1:
            out += QStringLiteral("    const int sum = value + other * %1 - third / 3;\n")
                       .arg(i % 97);
            break;
        case 2:
            out += QStringLiteral("    // Comment line number %1 with some more words in it\n")
                       .arg(i);
            break;
        case 3:
            out += QStringLiteral("    return sum > 0 ? sum : -sum; // the result, %1 of 13\n")
                       .arg(i % 13);
            break;
        default: out += QStringLiteral("}\n"); break;
        }
    }
    return out;
}

struct Stats
{
    double p50 = 0, p99 = 0, max = 0;
};

Stats stats(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms.at(qMin(ms.size() - 1, qsizetype(q * ms.size()))); };
    return { at(0.5), at(0.99), ms.last() };
}

class PaintWatch : public QObject
{
public:
    bool painted = false;
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            painted = true;
        }
        return false;
    }
};

// CPU time of this thread: on a busy machine the wall time of a keystroke includes the time
// other processes had the core; this does not.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!condition() && t.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return condition();
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    int keys = 2000;
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(QStringLiteral("--keys")); i > 0 && i + 1 < args.size()) {
        keys = args.at(i + 1).toInt();
    }
    QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());

    const QString source = generateSource(100000);
    const QString path = dir.filePath(QStringLiteral("big.cpp"));
    {
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(source.toUtf8());
    }
    std::printf("file: %d lines, %.2f MB\n", 100000, source.toUtf8().size() / 1e6);

    // 1. Open to first paint.
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        std::fprintf(stderr, "the window was not exposed\n");
    }
    QCoreApplication::processEvents();
    QList<double> openMs;
    for (int run = 0; run < 3; ++run) {
        PaintWatch watch;
        QElapsedTimer t;
        t.start();
        QString error;
        EditorTab *tab = window.openFile(path, &error);
        tab->editor()->viewport()->installEventFilter(&watch);
        waitFor([&] { return watch.painted; }, 30000);
        openMs << t.nsecsElapsed() / 1e6;
        tab->editor()->viewport()->removeEventFilter(&watch);
        window.tabs()->removeTab(window.tabs()->indexOf(tab));
        delete tab;
        QCoreApplication::processEvents();
    }
    std::sort(openMs.begin(), openMs.end());
    std::printf("open to first paint: median %.0f ms (runs: %.0f, %.0f, %.0f)\n", openMs.at(1),
                openMs.at(0), openMs.at(1), openMs.at(2));

    // Breakdown: the same keystrokes without the network (plain editor; editor + binding), and
    // remote keystrokes applied to a document alone (no editor).
    {
        auto typeAt = [&](CodeEditor *e, int n) {
            QRandomGenerator r(7);
            const int len = e->document()->characterCount() - 1;
            QList<double> ms;
            for (int i = 0; i < n; ++i) {
                if (i % 20 == 0) {
                    QTextCursor c(e->document());
                    c.setPosition(int(r.bounded(len)));
                    e->setTextCursor(c);
                }
                QElapsedTimer t;
                t.start();
                QTest::keyClick(e, char('a' + i % 26));
                ms << t.nsecsElapsed() / 1e6;
            }
            return stats(ms);
        };
        QString err;
        EditorTab *plain = window.openFile(path, &err);
        const Stats p = typeAt(plain->editor(), 500);
        std::printf("  breakdown: keystroke in the plain editor: p50 %.3f ms, p99 %.3f ms\n", p.p50,
                    p.p99);
        Crdt::Doc solo(5);
        QElapsedTimer bt;
        bt.start();
        DocumentBinding binding(solo, QStringLiteral("content"), plain->editor());
        std::printf("  breakdown: binding a 5 MB document: %.0f ms\n", bt.nsecsElapsed() / 1e6);
        const Stats b = typeAt(plain->editor(), 500);
        std::printf("  breakdown: keystroke in the bound editor (no session): p50 %.3f ms, p99 "
                    "%.3f ms\n",
                    b.p50, b.p99);
        Crdt::Doc a(8), z(9);
        a.text(QStringLiteral("content")).insert(0, source);
        z.applyUpdate(a.encodeStateAsUpdate(), 1);
        QList<QByteArray> ups;
        a.onUpdate([&](const QByteArray &u, Crdt::Origin, bool) { ups << u; });
        QRandomGenerator r(9);
        for (int i = 0; i < 500; ++i) {
            a.text(QStringLiteral("content"))
                .insert(r.bounded(qsizetype(source.size())), QStringLiteral("y"));
        }
        QList<double> ms;
        for (const QByteArray &u : std::as_const(ups)) {
            QElapsedTimer t;
            t.start();
            z.applyUpdate(u, 1);
            ms << t.nsecsElapsed() / 1e6;
        }
        const Stats d = stats(ms);
        std::printf("  breakdown: remote keystroke applied to a document alone: p50 %.3f ms, p99 "
                    "%.3f ms\n",
                    d.p50, d.p99);
        // The same with a Crdt::UndoManager watching the text (as the binding has).
        Crdt::Doc u(10);
        u.applyUpdate(a.encodeStateAsUpdate(), 1);
        Crdt::UndoManager undo(u, QStringLiteral("content"));
        ups.clear();
        for (int i = 0; i < 200; ++i) {
            a.text(QStringLiteral("content"))
                .insert(r.bounded(qsizetype(source.size())), QStringLiteral("w"));
        }
        ms.clear();
        for (const QByteArray &up : std::as_const(ups)) {
            QElapsedTimer t;
            t.start();
            u.applyUpdate(up, 1);
            ms << t.nsecsElapsed() / 1e6;
        }
        const Stats du = stats(ms);
        std::printf("  breakdown: the same with a Crdt::UndoManager on the text: p50 %.3f ms, p99 "
                    "%.3f ms\n",
                    du.p50, du.p99);
        window.tabs()->removeTab(window.tabs()->indexOf(plain));
        QCoreApplication::processEvents();
    }

    // 2. Local keystroke to update sent, through a DocumentConnection to an in-process host.
    Host::ServerOptions hostOptions;
    hostOptions.port = 0;
    hostOptions.logLevel = QStringLiteral("warning");
    Host::Server host(hostOptions);
    if (!host.start()) {
        std::fprintf(stderr, "host: %s\n", qPrintable(host.errorString()));
        return 1;
    }
    QString error;
    EditorTab *tab = window.openFile(path, &error);
    Client::DocumentConnection::Options options;
    options.url = QUrl(host.url().toString() + QStringLiteral("/big.cpp"));
    options.outboxRoot = dir.filePath(QStringLiteral("outbox"));
    QElapsedTimer shareTimer;
    shareTimer.start();
    Collaboration *collab = tab->startCollaboration(options);
    const double shareMs = shareTimer.nsecsElapsed() / 1e6;
    waitFor([&] { return collab->session().isSynced() && collab->session().unsyncedCount() == 0; },
            60000);
    std::printf("share the open file (5 MB into the CRDT, binding set up): %.0f ms\n", shareMs);
    CodeEditor *editor = tab->editor();
    // A peer in the room with a caret, as in a real session: every local edit re-resolves the
    // peers' carets (Collaboration::refreshPeers) inside the measured call.
    Crdt::Doc peerDoc(4711);
    Client::DocumentConnection::Options peerOptions = options;
    peerOptions.outboxRoot = dir.filePath(QStringLiteral("peer-outbox"));
    Client::DocumentConnection peerSession(&peerDoc, peerOptions);
    peerSession.start();
    waitFor([&] { return peerSession.isSynced(); }, 60000);
    {
        const Crdt::Text peerText = peerDoc.text(QStringLiteral("content"));
        const auto at
            = Crdt::createRelativePositionFromTypeIndex(peerText, peerText.length() / 2).toJson();
        peerSession.setLocalState(QJsonObject {
            { QStringLiteral("user"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("Peer") },
                            { QStringLiteral("color"), QStringLiteral("#4363d8") } } },
            { QStringLiteral("cursor"),
              QJsonObject { { QStringLiteral("anchor"), at }, { QStringLiteral("head"), at } } } });
    }
    waitFor([&] { return editor->peerCarets().size() == 1; }, 10000);
    std::printf("peer in the room: %s\n", editor->peerCarets().size() == 1 ? "yes" : "NO");

    // A realistic mix: runs of 5-40 keystrokes (mostly letters, some spaces, Returns and
    // Backspaces), then the caret goes elsewhere — 70 % a jump to a random place in the file,
    // 30 % a few lines up or down with the arrow keys. The event loop turns between keystrokes
    // (acks, awareness, repaints), as it does between a person's keys; only the keystroke
    // itself is timed.
    QRandomGenerator rng(42);
    int sent = 0;
    collab->doc().onUpdate([&](const QByteArray &, Crdt::Origin, bool) { ++sent; });
    QList<double> keyMs;
    QList<double> keyCpuMs;
    int jumps = 0;
    for (int i = 0; i < keys;) {
        if (rng.bounded(10) < 7) {
            QTextCursor c(editor->document());
            c.setPosition(int(rng.bounded(editor->document()->characterCount() - 1)));
            editor->setTextCursor(c);
            ++jumps;
        } else {
            const int lines = 1 + int(rng.bounded(5));
            const Qt::Key key = rng.bounded(2) == 0 ? Qt::Key_Up : Qt::Key_Down;
            for (int l = 0; l < lines; ++l) {
                QTest::keyClick(editor, key);
            }
        }
        QCoreApplication::processEvents();
        const int run = 5 + int(rng.bounded(36));
        for (int k = 0; k < run && i < keys; ++k, ++i) {
            const int pick = int(rng.bounded(100));
            const int before = sent;
            const double cpu0 = threadCpuMs();
            QElapsedTimer t;
            t.start();
            if (pick < 6) {
                QTest::keyClick(editor, Qt::Key_Backspace);
            } else if (pick < 9) {
                QTest::keyClick(editor, Qt::Key_Return);
            } else if (pick < 22) {
                QTest::keyClick(editor, Qt::Key_Space);
            } else {
                QTest::keyClick(editor, char('a' + i % 26));
            }
            keyMs << t.nsecsElapsed() / 1e6;
            keyCpuMs << threadCpuMs() - cpu0;
            if (sent != before + 1) {
                std::fprintf(stderr, "keystroke %d sent %d updates\n", i, sent - before);
            }
            QCoreApplication::processEvents();
        }
    }
    const Stats local = stats(keyMs);
    std::printf("local keystroke to update sent: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d keys, "
                "%d jumps, a peer's caret in the room)\n",
                local.p50, local.p99, local.max, keys, jumps);
    const Stats localCpu = stats(keyCpuMs);
    std::printf("  the same in CPU time of the GUI thread: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                localCpu.p50, localCpu.p99, localCpu.max);
    peerSession.stop();

    // 3. Remote update to document updated: a peer with the same text types at random places.
    waitFor([&] { return collab->session().unsyncedCount() == 0; }, 30000);
    Crdt::Doc peer(777);
    peer.applyUpdate(collab->doc().encodeStateAsUpdate(), 1);
    Crdt::Text peerText = peer.text(QStringLiteral("content"));
    QList<QByteArray> updates;
    const auto observer
        = peer.onUpdate([&](const QByteArray &u, Crdt::Origin, bool) { updates << u; });
    for (int i = 0; i < keys; ++i) {
        peerText.insert(rng.bounded(qsizetype(peerText.length())), QStringLiteral("x"));
    }
    peer.removeObserver(observer);
    QList<double> remoteMs;
    const Crdt::Origin remote = 12345;
    for (const QByteArray &u : std::as_const(updates)) {
        QElapsedTimer t;
        t.start();
        collab->doc().applyUpdate(u, remote);
        remoteMs << t.nsecsElapsed() / 1e6;
    }
    const Stats rem = stats(remoteMs);
    const bool same = peerText.toString()
        == editor->document()->toRawText().replace(QChar::ParagraphSeparator, u'\n');
    std::printf("remote update to document updated: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d "
                "updates, converged: %s)\n",
                rem.p50, rem.p99, rem.max, int(remoteMs.size()), same ? "yes" : "NO");

    // 4. A peer caret moving one line down repaints the lines it touches.
    QCoreApplication::processEvents();
    editor->goToLine(50000);
    QTest::qWait(50);
    const int top = editor->cursorForPosition(QPoint(0, 0)).blockNumber();
    PeerCaret caret { 1, QStringLiteral("Peer"), Qt::red, 0, 0, CodeEditor::clockMs() };
    qsizetype areaSum = 0;
    int moves = 0;
    for (int line = top + 5; line < top + 25; ++line) {
        caret.anchor = caret.head = editor->document()->findBlockByNumber(line).position() + 4;
        editor->setPeerCarets({ caret });
        QTest::qWait(20);
        const QRect r = editor->lastPaintedRegion().boundingRect();
        areaSum += r.height();
        ++moves;
    }
    const double lineHeight = editor->fontMetrics().height();
    std::printf("peer caret move: repaints %.1f line heights on average (viewport: %.0f lines)\n",
                areaSum / double(moves) / lineHeight, editor->viewport()->height() / lineHeight);
    std::printf("\n| measure | result | goal |\n|---|---|---|\n");
    std::printf(
        "| open to first paint (100,000 lines, %.1f MB) | %.0f ms (median of 3) | ≤ 1 s |\n",
        source.toUtf8().size() / 1e6, openMs.at(1));
    std::printf("| local keystroke to update sent | p50 %.3f ms, p99 %.3f ms | p99 ≤ 2 ms |\n",
                local.p50, local.p99);
    std::printf("| remote update to document updated | p50 %.3f ms, p99 %.3f ms | p99 ≤ 2 ms |\n",
                rem.p50, rem.p99);
    std::printf("| peer caret moving one line | %.1f line heights repainted | its lines only |\n",
                areaSum / double(moves) / lineHeight);
    return same ? 0 : 1;
}
