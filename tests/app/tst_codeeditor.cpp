// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// CodeEditor and FindBar: typing, line numbers, go to line, find/replace, undo routing,
// and peer carets that repaint only the lines they touch.
#include "app/editor/codeeditor.h"
#include "app/editor/findbar.h"

#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace Chorus::App;

class TstCodeEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typingAndLineNumbers();
    void goToLine();
    void findWrapsAround();
    void replaceAllIsOneCompoundEdit();
    void replaceWithRegexBackReferences();
    void replaceOne();
    void externalUndoEmitsSignals();
    void peerCaretRepaintsOnlyItsLines();
    void peerFlagsDoNotOverlap_data();
    void peerFlagsDoNotOverlap();
    void movingPeerRepaintsTheFlagItShifted();
};

namespace {

// An editor of 60 lines, shown, that does not take focus (so no blinking local caret repaints).
void showLines(CodeEditor &editor)
{
    QStringList lines;
    for (int i = 0; i < 60; ++i) {
        lines << QStringLiteral("line %1 with some text").arg(i);
    }
    editor.setPlainText(lines.join(u'\n'));
    editor.setFocusPolicy(Qt::NoFocus);
    editor.resize(500, 600);
    editor.show();
}

PeerCaret peerAt(const CodeEditor &editor, quint64 id, const QString &name, int line, int column)
{
    PeerCaret peer { id, name, QColor(Qt::darkBlue), 0, 0, CodeEditor::clockMs() };
    peer.anchor = peer.head = editor.document()->findBlockByNumber(line).position() + column;
    return peer;
}

QRect caretRectAt(const CodeEditor &editor, int position)
{
    QTextCursor cursor(editor.document());
    cursor.setPosition(position);
    return editor.cursorRect(cursor);
}

// QRegion::contains(QRect) only tells whether they overlap.
bool covers(const QRegion &region, const QRect &rect)
{
    return QRegion(rect).subtracted(region).isEmpty();
}

} // namespace

void TstCodeEditor::typingAndLineNumbers()
{
    CodeEditor editor;
    editor.resize(400, 300);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy edited(&editor, &CodeEditor::userEdited);
    QTest::keyClicks(&editor, QStringLiteral("hello"));
    QTest::keyClick(&editor, Qt::Key_Return);
    QTest::keyClicks(&editor, QStringLiteral("world"));
    QCOMPARE(editor.toPlainText(), QStringLiteral("hello\nworld"));
    QVERIFY(edited.count() >= 11);
    const int narrow = editor.lineNumberAreaWidth();
    editor.setPlainText(QString(u'\n').repeated(12345));
    QVERIFY(editor.lineNumberAreaWidth() > narrow);
    // The current line is highlighted with a full-width extra selection.
    QCOMPARE(editor.extraSelections().size(), 1);
    QVERIFY(editor.extraSelections().first().format.boolProperty(QTextFormat::FullWidthSelection));
}

void TstCodeEditor::goToLine()
{
    CodeEditor editor;
    editor.setPlainText(QStringLiteral("a\nbcd\ne"));
    editor.goToLine(2, 3);
    QCOMPARE(editor.textCursor().blockNumber(), 1);
    QCOMPARE(editor.textCursor().positionInBlock(), 2);
    editor.goToLine(99);
    QCOMPARE(editor.textCursor().blockNumber(), 2);
}

void TstCodeEditor::findWrapsAround()
{
    CodeEditor editor;
    FindBar bar(&editor);
    editor.setPlainText(QStringLiteral("foo bar Foo baz foo"));
    bar.setFindText(QStringLiteral("foo"));
    bar.setCaseSensitive(true);
    QVERIFY(bar.findNext());
    QCOMPARE(editor.textCursor().selectionStart(), 0);
    QVERIFY(bar.findNext());
    QCOMPARE(editor.textCursor().selectionStart(), 16);
    QVERIFY(bar.findNext()); // wraps
    QCOMPARE(editor.textCursor().selectionStart(), 0);
    QVERIFY(bar.findPrevious()); // wraps backwards
    QCOMPARE(editor.textCursor().selectionStart(), 16);
    bar.setFindText(QStringLiteral("nothing"));
    QVERIFY(!bar.findNext());
}

void TstCodeEditor::replaceAllIsOneCompoundEdit()
{
    CodeEditor editor;
    FindBar bar(&editor);
    editor.setPlainText(QStringLiteral("x=1; x=2;\nx=3;"));
    QSignalSpy started(&editor, &CodeEditor::compoundEditStarted);
    QSignalSpy finished(&editor, &CodeEditor::compoundEditFinished);
    bar.setFindText(QStringLiteral("x"));
    bar.setReplaceText(QStringLiteral("value"));
    QCOMPARE(bar.replaceAll(), 3);
    QCOMPARE(editor.toPlainText(), QStringLiteral("value=1; value=2;\nvalue=3;"));
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.count(), 1);
    // Replacing a string by one containing it does not loop.
    bar.setFindText(QStringLiteral("value"));
    bar.setReplaceText(QStringLiteral("value+value"));
    QCOMPARE(bar.replaceAll(), 3);
}

void TstCodeEditor::replaceWithRegexBackReferences()
{
    CodeEditor editor;
    FindBar bar(&editor);
    editor.setPlainText(QStringLiteral("f(a, b)\nf(c, d)"));
    bar.setRegularExpression(true);
    bar.setFindText(QStringLiteral("f\\((\\w), (\\w)\\)"));
    bar.setReplaceText(QStringLiteral("g(\\2, \\1)"));
    QCOMPARE(bar.replaceAll(), 2);
    QCOMPARE(editor.toPlainText(), QStringLiteral("g(b, a)\ng(d, c)"));
}

void TstCodeEditor::replaceOne()
{
    CodeEditor editor;
    FindBar bar(&editor);
    editor.setPlainText(QStringLiteral("aa aa"));
    bar.setFindText(QStringLiteral("aa"));
    bar.setReplaceText(QStringLiteral("b"));
    QVERIFY(bar.findNext());
    QVERIFY(bar.replace());
    QCOMPARE(editor.toPlainText(), QStringLiteral("b aa"));
    QCOMPARE(editor.textCursor().selectedText(), QStringLiteral("aa"));
}

void TstCodeEditor::externalUndoEmitsSignals()
{
    CodeEditor editor;
    editor.setExternalUndo(true);
    QSignalSpy undo(&editor, &CodeEditor::undoRequested);
    QSignalSpy redo(&editor, &CodeEditor::redoRequested);
    QTest::keyClicks(&editor, QStringLiteral("abc"));
    QTest::keySequence(&editor, QKeySequence::Undo);
    QTest::keySequence(&editor, QKeySequence::Redo);
    QCOMPARE(undo.count(), 1);
    QCOMPARE(redo.count(), 1);
    QCOMPARE(editor.toPlainText(), QStringLiteral("abc")); // the editor's own stack is off
    QVERIFY(!editor.document()->isUndoAvailable());
}

void TstCodeEditor::peerCaretRepaintsOnlyItsLines()
{
    CodeEditor editor;
    QStringList lines;
    for (int i = 0; i < 60; ++i) {
        lines << QStringLiteral("line %1 with some text").arg(i);
    }
    editor.setPlainText(lines.join(u'\n'));
    editor.resize(500, 600);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QTest::qWait(50);
    const int lineHeight = editor.fontMetrics().height();
    // Keep the local caret (which blinks) among the lines the peer touches.
    QTextCursor local(editor.document()->findBlockByNumber(11));
    editor.setTextCursor(local);
    PeerCaret peer { 7, QStringLiteral("Ada"), QColor(Qt::red), 0, 0, CodeEditor::clockMs() };
    peer.anchor = peer.head = editor.document()->findBlockByNumber(10).position() + 3;
    editor.setPeerCarets({ peer });
    QTest::qWait(50);
    peer.anchor = peer.head = editor.document()->findBlockByNumber(12).position() + 5;
    editor.setPeerCarets({ peer });
    QTRY_VERIFY(!editor.lastPaintedRegion().isEmpty());
    QTest::qWait(50);
    // The old and new caret lines (each with its flag above): a few lines, not the viewport.
    const QRect painted = editor.lastPaintedRegion().boundingRect();
    QVERIFY2(
        painted.height() <= 6 * lineHeight,
        qPrintable(
            QStringLiteral("repainted %1 px, line %2 px").arg(painted.height()).arg(lineHeight)));
    QVERIFY(painted.height() < editor.viewport()->height() / 2);
}

void TstCodeEditor::peerFlagsDoNotOverlap_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<bool>("below");
    QTest::newRow("above the line") << 10 << false;
    QTest::newRow("below the first line shown") << 0 << true;
}

void TstCodeEditor::peerFlagsDoNotOverlap()
{
    QFETCH(int, line);
    QFETCH(bool, below);
    CodeEditor editor;
    showLines(editor);
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    // Three carets a few columns apart on one line: their flags would cover each other.
    const QList<PeerCaret> peers { peerAt(editor, 3, QStringLiteral("Grace"), line, 7),
                                   peerAt(editor, 1, QStringLiteral("Ada"), line, 3),
                                   peerAt(editor, 2, QStringLiteral("Barbara"), line, 5) };
    editor.setPeerCarets(peers);
    const QList<QRect> flags = editor.peerFlagRects();
    QCOMPARE(flags.size(), peers.size());
    for (qsizetype i = 0; i < flags.size(); ++i) {
        const QRect caret = caretRectAt(editor, peers.at(i).head);
        QVERIFY(!flags.at(i).isNull());
        QCOMPARE(flags.at(i).left(), caret.left() - 1);
        QCOMPARE(flags.at(i).top() > caret.bottom(), below);
        QVERIFY(flags.at(i).top() >= 0);
        for (qsizetype j = i + 1; j < flags.size(); ++j) {
            QVERIFY2(!flags.at(i).intersects(flags.at(j)),
                     qPrintable(QStringLiteral("flags %1 and %2 overlap").arg(i).arg(j)));
        }
    }
    // The lowest client id keeps the place next to its caret.
    const int lineHeight = flags.at(1).height();
    QCOMPARE(flags.at(1).top(),
             below ? caretRectAt(editor, peers.at(1).head).bottom() + 1
                   : caretRectAt(editor, peers.at(1).head).top() - lineHeight);
}

void TstCodeEditor::movingPeerRepaintsTheFlagItShifted()
{
    CodeEditor editor;
    showLines(editor);
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    PeerCaret ada = peerAt(editor, 1, QStringLiteral("Ada"), 10, 3);
    const PeerCaret barbara = peerAt(editor, 2, QStringLiteral("Barbara"), 10, 5);
    editor.setPeerCarets({ ada, barbara });
    QTest::qWait(50);
    const QRect stacked = editor.peerFlagRects().at(1);
    // Ada leaves the line (downwards, so her own repaint does not reach Barbara's old flag):
    // Barbara's flag drops next to its caret, and its old place must be repainted.
    ada.anchor = ada.head = editor.document()->findBlockByNumber(20).position() + 3;
    editor.setPeerCarets({ ada, barbara });
    const QRect dropped = editor.peerFlagRects().at(1);
    QVERIFY(dropped != stacked);
    // Wait for the paint that shows Ada's new caret: the repaint of this change.
    QTRY_VERIFY(editor.lastPaintedRegion().contains(caretRectAt(editor, ada.head)));
    QVERIFY2(
        covers(editor.lastPaintedRegion(), stacked),
        qPrintable(QStringLiteral("Barbara's old flag (top %1) not repainted").arg(stacked.top())));
    QVERIFY(covers(editor.lastPaintedRegion(), dropped));
}

QTEST_MAIN(TstCodeEditor)
#include "tst_codeeditor.moc"
