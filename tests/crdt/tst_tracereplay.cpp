// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Replays the four real editing traces (CHORUS_TRACES_DIR, see ../shared/data/editing-traces/
// SOURCE.md) as local edits, one transaction per trace txn: the text must equal endContent, and
// the encoded document must be byte-identical to what Yjs 13.6 encodes for the same trace with
// the same client id (tests/crdt/differential/yjs-peer.mjs "trace" replays it in Yjs).
#include "crdt/doc.h"
#include "crdt/text.h"
#include "differential/yjsprocess.h"
#include "traces/editingtrace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTest>

using namespace Chorus::Crdt;
using namespace Chorus::Crdt::Testing;
using namespace Qt::StringLiterals;

class TestTraceReplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void replay_data();
    void replay();

private:
    QString m_dir;
    YjsProcess m_yjs;
    bool m_haveYjs = false;
    QString m_whyNoYjs;
};

// The client id crdt-bench's bench.mjs gives Yjs (a 5-byte varint, like most random ids).
static constexpr ClientId TraceClient = 0x9E3779B9;

void TestTraceReplay::initTestCase()
{
    m_dir = qEnvironmentVariable("CHORUS_TRACES_DIR");
    if (m_dir.isEmpty() || !QFileInfo::exists(m_dir + u"/automerge-paper.json.gz"_s)) {
        QSKIP(qPrintable(u"no editing traces in CHORUS_TRACES_DIR=\"%1\" (expected "
                         "../shared/data/editing-traces beside the repository)"_s.arg(m_dir)));
    }
    m_haveYjs = m_yjs.start(&m_whyNoYjs);
}

void TestTraceReplay::replay_data()
{
    QTest::addColumn<QString>("name");
    for (const char *t : { "sveltecomponent", "rustcode", "seph-blog1", "automerge-paper" }) {
        QTest::newRow(t) << QString::fromLatin1(t);
    }
}

void TestTraceReplay::replay()
{
    QFETCH(QString, name);
    const QString file = m_dir + u'/' + name + u".json.gz"_s;
    Traces::EditingTrace trace;
    QString error;
    QVERIFY2(trace.load(file, &error), qPrintable(error));

    Doc doc(TraceClient);
    QList<QByteArray> updates; // what a sender broadcasts, one update per transaction
    doc.onUpdate([&updates](const QByteArray &u, Origin, bool) { updates.append(u); });
    auto &&text = doc.text(u"text"_s);
    for (const auto &txn : std::as_const(trace.txns)) {
        doc.transact([&] {
            for (qsizetype i = txn.first; i < txn.first + txn.count; ++i) {
                const auto &p = trace.patches.at(i);
                if (p.del) {
                    text.remove(p.pos, p.del);
                }
                if (!p.ins.isEmpty()) {
                    text.insert(p.pos, p.ins);
                }
            }
        });
    }
    QCOMPARE(text.length(), trace.endContent.size());
    QVERIFY2(text.toString() == trace.endContent, "final text differs from endContent");

    const QByteArray encoded = doc.encodeStateAsUpdate();
    Doc loaded(1);
    QVERIFY(loaded.applyUpdate(encoded, Origin(1)).ok());
    QVERIFY2(loaded.text(u"text"_s).toString() == trace.endContent,
             "the encoding loads to other text");

    // A receiver applying every keystroke update ends with the same document, byte for byte.
    QCOMPARE(updates.size(), trace.txns.size());
    Doc receiver(2);
    for (const QByteArray &u : std::as_const(updates)) {
        QVERIFY(receiver.applyUpdate(u, Origin(1)).ok());
    }
    QVERIFY(!receiver.hasPending());
    QVERIFY(receiver.encodeStateAsUpdate() == encoded);

    if (!m_haveYjs) {
        QSKIP(qPrintable(u"text checked; byte comparison with Yjs skipped: "_s + m_whyNoYjs));
    }
    const QJsonObject y = m_yjs.call(
        { { u"cmd"_s, u"trace"_s }, { u"file"_s, file }, { u"client"_s, double(TraceClient) } },
        300000);
    QVERIFY2(y.value(u"ok"_s).toBool(), qPrintable(y.value(u"error"_s).toString()));
    QVERIFY(y.value(u"textOk"_s).toBool());
    const QString ours = QString::fromLatin1(
        QCryptographicHash::hash(encoded, QCryptographicHash::Sha256).toHex());
    QCOMPARE(encoded.size(), y.value(u"bytes"_s).toInteger());
    QCOMPARE(ours, y.value(u"sha256"_s).toString());
}

QTEST_GUILESS_MAIN(TestTraceReplay)
#include "tst_tracereplay.moc"
