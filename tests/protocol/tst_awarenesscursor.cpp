// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing the user and cursor of awareness states (AwarenessCursorCodec): the
// positions we publish have every field of a Yjs RelativePosition (null where empty), and
// every shape of the four common bindings is read, while malformed fields cost only the
// cursor of the peer that sent them. The states the real bindings publish are checked in
// tst_awarenessbindings; that real Yjs reads ours, in tst_awarenesscursoryjs.
#include "crdt/doc.h"
#include "crdt/text.h"
#include "protocol/awarenesscursor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Chorus;
using namespace Qt::StringLiterals;
using Protocol::AwarenessCursorCodec;

namespace {
QJsonValue parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

class TestAwarenessCursor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesEveryField_data();
    void writesEveryField();
    void writtenPositionsReadBack();
    void readsPositions_data();
    void readsPositions();
    void readsCursorShapes_data();
    void readsCursorShapes();
    void readsUser_data();
    void readsUser();
};

void TestAwarenessCursor::writesEveryField_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QByteArray>("expected");
    // Keys in QJsonObject's (sorted) order; JSON.stringify orders them type, tname, item, assoc.
    QTest::newRow("start") << 0
                           << QByteArray(R"({"assoc":0,"item":{"client":7,"clock":0},)"
                                         R"("tname":"content","type":null})");
    QTest::newRow("middle") << 2
                            << QByteArray(R"({"assoc":0,"item":{"client":7,"clock":2},)"
                                          R"("tname":"content","type":null})");
    QTest::newRow("end: no item")
        << 3 << QByteArray(R"({"assoc":0,"item":null,"tname":"content","type":null})");
}

void TestAwarenessCursor::writesEveryField()
{
    QFETCH(int, index);
    QFETCH(QByteArray, expected);
    Crdt::Doc doc(7);
    Crdt::Text text = doc.text(QStringLiteral("content"));
    text.insert(0, QStringLiteral("abc"));
    const auto position = Crdt::createRelativePositionFromTypeIndex(text, index);
    QCOMPARE(compact(AwarenessCursorCodec::writePosition(position)), expected);
}

void TestAwarenessCursor::writtenPositionsReadBack()
{
    Crdt::RelativePosition big;
    big.type = Crdt::ID { 9007199254740991ULL, 4294967296ULL };
    big.assoc = -1;
    const QJsonObject json = AwarenessCursorCodec::writePosition(big);
    QCOMPARE(compact(json),
             QByteArray(R"({"assoc":-1,"item":null,"tname":null,)"
                        R"("type":{"client":9007199254740991,"clock":4294967296}})"));
    QCOMPARE(AwarenessCursorCodec::readPosition(json), big);
}

void TestAwarenessCursor::readsPositions_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("readable");
    QTest::addColumn<qint64>("assoc");
    QTest::newRow("object form") << QByteArray(
        R"({"type":null,"tname":"content","item":{"client":1,"clock":2},"assoc":0})")
                                 << true << qint64(0);
    QTest::newRow("relativePositionToJSON form")
        << QByteArray(R"({"tname":"content","assoc":-1})") << true << qint64(-1);
    QTest::newRow("no assoc") << QByteArray(R"({"item":{"client":1,"clock":2}})") << true
                              << qint64(0);
    QTest::newRow("fractional assoc")
        << QByteArray(R"({"tname":"t","assoc":-0.5})") << true << qint64(-1);
    QTest::newRow("string assoc") << QByteArray(R"({"tname":"t","assoc":"x"})") << true
                                  << qint64(0);
    QTest::newRow("nothing") << QByteArray(R"({"assoc":0})") << false << qint64(0);
    QTest::newRow("all null") << QByteArray(R"({"type":null,"tname":null,"item":null})") << false
                              << qint64(0);
    QTest::newRow("not an object") << QByteArray(R"("content")") << false << qint64(0);
    QTest::newRow("null") << QByteArray("null") << false << qint64(0);
    QTest::newRow("item without clock")
        << QByteArray(R"({"tname":"t","item":{"client":1}})") << false << qint64(0);
    QTest::newRow("negative clock")
        << QByteArray(R"({"item":{"client":1,"clock":-1}})") << false << qint64(0);
    QTest::newRow("fractional clock")
        << QByteArray(R"({"item":{"client":1,"clock":1.5}})") << false << qint64(0);
    QTest::newRow("client past 2^53")
        << QByteArray(R"({"item":{"client":1e300,"clock":0}})") << false << qint64(0);
    QTest::newRow("string client")
        << QByteArray(R"({"item":{"client":"1","clock":0}})") << false << qint64(0);
    QTest::newRow("item is a number")
        << QByteArray(R"({"tname":"t","item":5})") << false << qint64(0);
    QTest::newRow("type is an array") << QByteArray(R"({"type":[1,2]})") << false << qint64(0);
    QTest::newRow("tname is a number") << QByteArray(R"({"tname":5})") << false << qint64(0);
}

void TestAwarenessCursor::readsPositions()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, readable);
    QFETCH(qint64, assoc);
    const auto position = AwarenessCursorCodec::readPosition(parse(json.constData()));
    QCOMPARE(position.has_value(), readable);
    if (position) {
        QCOMPARE(position->assoc, assoc);
    }
}

void TestAwarenessCursor::readsCursorShapes_data()
{
    QTest::addColumn<QByteArray>("state");
    QTest::addColumn<QString>("field"); // empty: no cursor
    const QByteArray pos = R"({"type":null,"tname":"content","item":null,"assoc":0})";
    QTest::newRow("cursor (y-codemirror.next, y-quill, y-prosemirror)")
        << R"({"cursor":{"anchor":)" + pos + R"(,"head":)" + pos + "}}" << u"cursor"_s;
    QTest::newRow("selection (y-monaco)")
        << R"({"selection":{"anchor":)" + pos + R"(,"head":)" + pos + "}}" << u"selection"_s;
    QTest::newRow("null cursor (unfocused editor)")
        << QByteArray(R"({"cursor":null})") << QString();
    QTest::newRow("no cursor") << QByteArray(R"({"user":{"name":"x"}})") << QString();
    QTest::newRow("cursor without head") << R"({"cursor":{"anchor":)" + pos + "}}" << QString();
    QTest::newRow("malformed cursor, good selection")
        << R"({"cursor":{"anchor":1,"head":2},"selection":{"anchor":)" + pos + R"(,"head":)" + pos
            + "}}"
        << u"selection"_s;
    QTest::newRow("cursor is a string") << QByteArray(R"({"cursor":"here"})") << QString();
    QTest::newRow("state is a number") << QByteArray("42") << QString();
    QTest::newRow("state is null") << QByteArray("null") << QString();
}

void TestAwarenessCursor::readsCursorShapes()
{
    QFETCH(QByteArray, state);
    QFETCH(QString, field);
    const auto cursor = AwarenessCursorCodec::readCursor(parse(state.constData()));
    QCOMPARE(cursor ? cursor->field : QString(), field);
}

void TestAwarenessCursor::readsUser_data()
{
    QTest::addColumn<QByteArray>("state");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("color");
    QTest::addColumn<QString>("colorLight");
    QTest::newRow("y-codemirror.next")
        << QByteArray(R"({"user":{"name":"Ann","color":"#30bced","colorLight":"#30bced33"}})")
        << u"Ann"_s << u"#30bced"_s << u"#30bced33"_s;
    QTest::newRow("name only") << QByteArray(R"({"user":{"name":"Bo"}})") << u"Bo"_s << QString()
                               << QString();
    QTest::newRow("user is a string")
        << QByteArray(R"({"user":"Cy"})") << QString() << QString() << QString();
    QTest::newRow("name is a number")
        << QByteArray(R"({"user":{"name":5,"color":"red"}})") << QString() << u"red"_s << QString();
    QTest::newRow("no user") << QByteArray("{}") << QString() << QString() << QString();
}

void TestAwarenessCursor::readsUser()
{
    QFETCH(QByteArray, state);
    QFETCH(QString, name);
    QFETCH(QString, color);
    QFETCH(QString, colorLight);
    const Protocol::AwarenessUser user = AwarenessCursorCodec::readUser(parse(state.constData()));
    QCOMPARE(user.name, name);
    QCOMPARE(user.color, color);
    QCOMPARE(user.colorLight, colorLight);
}

QTEST_GUILESS_MAIN(TestAwarenessCursor)
#include "tst_awarenesscursor.moc"
