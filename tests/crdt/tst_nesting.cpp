// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Nesting depth (issue 14): a type nested past Limits::MaxNesting is refused with
// DecodeError::TooDeep by Crdt::Doc and by the host's NestingIndex, before anything is applied,
// whether the chain comes in one update, on top of what a document holds, or through items
// whose parent is their origin's. One level less is accepted. Chains that arrive out of order
// (parents after children, so no up-front check can see them) never produce a type deeper than
// the limit in the document.
#include "crdt/doc.h"
#include "crdt/docimpl.h"
#include "crdt/lib0encoder.h"
#include "crdt/limits.h"
#include "crdt/nestingindex.h"
#include "crdt/structreader.h"
#include "crdt/text.h"
#include "crdt/updates.h"
#include "differential/yjsprocess.h"

#include <QJsonObject>
#include <QTest>

using namespace Chorus::Crdt;
using Chorus::Crdt::Testing::YjsProcess;

namespace {
constexpr quint8 TypeContent = 7; // ContentType
constexpr quint8 AnyRef = 8;
constexpr quint8 HasOrigin = 0x80;

// One section of `client` from `first` to `last` (inclusive) of a chain of nested Y.Arrays:
// the item at clock k holds an array nested in the array of clock k-1; clock 0 sits in the
// root array "a". Each item names its parent (no origin), as Yjs writes a first element.
QByteArray chain(quint64 client, quint64 first, quint64 last)
{
    Lib0Encoder enc;
    enc.writeVarUint(1);
    enc.writeVarUint(last - first + 1);
    enc.writeVarUint(client);
    enc.writeVarUint(first);
    for (quint64 k = first; k <= last; ++k) {
        enc.writeUint8(TypeContent);
        if (k == 0) {
            enc.writeVarUint(1); // parent is a root, by name
            enc.writeVarString(QStringLiteral("a"));
        } else {
            enc.writeVarUint(0); // parent is the item at (client, k - 1)
            enc.writeVarUint(client);
            enc.writeVarUint(k - 1);
        }
        enc.writeVarUint(0); // Y.Array
    }
    enc.writeVarUint(0); // empty delete set
    return enc.take();
}

// The innermost array of chain(client, 0, depth - 1) gains a value, then a nested array to the
// right of it: that item's parent comes from its origin, not from a parent field.
QByteArray besideLast(quint64 chainClient, quint64 depth, quint64 client)
{
    Lib0Encoder enc;
    enc.writeVarUint(1);
    enc.writeVarUint(2);
    enc.writeVarUint(client);
    enc.writeVarUint(0);
    enc.writeUint8(AnyRef);
    enc.writeVarUint(0);
    enc.writeVarUint(chainClient);
    enc.writeVarUint(depth - 1);
    enc.writeVarUint(1);
    enc.writeUint8(125); // Any integer
    enc.writeVarInt(7);
    enc.writeUint8(TypeContent | HasOrigin);
    enc.writeVarUint(client);
    enc.writeVarUint(0);
    enc.writeVarUint(0); // Y.Array
    enc.writeVarUint(0);
    return enc.take();
}

int deepestType(const Doc &doc)
{
    int deepest = 0;
    for (const auto &t : doc.impl()->types) {
        deepest = std::max(deepest, t->depth);
    }
    return deepest;
}

DecodeError hostAdd(NestingIndex &index, const QByteArray &update)
{
    const UpdateScan scan = scanUpdate(update);
    return scan.error.isError() ? scan.error : index.add(update, scan);
}
} // namespace

class tst_Nesting : public QObject
{
    Q_OBJECT

    std::unique_ptr<YjsProcess> m_yjs;

private Q_SLOTS:
    void oneUpdate_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("1") << 1 << true;
        QTest::newRow("limit") << Limits::MaxNesting << true;
        QTest::newRow("limit + 1") << Limits::MaxNesting + 1 << false;
        QTest::newRow("100,000") << 100'000 << false;
    }

    void oneUpdate()
    {
        QFETCH(int, depth);
        QFETCH(bool, accepted);
        const QByteArray update = chain(5, 0, quint64(depth) - 1);
        QVERIFY(!validateUpdate(update).isError()); // well formed: the limit is not the format's

        Doc doc(1);
        doc.text(QStringLiteral("t")).insert(0, QStringLiteral("keep"));
        const QByteArray before = doc.encodeStateAsUpdate();
        const ApplyResult r = doc.applyUpdate(update);
        QCOMPARE(r.error.isError(), !accepted);
        if (accepted) {
            QCOMPARE(deepestType(doc), depth);
        } else {
            QCOMPARE(r.error.code, DecodeError::Code::TooDeep);
            QVERIFY2(r.error.toString().contains(u"nesting too deep"),
                     qPrintable(r.error.toString()));
            QCOMPARE(doc.encodeStateAsUpdate(), before); // nothing applied
        }
        QVERIFY(doc.checkInvariants());

        NestingIndex index;
        const DecodeError e = hostAdd(index, update);
        QCOMPARE(e.isError(), !accepted);
        if (!accepted) {
            QCOMPARE(e.code, DecodeError::Code::TooDeep);
            // the offset is that of the first struct past the limit: the header (its struct
            // count a varint), a 5-byte first struct and a 5-byte struct per level
            const qsizetype header = 3 + (depth < 128 ? 1 : depth < 16384 ? 2 : 3);
            QCOMPARE(e.offset, header + 5 + 5 * (Limits::MaxNesting - 1));
            QVERIFY(index.isEmpty());
        }
    }

    // The chain arrives in two updates: the second is checked against what the first left.
    void onTopOfTheDocument()
    {
        const quint64 first = quint64(Limits::MaxNesting) - 4;
        Doc doc(1);
        QVERIFY(!doc.applyUpdate(chain(5, 0, first - 1)).error.isError());
        NestingIndex index;
        QVERIFY(!hostAdd(index, chain(5, 0, first - 1)).isError());
        QCOMPARE(index.containerDepth(ID { 5, first - 1 }), int(first) - 1);

        const QByteArray toLimit = chain(5, first, quint64(Limits::MaxNesting) - 1);
        const QByteArray pastLimit = chain(5, first, quint64(Limits::MaxNesting));
        Doc copy(2);
        QVERIFY(!copy.applyUpdate(doc.encodeStateAsUpdate()).error.isError());
        QCOMPARE(copy.applyUpdate(pastLimit).error.code, DecodeError::Code::TooDeep);
        QCOMPARE(hostAdd(index, pastLimit).code, DecodeError::Code::TooDeep);
        QVERIFY(!copy.applyUpdate(toLimit).error.isError());
        QVERIFY(!hostAdd(index, toLimit).isError());
        QCOMPARE(deepestType(copy), Limits::MaxNesting);
    }

    // An item whose parent is its origin's: a nested array beside a value in the innermost
    // array is one level deeper than the limit.
    void parentFromOrigin()
    {
        const quint64 depth = quint64(Limits::MaxNesting);
        Doc doc(1);
        QVERIFY(!doc.applyUpdate(chain(5, 0, depth - 1)).error.isError());
        NestingIndex index;
        QVERIFY(!hostAdd(index, chain(5, 0, depth - 1)).isError());
        QCOMPARE(doc.applyUpdate(besideLast(5, depth, 9)).error.code, DecodeError::Code::TooDeep);
        QCOMPARE(hostAdd(index, besideLast(5, depth, 9)).code, DecodeError::Code::TooDeep);

        // one level less is fine
        Doc shallow(1);
        QVERIFY(!shallow.applyUpdate(chain(5, 0, depth - 2)).error.isError());
        QVERIFY(!shallow.applyUpdate(besideLast(5, depth - 1, 9)).error.isError());
        QCOMPARE(deepestType(shallow), Limits::MaxNesting);
    }

    // Chains made by real Yjs 13.6 (Node oracle): nested Y.Maps and Y.Arrays. At the limit the
    // update is accepted by Doc and the host and re-encodes byte for byte; one more is refused.
    void realYjsChains_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("accepted");
        for (const QString &kind : { QStringLiteral("map"), QStringLiteral("array") }) {
            QTest::addRow("%s at the limit", qPrintable(kind))
                << kind << Limits::MaxNesting << true;
            QTest::addRow("%s past the limit", qPrintable(kind))
                << kind << Limits::MaxNesting + 1 << false;
        }
    }

    void realYjsChains()
    {
        QFETCH(QString, kind);
        QFETCH(int, depth);
        QFETCH(bool, accepted);
        if (!m_yjs) {
            m_yjs = std::make_unique<YjsProcess>();
            QString why;
            if (!m_yjs->start(&why)) {
                m_yjs.reset();
                QSKIP(qPrintable(why));
            }
        }
        const QJsonObject answer
            = m_yjs->call({ { QStringLiteral("cmd"), QStringLiteral("nested") },
                            { QStringLiteral("kind"), kind },
                            { QStringLiteral("depth"), depth },
                            { QStringLiteral("client"), 7 } });
        QVERIFY2(answer[u"ok"].toBool(), qPrintable(answer[u"error"].toString()));
        const QByteArray update = YjsProcess::bin(answer[u"update"]);
        Doc doc(1);
        const ApplyResult r = doc.applyUpdate(update);
        NestingIndex index;
        const DecodeError host = hostAdd(index, update);
        if (accepted) {
            QVERIFY2(!r.error.isError(), qPrintable(r.error.toString()));
            QVERIFY2(!host.isError(), qPrintable(host.toString()));
            QCOMPARE(deepestType(doc), depth);
            QCOMPARE(doc.encodeStateAsUpdate(), update);
        } else {
            QCOMPARE(r.error.code, DecodeError::Code::TooDeep);
            QCOMPARE(host.code, DecodeError::Code::TooDeep);
            QVERIFY(doc.encodeStateAsUpdate().size() <= 2); // nothing applied
        }
    }

    void cleanupTestCase() { m_yjs.reset(); }

    // Every level from its own client, sent innermost first: each update waits for its parent,
    // so no check before integration sees the chain. The document still never holds a type
    // deeper than the limit, and deleting the whole chain (a recursive walk) is safe.
    void outOfOrderChainStaysWithinTheLimit()
    {
        const int depth = Limits::MaxNesting + 40;
        Doc doc(1);
        for (int k = depth - 1; k >= 0; --k) {
            Lib0Encoder enc;
            enc.writeVarUint(1);
            enc.writeVarUint(1);
            enc.writeVarUint(quint64(100 + k));
            enc.writeVarUint(0);
            enc.writeUint8(TypeContent);
            if (k == 0) {
                enc.writeVarUint(1);
                enc.writeVarString(QStringLiteral("a"));
            } else {
                enc.writeVarUint(0);
                enc.writeVarUint(quint64(100 + k - 1));
                enc.writeVarUint(0);
            }
            enc.writeVarUint(0);
            enc.writeVarUint(0);
            QVERIFY(!doc.applyUpdate(enc.take()).error.isError());
        }
        QVERIFY(!doc.hasPending());
        QCOMPARE(deepestType(doc), Limits::MaxNesting);
        // delete the outermost item: the deletion walks every nested level
        Lib0Encoder del;
        del.writeVarUint(0);
        del.writeVarUint(1);
        del.writeVarUint(100);
        del.writeVarUint(1);
        del.writeVarUint(0);
        del.writeVarUint(1);
        QVERIFY(!doc.applyUpdate(del.take()).error.isError());
        QVERIFY(doc.checkInvariants());
    }
};

QTEST_GUILESS_MAIN(tst_Nesting)
#include "tst_nesting.moc"
