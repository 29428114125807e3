// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Integration tests of the host with real QWebSocket clients on 127.0.0.1, port 0.
#include "crdt/updates.h"
#include "host/rooms/server.h"
#include "hosttestclient.h"
#include "protocol/awarenessupdate.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Chorus;
using namespace Chorus::Protocol;

class tst_Server : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Host::Server> startServer(Host::ServerOptions options = {})
    {
        options.port = 0;
        if (qgetenv("CHORUS_TEST_TRANSPORT") == "qt") {
            options.transport = Host::ServerOptions::Transport::Qt;
        }
        auto server = std::make_unique<Host::Server>(options);
        if (!server->start()) {
            qWarning() << server->errorString();
            return nullptr;
        }
        return server;
    }
    static QByteArray stateVectorOf(const QByteArray &update)
    {
        return Crdt::encodeStateVectorFromUpdate(update).update;
    }

private Q_SLOTS:
    void connectSendsSyncStep1First()
    {
        auto server = startServer();
        QVERIFY(server);
        TestClient c;
        QVERIFY(c.open(server->url(), QStringLiteral("doc1")));
        QVERIFY(c.waitForCount<SyncStep1>(1));
        QCOMPARE(decodeMessage(c.received.first()).message.index(), Message(SyncStep1 {}).index());
        QVERIFY(c.messagesOf<Epoch>().isEmpty()); // plain clients never see extensions
    }

    void relaysUpdatesToOthersOnly()
    {
        auto server = startServer();
        TestClient a, b;
        QVERIFY(a.open(server->url(), QStringLiteral("r")));
        QVERIFY(b.open(server->url(), QStringLiteral("r")));
        QVERIFY(a.waitForCount<SyncStep1>(1) && b.waitForCount<SyncStep1>(1));
        const QByteArray u1 = mapSetUpdate(7, 0, QStringLiteral("k"), QStringLiteral("v"));
        a.send(encodeSyncUpdate(u1));
        QVERIFY(b.waitForCount<SyncUpdate>(1));
        QCOMPARE(b.messagesOf<SyncUpdate>().first().update, u1);
        QTest::qWait(100);
        QVERIFY(a.messagesOf<SyncUpdate>().isEmpty());
        TestClient c;
        QVERIFY(c.open(server->url(), QStringLiteral("r")));
        QCOMPARE(stateVectorOf(c.fetchState()), stateVectorOf(u1));
    }

    void pacesWritesUnderLoadWithoutLosingOrReordering()
    {
        // A tiny write budget (opt-in) makes a few clients "heavy load": the host must start
        // pacing (fewer, fuller writes per peer), deliver every update once and in order, and
        // stop pacing when the load is gone. The load threshold is out of reach: only the
        // budget paces here (pacing by load: tst_pacing).
        Host::ServerOptions options;
        options.writeBudgetPerSecond = 20;
        options.pacingLoad = 10;
        auto server = startServer(options);
        QVERIFY(server);
        TestClient a, b, c;
        QVERIFY(a.open(server->url(), QStringLiteral("paced")));
        QVERIFY(b.open(server->url(), QStringLiteral("paced")));
        QVERIFY(c.open(server->url(), QStringLiteral("paced")));
        QVERIFY(a.waitForCount<SyncStep1>(1) && b.waitForCount<SyncStep1>(1)
                && c.waitForCount<SyncStep1>(1));
        QList<QByteArray> sent;
        for (int i = 0; i < 250; ++i) {
            sent.append(
                mapSetUpdate(7, quint64(i), QStringLiteral("k%1").arg(i), QStringLiteral("v")));
            a.send(encodeSyncUpdate(sent.last()));
            QTest::qWait(10);
        }
        QVERIFY(server->writeIntervalNs() > 0);
        QVERIFY(b.waitForCount<SyncUpdate>(sent.size(), 10000));
        QVERIFY(c.waitForCount<SyncUpdate>(sent.size(), 10000));
        QList<QByteArray> got;
        for (const SyncUpdate &u : b.messagesOf<SyncUpdate>()) {
            got.append(u.update);
        }
        QCOMPARE(got, sent);
        QCOMPARE(c.messagesOf<SyncUpdate>().size(), sent.size());
        QVERIFY(a.messagesOf<SyncUpdate>().isEmpty());
        QVERIFY(TestClient::waitFor([&] { return server->writeIntervalNs() == 0; }, 15000));
    }

    void spacesFlushesOnlyWhileOverTheirBudget()
    {
        // A lightly loaded host commits and relays each batch at once; past the flush budget it
        // gathers batches (flushes at most budget times a second), without losing or reordering
        // anything, and goes back to relaying at once when the load is gone.
        Host::ServerOptions options;
        options.flushBudgetPerSecond = 10; // updates come ~100 a second: well over it
        options.pacingLoad = 10; // no pacing by load here (tst_pacing)
        auto server = startServer(options);
        QVERIFY(server);
        QCOMPARE(server->flushGapNs(), 0);
        TestClient a, b;
        QVERIFY(a.open(server->url(), QStringLiteral("gathered")));
        QVERIFY(b.open(server->url(), QStringLiteral("gathered")));
        QVERIFY(a.waitForCount<SyncStep1>(1) && b.waitForCount<SyncStep1>(1));
        QList<QByteArray> sent;
        bool spaced = false;
        for (int i = 0; i < 250; ++i) {
            sent.append(
                mapSetUpdate(9, quint64(i), QStringLiteral("k%1").arg(i), QStringLiteral("v")));
            a.send(encodeSyncUpdate(sent.last()));
            QTest::qWait(10);
            spaced = spaced || server->flushGapNs() == 1000000000 / 10;
        }
        QVERIFY(spaced);
        QVERIFY(b.waitForCount<SyncUpdate>(sent.size(), 10000));
        QList<QByteArray> got;
        for (const SyncUpdate &u : b.messagesOf<SyncUpdate>()) {
            got.append(u.update);
        }
        QCOMPARE(got, sent);
        QVERIFY(TestClient::waitFor([&] { return server->flushGapNs() == 0; }, 5000));
        a.send(encodeSyncUpdate(
            mapSetUpdate(9, quint64(sent.size()), QStringLiteral("last"), QStringLiteral("v"))));
        QVERIFY(b.waitForCount<SyncUpdate>(sent.size() + 1, 5000));
        QCOMPARE(server->writeIntervalNs(), 0);
    }

    void answersStep1WithExactlyTheMissingPart()
    {
        auto server = startServer();
        TestClient a;
        QVERIFY(a.open(server->url(), QStringLiteral("diff")));
        const QByteArray u1 = mapSetUpdate(1, 0, QStringLiteral("a"), QStringLiteral("1"));
        const QByteArray u2 = mapSetUpdate(2, 0, QStringLiteral("b"), QStringLiteral("2"));
        a.send(encodeSyncUpdate(u1));
        a.send(encodeSyncUpdate(u2));
        QTest::qWait(100);
        TestClient b;
        QVERIFY(b.open(server->url(), QStringLiteral("diff")));
        b.send(encodeSyncStep1(stateVectorOf(u1))); // b has u1 already
        QVERIFY(b.waitForCount<SyncStep2>(1));
        QCOMPARE(stateVectorOf(b.messagesOf<SyncStep2>().first().update), stateVectorOf(u2));
        QCOMPARE(b.messagesOf<SyncStep2>().first().update,
                 Crdt::diffUpdate(Crdt::mergeUpdates({ u1, u2 }).update, stateVectorOf(u1)).update);
    }

    void step2IsRelayedAsUpdate()
    {
        auto server = startServer();
        TestClient a, b;
        QVERIFY(a.open(server->url(), QStringLiteral("s2")));
        QVERIFY(b.open(server->url(), QStringLiteral("s2")));
        const QByteArray u = mapSetUpdate(3, 0, QStringLiteral("x"), QStringLiteral("y"));
        a.send(encodeSyncStep2(u));
        QVERIFY(b.waitForCount<SyncUpdate>(1));
        QCOMPARE(b.messagesOf<SyncUpdate>().first().update, u);
    }

    void awarenessRelayedToAllAndRemovedOnLeave()
    {
        auto server = startServer();
        TestClient a, b;
        QVERIFY(a.open(server->url(), QStringLiteral("aw")));
        QVERIFY(b.open(server->url(), QStringLiteral("aw")));
        a.send(encodeAwarenessMessage(awarenessUpdate(11, 1, R"({"user":{"name":"A"}})")));
        QVERIFY(a.waitForCount<AwarenessMessage>(1)); // the sender gets its echo
        QVERIFY(b.waitForCount<AwarenessMessage>(1));
        TestClient c;
        QVERIFY(c.open(server->url(), QStringLiteral("aw")));
        QVERIFY(c.waitForCount<AwarenessMessage>(1)); // current states on connect
        c.send(encodeQueryAwareness());
        QVERIFY(c.waitForCount<AwarenessMessage>(2));
        a.socket.close();
        QVERIFY(b.waitForCount<AwarenessMessage>(2));
        const auto removal = decodeAwarenessUpdate(b.messagesOf<AwarenessMessage>().last().update);
        QVERIFY(removal.isOk());
        QCOMPARE(removal.entries.size(), 1);
        QCOMPARE(removal.entries.first().clientId, 11u);
        QVERIFY(removal.entries.first().isRemoval());
    }

    void chorusClientsGetEpochAndAcks()
    {
        auto server = startServer();
        TestClient a;
        QVERIFY(a.open(server->url(), QStringLiteral("ep"), true));
        QCOMPARE(a.socket.subprotocol(), QStringLiteral("chorus.1"));
        QVERIFY(a.waitForCount<Epoch>(1));
        QCOMPARE(decodeMessage(a.received.first()).message.index(), Message(Epoch {}).index());
        const QString epoch = a.messagesOf<Epoch>().first().epochId;
        QCOMPARE(epoch.size(), 32);
        for (quint64 i = 0; i < 3; ++i) {
            a.send(encodeSyncUpdate(mapSetUpdate(5, i, QString::number(i), QStringLiteral("v"))));
        }
        QVERIFY(a.waitFor([&] {
            const auto acks = a.messagesOf<Ack>();
            return !acks.isEmpty() && acks.last().count == 3;
        }));
        TestClient b;
        QVERIFY(b.open(server->url(), QStringLiteral("ep"), true));
        QVERIFY(b.waitForCount<Epoch>(1));
        QCOMPARE(b.messagesOf<Epoch>().first().epochId, epoch);
        TestClient other;
        QVERIFY(other.open(server->url(), QStringLiteral("ep2"), true));
        QVERIFY(other.waitForCount<Epoch>(1));
        QVERIFY(other.messagesOf<Epoch>().first().epochId != epoch);
    }

    void tokenIsRequiredFirst()
    {
        Host::ServerOptions options;
        options.token = "s3cret";
        options.authTimeoutMs = 1500; // long enough for a loaded CI machine, short for the test
        auto server = startServer(options);
        TestClient none;
        QVERIFY(none.open(server->url(), QStringLiteral("t"), true));
        QTest::qWait(150);
        QVERIFY(none.received.isEmpty()); // nothing document-related before the token
        none.send(encodeSyncStep1(QByteArray(1, '\0')));
        QVERIFY(none.waitClosed());
        QCOMPARE(none.closeCode, 1008);
        QCOMPARE(none.messagesOf<PermissionDenied>().size(), 1);

        TestClient wrong;
        QVERIFY(wrong.open(server->url(), QStringLiteral("t"), true));
        wrong.send(encodeAuthToken(QStringLiteral("s3cres")));
        QVERIFY(wrong.waitClosed());
        QCOMPARE(wrong.closeCode, 1008);

        TestClient right;
        QVERIFY(right.open(server->url(), QStringLiteral("t"), true));
        right.send(encodeAuthToken(QStringLiteral("s3cret")));
        QVERIFY(right.waitForCount<SyncStep1>(1));
        QCOMPARE(right.messagesOf<Authenticated>().size(), 1);
        QCOMPARE(right.messagesOf<Authenticated>().first().scope, QStringLiteral("rw"));

        TestClient slow;
        QVERIFY(slow.open(server->url(), QStringLiteral("t")));
        QVERIFY(slow.waitClosed(8000));
        QCOMPARE(slow.closeCode, 1008);
    }

    void originAllowList()
    {
        Host::ServerOptions options;
        options.allowedOrigins = { QStringLiteral("https://ok.example") };
        auto server = startServer(options);
        TestClient evil(QStringLiteral("https://evil.example"));
        evil.open(server->url(), QStringLiteral("o"));
        QVERIFY(evil.waitClosed());
        QCOMPARE(evil.closeCode, 1008);
        QWebSocket ok(QStringLiteral("https://ok.example"));
        ok.open(QUrl(server->url().toString() + QStringLiteral("/o")));
        QVERIFY(TestClient::waitFor([&] { return ok.state() == QAbstractSocket::ConnectedState; }));
        TestClient native; // no Origin header at all
        QVERIFY(native.open(server->url(), QStringLiteral("o")));
        QVERIFY(native.waitForCount<SyncStep1>(1));
        QTest::qWait(100);
        QCOMPARE(ok.state(), QAbstractSocket::ConnectedState);
    }

    void connectionAndRoomLimits()
    {
        Host::ServerOptions options;
        options.maxConnections = 2;
        options.maxRooms = 1;
        auto server = startServer(options);
        TestClient a, c;
        QVERIFY(a.open(server->url(), QStringLiteral("one")));
        QCOMPARE(rawCloseCode(server->port(), "two"), 1013); // over the room limit
        QVERIFY(c.open(server->url(), QStringLiteral("one")));
        QVERIFY(c.waitForCount<SyncStep1>(1));
        QCOMPARE(rawCloseCode(server->port(), "one"), 1013); // over the connection limit
        TestClient d; // what a Qt client makes of it: Qt rejects codes 1012-2999 as invalid
        d.open(server->url(), QStringLiteral("one"));
        QVERIFY(d.waitClosed());
        QVERIFY(d.closeCode == 1013 || d.closeCode == 1002);
        QVERIFY(!a.closed && !c.closed);
    }

    void tooLargeMessageCloses1009()
    {
        Host::ServerOptions options;
        options.maxMessageBytes = 1024;
        auto server = startServer(options);
        TestClient a;
        QVERIFY(a.open(server->url(), QStringLiteral("big")));
        a.send(encodeSyncUpdate(QByteArray(4000, 'x')));
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode, 1009);
    }

    void indexRoomListsDocuments()
    {
        auto server = startServer();
        TestClient index;
        QVERIFY(index.open(server->url(), QStringLiteral(".chorus/index")));
        QVERIFY(index.waitForCount<SyncStep1>(1));
        TestClient a;
        QVERIFY(a.open(server->url(), QStringLiteral("notes.md")));
        QVERIFY(index.waitForCount<SyncUpdate>(1)); // live: the new document appears
        QVERIFY(index.messagesOf<SyncUpdate>().first().update.contains("notes.md"));
        QVERIFY(index.messagesOf<SyncUpdate>().first().update.contains("epoch"));
        const QByteArray state = index.fetchState();
        QVERIFY(state.contains("notes.md"));
        QCOMPARE(server->documentNames(), QStringList { QStringLiteral("notes.md") });
        // Clients cannot write the index: their updates are acknowledged and ignored.
        index.send(encodeSyncUpdate(mapSetUpdate(9, 0, QStringLiteral("evil"), QStringLiteral("x"),
                                                 QStringLiteral("documents"))));
        QTest::qWait(100);
        QVERIFY(!index.fetchState().contains("evil"));
    }

    void persistsAcrossRestartsAndUnloadsIdleRooms()
    {
        QTemporaryDir dir;
        Host::ServerOptions options;
        options.dataDir = dir.path();
        options.roomIdleUnloadMs = 200;
        options.compactAfterUpdates = 10;
        QByteArray state;
        QString epoch;
        {
            auto server = startServer(options);
            TestClient a;
            QVERIFY(a.open(server->url(), QStringLiteral("p"), true));
            for (quint64 i = 0; i < 40; ++i) {
                a.send(
                    encodeSyncUpdate(mapSetUpdate(4, i, QString::number(i), QStringLiteral("v"))));
            }
            QVERIFY(a.waitFor([&] {
                const auto acks = a.messagesOf<Ack>();
                return !acks.isEmpty() && acks.last().count == 40;
            }));
            epoch = a.messagesOf<Epoch>().first().epochId;
            state = a.fetchState();
            a.socket.close();
            QVERIFY(TestClient::waitFor([&] { return server->roomCount() == 1; }, 5000));
            QTest::qWait(300); // let the compactor finish
        }
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(dir.filePath(QStringLiteral("chorus.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM updates u JOIN documents d ON "
                                          "u.doc = d.id WHERE d.name = 'p'")));
            QVERIFY(q.next());
            QVERIFY2(q.value(0).toInt() < 40, "the log was compacted");
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        auto server = startServer(options);
        TestClient b;
        QVERIFY(b.open(server->url(), QStringLiteral("p"), true));
        QVERIFY(b.waitForCount<Epoch>(1));
        QCOMPARE(b.messagesOf<Epoch>().first().epochId, epoch);
        QCOMPARE(stateVectorOf(b.fetchState()), stateVectorOf(state));
    }

    void deadPeersAreDropped()
    {
        Host::ServerOptions options;
        options.pingIntervalMs = 300;
        options.peerTimeoutMs = 2500; // the live client must answer a ping within it, even loaded
        auto server = startServer(options);
        // A raw TCP client that completes the handshake and then never answers pings.
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(raw.waitForConnected(3000));
        raw.write("GET /dead HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n");
        QVERIFY(TestClient::waitFor([&] { return server->connectionCount() == 1; }));
        TestClient live; // answers pings (Qt does), so it stays
        QVERIFY(live.open(server->url(), QStringLiteral("dead")));
        QVERIFY(TestClient::waitFor([&] { return server->connectionCount() == 1; }, 10000));
        QVERIFY(!live.closed);
    }

    void sigtermClosesPeersWith1001AndExitsZero()
    {
        const QString binary
            = qEnvironmentVariable("CHORUS_BINARY_DIR") + QStringLiteral("/server/chorus-server");
        if (!QFile::exists(binary)) {
            QSKIP("chorus-server is not built");
        }
        QTemporaryDir dir;
        QProcess p;
        p.start(binary,
                { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                  dir.path(), QStringLiteral("--log-level"), QStringLiteral("warning") });
        QVERIFY(p.waitForStarted());
        QVERIFY(TestClient::waitFor([&] { return p.canReadLine(); }, 10000));
        const QString line = QString::fromUtf8(p.readLine()).trimmed();
        QVERIFY2(line.startsWith(QStringLiteral("listening on ws://127.0.0.1:")), qPrintable(line));
        const QUrl url(line.mid(QStringLiteral("listening on ").size()));
        QVERIFY(url.port() > 0);
        TestClient a;
        QVERIFY(a.open(url, QStringLiteral("bye"), true));
        a.send(encodeSyncUpdate(mapSetUpdate(1, 0, QStringLiteral("k"), QStringLiteral("v"))));
        QVERIFY(a.waitForCount<Ack>(1));
        p.terminate();
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode, 1001);
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }

    void servesWss()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                        QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                        QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                        QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                        QStringLiteral("/CN=127.0.0.1") });
        if (!openssl.waitForStarted() || !openssl.waitForFinished(30000)
            || openssl.exitCode() != 0) {
            QSKIP("no openssl to make a test certificate");
        }
        Host::ServerOptions options;
        options.tlsCertFile = cert;
        options.tlsKeyFile = key;
        auto server = startServer(options);
        QVERIFY(server);
        QCOMPARE(server->url().scheme(), QStringLiteral("wss"));
        TestClient a;
        connect(&a.socket, &QWebSocket::sslErrors, &a, [&] { a.socket.ignoreSslErrors(); });
        QVERIFY(a.open(server->url(), QStringLiteral("tls"), true, 10000));
        QVERIFY(a.waitForCount<SyncStep1>(1));
    }

    void runsOnItsOwnThread()
    {
        // How the app hosts a session: the Server lives on a thread of its own.
        QThread thread;
        Host::ServerOptions options;
        options.port = 0;
        auto *server = new Host::Server(options);
        server->moveToThread(&thread);
        QSignalSpy listening(server, &Host::Server::listening);
        QSignalSpy stopped(server, &Host::Server::stopped);
        connect(&thread, &QThread::finished, server, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(server, [server] { server->start(); });
        QVERIFY(listening.count() == 1 || listening.wait(5000));
        const QUrl url = listening.first().first().toUrl();
        TestClient a, b;
        QVERIFY(a.open(url, QStringLiteral("threaded")));
        QVERIFY(b.open(url, QStringLiteral("threaded")));
        a.send(encodeSyncUpdate(mapSetUpdate(1, 0, QStringLiteral("k"), QStringLiteral("v"))));
        QVERIFY(b.waitForCount<SyncUpdate>(1));
        QMetaObject::invokeMethod(server, &Host::Server::stop);
        QVERIFY(stopped.count() == 1 || stopped.wait(5000));
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode, 1001);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    void optionParsing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("defaults") << QStringList {} << -1;
        QTest::newRow("help") << QStringList { QStringLiteral("--help") } << 0;
        QTest::newRow("version") << QStringList { QStringLiteral("--version") } << 0;
        QTest::newRow("bad port") << QStringList { QStringLiteral("--port"),
                                                   QStringLiteral("70000") }
                                  << 2;
        QTest::newRow("bad bind") << QStringList { QStringLiteral("--bind"),
                                                   QStringLiteral("nope") }
                                  << 2;
        QTest::newRow("bad sync") << QStringList { QStringLiteral("--sync"),
                                                   QStringLiteral("maybe") }
                                  << 2;
        QTest::newRow("zero max") << QStringList { QStringLiteral("--max-message-bytes"),
                                                   QStringLiteral("0") }
                                  << 2;
        QTest::newRow("cert alone")
            << QStringList { QStringLiteral("--tls-cert"), QStringLiteral("x") } << 2;
        QTest::newRow("both tokens")
            << QStringList { QStringLiteral("--token"), QStringLiteral("a"),
                             QStringLiteral("--token-file"), QStringLiteral("b") }
            << 2;
        QTest::newRow("missing token file")
            << QStringList { QStringLiteral("--token-file"), QStringLiteral("/nonexistent") } << 2;
        QTest::newRow("bad level")
            << QStringList { QStringLiteral("--log-level"), QStringLiteral("loud") } << 2;
        QTest::newRow("zero write budget") // 0: no fixed budget (the default)
            << QStringList { QStringLiteral("--write-budget"), QStringLiteral("0") } << -1;
        QTest::newRow("negative write budget")
            << QStringList { QStringLiteral("--write-budget"), QStringLiteral("-5") } << 2;
        QTest::newRow("normal") << QStringList { QStringLiteral("--sync"),
                                                 QStringLiteral("normal") }
                                << -1;
    }
    void optionParsing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        int code = -5;
        Host::ServerOptions::parse(QStringList { QStringLiteral("chorus-server") } + args, &code);
        QCOMPARE(code, exitCode);
    }

    void writeBudgetOption()
    {
        int code = -5;
        const auto defaults
            = Host::ServerOptions::parse({ QStringLiteral("chorus-server") }, &code);
        QCOMPARE(code, -1);
        QCOMPARE(defaults.writeBudgetPerSecond, 0); // no fixed budget: pacing by load only
        QCOMPARE(defaults.flushBudgetPerSecond, 0);
        QCOMPARE(defaults.pacingLoad, 0.6);
        const auto lowered = Host::ServerOptions::parse(
            { QStringLiteral("chorus-server"), QStringLiteral("--write-budget"),
              QStringLiteral("1500"), QStringLiteral("--pacing-load"), QStringLiteral("0.8") },
            &code);
        QCOMPARE(code, -1);
        QCOMPARE(lowered.writeBudgetPerSecond, 1500);
        QCOMPARE(lowered.pacingLoad, 0.8);
        for (const char *bad : { "0.01", "11", "x" }) {
            Host::ServerOptions::parse({ QStringLiteral("chorus-server"),
                                         QStringLiteral("--pacing-load"),
                                         QString::fromLatin1(bad) },
                                       &code);
            QCOMPARE(code, 2);
        }
    }
};

QTEST_GUILESS_MAIN(tst_Server)
#include "tst_server.moc"
