// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The public document API: text edits in UTF-16 units without splitting surrogate pairs,
// events with deltas, transactions and their info, update events, pending updates, garbage
// collection, map and array, relative positions.
#include "crdt/array.h"
#include "crdt/doc.h"
#include "crdt/map.h"
#include "crdt/relativeposition.h"
#include "crdt/text.h"
#include "crdt/updates.h"

#include <QTest>

using namespace Chorus::Crdt;
using namespace Qt::StringLiterals;

namespace {
using K = TextDelta::Kind;
QString content(Doc &d)
{
    return d.text(QStringLiteral("content")).toString();
}
} // namespace

class TestDoc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void insertRemove_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("removeLength");
        QTest::addColumn<QString>("insert");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"hello"_s << 1 << 3 << u"EY"_s << u"hEYo"_s;
        QTest::newRow("append") << u"ab"_s << 2 << 0 << u"c"_s << u"abc"_s;
        QTest::newRow("clamped index") << u"ab"_s << 99 << 0 << u"c"_s << u"abc"_s;
        // index 2 is inside 😀 (a high/low pair at 1..2): it moves to the pair's start
        QTest::newRow("insert inside pair") << u"a😀b"_s << 2 << 0 << u"X"_s << u"aX😀b"_s;
        // removing from inside a pair removes the whole pair
        QTest::newRow("remove from inside pair") << u"a😀b"_s << 2 << 1 << QString() << u"ab"_s;
        QTest::newRow("remove ending inside pair") << u"a😀b"_s << 0 << 2 << QString() << u"b"_s;
        QTest::newRow("astral only") << u"𝄞𝄞"_s << 1 << 2 << QString() << QString();
    }

    void insertRemove()
    {
        QFETCH(QString, start);
        QFETCH(int, index);
        QFETCH(int, removeLength);
        QFETCH(QString, insert);
        QFETCH(QString, expected);
        Doc doc(1);
        Text t = doc.text(QStringLiteral("content"));
        t.insert(0, start);
        t.remove(index, removeLength);
        if (!insert.isEmpty()) {
            t.insert(index, insert);
        }
        QCOMPARE(t.toString(), expected);
        QCOMPARE(t.length(), expected.size());
        QVERIFY2(doc.checkInvariants(), qPrintable(doc.invariantViolation()));
    }

    void manyEditsKeepInvariants()
    {
        // typing, deleting and jumping around exercises the position markers
        Doc doc(3);
        Text t = doc.text(QStringLiteral("content"));
        QString mirror;
        quint32 x = 12345;
        for (int i = 0; i < 3000; ++i) {
            x = x * 1103515245 + 12345;
            const int pos = mirror.isEmpty() ? 0 : int((x >> 8) % quint32(mirror.size() + 1));
            if ((x >> 4) % 3 == 0 && !mirror.isEmpty()) {
                const int p = std::min(pos, int(mirror.size()) - 1);
                t.remove(p, 1);
                mirror.remove(p, 1);
            } else {
                const QString s = QString(QChar(u'a' + int(x % 26)));
                t.insert(pos, s);
                mirror.insert(pos, s);
            }
            if (i % 500 == 0) {
                QVERIFY2(doc.checkInvariants(), qPrintable(doc.invariantViolation()));
            }
        }
        QCOMPARE(t.toString(), mirror);
        QVERIFY(doc.checkInvariants());
        // typing in sequence merges into few structs
        Doc typing(4);
        Text tt = typing.text(QStringLiteral("content"));
        for (int i = 0; i < 1000; ++i) {
            tt.insert(i, QStringLiteral("x"));
        }
        QVERIFY(typing.debugDump().count(u'[') == 1);
    }

    void textEvents()
    {
        Doc a(1);
        Doc b(2);
        Text ta = a.text(QStringLiteral("content"));
        ta.insert(0, QStringLiteral("hello world"));
        QVERIFY(b.applyUpdate(a.encodeStateAsUpdate()).ok());
        QList<TextEvent> events;
        b.text(QStringLiteral("content")).observe([&](const TextEvent &e) { events.append(e); });
        a.transact([&] {
            ta.remove(0, 1);
            ta.insert(0, QStringLiteral("H"));
            ta.insert(11, QStringLiteral("!"));
        });
        QVERIFY(b.applyUpdate(a.encodeStateAsUpdate(b.encodeStateVector()), 42).ok());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].origin, Origin(42));
        QVERIFY(!events[0].local);
        // 'H' goes right of the deleted 'h' (Yjs skips deleted items when inserting)
        const QList<TextDelta> expected { { K::Delete, 1, {} },
                                          { K::Insert, 1, u"H"_s },
                                          { K::Retain, 10, {} },
                                          { K::Insert, 1, u"!"_s } };
        QCOMPARE(events[0].delta, expected);
        // a local edit fires a local event
        b.text(QStringLiteral("content")).insert(0, QStringLiteral("x"));
        QCOMPARE(events.size(), 2);
        QVERIFY(events[1].local);
    }

    void updateEventsAndTransactionInfo()
    {
        Doc a(5);
        QList<QByteArray> updates;
        QList<TransactionInfo> infos;
        a.onUpdate([&](const QByteArray &u, Origin, bool local) {
            QVERIFY(local);
            updates.append(u);
        });
        const ObserverId infoObserver
            = a.onAfterTransaction([&](const TransactionInfo &i) { infos.append(i); });
        Text t = a.text(QStringLiteral("content"));
        a.transact(
            [&] {
                t.insert(0, QStringLiteral("abc"));
                a.transact([&] { t.insert(3, QStringLiteral("def")); }); // joins the outer one
            },
            7);
        QCOMPARE(updates.size(), 1);
        QCOMPARE(infos.size(), 1);
        QCOMPARE(infos[0].origin, Origin(7));
        QVERIFY(infos[0].inserted.isDeleted(ID { 5, 5 }));
        QVERIFY(!infos[0].inserted.isDeleted(ID { 5, 6 }));
        t.remove(1, 2);
        QCOMPARE(infos.size(), 2);
        QVERIFY(infos[1].deleted.isDeleted(ID { 5, 1 }));
        QVERIFY(infos[1].deleted.isDeleted(ID { 5, 2 }));
        QVERIFY(!infos[1].deleted.isDeleted(ID { 5, 3 }));
        // a transaction that changes nothing emits no update (but is a transaction)
        a.transact([] { });
        QCOMPARE(updates.size(), 2);
        QCOMPARE(infos.size(), 3);
        a.removeObserver(infoObserver);
        t.insert(0, QStringLiteral("z"));
        QCOMPARE(infos.size(), 3);
        // the updates rebuild the document elsewhere
        Doc b(6);
        for (const QByteArray &u : updates) {
            QVERIFY(b.applyUpdate(u).ok());
        }
        QCOMPARE(content(b), content(a));
    }

    void pendingUpdates()
    {
        Doc a(1);
        QList<QByteArray> updates;
        a.onUpdate([&](const QByteArray &u, Origin, bool) { updates.append(u); });
        Text t = a.text(QStringLiteral("content"));
        t.insert(0, QStringLiteral("one"));
        t.insert(3, QStringLiteral(" two"));
        t.remove(0, 1);
        Doc b(2);
        QVERIFY(b.applyUpdate(updates[2]).ok()); // a deletion of something not yet known
        QVERIFY(b.hasPending());
        QVERIFY(b.applyUpdate(updates[1]).ok()); // depends on the first insert
        QVERIFY(b.hasPending());
        QCOMPARE(content(b), QString());
        QVERIFY(b.applyUpdate(updates[0]).ok());
        QVERIFY(!b.hasPending());
        QCOMPARE(content(b), u"ne two"_s);
        QCOMPARE(b.encodeStateAsUpdate(), a.encodeStateAsUpdate());
    }

    void garbageCollectionAndDeletedText()
    {
        for (bool gc : { true, false }) {
            Doc doc(9);
            doc.setGcEnabled(gc);
            Text t = doc.text(QStringLiteral("content"));
            t.insert(0, QStringLiteral("abcdef"));
            const ID idOfC { 9, 2 };
            QCOMPARE(t.indexOfId(idOfC), std::optional<qsizetype>(2));
            t.remove(1, 3);
            QCOMPARE(t.indexOfId(idOfC), std::nullopt);
            QCOMPARE(t.indexOfId(ID { 9, 4 }), std::optional<qsizetype>(1));
            QCOMPARE(t.deletedTextOf(ID { 9, 1 }, 3), gc ? QString() : u"bcd"_s);
            QVERIFY(doc.debugDump().contains(gc ? u"Deleted"_s : u"\"bcd\""_s));
        }
    }

    void mapAndArray()
    {
        Doc a(1);
        Doc b(2);
        Map m = a.map(QStringLiteral("m"));
        QList<MapEvent> mapEvents;
        b.map(QStringLiteral("m")).observe([&](const MapEvent &e) { mapEvents.append(e); });
        m.set(QStringLiteral("n"), Any::number(3));
        m.set(QStringLiteral("s"), Any::string(u"x"_s));
        m.set(QStringLiteral("bin"), Any::binary(QByteArray("\x01\x02", 2)));
        m.set(QStringLiteral("f"), Any::number(0.5));
        m.remove(QStringLiteral("s"));
        QCOMPARE(m.keys(), QStringList({ u"bin"_s, u"f"_s, u"n"_s }));
        QCOMPARE(m.get(QStringLiteral("n"))->type(), Any::Type::Integer);
        QCOMPARE(m.get(QStringLiteral("f"))->type(), Any::Type::Float32);
        QVERIFY(!m.get(QStringLiteral("s")));
        QVERIFY(b.applyUpdate(a.encodeStateAsUpdate()).ok());
        QCOMPARE(mapEvents.size(), 1);
        QCOMPARE(b.map(QStringLiteral("m")).toJson(), m.toJson());
        Array arr = a.array(QStringLiteral("a"));
        arr.push({ Any::number(1), Any::string(u"two"_s) });
        arr.insert(1, { Any::boolean(true) });
        arr.remove(0, 1);
        QCOMPARE(arr.length(), 2);
        QCOMPARE(arr.get(0), Any::boolean(true));
        QCOMPARE(arr.get(1), Any::string(u"two"_s));
        QCOMPARE(arr.get(5), Any());
        QVERIFY(a.checkInvariants());
    }

    void relativePositionsFollowEdits()
    {
        Doc a(1);
        Text t = a.text(QStringLiteral("content"));
        t.insert(0, QStringLiteral("hello world"));
        const RelativePosition at6 = createRelativePositionFromTypeIndex(t, 6);
        const RelativePosition end = createRelativePositionFromTypeIndex(t, t.length());
        const RelativePosition left = createRelativePositionFromTypeIndex(t, 5, -1);
        t.insert(0, QStringLiteral(">> "));
        t.remove(3, 2);
        QCOMPARE(createAbsolutePositionFromRelativePosition(at6, t), std::optional<qsizetype>(7));
        QCOMPARE(createAbsolutePositionFromRelativePosition(end, t),
                 std::optional<qsizetype>(t.length()));
        QCOMPARE(createAbsolutePositionFromRelativePosition(left, a), std::optional<qsizetype>(6));
        // a position in a text the document does not know yet
        Doc b(2);
        QCOMPARE(createAbsolutePositionFromRelativePosition(at6, b), std::nullopt);
        const auto json = RelativePosition::fromJson(at6.toJson());
        QCOMPARE(json, std::optional<RelativePosition>(at6));
    }

    // An edit inside one long item splits it; either half may be the one copied (the smaller
    // one), and both must keep exactly their characters — in this document and in what it sends.
    void splittingLongItems_data()
    {
        QTest::addColumn<int>("index");
        QTest::newRow("near the start") << 3;
        QTest::newRow("just before the middle") << 1499;
        QTest::newRow("middle") << 1500;
        QTest::newRow("just after the middle") << 1501;
        QTest::newRow("near the end") << 2997;
    }

    void splittingLongItems()
    {
        QFETCH(int, index);
        QString model;
        for (int i = 0; i < 3000; ++i) {
            model.append(QChar(u'a' + i % 26));
        }
        Doc doc(1);
        Text t = doc.text(QStringLiteral("content"));
        t.insert(0, model); // one item
        t.insert(index, QStringLiteral("XY"));
        model.insert(index, QStringLiteral("XY"));
        t.insert(index + 1, QStringLiteral("-")); // splits the new item
        model.insert(index + 1, u'-');
        t.remove(index - 2, 1); // and each half again
        model.remove(index - 2, 1);
        t.remove(index + 5, 1);
        model.remove(index + 5, 1);
        QCOMPARE(t.toString(), model);
        QVERIFY2(doc.checkInvariants(), qPrintable(doc.invariantViolation()));
        Doc copy(2);
        QVERIFY(copy.applyUpdate(doc.encodeStateAsUpdate()).ok());
        QCOMPARE(content(copy), model);
    }

    void updateLevelFunctions()
    {
        Doc a(1);
        Text t = a.text(QStringLiteral("content"));
        t.insert(0, QStringLiteral("abc"));
        const QByteArray first = a.encodeStateAsUpdate();
        const QByteArray sv = a.encodeStateVector();
        t.insert(3, QStringLiteral("def"));
        const QByteArray all = a.encodeStateAsUpdate();
        const UpdateResult diff = diffUpdate(all, sv);
        QVERIFY(diff.ok());
        QCOMPARE(diff.update, a.encodeStateAsUpdate(sv));
        const UpdateResult merged = mergeUpdates({ first, diff.update });
        QVERIFY(merged.ok());
        Doc b(2);
        QVERIFY(b.applyUpdate(merged.update).ok());
        QCOMPARE(content(b), u"abcdef"_s);
        QCOMPARE(encodeStateVectorFromUpdate(all).update, a.encodeStateVector());
        QCOMPARE(mergeUpdates({ first }).update, first);
        QVERIFY(!validateUpdate(all).isError());
    }
};

QTEST_GUILESS_MAIN(TestDoc)
#include "tst_doc.moc"
