// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Interop with real Yjs (label host, NODE): y-websocket's WebsocketProvider against this host,
// editing concurrently with a Chorus client (Crdt::Doc over the chorus.1 protocol), converging.
#include "client/documentconnection.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "host/rooms/server.h"
#include "hosttestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus;
using namespace Chorus::Protocol;

class tst_Interop : public QObject
{
    Q_OBJECT

    // The node binary when the Node oracles (npm packages, deps.mjs) are installed, else empty.
    static QString nodeWithOracles()
    {
        const QString node = qEnvironmentVariable("CHORUS_NODE");
        const QString nodeDir = qEnvironmentVariable("CHORUS_NODE_DIR");
        return !node.isEmpty() && QFile::exists(nodeDir + QStringLiteral("/deps.mjs")) ? node
                                                                                       : QString();
    }

private Q_SLOTS:
    void yWebsocketProvidersAndChorusClientConverge()
    {
        const QString node = nodeWithOracles();
        if (node.isEmpty()) {
            QSKIP("the Node oracles are not installed (run through ctest: fixture node)");
        }
        QTemporaryDir dir;
        Host::ServerOptions options;
        options.port = 0;
        options.dataDir = dir.path();
        Host::Server server(options);
        QVERIFY(server.start());

        // The Chorus client: a Crdt::Doc synced over a chorus.1 connection.
        Crdt::Doc doc(4242);
        TestClient chorus;
        QVERIFY(chorus.open(server.url(), QStringLiteral("interop"), true));
        doc.onUpdate([&](const QByteArray &update, Crdt::Origin, bool local) {
            if (local) {
                chorus.send(encodeSyncUpdate(update));
            }
        });
        qsizetype consumed = 0;
        const auto pump = [&] {
            for (; consumed < chorus.received.size(); ++consumed) {
                const auto d = decodeMessage(chorus.received[consumed]);
                if (const auto *s1 = std::get_if<SyncStep1>(&d.message)) {
                    chorus.send(encodeSyncStep2(doc.encodeStateAsUpdate(s1->stateVector)));
                } else if (const auto *s2 = std::get_if<SyncStep2>(&d.message)) {
                    QVERIFY(doc.applyUpdate(s2->update, 1).ok());
                } else if (const auto *u = std::get_if<SyncUpdate>(&d.message)) {
                    QVERIFY(doc.applyUpdate(u->update, 1).ok());
                }
            }
        };
        chorus.send(encodeSyncStep1(doc.encodeStateVector()));

        QProcess p;
        p.setProcessChannelMode(QProcess::SeparateChannels);
        const int edits = 40;
        p.start(node,
                { QString::fromUtf8(QFINDTESTDATA("interop.mjs").toUtf8()), server.url().toString(),
                  QStringLiteral("interop"), QString::number(edits), QString::number(edits) });
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QVERIFY2(TestClient::waitFor(
                     [&] {
                         pump();
                         out += p.readAllStandardOutput();
                         return out.contains("SYNCED\n") || p.state() == QProcess::NotRunning;
                     },
                     20000),
                 p.readAllStandardError().constData());
        QVERIFY2(out.contains("SYNCED"), p.readAllStandardError().constData());

        Crdt::Text text = doc.text(QStringLiteral("content"));
        QRandomGenerator rng(7);
        for (int i = 0; i < edits; ++i) {
            QList<qsizetype> boundaries = { 0 };
            const QString s = text.toString();
            for (qsizetype k = 0; k < s.size(); ++k) {
                if (s[k] == u']') {
                    boundaries.append(k + 1);
                }
            }
            text.insert(boundaries[rng.bounded(int(boundaries.size()))],
                        QStringLiteral("[c%1]").arg(i));
            TestClient::waitFor(
                [&] {
                    pump();
                    return false;
                },
                int(rng.bounded(15)));
        }
        QVERIFY2(TestClient::waitFor(
                     [&] {
                         pump();
                         out += p.readAllStandardOutput();
                         return p.state() == QProcess::NotRunning;
                     },
                     60000),
                 "the Node side finished");
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, err.constData());
        const qsizetype at = out.indexOf("TEXT ");
        QVERIFY(at >= 0);
        const QByteArray json = out.mid(at + 5, out.indexOf('\n', at) - at - 5);
        const QString nodeText
            = QJsonDocument::fromJson("[" + json + "]").array().first().toString();
        QVERIFY(nodeText.count(QStringLiteral("[c")) == edits);
        QVERIFY(TestClient::waitFor(
            [&] {
                pump();
                return text.toString() == nodeText;
            },
            10000));
        QCOMPARE(text.toString(), nodeText);
        // The providers' awareness reached the Chorus client through the host.
        QVERIFY(!chorus.messagesOf<AwarenessMessage>().isEmpty());
        // And the host's stored copy is the same document.
        TestClient late;
        QVERIFY(late.open(server.url(), QStringLiteral("interop")));
        Crdt::Doc check(99);
        QVERIFY(check.applyUpdate(late.fetchState()).ok());
        QCOMPARE(check.text(QStringLiteral("content")).toString(), nodeText);
    }

    // The same with the app's real client: a Chorus::Client::DocumentConnection (outbox, acks,
    // epoch).
    void yWebsocketProvidersAndChorusSessionConverge()
    {
        const QString node = nodeWithOracles();
        if (node.isEmpty()) {
            QSKIP("the Node oracles are not installed (run through ctest: fixture node)");
        }
        QTemporaryDir dir;
        Host::ServerOptions options;
        options.port = 0;
        options.dataDir = dir.filePath(QStringLiteral("host"));
        Host::Server server(options);
        QVERIFY(server.start());

        Crdt::Doc doc(4343);
        Client::DocumentConnection::Options sessionOptions;
        sessionOptions.url = QUrl(server.url().toString() + QStringLiteral("/interop2"));
        sessionOptions.outboxRoot = dir.filePath(QStringLiteral("outbox"));
        Client::DocumentConnection session(&doc, sessionOptions);
        session.start();
        QVERIFY(TestClient::waitFor([&] { return session.isSynced(); }, 10000));
        QVERIFY(session.acknowledgementsSupported());

        QProcess p;
        const int edits = 30;
        p.start(node,
                { QFINDTESTDATA("interop.mjs"), server.url().toString(), QStringLiteral("interop2"),
                  QString::number(edits), QString::number(edits) });
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QVERIFY(TestClient::waitFor(
            [&] {
                out += p.readAllStandardOutput();
                return out.contains("SYNCED\n") || p.state() == QProcess::NotRunning;
            },
            20000));
        Crdt::Text text = doc.text(QStringLiteral("content"));
        QRandomGenerator rng(11);
        for (int i = 0; i < edits; ++i) {
            QList<qsizetype> boundaries = { 0 };
            const QString s = text.toString();
            for (qsizetype k = 0; k < s.size(); ++k) {
                if (s[k] == u']') {
                    boundaries.append(k + 1);
                }
            }
            text.insert(boundaries[rng.bounded(int(boundaries.size()))],
                        QStringLiteral("[c%1]").arg(i));
            TestClient::waitFor([] { return false; }, int(rng.bounded(15)));
        }
        QVERIFY(TestClient::waitFor(
            [&] {
                out += p.readAllStandardOutput();
                return p.state() == QProcess::NotRunning;
            },
            60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const qsizetype at = out.indexOf("TEXT ");
        QVERIFY(at >= 0);
        const QByteArray json = out.mid(at + 5, out.indexOf('\n', at) - at - 5);
        const QString nodeText
            = QJsonDocument::fromJson("[" + json + "]").array().first().toString();
        QVERIFY(TestClient::waitFor([&] { return text.toString() == nodeText; }, 10000));
        QCOMPARE(text.toString(), nodeText);
        // Every local edit was acknowledged as durable by the host: the outbox is empty.
        QVERIFY(TestClient::waitFor([&] { return session.unsyncedCount() == 0; }, 10000));
        session.stop();
    }

    // A Node `ws` client that pipelines: a text frame (close 1003) with messages right behind
    // it. Every connection must read the close code; on the Qt transport QWebSocket::close()
    // closed the TCP socket with that input unread, and the kernel's reset made ws see 1006.
    void pipeliningNodeClientsGetTheCloseCode_data()
    {
        QTest::addColumn<bool>("qt");
        QTest::newRow("native") << false;
        QTest::newRow("qt") << true;
    }
    void pipeliningNodeClientsGetTheCloseCode()
    {
        QFETCH(bool, qt);
        const QString node = nodeWithOracles();
        if (node.isEmpty()) {
            QSKIP("the Node oracles are not installed (run through ctest: fixture node)");
        }
        Host::ServerOptions options;
        options.port = 0;
        options.transport
            = qt ? Host::ServerOptions::Transport::Qt : Host::ServerOptions::Transport::Native;
        Host::Server server(options);
        QVERIFY(server.start());
        QProcess p;
        p.setProcessChannelMode(QProcess::SeparateChannels);
        p.start(node,
                { QFINDTESTDATA("closecodes.mjs"), server.url().toString(),
                  QStringLiteral("pipelined"), QStringLiteral("25"), QStringLiteral("5") });
        QVERIFY(p.waitForStarted());
        QVERIFY(TestClient::waitFor([&] { return p.state() == QProcess::NotRunning; }, 60000));
        const QByteArray out = p.readAllStandardOutput().trimmed();
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(out, QByteArray(R"(CODES {"1003":25})"));
    }
};

QTEST_GUILESS_MAIN(tst_Interop)
#include "tst_interop.moc"
