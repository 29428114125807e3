// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The awareness states the four common Yjs editor bindings publish, recorded from the real
// packages in a real browser (data/bindings/record.mjs made the JSON beside it): each recorded
// awareness update goes through our Awareness decoder, AwarenessCursorCodec reads the user and
// the cursor, and the positions resolve in our copy of the binding's document to the index
// real Yjs gave them. A y-prosemirror cursor lies in an Y.XmlText, so it must not land in a
// Y.Text, yet the peer is read (user, cursor) like any other.
#include "crdt/doc.h"
#include "crdt/text.h"
#include "protocol/awareness.h"
#include "protocol/awarenesscursor.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Chorus;
using namespace Qt::StringLiterals;
using Protocol::AwarenessCursorCodec;

namespace {
QString fixturesDir()
{
    return qEnvironmentVariable("CHORUS_SOURCE_DIR") + u"/tests/protocol/data/bindings"_s;
}

QByteArray hex(const QJsonValue &value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

// Where real Yjs put a position, when it put it in `textName`'s Y.Text; none otherwise.
std::optional<qsizetype> expectedInText(const QJsonValue &resolved, const QString &textName)
{
    const QJsonObject r = resolved.toObject();
    if (r.isEmpty() || r.value(u"type").toString() != "_YText"_L1
        || r.value(u"root").toString() != textName) {
        return std::nullopt;
    }
    return qsizetype(r.value(u"index").toInteger());
}
} // namespace

class TestAwarenessBindings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void recordedStates_data();
    void recordedStates();

private:
    QMap<QString, QJsonObject> m_fixtures;
};

void TestAwarenessBindings::initTestCase()
{
    const QStringList bindings
        = { u"y-codemirror.next"_s, u"y-monaco"_s, u"y-prosemirror"_s, u"y-quill"_s };
    for (const QString &binding : bindings) {
        QFile file(fixturesDir() + u'/' + binding + u".json"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QJsonObject fixture = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(fixture.value(u"binding").toString(), binding);
        QVERIFY(!fixture.value(u"cases").toArray().isEmpty());
        m_fixtures.insert(binding, fixture);
    }
}

void TestAwarenessBindings::recordedStates_data()
{
    QTest::addColumn<QJsonObject>("fixture");
    QTest::addColumn<QJsonObject>("recorded");
    for (const QJsonObject &fixture : std::as_const(m_fixtures)) {
        const QJsonArray cases = fixture.value(u"cases").toArray();
        for (const QJsonValue &c : cases) {
            const QString name = fixture.value(u"binding").toString() + u": "_s
                + c.toObject().value(u"name").toString();
            QTest::newRow(qPrintable(name)) << fixture << c.toObject();
        }
    }
}

void TestAwarenessBindings::recordedStates()
{
    QFETCH(QJsonObject, fixture);
    QFETCH(QJsonObject, recorded);
    const quint64 clientId = quint64(fixture.value(u"clientId").toInteger());
    const QString textName = fixture.value(u"textName").toString(); // empty: no Y.Text

    // The state as it arrives on the wire, through our awareness CRDT.
    Protocol::Awareness awareness(1);
    QVERIFY(awareness.applyUpdate(hex(recorded.value(u"awarenessUpdate")), 0).isOk());
    const QJsonValue state = awareness.stateValue(clientId);
    QCOMPARE(state, QJsonValue(recorded.value(u"state")));

    const QJsonObject publishedUser = recorded.value(u"state").toObject().value(u"user").toObject();
    const Protocol::AwarenessUser user = AwarenessCursorCodec::readUser(state);
    QCOMPARE(user.name, publishedUser.value(u"name").toString());
    QVERIFY(!user.name.isEmpty());
    QCOMPARE(user.color, publishedUser.value(u"color").toString());
    QCOMPARE(user.colorLight, publishedUser.value(u"colorLight").toString());

    Crdt::Doc doc(2);
    QVERIFY(doc.applyUpdate(hex(fixture.value(u"update"))).ok());
    QVERIFY(!doc.hasPending());
    const auto cursor = AwarenessCursorCodec::readCursor(state);
    const QJsonObject resolved = recorded.value(u"resolved").toObject();
    QCOMPARE(cursor.has_value(), !resolved.isEmpty());
    if (!cursor) {
        return; // no cursor published (yet, or any more): listed without a caret
    }
    // The index real Yjs resolved, in whatever type the binding uses...
    QCOMPARE(Crdt::createAbsolutePositionFromRelativePosition(cursor->anchor, doc),
             std::optional<qsizetype>(resolved.value(u"anchor")[u"index"_s].toInteger()));
    QCOMPARE(Crdt::createAbsolutePositionFromRelativePosition(cursor->head, doc),
             std::optional<qsizetype>(resolved.value(u"head")[u"index"_s].toInteger()));
    // ...and a caret in our Y.Text only where Yjs resolved into that Y.Text.
    const Crdt::Text text = doc.text(textName.isEmpty() ? u"content"_s : textName);
    if (!textName.isEmpty()) {
        QCOMPARE(text.toString(), fixture.value(u"text").toString());
    }
    QCOMPARE(Crdt::createAbsolutePositionFromRelativePosition(cursor->anchor, text),
             expectedInText(resolved.value(u"anchor"), textName));
    QCOMPARE(Crdt::createAbsolutePositionFromRelativePosition(cursor->head, text),
             expectedInText(resolved.value(u"head"), textName));
}

QTEST_GUILESS_MAIN(TestAwarenessBindings)
#include "tst_awarenessbindings.moc"
