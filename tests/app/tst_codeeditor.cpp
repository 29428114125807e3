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
};

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

QTEST_MAIN(TstCodeEditor)
#include "tst_codeeditor.moc"
