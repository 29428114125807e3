// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Untrusted bytes: every truncation of real updates, hostile lengths, deep nesting, unknown
// tags and seeded random garbage give a typed error with an offset, never a crash, and leave
// the document exactly as it was (STYLE.md "Errors" 2).
#include "crdt/any.h"
#include "crdt/doc.h"
#include "crdt/lib0decoder.h"
#include "crdt/lib0encoder.h"
#include "crdt/limits.h"
#include "crdt/map.h"
#include "crdt/relativeposition.h"
#include "crdt/text.h"
#include "crdt/updates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Chorus::Crdt;

namespace {
QList<QByteArray> goldenStates()
{
    QFile f(QStringLiteral(CHORUS_GOLDEN_DIR "/vectors.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<QByteArray> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll())[u"vectors"].toArray()) {
        out.append(QByteArray::fromHex(v[u"merged"].toString().toLatin1()));
    }
    return out;
}

QByteArray bytes(std::initializer_list<int> b)
{
    QByteArray out;
    for (int x : b) {
        out.append(char(x));
    }
    return out;
}

// A document with some content, to check that a rejected update changes nothing.
std::unique_ptr<Doc> sampleDoc()
{
    auto doc = std::make_unique<Doc>(77);
    doc->text(QStringLiteral("content")).insert(0, QStringLiteral("keep me"));
    doc->map(QStringLiteral("map")).set(QStringLiteral("k"), Any::integer(1));
    return doc;
}

void expectRejected(const QByteArray &update, DecodeError::Code code)
{
    const DecodeError e = validateUpdate(update);
    QVERIFY2(e.isError(), update.toHex().constData());
    QCOMPARE(e.code, code);
    QVERIFY(e.offset >= 0 && e.offset <= update.size());
    auto doc = sampleDoc();
    const QByteArray before = doc->encodeStateAsUpdate();
    QVERIFY(!doc->applyUpdate(update).ok());
    QCOMPARE(doc->encodeStateAsUpdate(), before);
    QVERIFY(!mergeUpdates({ update, before }).ok());
    QVERIFY(!diffUpdate(update, {}).ok());
    QVERIFY(!encodeStateVectorFromUpdate(update).ok());
}
} // namespace

class TestMalformed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void truncationAtEveryOffset()
    {
        const QList<QByteArray> updates = goldenStates();
        QVERIFY(updates.size() > 10);
        auto doc = sampleDoc();
        const QByteArray before = doc->encodeStateAsUpdate();
        int checked = 0;
        for (const QByteArray &u : updates) {
            QVERIFY(!validateUpdate(u).isError());
            for (qsizetype cut = 0; cut < u.size(); ++cut) {
                const QByteArray part = u.first(cut);
                const DecodeError e = validateUpdate(part);
                QVERIFY2(e.isError(),
                         qPrintable(QStringLiteral("prefix %1 of %2 accepted")
                                        .arg(cut)
                                        .arg(QString::fromLatin1(u.toHex()))));
                QVERIFY(e.offset >= 0 && e.offset <= cut);
                const ApplyResult r = doc->applyUpdate(part);
                QVERIFY(!r.ok());
                QCOMPARE(r.error.code, e.code);
                QCOMPARE(r.error.offset, e.offset);
                QVERIFY(!mergeUpdates({ part, u }).ok());
                ++checked;
            }
        }
        QCOMPARE(doc->encodeStateAsUpdate(), before);
        QVERIFY(doc->checkInvariants());
        qInfo("%d truncated updates rejected", checked);
    }

    void hostileInputs_data()
    {
        QTest::addColumn<QByteArray>("update");
        QTest::addColumn<int>("code");
        using C = DecodeError::Code;
        // 2^40 client sections declared in a 3-byte update
        QTest::newRow("huge section count")
            << bytes({ 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x00 }) << int(C::LengthTooLarge);
        QTest::newRow("huge struct count")
            << bytes({ 0x01, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x00, 0x00 }) << int(C::LengthTooLarge);
        // one string item whose string declares 2^28 bytes
        QTest::newRow("huge string")
            << bytes({ 0x01, 0x01, 0x01, 0x00, 0x04, 0x01, 0x01, 0x61, 0xff, 0xff, 0xff, 0x7f })
            << int(C::LengthTooLarge);
        QTest::newRow("unknown content ref")
            << bytes({ 0x01, 0x01, 0x01, 0x00, 0x8b, 0x01, 0x00, 0x00 }) << int(C::UnknownType);
        QTest::newRow("zero-length GC")
            << bytes({ 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00 }) << int(C::Malformed);
        QTest::newRow("empty string item")
            << bytes({ 0x01, 0x01, 0x01, 0x00, 0x04, 0x01, 0x01, 0x61, 0x00, 0x00 })
            << int(C::Malformed);
        QTest::newRow("trailing bytes") << bytes({ 0x00, 0x00, 0x00 }) << int(C::TrailingBytes);
        QTest::newRow("varint over 53 bits")
            << bytes({ 0x01, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00 })
            << int(C::IntegerOverflow);
        QTest::newRow("clock past 2^53") << bytes(
            { 0x01, 0x01, 0x01, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x05, 0x00 })
                                         << int(C::IntegerOverflow);
        QTest::newRow("huge delete count")
            << bytes({ 0x00, 0x01, 0x01, 0xff, 0xff, 0xff, 0x7f }) << int(C::LengthTooLarge);
        QTest::newRow("bad utf8") << bytes(
            { 0x01, 0x01, 0x01, 0x00, 0x04, 0x01, 0x01, 0x61, 0x02, 0xc3, 0x28, 0x00 })
                                  << int(C::InvalidUtf8);
        QTest::newRow("unknown type ref")
            << bytes({ 0x01, 0x01, 0x01, 0x00, 0x07, 0x01, 0x01, 0x61, 0x09, 0x00 })
            << int(C::UnknownType);
        QTest::newRow("unknown any tag")
            << bytes({ 0x01, 0x01, 0x01, 0x00, 0x08, 0x01, 0x01, 0x61, 0x01, 0x50, 0x00 })
            << int(C::UnknownType);
        QTest::newRow("huge any array") << bytes({ 0x01, 0x01, 0x01, 0x00, 0x08, 0x01, 0x01, 0x61,
                                                   0x01, 0x75, 0xff, 0xff, 0xff, 0x7f, 0x00 })
                                        << int(C::LengthTooLarge);
        // ContentAny holding arrays nested 100 deep
        QByteArray deep = bytes({ 0x01, 0x01, 0x01, 0x00, 0x08, 0x01, 0x01, 0x61, 0x01 });
        for (int i = 0; i < 100; ++i) {
            deep += bytes({ 0x75, 0x01 });
        }
        deep += bytes({ 0x7e, 0x00 });
        QTest::newRow("any nested 100 deep") << deep << int(C::TooDeep);
    }

    void hostileInputs()
    {
        QFETCH(QByteArray, update);
        QFETCH(int, code);
        expectRejected(update, DecodeError::Code(code));
    }

    // Inputs that hung Yjs/lib0 (yjs issues #479 and #498) are rejected at once here.
    void publishedYjsHangs_data()
    {
        QTest::addColumn<QByteArray>("update");
        QTest::newRow("yjs#479 garbagedoc") << QByteArray::fromBase64("garbagedoc");
        QTest::newRow("yjs#498 empty") << QByteArray();
    }

    void publishedYjsHangs()
    {
        QFETCH(QByteArray, update);
        const DecodeError e = validateUpdate(update);
        QVERIFY(e.isError());
        auto doc = sampleDoc();
        const QByteArray before = doc->encodeStateAsUpdate();
        QVERIFY(!doc->applyUpdate(update).ok());
        QCOMPARE(doc->encodeStateAsUpdate(), before);
        QVERIFY(!mergeUpdates({ update, update }).ok());
    }

    void anyDepthLimit()
    {
        // nesting up to the limit is accepted, one more is rejected
        auto nested = [](int depth) {
            Any v = Any::null();
            for (int i = 0; i < depth; ++i) {
                v = Any::array({ v });
            }
            Lib0Encoder enc;
            v.write(enc);
            return enc.take();
        };
        const QByteArray ok = nested(Any::MaxDepth);
        Lib0Decoder d1(ok);
        Any::read(d1);
        QVERIFY(d1.ok());
        const QByteArray tooDeep = nested(Any::MaxDepth + 1);
        Lib0Decoder d2(tooDeep);
        Any::read(d2);
        QCOMPARE(d2.error().code, DecodeError::Code::TooDeep);
    }

    // Seeded garbage and mutations of real updates: no crash; accepted ones keep invariants.
    // Limits::MaxStructs: a document refuses an update of more structs (each ~170 bytes decoded,
    // 2 on the wire for a GC run) before decoding any; update-level functions stream and take it.
    void structLimit()
    {
        const quint64 n = Limits::MaxStructs + 1;
        Lib0Encoder enc;
        enc.writeVarUint(1);
        enc.writeVarUint(n);
        enc.writeVarUint(3);
        enc.writeVarUint(0);
        for (quint64 k = 0; k < n; ++k) {
            enc.writeUint8(0); // GC of length 1
            enc.writeVarUint(1);
        }
        enc.writeVarUint(0);
        const QByteArray update = enc.take();
        QVERIFY(!validateUpdate(update).isError());
        QVERIFY(encodeStateVectorFromUpdate(update).ok());
        auto doc = sampleDoc();
        const QByteArray before = doc->encodeStateAsUpdate();
        const ApplyResult r = doc->applyUpdate(update);
        QCOMPARE(r.error.code, DecodeError::Code::OverLimit);
        QVERIFY2(r.error.toString().contains(u"structs"), qPrintable(r.error.toString()));
        QCOMPARE(doc->encodeStateAsUpdate(), before);
    }

    void randomGarbage()
    {
        const quint32 seed = qEnvironmentVariableIsSet("CHORUS_SEED")
            ? qEnvironmentVariable("CHORUS_SEED").toUInt()
            : 20261126u;
        qInfo("seed %u (set CHORUS_SEED to replay)", seed);
        QRandomGenerator rng(seed);
        const QList<QByteArray> updates = goldenStates();
        const int rounds = qEnvironmentVariableIsSet("CHORUS_LONG") ? 200000 : 4000;
        int accepted = 0;
        for (int i = 0; i < rounds; ++i) {
            QByteArray u;
            if (i % 4 == 0) {
                u.resize(rng.bounded(1, 64));
                for (char &c : u) {
                    c = char(rng.bounded(256));
                }
            } else {
                u = updates[rng.bounded(updates.size())];
                const int flips = rng.bounded(1, 4);
                for (int k = 0; k < flips && !u.isEmpty(); ++k) {
                    u[rng.bounded(u.size())] = char(rng.bounded(256));
                }
            }
            const DecodeError e = validateUpdate(u);
            Doc doc(5);
            doc.text(QStringLiteral("content")).insert(0, QStringLiteral("x"));
            const QByteArray before = doc.encodeStateAsUpdate();
            const ApplyResult r = doc.applyUpdate(u);
            QCOMPARE(r.ok(), !e.isError());
            if (!r.ok()) {
                QCOMPARE(doc.encodeStateAsUpdate(), before);
                continue;
            }
            ++accepted;
            QVERIFY2(doc.checkInvariants(),
                     qPrintable(doc.invariantViolation() + u' ' + QString::fromLatin1(u.toHex())));
            doc.encodeStateAsUpdate();
            mergeUpdates({ u, before });
            diffUpdate(u, doc.encodeStateVector());
            encodeStateVectorFromUpdate(u);
        }
        qInfo("%d of %d random inputs were well-formed", accepted, rounds);
    }

    void badStateVectorsAndPositions()
    {
        Doc doc(1);
        doc.text(QStringLiteral("content")).insert(0, QStringLiteral("abc"));
        QVERIFY(doc.encodeStateAsUpdate(bytes({ 0x05 })).isEmpty());
        QVERIFY(!diffUpdate(doc.encodeStateAsUpdate(), bytes({ 0x01, 0x01 })).ok());
        DecodeError e;
        QVERIFY(!RelativePosition::decode(bytes({ 0x07 }), &e));
        QCOMPARE(e.code, DecodeError::Code::UnknownType);
        QVERIFY(!RelativePosition::decode(bytes({ 0x00, 0x01 }), &e));
        QCOMPARE(e.code, DecodeError::Code::UnexpectedEnd);
        QVERIFY(!RelativePosition::fromJson(QJsonObject { { QStringLiteral("assoc"), 0 } }));
        QVERIFY(!RelativePosition::fromJson(
            QJsonObject { { QStringLiteral("item"), QStringLiteral("nonsense") } }));
    }
};

QTEST_GUILESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
