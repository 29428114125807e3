// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Chorus::Crdt::UndoManager: yjs 13.6 UndoManager semantics for one Y.Text (only tracked
// origins, capture-timeout grouping by an injected clock, undo only one's own changes, redo,
// stack-item events, surrogate pairs), plus a randomized comparison with real Y.UndoManager.
#include "crdt/doc.h"
#include "crdt/text.h"
#include "crdt/undomanager.h"
#include "differential/yjsprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Chorus::Crdt;
using namespace Chorus::Crdt::Testing;
using namespace Qt::StringLiterals;

namespace {

const auto Name = u"content"_s;
constexpr Origin Remote = 7;

// A fake clock the test moves by hand.
struct FakeClock
{
    qint64 now = 1000;
    UndoManager::Clock fn()
    {
        return [this] { return now; };
    }
};

void sync(Doc &from, Doc &to)
{
    const QByteArray u = from.encodeStateAsUpdate(to.encodeStateVector());
    QVERIFY(to.applyUpdate(u, Remote).ok());
}

QString text(Doc &d)
{
    return d.text(Name).toString();
}

} // namespace

class TestUndoManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void undoRedoInsertions();
    void undoDeletionRestoresAtItsPlace();
    void captureTimeoutGroups();
    void noClockMeansNoGrouping();
    void insertedAndDeletedInOneGroupIsNotRestored();
    void undoAfterRestoreRemovesRestoredText();
    void newChangeClearsRedo();
    void onlyTrackedOrigins();
    void remoteEditsSurvive();
    void remoteEditsInsideUndoneDeletion();
    void surrogatePairs_data();
    void surrogatePairs();
    void stackItemEvents();
    void clearDropsEverything();
    void randomizedAgainstYjs();
    void largeText();
};

void TestUndoManager::undoRedoInsertions()
{
    Doc doc(1);
    UndoManager um(doc, Name);
    QVERIFY(!um.canUndo());
    doc.text(Name).insert(0, u"abc"_s);
    um.stopCapturing();
    doc.text(Name).insert(3, u"d"_s);
    QVERIFY(um.canUndo());
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"abc"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), QString());
    QVERIFY(!um.canUndo());
    QVERIFY(!um.undo());
    QVERIFY(um.canRedo());
    QVERIFY(um.redo());
    QCOMPARE(text(doc), u"abc"_s);
    QVERIFY(um.redo());
    QCOMPARE(text(doc), u"abcd"_s);
    QVERIFY(!um.canRedo());
    QVERIFY(um.checkInvariants());
}

void TestUndoManager::undoDeletionRestoresAtItsPlace()
{
    Doc doc(1);
    UndoManager um(doc, Name);
    doc.text(Name).insert(0, u"hello world"_s);
    um.stopCapturing();
    doc.text(Name).remove(4, 3); // "hellorld"
    um.stopCapturing();
    doc.text(Name).insert(0, u">"_s);
    QCOMPARE(text(doc), u">hellorld"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"hellorld"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"hello world"_s);
    QVERIFY(um.redo());
    QCOMPARE(text(doc), u"hellorld"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"hello world"_s);
    QVERIFY(um.checkInvariants());
}

void TestUndoManager::captureTimeoutGroups()
{
    Doc doc(1);
    FakeClock clock;
    UndoManager um(doc, Name);
    um.setClock(clock.fn());
    QCOMPARE(um.captureTimeout(), 500);
    auto &&t = doc.text(Name);
    t.insert(0, u"a"_s);
    clock.now += 100;
    t.insert(1, u"b"_s);
    clock.now += 499; // still within 500 ms of the previous change
    t.insert(2, u"c"_s);
    clock.now += 500; // not within: a new group
    t.insert(3, u"d"_s);
    clock.now += 10;
    t.remove(0, 1); // joins "d"
    QCOMPARE(um.undoStack().size(), 2);
    QCOMPARE(text(doc), u"bcd"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"abc"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), QString());
    // stopCapturing() ends a group regardless of the clock.
    t.insert(0, u"x"_s);
    um.stopCapturing();
    t.insert(1, u"y"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"x"_s);
    // Undo/redo never merge with what follows: an edit right after an undo is its own item.
    t.insert(1, u"z"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"x"_s);
}

void TestUndoManager::noClockMeansNoGrouping()
{
    Doc doc(1);
    UndoManager um(doc, Name);
    doc.text(Name).insert(0, u"a"_s);
    doc.text(Name).insert(1, u"b"_s);
    QCOMPARE(um.undoStack().size(), 2);
    // One transaction is one item, however many edits it holds.
    doc.transact([&] {
        doc.text(Name).insert(2, u"c"_s);
        doc.text(Name).insert(0, u"d"_s);
    });
    QCOMPARE(um.undoStack().size(), 3);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"ab"_s);
}

void TestUndoManager::insertedAndDeletedInOneGroupIsNotRestored()
{
    Doc doc(1);
    FakeClock clock;
    UndoManager um(doc, Name);
    um.setClock(clock.fn());
    doc.text(Name).insert(0, u"xy"_s);
    um.stopCapturing();
    doc.text(Name).insert(2, u"abc"_s);
    doc.text(Name).remove(4, 1); // backspace over "c" in the same group
    doc.text(Name).remove(0, 1); // and "x", which an earlier group inserted
    QCOMPARE(text(doc), u"yab"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"xy"_s); // "c" is not restored, "x" is
    QVERIFY(um.redo());
    QCOMPARE(text(doc), u"yab"_s);
    QVERIFY(um.checkInvariants());
}

// yjs follows Item.redone: text restored by an undo still belongs to the item that first
// inserted it.
void TestUndoManager::undoAfterRestoreRemovesRestoredText()
{
    Doc doc(1);
    UndoManager um(doc, Name);
    doc.text(Name).insert(0, u"abc"_s);
    um.stopCapturing();
    doc.text(Name).remove(2, 1);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"abc"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), QString());
    QVERIFY(um.redo());
    QCOMPARE(text(doc), u"abc"_s);
    QVERIFY(um.redo());
    QCOMPARE(text(doc), u"ab"_s);
    QVERIFY(um.undo());
    QVERIFY(um.undo());
    QCOMPARE(text(doc), QString());
    QVERIFY(um.checkInvariants());
}

void TestUndoManager::newChangeClearsRedo()
{
    Doc doc(1);
    UndoManager um(doc, Name);
    doc.text(Name).insert(0, u"a"_s);
    QVERIFY(um.undo());
    QVERIFY(um.canRedo());
    doc.text(Name).insert(0, u"b"_s);
    QVERIFY(!um.canRedo());
    QVERIFY(!um.redo());
    QCOMPARE(text(doc), u"b"_s);
}

void TestUndoManager::onlyTrackedOrigins()
{
    Doc doc(1);
    UndoManager um(doc, Name);
    constexpr Origin Other = 42;
    doc.transact([&] { doc.text(Name).insert(0, u"untracked "_s); }, Other);
    QVERIFY(!um.canUndo());
    doc.text(Name).insert(0, u"tracked "_s);
    um.addTrackedOrigin(Other);
    QVERIFY(um.trackedOrigins().contains(Other));
    doc.transact([&] { doc.text(Name).insert(0, u"now "_s); }, Other);
    QCOMPARE(um.undoStack().size(), 2);
    QVERIFY(um.undo());
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"untracked "_s);
    QVERIFY(um.checkInvariants());
}

// Two documents exchange updates; undo on one reverts only its own edits.
void TestUndoManager::remoteEditsSurvive()
{
    Doc a(1), b(2);
    UndoManager um(a, Name);
    a.text(Name).insert(0, u"abc"_s);
    sync(a, b);
    b.text(Name).insert(1, u"XY"_s); // aXYbc
    sync(b, a);
    QCOMPARE(text(a), u"aXYbc"_s);
    QVERIFY(!um.canRedo());
    QCOMPARE(um.undoStack().size(), 1); // the remote edit was not captured
    QVERIFY(um.undo());
    QCOMPARE(text(a), u"XY"_s);
    sync(a, b);
    QCOMPARE(text(b), u"XY"_s);
    QVERIFY(um.redo());
    sync(a, b);
    QCOMPARE(text(a), text(b));
    QCOMPARE(text(a).size(), 5);
    QVERIFY(text(a).contains(u"XY"_s));
    QVERIFY(um.checkInvariants());

    // A remote delete of our text is not ours to undo; our own delete of their text is.
    b.text(Name).remove(0, 1);
    sync(b, a);
    const QString before = text(a);
    a.text(Name).remove(text(a).indexOf(u"XY"_s), 2);
    um.stopCapturing();
    QVERIFY(um.undo());
    QCOMPARE(text(a), before);
    sync(a, b);
    QCOMPARE(text(b), before);
    QVERIFY(um.checkInvariants());
}

// A peer types inside a span we deleted; undoing our delete brings our text back around
// theirs.
void TestUndoManager::remoteEditsInsideUndoneDeletion()
{
    Doc a(1), b(2);
    UndoManager um(a, Name);
    a.text(Name).insert(0, u"0123456789"_s);
    um.stopCapturing();
    sync(a, b);
    a.text(Name).remove(2, 6); // "0189"
    b.text(Name).insert(5, u"R"_s); // concurrently: "01234R56789"
    sync(a, b);
    sync(b, a);
    QCOMPARE(text(a), u"01R89"_s);
    QVERIFY(um.undo());
    QVERIFY(um.checkInvariants());
    QCOMPARE(text(a).size(), 11);
    QVERIFY(text(a).startsWith(u"01"_s));
    QVERIFY(text(a).endsWith(u"89"_s));
    QVERIFY(text(a).contains(u'R'));
    sync(a, b);
    QCOMPARE(text(b), text(a));
}

void TestUndoManager::surrogatePairs_data()
{
    QTest::addColumn<QString>("initial");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("length");
    QTest::newRow("one emoji") << u"a😀b"_s << 1 << 2;
    QTest::newRow("emoji run") << u"x👍🏽🇩🇪y"_s << 1 << 8;
    QTest::newRow("at start") << u"𝄞𝄞"_s << 0 << 2;
    QTest::newRow("at end") << u"ab😀"_s << 2 << 2;
}

void TestUndoManager::surrogatePairs()
{
    QFETCH(QString, initial);
    QFETCH(int, index);
    QFETCH(int, length);
    Doc doc(1);
    UndoManager um(doc, Name);
    doc.text(Name).insert(0, initial);
    um.stopCapturing();
    doc.text(Name).remove(index, length);
    QCOMPARE(text(doc), initial.left(index) + initial.mid(index + length));
    QVERIFY(um.undo());
    QCOMPARE(text(doc), initial);
    QVERIFY(um.redo());
    QVERIFY(um.undo());
    QCOMPARE(text(doc), initial);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), QString());
    QVERIFY(um.checkInvariants());
}

void TestUndoManager::stackItemEvents()
{
    Doc doc(1);
    FakeClock clock;
    UndoManager um(doc, Name);
    um.setClock(clock.fn());
    int added = 0, updated = 0;
    QList<qint64> restoredCursors;
    QList<StackItemEvent::Stack> poppedFrom;
    // The app saves its cursor with each item and restores it when the item is popped.
    um.onStackItemAdded([&](const StackItemEvent &e) {
        ++added;
        e.stackItem.meta.insert(u"cursor"_s, doc.text(Name).length());
    });
    um.onStackItemUpdated([&](const StackItemEvent &) { ++updated; });
    um.onStackItemPopped([&](const StackItemEvent &e) {
        restoredCursors.append(e.stackItem.meta.value(u"cursor"_s).toLongLong());
        poppedFrom.append(e.stack);
        QCOMPARE(e.origin, um.origin());
    });
    doc.text(Name).insert(0, u"ab"_s);
    doc.text(Name).insert(2, u"c"_s);
    QCOMPARE(added, 1);
    QCOMPARE(updated, 1);
    QVERIFY(um.undo()); // adds the redo item, then pops the undo item
    QCOMPARE(added, 2);
    QVERIFY(um.redo());
    QCOMPARE(restoredCursors, (QList<qint64> { 2, 0 }));
    QCOMPARE(poppedFrom,
             (QList<StackItemEvent::Stack> { StackItemEvent::Stack::Undo,
                                             StackItemEvent::Stack::Redo }));
}

void TestUndoManager::clearDropsEverything()
{
    Doc doc(1);
    UndoManager um(doc, Name);
    bool undoCleared = false;
    um.onStackCleared([&](bool u, bool) { undoCleared = u; });
    doc.text(Name).insert(0, u"abc"_s);
    doc.text(Name).remove(0, 1);
    um.clear();
    QVERIFY(undoCleared);
    QVERIFY(!um.canUndo());
    QVERIFY(!um.undo());
    QCOMPARE(text(doc), u"bc"_s);
    doc.text(Name).insert(0, u"x"_s);
    QVERIFY(um.undo());
    QCOMPARE(text(doc), u"bc"_s);
    QVERIFY(um.checkInvariants());
}

// The same random local edits, stopCapturing(), undo() and redo() on a Chorus document and on
// a Yjs one with Y.UndoManager: the texts must agree after every step. (Grouping is driven by
// stopCapturing alone: both capture timeouts are far longer than the test.)
// Each session edits first and then only undoes and redoes. Yjs 13.6 follows Item.redone to
// the first fragment only (followRedone, diff 0) when text an undo restored was split by a
// later edit, so an older undo then leaves part of that text behind where Chorus removes all
// of it (e.g. type "ab", delete it, undo, type inside "ab", undo twice: Yjs keeps "b").
void TestUndoManager::randomizedAgainstYjs()
{
    YjsProcess yjs;
    QString why;
    if (!yjs.start(&why)) {
        QSKIP(qPrintable(why));
    }
    const QStringList alphabet = { u"a"_s, u"b"_s, u"é"_s, u"😀"_s, u" "_s };
    const int sessions = 60;
    for (int seed = 1; seed <= sessions; ++seed) {
        QRandomGenerator rng(seed);
        const QString peer = u"undo%1"_s.arg(seed);
        QVERIFY(yjs.call({ { u"cmd"_s, u"new"_s }, { u"peer"_s, peer }, { u"client"_s, 5 } })
                    .value(u"ok"_s)
                    .toBool());
        QVERIFY(yjs.call({ { u"cmd"_s, u"undoManager"_s },
                           { u"peer"_s, peer },
                           { u"captureTimeout"_s, 1e9 } })
                    .value(u"ok"_s)
                    .toBool());
        Doc doc(5);
        UndoManager um(doc, u"text"_s);
        um.setClock([] { return qint64(1000); });
        um.setCaptureTimeout(qint64(1e9));
        QStringList log;
        for (int step = 0; step < 60; ++step) {
            const QString s = doc.text(u"text"_s).toString();
            const int r = step < 30 ? int(rng.bounded(70)) : 70 + int(rng.bounded(30));
            QJsonObject req { { u"peer"_s, peer } };
            if (r < 35 || s.isEmpty()) {
                qsizetype i = qsizetype(rng.bounded(int(s.size()) + 1));
                i -= (i > 0 && i < s.size() && s.at(i).isLowSurrogate()) ? 1 : 0;
                const QString t = alphabet.at(rng.bounded(alphabet.size()))
                    + alphabet.at(rng.bounded(alphabet.size()));
                doc.text(u"text"_s).insert(i, t);
                req = { { u"peer"_s, peer },
                        { u"cmd"_s, u"insert"_s },
                        { u"index"_s, double(i) },
                        { u"text"_s, t } };
            } else if (r < 55) {
                qsizetype i = qsizetype(rng.bounded(int(s.size())));
                i -= (i > 0 && s.at(i).isLowSurrogate()) ? 1 : 0;
                qsizetype e = qMin(s.size(), i + 1 + qsizetype(rng.bounded(3)));
                e += (e < s.size() && s.at(e).isLowSurrogate()) ? 1 : 0;
                doc.text(u"text"_s).remove(i, e - i);
                req = { { u"peer"_s, peer },
                        { u"cmd"_s, u"delete"_s },
                        { u"index"_s, double(i) },
                        { u"len"_s, double(e - i) } };
            } else if (r < 70) {
                um.stopCapturing();
                req.insert(u"cmd"_s, u"stopCapturing"_s);
            } else if (r < 85) {
                um.undo();
                req.insert(u"cmd"_s, u"undo"_s);
            } else {
                um.redo();
                req.insert(u"cmd"_s, u"redo"_s);
            }
            const QJsonObject a = yjs.call(req);
            log.append(QString::fromUtf8(QJsonDocument(req).toJson(QJsonDocument::Compact))
                       + u" -> \""_s + doc.text(u"text"_s).toString() + u"\""_s);
            QVERIFY2(a.value(u"ok"_s).toBool(), qPrintable(a.value(u"error"_s).toString()));
            QVERIFY2(um.checkInvariants(), qPrintable(u"seed %1"_s.arg(seed)));
            const QString ours = doc.text(u"text"_s).toString();
            const QString theirs = a.value(u"text"_s).toString();
            if (ours != theirs) {
                QFAIL(qPrintable(
                    u"seed %1 step %2: chorus \"%3\" yjs \"%4\"\n%5"_s.arg(seed).arg(step).arg(
                        ours, theirs, log.join(u'\n'))));
            }
        }
        yjs.call({ { u"cmd"_s, u"free"_s }, { u"peer"_s, peer } });
    }
}

// Texts of many mirror chunks (1024 units each): random edits, pastes, undo and redo keep the
// mirror equal to the text; and a keystroke on a 4 MB text stays cheap.
void TestUndoManager::largeText()
{
    Doc doc(1);
    QString initial;
    for (int i = 0; i < 3000; ++i) {
        initial += u"line %1 😀\n"_s.arg(i);
    }
    doc.text(Name).insert(0, initial);
    UndoManager um(doc, Name);
    QRandomGenerator rng(7);
    for (int step = 0; step < 400; ++step) {
        auto &&t = doc.text(Name);
        const QString s = t.toString();
        const int r = int(rng.bounded(100));
        qsizetype i = qsizetype(rng.bounded(int(s.size())));
        i -= (i > 0 && s.at(i).isLowSurrogate()) ? 1 : 0;
        if (r < 40) {
            t.insert(i, r < 5 ? initial.left(1500 + int(rng.bounded(1500))) : u"ab😀"_s);
        } else if (r < 70) {
            qsizetype e = qMin(s.size(), i + 1 + qsizetype(rng.bounded(r < 45 ? 3000 : 5)));
            e += (e < s.size() && s.at(e).isLowSurrogate()) ? 1 : 0;
            t.remove(i, e - i);
        } else if (r < 80) {
            um.stopCapturing();
        } else if (r < 92) {
            um.undo();
        } else {
            um.redo();
        }
        QVERIFY2(um.checkInvariants(), qPrintable(u"step %1"_s.arg(step)));
    }
    while (um.undo()) { }
    QCOMPARE(doc.text(Name).toString(), initial);
    QVERIFY(um.checkInvariants());

    // A keystroke in the middle of a 4 MB text.
    Doc big(2);
    big.text(Name).insert(0, QString(4 << 20, u'x'));
    UndoManager bigUm(big, Name);
    QElapsedTimer timer;
    timer.start();
    for (int k = 0; k < 200; ++k) {
        big.text(Name).insert(2 << 20, u"y"_s);
    }
    qInfo("keystroke with an undo manager on a 4 MB text: %.3f ms",
          timer.nsecsElapsed() / 1e6 / 200);
    QVERIFY(bigUm.undo());
    QCOMPARE(big.text(Name).length(), qsizetype(4 << 20) + 199); // one keystroke per item

    // A tracked 1 MB paste is mirrored in small chunks (not halves), so keystrokes anywhere in
    // it stay cheap and every step undoes exactly.
    Doc pasted(3);
    UndoManager pastedUm(pasted, Name);
    pasted.text(Name).insert(0, QString(1 << 20, u'p'));
    pastedUm.stopCapturing();
    for (qsizetype at : { qsizetype(1), qsizetype(1 << 19), qsizetype((1 << 20) - 1) }) {
        pasted.text(Name).insert(at, u"k"_s);
        pastedUm.stopCapturing();
        QVERIFY(pastedUm.checkInvariants());
    }
    QCOMPARE(pasted.text(Name).length(), qsizetype(1 << 20) + 3);
    for (int k = 0; k < 3; ++k) {
        QVERIFY(pastedUm.undo());
    }
    QCOMPARE(pasted.text(Name).toString(), QString(1 << 20, u'p'));
    QVERIFY(pastedUm.undo());
    QCOMPARE(pasted.text(Name).length(), qsizetype(0));
    QVERIFY(pastedUm.checkInvariants());
}

QTEST_GUILESS_MAIN(TestUndoManager)
#include "tst_undomanager.moc"
