// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Golden vectors made by real Yjs 13.6 (golden/generate.mjs -> golden/vectors.json): Chorus
// must reproduce Yjs's bytes for the same operations, apply and re-encode every update byte
// for byte, and give the same results for mergeUpdates / diffUpdate /
// encodeStateVectorFromUpdate.
#include "crdt/array.h"
#include "crdt/doc.h"
#include "crdt/lib0decoder.h"
#include "crdt/map.h"
#include "crdt/relativeposition.h"
#include "crdt/statevector.h"
#include "crdt/text.h"
#include "crdt/updates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Chorus::Crdt;

namespace {
QJsonArray loadVectors(const QString &section = QStringLiteral("vectors"))
{
    QFile f(QStringLiteral(CHORUS_GOLDEN_DIR "/vectors.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).object().value(section).toArray();
}

QByteArray unhex(const QJsonValue &v)
{
    return QByteArray::fromHex(v.toString().toLatin1());
}

QByteArray hexOf(const QByteArray &b)
{
    return b.toHex();
}

Any anyFromHex(const QJsonValue &v)
{
    const QByteArray bytes = unhex(v);
    Lib0Decoder dec(bytes);
    return Any::read(dec);
}

// Runs one scenario op (see generate.mjs) on the Chorus peers.
void runOp(std::vector<std::unique_ptr<Doc>> &docs, const QJsonArray &op)
{
    const QString kind = op.at(0).toString();
    Doc &d = *docs[size_t(op.at(1).toInt())];
    if (kind == u"ins") {
        d.text(QStringLiteral("content")).insert(op.at(2).toInt(), op.at(3).toString());
    } else if (kind == u"del") {
        d.text(QStringLiteral("content")).remove(op.at(2).toInt(), op.at(3).toInt());
    } else if (kind == u"set") {
        d.map(QStringLiteral("map")).set(op.at(2).toString(), anyFromHex(op.at(3)));
    } else if (kind == u"mdel") {
        d.map(QStringLiteral("map")).remove(op.at(2).toString());
    } else if (kind == u"ains") {
        QList<Any> values;
        for (const QJsonValue &v : op.at(3).toArray()) {
            values.append(anyFromHex(v));
        }
        d.array(QStringLiteral("array")).insert(op.at(2).toInt(), values);
    } else if (kind == u"adel") {
        d.array(QStringLiteral("array")).remove(op.at(2).toInt(), op.at(3).toInt());
    } else if (kind == u"sync") {
        Doc &to = *docs[size_t(op.at(2).toInt())];
        QVERIFY(to.applyUpdate(d.encodeStateAsUpdate(to.encodeStateVector())).ok());
    } else if (kind == u"txn") {
        d.transact([&] {
            for (const QJsonValue &sub : op.at(2).toArray()) {
                runOp(docs, sub.toArray());
            }
        });
    } else {
        QFAIL(qPrintable(u"unknown op " + kind));
    }
}
} // namespace

class TestGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!loadVectors().isEmpty(), "golden/vectors.json missing or empty");
    }

    void sameOperationsSameBytes_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        for (const QJsonValue &v : loadVectors()) {
            if (v[u"kind"].toString() == u"scenario") {
                QTest::newRow(qPrintable(v[u"name"].toString())) << v.toObject();
            }
        }
    }

    // Chorus peers with Yjs's client ids run Yjs's op list: every emitted update, final
    // state, state vector and content must be identical.
    void sameOperationsSameBytes()
    {
        QFETCH(QJsonObject, vector);
        std::vector<std::unique_ptr<Doc>> docs;
        std::vector<QList<QByteArray>> emitted;
        const QJsonArray clients = vector[u"clients"].toArray();
        emitted.resize(size_t(clients.size()));
        for (qsizetype i = 0; i < clients.size(); ++i) {
            docs.push_back(std::make_unique<Doc>(ClientId(clients.at(i).toInteger())));
            docs.back()->setGcEnabled(vector[u"gc"].toBool());
            docs.back()->onUpdate([&emitted, i](const QByteArray &u, Origin, bool) {
                emitted[size_t(i)].append(hexOf(u));
            });
        }
        for (const QJsonValue &op : vector[u"ops"].toArray()) {
            runOp(docs, op.toArray());
        }
        const QJsonArray peers = vector[u"peers"].toArray();
        for (qsizetype i = 0; i < peers.size(); ++i) {
            const QJsonObject peer = peers.at(i).toObject();
            Doc &d = *docs[size_t(i)];
            QVERIFY2(d.checkInvariants(), qPrintable(d.invariantViolation()));
            QCOMPARE(d.text(QStringLiteral("content")).toString(), peer[u"text"].toString());
            QCOMPARE(d.map(QStringLiteral("map")).toJson(), peer[u"map"].toObject());
            QCOMPARE(d.array(QStringLiteral("array")).toJson(), peer[u"array"].toArray());
            QList<QByteArray> expectedEmitted;
            for (const QJsonValue &u : peer[u"emitted"].toArray()) {
                expectedEmitted.append(u.toString().toLatin1());
            }
            QCOMPARE(emitted[size_t(i)], expectedEmitted);
            QCOMPARE(hexOf(d.encodeStateVector()), peer[u"stateVector"].toString().toLatin1());
            QCOMPARE(hexOf(d.encodeStateAsUpdate()), peer[u"state"].toString().toLatin1());
        }
    }

    void applyAndReencode_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        for (const QJsonValue &v : loadVectors()) {
            if (v[u"kind"].toString() == u"decode") {
                QTest::newRow(qPrintable(v[u"name"].toString())) << v.toObject();
            }
        }
    }

    // Updates made with Yjs features Chorus does not edit (formats, embeds, XML, subdocs,
    // binary, nested types, legacy JSON, GC, pending) apply and re-encode byte for byte.
    void applyAndReencode()
    {
        QFETCH(QJsonObject, vector);
        Doc doc(999);
        doc.setGcEnabled(vector[u"gc"].toBool());
        for (const QJsonValue &u : vector[u"updates"].toArray()) {
            const ApplyResult r = doc.applyUpdate(unhex(u));
            QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        }
        QVERIFY2(doc.checkInvariants(), qPrintable(doc.invariantViolation()));
        QCOMPARE(doc.hasPending(), vector[u"pending"].toBool());
        QCOMPARE(hexOf(doc.encodeStateVector()), vector[u"stateVector"].toString().toLatin1());
        QCOMPARE(hexOf(doc.encodeStateAsUpdate()), vector[u"state"].toString().toLatin1());
        const QJsonObject texts = vector[u"texts"].toObject();
        for (auto it = texts.begin(); it != texts.end(); ++it) {
            QCOMPARE(doc.text(it.key()).toString(), it.value().toString());
        }
        // the encoded state loads into a fresh document and encodes to the same bytes
        Doc copy(998);
        copy.setGcEnabled(vector[u"gc"].toBool());
        QVERIFY(copy.applyUpdate(unhex(vector[u"state"])).ok());
        QCOMPARE(hexOf(copy.encodeStateAsUpdate()), vector[u"state"].toString().toLatin1());
    }

    void updateLevel_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        for (const QJsonValue &v : loadVectors()) {
            QTest::newRow(qPrintable(v[u"name"].toString())) << v.toObject();
        }
    }

    // mergeUpdates, encodeStateVectorFromUpdate and diffUpdate equal Yjs byte for byte.
    void updateLevel()
    {
        QFETCH(QJsonObject, vector);
        QList<QByteArray> updates;
        for (const QJsonValue &u : vector[u"updates"].toArray()) {
            updates.append(unhex(u));
            QVERIFY(!validateUpdate(updates.back()).isError());
        }
        const UpdateResult merged = mergeUpdates(updates);
        QVERIFY2(merged.ok(), qPrintable(merged.error.toString()));
        QCOMPARE(hexOf(merged.update), vector[u"merged"].toString().toLatin1());
        const UpdateResult sv = encodeStateVectorFromUpdate(merged.update);
        QCOMPARE(hexOf(sv.update), vector[u"svFromMerged"].toString().toLatin1());
        const QJsonArray svs = vector[u"svFromUpdates"].toArray();
        for (qsizetype i = 0; i < updates.size(); ++i) {
            QCOMPARE(hexOf(encodeStateVectorFromUpdate(updates[i]).update),
                     svs.at(i).toString().toLatin1());
        }
        // the host's indexed diff (RoomDocument) gives the same bytes
        const SectionIndex index = indexSections(merged.update);
        QVERIFY(index.usable);
        for (const QJsonValue &d : vector[u"diffs"].toArray()) {
            const UpdateResult diff = diffUpdate(merged.update, unhex(d[u"sv"]));
            QVERIFY(diff.ok());
            QCOMPARE(hexOf(diff.update), d[u"diff"].toString().toLatin1());
            QCOMPARE(hexOf(diffUpdate(merged.update, index, unhex(d[u"sv"])).update),
                     d[u"diff"].toString().toLatin1());
        }
        // and for every state vector made of the update's own clocks, halved or not
        const StateVector full = StateVector::decode(sv.update, nullptr);
        for (int variant = 0; variant < 4; ++variant) {
            StateVector partial;
            int k = 0;
            for (const auto &[client, clock] : full.clocks()) {
                partial.set(client, (k++ + variant) % 2 ? clock : clock / 2);
            }
            const QByteArray encoded = partial.encode();
            QCOMPARE(diffUpdate(merged.update, index, encoded).update,
                     diffUpdate(merged.update, encoded).update);
        }
        for (const QJsonValue &p : vector[u"pairMerges"].toArray()) {
            const UpdateResult m
                = mergeUpdates({ updates[p[u"a"].toInt()], updates[p[u"b"].toInt()] });
            QCOMPARE(hexOf(m.update), p[u"merged"].toString().toLatin1());
        }
    }

    // Relative positions: Yjs's JSON form and binary encoding, and where they resolve after
    // concurrent edits.
    void relativePositions()
    {
        const QJsonArray sets = loadVectors(QStringLiteral("relpos"));
        QVERIFY(!sets.isEmpty());
        for (const QJsonValue &set : sets) {
            Doc base(500);
            QVERIFY(base.applyUpdate(unhex(set[u"base"])).ok());
            Text text = base.text(QStringLiteral("content"));
            Doc after(501);
            QVERIFY(after.applyUpdate(unhex(set[u"state"])).ok());
            for (const QJsonValue &c : set[u"cases"].toArray()) {
                const RelativePosition rp = createRelativePositionFromTypeIndex(
                    text, c[u"index"].toInt(), c[u"assoc"].toInt());
                QCOMPARE(rp.toJson(), c[u"json"].toObject());
                QCOMPARE(hexOf(rp.encode()), c[u"bin"].toString().toLatin1());
                const auto fromJson = RelativePosition::fromJson(c[u"json"].toObject());
                QVERIFY(fromJson.has_value());
                QCOMPARE(*fromJson, rp);
                const auto decoded = RelativePosition::decode(unhex(c[u"bin"]));
                QVERIFY(decoded.has_value());
                QCOMPARE(decoded->encode(), rp.encode());
                const auto abs = createAbsolutePositionFromRelativePosition(rp, after);
                if (c[u"resolved"].isNull()) {
                    QVERIFY(!abs.has_value());
                } else {
                    QCOMPARE(abs.value_or(-1), c[u"resolved"].toInteger());
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
