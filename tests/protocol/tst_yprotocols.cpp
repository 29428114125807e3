// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Byte identity with real y-protocols 1.0.7 / lib0 (Node, from npm): yprotocols_vectors.mjs
// encodes a fixed set of messages with y-protocols; Chorus::Protocol must write the same bytes
// for the same content, and decode every one of them.
#include "protocol/awareness.h"
#include "protocol/message.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Chorus::Protocol;

class TestYProtocols : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void syncMessages();
    void authAndQuery();
    void awareness();
    void decodesEverything();

private:
    QByteArray vector(const char *name) const
    {
        return QByteArray::fromHex(m_vectors.value(QLatin1StringView(name)).toString().toLatin1());
    }
    QJsonObject m_vectors;
};

void TestYProtocols::initTestCase()
{
    const QString node = qEnvironmentVariable("CHORUS_NODE");
    if (node.isEmpty()) {
        QSKIP("node not found (CHORUS_NODE is empty): cannot compare with y-protocols");
    }
    QProcess p;
    p.start(node,
            { qEnvironmentVariable("CHORUS_SOURCE_DIR")
              + QStringLiteral("/tests/protocol/yprotocols_vectors.mjs") });
    QVERIFY2(p.waitForFinished(60000), "node did not finish within 60 s");
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QJsonParseError error;
    m_vectors = QJsonDocument::fromJson(p.readAllStandardOutput(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(m_vectors.contains(u"awarenessLocalNull"));
}

void TestYProtocols::syncMessages()
{
    QCOMPARE(encodeSyncStep1(vector("stateVector")).toHex(), vector("syncStep1").toHex());
    QCOMPARE(encodeSyncStep2(vector("diff")).toHex(), vector("syncStep2").toHex());
    QCOMPARE(encodeSyncUpdate(vector("update")).toHex(), vector("syncUpdate").toHex());
}

void TestYProtocols::authAndQuery()
{
    QCOMPARE(encodePermissionDenied(QStringLiteral(u"bad token: Zo\u00eb \U0001F600")).toHex(),
             vector("permissionDenied").toHex());
    QCOMPARE(encodeQueryAwareness().toHex(), vector("queryAwareness").toHex());
}

void TestYProtocols::awareness()
{
    // Same steps as the script; its constructor's {} at clock 0 is implicit in ours.
    Awareness a(1234);
    a.setLocalState(QStringLiteral(u"{\"user\":{\"name\":\"Zo\u00eb \U0001F600\",\"color\":"
                                   u"\"#ff0000\"},\"cursor\":null}")
                        .toUtf8(),
                    1);
    QCOMPARE(a.encodeUpdate({ 1234 }).toHex(), vector("awarenessState").toHex());
    QCOMPARE(encodeAwarenessMessage(a.encodeUpdate({ 1234 })).toHex(),
             vector("awarenessMessage").toHex());

    const QJsonObject user { { QStringLiteral("color"), QStringLiteral("#00ff00") },
                             { QStringLiteral("name"), QStringLiteral("B") } };
    a.setLocalState(QJsonObject { { QStringLiteral("cursor"), QJsonValue::Null },
                                  { QStringLiteral("user"), user } },
                    2);
    QCOMPARE(a.encodeUpdate({ 1234 }).toHex(), vector("awarenessSorted").toHex());

    Awareness other(99);
    other.setLocalState(QByteArray(R"({"n":1})"), 0);
    QVERIFY(a.applyUpdate(other.encodeUpdate({ 99 }), 3).isOk());
    QCOMPARE(a.encodeUpdate({ 1234, 99 }).toHex(), vector("awarenessBoth").toHex());
    QCOMPARE(a.removeStates({ 99 }, 4).removed, QList<quint64> { 99 });
    QCOMPARE(a.encodeUpdate({ 99 }).toHex(), vector("awarenessRemoved").toHex());
    a.clearLocalState(5);
    QCOMPARE(a.encodeUpdate({ 1234 }).toHex(), vector("awarenessLocalNull").toHex());

    // And the other way: y-protocols' bytes apply to ours.
    Awareness b(7);
    const AwarenessApplyResult r = b.applyUpdate(vector("awarenessBoth"), 0);
    QVERIFY2(r.isOk(), qPrintable(r.error.toString()));
    QCOMPARE(r.change.added, (QList<quint64> { 1234, 99 }));
    QCOMPARE(b.stateValue(99)[QStringLiteral("n")].toInt(), 1);
}

void TestYProtocols::decodesEverything()
{
    for (const char *name : { "syncStep1", "syncStep2", "syncUpdate", "permissionDenied",
                              "queryAwareness", "awarenessMessage" }) {
        const QByteArray bytes = vector(name);
        const DecodedMessage decoded = decodeMessage(bytes);
        QVERIFY2(decoded.isOk(), name);
        QCOMPARE(encodeMessage(decoded.message).toHex(), bytes.toHex());
    }
    const auto step1 = std::get<SyncStep1>(decodeMessage(vector("syncStep1")).message);
    QCOMPARE(step1.stateVector.toHex(), vector("stateVector").toHex());
    const auto denied
        = std::get<PermissionDenied>(decodeMessage(vector("permissionDenied")).message);
    QCOMPARE(denied.reason, QStringLiteral(u"bad token: Zo\u00eb \U0001F600"));
}

QTEST_GUILESS_MAIN(TestYProtocols)
#include "tst_yprotocols.moc"
