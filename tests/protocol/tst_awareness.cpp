// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The awareness CRDT (port of y-protocols awareness.js): clocks decide, "null" removes, a peer
// cannot remove our own state, 30 s timeouts and 15 s renewal on an injected clock, and a
// malformed update changes nothing.
#include "protocol/awareness.h"

#include <QJsonObject>
#include <QTest>

using namespace Chorus::Protocol;
using Chorus::Crdt::DecodeError;

Q_DECLARE_METATYPE(Chorus::Crdt::DecodeError::Code)

namespace {
QByteArray json(const char *text)
{
    return QByteArray(text);
}
} // namespace

class TestAwareness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void localStateLifecycle();
    void syncBetweenTwo();
    void staleClockIgnored();
    void clockZeroFromUnknownIgnored();
    void equalClockRemovalApplies();
    void peerCannotRemoveOurState();
    void forgottenClientsAreTakenAtAnyClock();
    void timeouts();
    void renewal();
    void jsonObjectState();
    void scalarStates();
    void malformed_data();
    void malformed();
    void malformedChangesNothing();
    void encodeSkipsUnknownClients();
};

void TestAwareness::localStateLifecycle()
{
    Awareness a(7);
    AwarenessChange c = a.setLocalState(json(R"({"n":1})"), 1000);
    QCOMPARE(c.added, QList<quint64> { 7 });
    QCOMPARE(a.meta(7)->clock, quint64(1)); // clock 0 is y-protocols' implicit initial {}
    c = a.setLocalState(json(R"({"n":1})"), 2000);
    QVERIFY(!c.hasChanges());
    QCOMPARE(c.renewed, QList<quint64> { 7 });
    QCOMPARE(a.meta(7)->clock, quint64(2));
    c = a.setLocalState(json(R"({"n":2})"), 3000);
    QCOMPARE(c.updated, QList<quint64> { 7 });
    c = a.clearLocalState(4000);
    QCOMPARE(c.removed, QList<quint64> { 7 });
    QVERIFY(!a.hasLocalState());
    QCOMPARE(a.meta(7)->clock, quint64(4));
    QCOMPARE(a.encodeUpdate({ 7 }).toHex(),
             QByteArray("01070404"
                        "6e756c6c")); // [1][7][4]"null"
}

void TestAwareness::syncBetweenTwo()
{
    Awareness a(1);
    Awareness b(2);
    a.setLocalState(json(R"({"user":{"name":"A"}})"), 0);
    b.setLocalState(json(R"({"user":{"name":"B"}})"), 0);
    AwarenessApplyResult r = b.applyUpdate(a.encodeAll(), 10);
    QVERIFY(r.isOk());
    QCOMPARE(r.change.added, QList<quint64> { 1 });
    QCOMPARE(b.state(1), json(R"({"user":{"name":"A"}})"));
    QCOMPARE(b.clients(), (QList<quint64> { 1, 2 }));
    // Applying the same update again changes nothing.
    QVERIFY(b.applyUpdate(a.encodeAll(), 20).change.isEmpty());
    a.setLocalState(json(R"({"user":{"name":"A2"}})"), 30);
    r = b.applyUpdate(a.encodeUpdate({ 1 }), 40);
    QCOMPARE(r.change.updated, QList<quint64> { 1 });
    a.clearLocalState(50);
    r = b.applyUpdate(a.encodeUpdate({ 1 }), 60);
    QCOMPARE(r.change.removed, QList<quint64> { 1 });
    QVERIFY(!b.hasState(1));
    // Meta survives a removal, so a late copy of an older state cannot resurrect the client.
    QCOMPARE(b.meta(1)->clock, quint64(3));
}

void TestAwareness::staleClockIgnored()
{
    Awareness b(2);
    b.applyEntries({ { 5, 3, json(R"("new")") } }, 0);
    const AwarenessChange c = b.applyEntries({ { 5, 2, json(R"("old")") } }, 1);
    QVERIFY(c.isEmpty());
    QCOMPARE(b.state(5), json(R"("new")"));
}

void TestAwareness::clockZeroFromUnknownIgnored()
{
    // y-protocols: an unknown client's clock 0 is not news (its constructor's implicit {}).
    Awareness b(2);
    QVERIFY(b.applyEntries({ { 5, 0, json("{}") } }, 0).isEmpty());
    QVERIFY(!b.hasState(5));
}

void TestAwareness::equalClockRemovalApplies()
{
    // A host removing a disconnected peer sends its last clock with null.
    Awareness b(2);
    b.applyEntries({ { 5, 3, json("{}") } }, 0);
    const AwarenessChange c = b.applyEntries({ { 5, 3, json("null") } }, 1);
    QCOMPARE(c.removed, QList<quint64> { 5 });
    // ...but an equal clock with a state is not news.
    b.applyEntries({ { 6, 1, json("{}") } }, 0);
    QVERIFY(b.applyEntries({ { 6, 1, json(R"({"x":1})") } }, 1).isEmpty());
}

void TestAwareness::peerCannotRemoveOurState()
{
    Awareness a(1);
    a.setLocalState(json("{}"), 0);
    const AwarenessChange c = a.applyEntries({ { 1, 5, json("null") } }, 10);
    QVERIFY(a.hasLocalState());
    QCOMPARE(a.meta(1)->clock, quint64(6)); // outbids the removal
    QCOMPARE(c.renewed, QList<quint64> { 1 });
}

void TestAwareness::forgottenClientsAreTakenAtAnyClock()
{
    // A client whose connection dropped forgets the others: the host's welcome on the next
    // connection brings them back at the clocks they had, which must not be refused.
    Awareness b(2);
    b.setLocalState(json("{}"), 0);
    b.applyEntries({ { 5, 3, json(R"({"x":1})") }, { 6, 1, json("{}") } }, 0);
    const AwarenessChange gone = b.forgetStates({ 5, 6, 2 }, 10);
    QCOMPARE(gone.removed, (QList<quint64> { 5, 6 }));
    QVERIFY(!b.meta(5) && !b.meta(6));
    QVERIFY(b.hasLocalState()); // never forgets itself
    QCOMPARE(b.applyEntries({ { 5, 3, json(R"({"x":1})") } }, 20).added, QList<quint64> { 5 });
    // removeStates, by contrast, keeps the clock: the same state again is not news.
    b.removeStates({ 5 }, 30);
    QVERIFY(b.applyEntries({ { 5, 3, json(R"({"x":1})") } }, 40).isEmpty());
}

void TestAwareness::timeouts()
{
    Awareness a(1);
    a.setLocalState(json("{}"), 0);
    a.applyEntries({ { 2, 1, json("{}") }, { 3, 1, json("{}") } }, 1000);
    a.applyEntries({ { 3, 2, json("{}") } }, 20000);
    QVERIFY(a.removeOutdated(30999).isEmpty());
    AwarenessChange c = a.removeOutdated(31000);
    QCOMPARE(c.removed, QList<quint64> { 2 });
    QVERIFY(a.hasLocalState()); // never the local state, however old
    c = a.removeOutdated(50000);
    QCOMPARE(c.removed, QList<quint64> { 3 });
    QVERIFY(a.hasLocalState());
}

void TestAwareness::renewal()
{
    Awareness a(1);
    QVERIFY(!a.renewLocalState(100000)); // nothing to renew
    a.setLocalState(json("{}"), 1000);
    QVERIFY(!a.renewLocalState(15999));
    QVERIFY(a.renewLocalState(16000));
    QCOMPARE(a.meta(1)->clock, quint64(2));
    QCOMPARE(a.meta(1)->lastUpdatedMs, qint64(16000));
    QVERIFY(!a.renewLocalState(16001));
}

void TestAwareness::jsonObjectState()
{
    Awareness a(1);
    QJsonObject user { { QStringLiteral("color"), QStringLiteral("#ff0000") },
                       { QStringLiteral("name"), QStringLiteral(u"Zo\u00eb") } };
    a.setLocalState(QJsonObject { { QStringLiteral("user"), user } }, 0);
    QCOMPARE(a.localState(),
             QByteArray(R"({"user":{"color":"#ff0000","name":"Zo)") + QByteArray("\xc3\xab")
                 + QByteArray(R"("}})"));
    QCOMPARE(a.stateValue(1)[QStringLiteral("user")][QStringLiteral("name")].toString(),
             QStringLiteral(u"Zo\u00eb"));
}

void TestAwareness::scalarStates()
{
    Awareness a(1);
    const AwarenessChange c = a.applyEntries({ { 2, 1, json("42") },
                                               { 3, 1, json(R"("s")") },
                                               { 4, 1, json("[1,2]") },
                                               { 5, 1, json("false") } },
                                             0);
    QCOMPARE(c.added, (QList<quint64> { 2, 3, 4, 5 }));
    QCOMPARE(a.stateValue(2).toInt(), 42);
}

void TestAwareness::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<DecodeError::Code>("code");
    QTest::addColumn<qsizetype>("offset");
    using C = DecodeError::Code;
    QTest::newRow("empty") << QByteArray() << C::UnexpectedEnd << qsizetype(0);
    QTest::newRow("count past input")
        << QByteArray::fromHex("05010000") << C::LengthTooLarge << qsizetype(0);
    QTest::newRow("truncated clock")
        << QByteArray::fromHex("01018080") << C::UnexpectedEnd << qsizetype(2);
    QTest::newRow("json length past input")
        << QByteArray::fromHex("0101000a7b7d") << C::LengthTooLarge << qsizetype(3);
    QTest::newRow("not json") << QByteArray::fromHex("010100027b7b") << C::Malformed
                              << qsizetype(3);
    QTest::newRow("two values") << QByteArray::fromHex("01010003312c32") << C::Malformed
                                << qsizetype(3);
    QTest::newRow("empty json") << QByteArray::fromHex("01010000") << C::Malformed << qsizetype(3);
    QTest::newRow("not utf-8") << QByteArray::fromHex("01010002ff7d") << C::InvalidUtf8
                               << qsizetype(3);
    QTest::newRow("trailing") << QByteArray::fromHex("010100027b7d00") << C::TrailingBytes
                              << qsizetype(6);
}

void TestAwareness::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(DecodeError::Code, code);
    QFETCH(qsizetype, offset);
    Awareness a(9);
    const AwarenessApplyResult r = a.applyUpdate(bytes, 0);
    QVERIFY(!r.isOk());
    QCOMPARE(DecodeError::codeName(r.error.code), DecodeError::codeName(code));
    QCOMPARE(r.error.offset, offset);
    QVERIFY(a.clients().isEmpty());
}

void TestAwareness::malformedChangesNothing()
{
    // First entry fine, second broken: the whole update is rejected.
    QByteArray bytes = QByteArray::fromHex("02") + QByteArray::fromHex("0100027b7d")
        + QByteArray::fromHex("0200027b7b");
    Awareness a(9);
    QVERIFY(!a.applyUpdate(bytes, 0).isOk());
    QVERIFY(a.clients().isEmpty());
    QVERIFY(!a.meta(1).has_value());
}

void TestAwareness::encodeSkipsUnknownClients()
{
    Awareness a(1);
    a.setLocalState(json("{}"), 0);
    QCOMPARE(a.encodeUpdate({ 1, 99 }).toHex(), QByteArray("010101027b7d"));
}

QTEST_GUILESS_MAIN(TestAwareness)
#include "tst_awareness.moc"
