// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// DocumentBinding: two editors bound to two documents that exchange updates directly.
#include "app/editor/shadowtext.h"
#include "bindingpeer.h"
#include "crdt/undomanager.h"

#include <QInputMethodEvent>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>

using namespace Chorus;
using namespace Chorus::App;
using namespace Chorus::App::Testing;

namespace {

void typeEmoji(QWidget *w, const QString &text)
{
    QTest::sendKeyEvent(QTest::Click, w, Qt::Key_unknown, text, Qt::NoModifier);
}

void sendPreedit(QWidget *w, const QString &preedit)
{
    QInputMethodEvent event(preedit, {});
    QCoreApplication::sendEvent(w, &event);
}

void sendCommit(QWidget *w, const QString &commit)
{
    QInputMethodEvent event;
    event.setCommitString(commit);
    QCoreApplication::sendEvent(w, &event);
}

} // namespace

class TstDocumentBinding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initialTextGoesOneWay();
    void typingAppearsInTheOther();
    void concurrentTypingAtTheSameSpotConverges();
    void undoRevertsOnlyOwnEdits();
    void emojiAndSurrogatesSurvive();
    void remoteEditAboveKeepsCursorOnItsCharacter();
    void remoteEditKeepsSelection();
    void largePasteIsOneTransaction();
    void compoundEditIsOneTransaction();
    void offlineEditsMergeAfterReconnect();
    void remoteEditsWaitForInputMethodCommit();
    void highlighterChangesAreNotEdits();
    void shadowTextMatchesAString();
    void largeRemoteTextRebuildsUndoManager();
};

void TstDocumentBinding::initialTextGoesOneWay()
{
    Crdt::Doc doc(1);
    CodeEditor editor;
    editor.setPlainText(QStringLiteral("from file\n"));
    DocumentBinding binding(doc, QStringLiteral("content"), &editor);
    QCOMPARE(doc.text(QStringLiteral("content")).toString(), QStringLiteral("from file\n"));
    QVERIFY(!binding.undoManager().canUndo()); // loading is not an edit to undo

    Crdt::Doc other(2);
    other.applyUpdate(doc.encodeStateAsUpdate(), 99);
    CodeEditor joined;
    joined.setPlainText(QStringLiteral("ignored"));
    DocumentBinding second(other, QStringLiteral("content"), &joined);
    QCOMPARE(joined.toPlainText(), QStringLiteral("from file\n"));
}

void TstDocumentBinding::typingAppearsInTheOther()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("hello"));
    QTest::keyClick(&a.editor, Qt::Key_Return);
    QTest::keyClicks(&a.editor, QStringLiteral("world"));
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("hello\nworld"));
    QTest::keyClick(&a.editor, Qt::Key_Backspace);
    QTest::keyClick(&a.editor, Qt::Key_Home);
    QTest::keyClick(&a.editor, Qt::Key_Backspace); // joins the lines
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("helloworl"));
    QCOMPARE(a.doc.text(QStringLiteral("content")).toString(), QStringLiteral("helloworl"));
}

void TstDocumentBinding::concurrentTypingAtTheSameSpotConverges()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("[]"));
    link.setOnline(false);
    a.editor.moveCursor(QTextCursor::Start);
    a.editor.moveCursor(QTextCursor::NextCharacter);
    b.editor.moveCursor(QTextCursor::Start);
    b.editor.moveCursor(QTextCursor::NextCharacter);
    QTest::keyClicks(&a.editor, QStringLiteral("aaa"));
    QTest::keyClicks(&b.editor, QStringLiteral("bbb"));
    link.setOnline(true);
    QCOMPARE(a.editor.toPlainText(), b.editor.toPlainText());
    const QString text = a.editor.toPlainText();
    QVERIFY2(text == QStringLiteral("[aaabbb]") || text == QStringLiteral("[bbbaaa]"),
             qPrintable(text));
    QCOMPARE(a.doc.text(QStringLiteral("content")).toString(), text);
}

void TstDocumentBinding::undoRevertsOnlyOwnEdits()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("mine "));
    a.binding->undoManager().stopCapturing();
    b.editor.moveCursor(QTextCursor::End);
    QTest::keyClicks(&b.editor, QStringLiteral("theirs"));
    QCOMPARE(a.editor.toPlainText(), QStringLiteral("mine theirs"));
    QTest::keySequence(&a.editor, QKeySequence::Undo);
    QCOMPARE(a.editor.toPlainText(), QStringLiteral("theirs"));
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("theirs"));
    QTest::keySequence(&a.editor, QKeySequence::Redo);
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("mine theirs"));
}

void TstDocumentBinding::emojiAndSurrogatesSurvive()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("a"));
    typeEmoji(&a.editor, QStringLiteral("😀"));
    QTest::keyClicks(&a.editor, QStringLiteral("b"));
    typeEmoji(&a.editor, QStringLiteral("👩‍💻"));
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("a😀b👩‍💻"));
    // Replace one emoji by another sharing its high surrogate: no half pair may travel.
    QTextCursor c = a.editor.textCursor();
    c.setPosition(1);
    c.setPosition(3, QTextCursor::KeepAnchor);
    c.insertText(QStringLiteral("😃"));
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("a😃b👩‍💻"));
    a.editor.moveCursor(QTextCursor::End);
    QTest::keyClick(&a.editor, Qt::Key_Backspace);
    QCOMPARE(b.editor.toPlainText(), a.editor.toPlainText());
    QCOMPARE(b.doc.text(QStringLiteral("content")).toString(), a.editor.toPlainText());
    b.editor.moveCursor(QTextCursor::Start);
    typeEmoji(&b.editor, QStringLiteral("🎉"));
    QCOMPARE(a.editor.toPlainText().left(2), QStringLiteral("🎉"));
}

void TstDocumentBinding::remoteEditAboveKeepsCursorOnItsCharacter()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    a.editor.setPlainText(QString());
    QTest::keyClicks(&a.editor, QStringLiteral("one"));
    QTest::keyClick(&a.editor, Qt::Key_Return);
    QTest::keyClicks(&a.editor, QStringLiteral("two"));
    QTest::keyClick(&a.editor, Qt::Key_Return);
    QTest::keyClicks(&a.editor, QStringLiteral("three"));
    a.editor.goToLine(3, 3); // between "th" and "ree"
    const QChar before = a.editor.document()->characterAt(a.editor.textCursor().position());
    b.editor.moveCursor(QTextCursor::Start);
    QTest::keyClicks(&b.editor, QStringLiteral("zero"));
    QTest::keyClick(&b.editor, Qt::Key_Return);
    QCOMPARE(a.editor.textCursor().blockNumber(), 3);
    QCOMPARE(a.editor.textCursor().positionInBlock(), 2);
    QCOMPARE(a.editor.document()->characterAt(a.editor.textCursor().position()), before);
    // A remote edit on the same line, left of the cursor, shifts it with its character too.
    QTextCursor remote(b.editor.document()->findBlockByNumber(3));
    remote.insertText(QStringLiteral(">>"));
    QCOMPARE(a.editor.textCursor().positionInBlock(), 4);
    QCOMPARE(a.editor.document()->characterAt(a.editor.textCursor().position()), before);
}

void TstDocumentBinding::remoteEditKeepsSelection()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("select me please"));
    QTextCursor c = a.editor.textCursor();
    c.setPosition(7);
    c.setPosition(9, QTextCursor::KeepAnchor);
    a.editor.setTextCursor(c);
    b.editor.moveCursor(QTextCursor::Start);
    QTest::keyClicks(&b.editor, QStringLiteral("now "));
    QCOMPARE(a.editor.textCursor().selectedText(), QStringLiteral("me"));
}

void TstDocumentBinding::largePasteIsOneTransaction()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    int updates = 0;
    a.doc.onUpdate([&](const QByteArray &, Crdt::Origin, bool) { ++updates; });
    QString big;
    for (int i = 0; i < 5000; ++i) {
        big += QStringLiteral("line %1 of a big paste\n").arg(i);
    }
    a.editor.insertPlainText(big);
    QCOMPARE(updates, 1);
    QCOMPARE(b.editor.toPlainText(), big);
    QCOMPARE(b.editor.blockCount(), 5001);
}

void TstDocumentBinding::compoundEditIsOneTransaction()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("x y x y x"));
    a.binding->undoManager().stopCapturing(); // else the typing and the edit merge into one step
    int updates = 0;
    a.doc.onUpdate([&](const QByteArray &, Crdt::Origin, bool) { ++updates; });
    a.editor.compoundEdit([&] {
        for (int pos : { 8, 4, 0 }) {
            QTextCursor c(a.editor.document());
            c.setPosition(pos);
            c.setPosition(pos + 1, QTextCursor::KeepAnchor);
            c.insertText(QStringLiteral("zz"));
        }
    });
    QCOMPARE(updates, 1);
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("zz y zz y zz"));
    a.binding->undoManager().stopCapturing();
    QVERIFY(a.binding->undo());
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("x y x y x"));
}

void TstDocumentBinding::offlineEditsMergeAfterReconnect()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("shared line"));
    link.setOnline(false);
    a.editor.moveCursor(QTextCursor::End);
    QTest::keyClicks(&a.editor, QStringLiteral(" +A"));
    b.editor.moveCursor(QTextCursor::Start);
    QTest::keyClicks(&b.editor, QStringLiteral("B+ "));
    QCOMPARE(a.editor.toPlainText(), QStringLiteral("shared line +A"));
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("B+ shared line"));
    link.setOnline(true);
    QCOMPARE(a.editor.toPlainText(), QStringLiteral("B+ shared line +A"));
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("B+ shared line +A"));
}

void TstDocumentBinding::remoteEditsWaitForInputMethodCommit()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    QTest::keyClicks(&a.editor, QStringLiteral("ab"));
    a.editor.moveCursor(QTextCursor::End);
    sendPreedit(&a.editor, QStringLiteral("ni"));
    QVERIFY(a.editor.isComposing());
    b.editor.moveCursor(QTextCursor::Start);
    QTest::keyClicks(&b.editor, QStringLiteral("XY"));
    QCOMPARE(a.editor.toPlainText(), QStringLiteral("ab")); // held back
    QCOMPARE(a.binding->queuedRemoteChanges(), 2);
    sendCommit(&a.editor, QStringLiteral("你"));
    QVERIFY(!a.editor.isComposing());
    QCOMPARE(a.editor.toPlainText(), QStringLiteral("XYab你"));
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("XYab你"));
}

void TstDocumentBinding::highlighterChangesAreNotEdits()
{
    BindingPeer a(1), b(2);
    DirectLink link(a.doc, b.doc);
    static KSyntaxHighlighting::Repository repo;
    KSyntaxHighlighting::SyntaxHighlighter highlighter(a.editor.document());
    highlighter.setDefinition(repo.definitionForName(QStringLiteral("C++")));
    highlighter.setTheme(repo.defaultTheme());
    int updates = 0;
    a.doc.onUpdate([&](const QByteArray &, Crdt::Origin, bool) { ++updates; });
    QTest::keyClicks(&a.editor, QStringLiteral("/* int x; */"));
    a.editor.moveCursor(QTextCursor::Start);
    QTest::keyClicks(&a.editor, QStringLiteral("int y;"));
    QCOMPARE(updates, 18);
    QCOMPARE(b.editor.toPlainText(), QStringLiteral("int y;/* int x; */"));
    highlighter.rehighlight();
    QCOMPARE(updates, 18);
}

void TstDocumentBinding::shadowTextMatchesAString()
{
    ShadowText shadow;
    QString reference = QString(3 * ShadowText::ChunkSize + 17, u'x');
    shadow.reset(reference);
    QRandomGenerator rng(3);
    for (int i = 0; i < 3000; ++i) {
        const qsizetype at = rng.bounded(reference.size() + 1);
        const qsizetype removed = rng.bounded(10) == 0
            ? rng.bounded(qMin<qsizetype>(reference.size() - at, 3 * ShadowText::ChunkSize) + 1)
            : qMin<qsizetype>(reference.size() - at, rng.bounded(3));
        const qsizetype inserted
            = rng.bounded(50) == 0 ? 5 * ShadowText::ChunkSize + 3 : qsizetype(rng.bounded(4));
        const QString text(inserted, QChar(u'a' + i % 26));
        reference.replace(at, removed, text);
        shadow.replace(at, removed, text);
        QCOMPARE(shadow.size(), reference.size());
        const qsizetype from = rng.bounded(reference.size() + 1);
        const qsizetype length = rng.bounded(3 * ShadowText::ChunkSize);
        QCOMPARE(shadow.mid(from, length), reference.mid(from, length));
    }
    QCOMPARE(shadow.toString(), reference);
}

void TstDocumentBinding::largeRemoteTextRebuildsUndoManager()
{
    // A joined document's first sync brings the whole text as one remote insert; the undo
    // manager is rebuilt from it (its mirror in small chunks) while it has no history.
    Crdt::Doc source(7);
    source.text(QStringLiteral("content")).insert(0, QString(200000, u'z'));
    Crdt::Doc doc(8);
    CodeEditor editor;
    DocumentBinding binding(doc, QStringLiteral("content"), &editor);
    const Crdt::UndoManager *before = &binding.undoManager();
    doc.applyUpdate(source.encodeStateAsUpdate(), 99);
    QCOMPARE(editor.document()->characterCount() - 1, 200000);
    QTRY_VERIFY(&binding.undoManager() != before);
    // Undo still reverts only this user's edits.
    editor.moveCursor(QTextCursor::Start);
    QTest::keyClicks(&editor, QStringLiteral("ab"));
    QCOMPARE(doc.text(QStringLiteral("content")).length(), 200002);
    QVERIFY(binding.undo());
    QCOMPARE(doc.text(QStringLiteral("content")).toString(), QString(200000, u'z'));
    QCOMPARE(editor.toPlainText(), QString(200000, u'z'));
}

QTEST_MAIN(TstDocumentBinding)
#include "tst_documentbinding.moc"
