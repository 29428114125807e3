// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// DocumentConnection against a real @y/websocket-server (Node, from npm): the plain y-websocket
// host that selects our chorus.1 offer without speaking it. Two sessions converge, acknowledgements
// are reported unsupported, and after the server restarts empty the sessions resync it.
#include "client/documentconnection.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "nodeserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Chorus;
using namespace Chorus::Client;

namespace {
constexpr int Wait = 15000;
}

class TestDocumentConnectionYws : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void convergeAndRestart();

private:
    QTemporaryDir m_tmp;
};

void TestDocumentConnectionYws::convergeAndRestart()
{
    NodeServer server;
    QString why;
    if (!server.start(0, &why)) {
        QSKIP(qPrintable(why));
    }
    const quint16 port = server.port();
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/interop-room").arg(port));
    auto options = [&](const QString &outbox) {
        DocumentConnection::Options o;
        o.url = url;
        o.outboxRoot = m_tmp.filePath(outbox);
        o.backoffSeed = 3;
        o.backoffInitialMs = 100;
        o.backoffCapMs = 500;
        return o;
    };
    Crdt::Doc docA(1001);
    Crdt::Doc docB(2002);
    DocumentConnection a(&docA, options(QStringLiteral("a")));
    DocumentConnection b(&docB, options(QStringLiteral("b")));
    a.setLocalState({ { QStringLiteral("user"),
                        QJsonObject { { QStringLiteral("name"), QStringLiteral("A") } } } });
    a.start();
    b.start();
    QTRY_VERIFY_WITH_TIMEOUT(a.isSynced() && b.isSynced(), Wait);
    QVERIFY(!a.acknowledgementsSupported()); // it selected chorus.1 but sent no epoch
    QVERIFY(!b.acknowledgementsSupported());
    QTRY_COMPARE_WITH_TIMEOUT(b.peers().size(), 1, Wait); // awareness through the server

    docA.text(QStringLiteral("content")).insert(0, QStringLiteral("Hello from A. "));
    QTRY_COMPARE_WITH_TIMEOUT(docB.text(QStringLiteral("content")).toString(),
                              QStringLiteral("Hello from A. "), Wait);
    docB.text(QStringLiteral("content")).insert(14, QStringLiteral("B\u00e9 \U0001F600"));
    docA.text(QStringLiteral("content")).insert(0, QStringLiteral(">"));
    QTRY_VERIFY_WITH_TIMEOUT(docA.text(QStringLiteral("content")).toString()
                                 == docB.text(QStringLiteral("content")).toString(),
                             Wait);
    QCOMPARE(docA.text(QStringLiteral("content")).toString(),
             QStringLiteral(">Hello from A. B\u00e9 \U0001F600"));

    // The server dies and comes back empty (no persistence); meanwhile both edit offline.
    server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(a.state(), ConnectionState::Reconnecting, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(b.state(), ConnectionState::Reconnecting, Wait);
    docA.text(QStringLiteral("content")).insert(0, QStringLiteral("[a]"));
    docB.text(QStringLiteral("content")).insert(0, QStringLiteral("[b]"));
    QVERIFY(a.unsyncedCount() > 0);
    NodeServer again;
    QVERIFY2(again.start(port, &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(a.isSynced() && b.isSynced(), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(docA.text(QStringLiteral("content")).toString()
                                 == docB.text(QStringLiteral("content")).toString(),
                             Wait);
    const QString text = docA.text(QStringLiteral("content")).toString();
    QVERIFY(text.contains(u"[a]") && text.contains(u"[b]") && text.contains(u"Hello from A."));
    QCOMPARE(a.unsyncedCount(), 0);
    // A third session that only reads gets it all from the restarted server.
    Crdt::Doc docC(3003);
    DocumentConnection c(&docC, options(QStringLiteral("c")));
    c.start();
    QTRY_COMPARE_WITH_TIMEOUT(docC.text(QStringLiteral("content")).toString(), text, Wait);
}

QTEST_GUILESS_MAIN(TestDocumentConnectionYws)
#include "tst_documentconnection_yws.moc"
