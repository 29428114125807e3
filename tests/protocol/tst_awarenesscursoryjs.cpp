// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Real Yjs reads the cursor Chorus publishes (issue 15): for carets and selections at the
// start, middle and end of a text, in an empty one, and in one with concurrent inserts and
// deletions, the awareness update Chorus encodes is decoded by real y-protocols and its anchor
// and head resolved by real Yjs (awarenesscursor_yjs.mjs), both straight from the parsed JSON
// as y-codemirror.next does and through createRelativePositionFromJSON as y-quill does. Each
// must land at the index Chorus meant, in the shared Y.Text, without a throw.
#include "crdt/doc.h"
#include "crdt/relativeposition.h"
#include "crdt/text.h"
#include "protocol/awareness.h"
#include "protocol/awarenesscursor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

using namespace Chorus;
using namespace Qt::StringLiterals;
using Protocol::AwarenessCursorCodec;

namespace {

struct Case
{
    const char *name;
    const char16_t *text; // typed by client 11; nullptr: the concurrent-edits document
    int anchor;
    int head;
};

constexpr Case cases[] = {
    { "empty text", u"", 0, 0 },
    { "caret at the start", u"h\u00e9llo \U0001F3B5 world", 0, 0 },
    { "caret after the emoji", u"h\u00e9llo \U0001F3B5 world", 8, 8 },
    { "caret at the end", u"h\u00e9llo \U0001F3B5 world", 14, 14 },
    { "selection forwards", u"one\ntwo\nthree", 2, 9 },
    { "selection backwards to the end", u"one\ntwo\nthree", 13, 4 },
    { "after concurrent edits", nullptr, 3, 12 },
};

constexpr quint64 publisher = 0x7fffffff; // a 31-bit client id, as Yjs makes them

// Two clients insert at once and one deletes, so the text is several items from two clients.
void concurrentEdits(Crdt::Doc &doc)
{
    doc.text(u"content"_s).insert(0, u"hello world"_s);
    Crdt::Doc other(22);
    other.applyUpdate(doc.encodeStateAsUpdate());
    other.text(u"content"_s).insert(5, u", dear"_s);
    doc.text(u"content"_s).remove(0, 2);
    doc.text(u"content"_s).insert(9, u"!!"_s);
    doc.applyUpdate(other.encodeStateAsUpdate());
}

QJsonObject publish(const Case &c)
{
    Crdt::Doc doc(11);
    if (c.text) {
        doc.text(u"content"_s).insert(0, QString::fromUtf16(c.text));
    } else {
        concurrentEdits(doc);
    }
    const Crdt::Text text = doc.text(u"content"_s);
    Protocol::Awareness awareness(publisher);
    const QJsonObject user = AwarenessCursorCodec::writeUser({ u"Chorus"_s, u"#1f77b4"_s, {} });
    const QJsonObject cursor = AwarenessCursorCodec::writeCursor(
        Crdt::createRelativePositionFromTypeIndex(text, c.anchor),
        Crdt::createRelativePositionFromTypeIndex(text, c.head));
    awareness.setLocalState(QJsonObject { { u"user"_s, user }, { u"cursor"_s, cursor } }, 0);
    return QJsonObject { { u"update"_s, QString::fromLatin1(doc.encodeStateAsUpdate().toHex()) },
                         { u"awarenessUpdate"_s,
                           QString::fromLatin1(awareness.encodeUpdate({ publisher }).toHex()) },
                         { u"clientId"_s, qint64(publisher) },
                         { u"textName"_s, u"content"_s },
                         { u"expectedText"_s, text.toString() } };
}

} // namespace

class TestAwarenessCursorYjs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void yjsResolvesOurCursor_data();
    void yjsResolvesOurCursor();

private:
    QJsonArray m_inputs;
    QJsonArray m_results;
};

void TestAwarenessCursorYjs::initTestCase()
{
    const QString node = qEnvironmentVariable("CHORUS_NODE");
    if (node.isEmpty()) {
        QSKIP("node not found (CHORUS_NODE is empty): cannot check with real Yjs");
    }
    for (const Case &c : cases) {
        m_inputs.append(publish(c));
    }
    QTemporaryFile input;
    QVERIFY(input.open());
    input.write(QJsonDocument(m_inputs).toJson(QJsonDocument::Compact));
    input.flush();
    QProcess p;
    p.start(
        node,
        { qEnvironmentVariable("CHORUS_SOURCE_DIR") + u"/tests/protocol/awarenesscursor_yjs.mjs"_s,
          input.fileName() });
    QVERIFY2(p.waitForFinished(60000), "node did not finish within 60 s");
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    m_results = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    QCOMPARE(m_results.size(), m_inputs.size());
}

void TestAwarenessCursorYjs::yjsResolvesOurCursor_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("anchor");
    QTest::addColumn<int>("head");
    for (int i = 0; i < int(std::size(cases)); ++i) {
        QTest::newRow(cases[i].name) << i << cases[i].anchor << cases[i].head;
    }
}

void TestAwarenessCursorYjs::yjsResolvesOurCursor()
{
    QFETCH(int, row);
    QFETCH(int, anchor);
    QFETCH(int, head);
    const QJsonObject result = m_results.at(row).toObject();
    QCOMPARE(result.value(u"text").toString(),
             m_inputs.at(row).toObject().value(u"expectedText").toString());
    const QJsonObject user = result.value(u"state")[u"user"_s].toObject();
    QCOMPARE(user.value(u"name").toString(), u"Chorus"_s);
    QCOMPARE(user.value(u"colorLight").toString(), QString()); // present, as given
    for (const auto &[end, index] : { std::pair { u"anchor"_s, anchor }, { u"head"_s, head } }) {
        for (const QString &how : { u"raw"_s, u"fromJSON"_s }) {
            const QJsonObject at = result.value(end)[how].toObject();
            const QByteArray what = (end + u' ' + how + u": "_s).toUtf8()
                + QJsonDocument(at).toJson(QJsonDocument::Compact);
            QVERIFY2(!at.contains(u"error"), what.constData());
            QVERIFY2(at.value(u"inText").toBool(), what.constData());
            QCOMPARE(at.value(u"index").toInt(-1), index);
        }
    }
}

QTEST_GUILESS_MAIN(TestAwarenessCursorYjs)
#include "tst_awarenesscursoryjs.moc"
