// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The native transport (EpollListener/EpollConnection) on the wire: POSIX TCP clients write the
// HTTP upgrade and the RFC 6455 frames by hand against an in-process host, and read back exactly
// what the host sends — status lines, frames, close codes, and whether the connection ended with
// a FIN (recv() == 0) or a reset. After every test a well-behaved client in another room still
// syncs and the host's connection count is back to 0.
#include "rawwebsocketclient.h"

class tst_RawWebSocket : public QObject
{
    Q_OBJECT

    std::unique_ptr<Host::Server> m_server;
    int m_witnesses = 0;

    quint16 port() const { return m_server->port(); }

private Q_SLOTS:
    void initTestCase()
    {
#ifndef CHORUS_HAVE_EPOLL
        QSKIP("the native transport (epoll) is not built on this system");
#else
        rlimit rl {};
        if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
        }
        Host::ServerOptions options;
        options.transport = Host::ServerOptions::Transport::Native;
        options.bind = QHostAddress::LocalHost;
        options.port = 0;
        options.dataDir.clear();
        options.handshakeTimeoutMs = 500;
        options.maxMessageBytes = 1024 * 1024;
        options.serveWebEditor = false; // a plain GET gets the 426 (tst_webeditorpage: the page)
        m_server = std::make_unique<Host::Server>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
#endif
    }

    void cleanupTestCase() { m_server.reset(); }

#ifdef CHORUS_HAVE_EPOLL
    // After every test (and row): the bad client is gone, and a good client in another room
    // still does the whole y-websocket exchange.
    void cleanup()
    {
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 7000);
        RawClient good;
        const QByteArray room = "witness-" + QByteArray::number(++m_witnesses);
        QVERIFY(good.handshake(port(), room));
        QVERIFY(good.waitMessages<Protocol::SyncStep1>(1));
        QVERIFY(good.sendBinary(Protocol::encodeSyncStep1(QByteArray(1, '\0'))));
        QVERIFY(good.waitMessages<Protocol::SyncStep2>(1));
        QVERIFY(good.closeCleanly());
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 3000);
    }

    void browserGetGetsReadable426()
    {
        RawClient c;
        QVERIFY(c.connectTo(port()));
        QVERIFY(c.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                        "Connection: keep-alive\r\nUser-Agent: Mozilla/5.0\r\n\r\n"));
        QVERIFY(c.waitEnded());
        QVERIFY2(!c.reset(), "the host reset the connection instead of closing it");
        QCOMPARE(c.status(), 426);
        QCOMPARE(c.header("Content-Length").toInt(), c.body().size());
        QVERIFY(c.header("Content-Type").startsWith("text/plain"));
        QCOMPARE(c.header("Connection"), QByteArray("close"));
        QCOMPARE(c.header("Upgrade").toLower(), QByteArray("websocket"));
        QVERIFY2(c.body().contains("WebSocket"), c.body().constData());
        QCOMPARE(m_server->connectionCount(), 0);
    }

    void badHandshakeGetsHttpError_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("POST") << QByteArray("POST /r HTTP/1.1\r\nUpgrade: websocket\r\n"
                                            "Connection: Upgrade\r\nSec-WebSocket-Key: "
                                            + SampleKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                              << 405;
        QTest::newRow("HTTP/1.0") << QByteArray("GET /r HTTP/1.0\r\nUpgrade: websocket\r\n"
                                                "Connection: Upgrade\r\nSec-WebSocket-Key: "
                                                + SampleKey
                                                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                                  << 505;
        QTest::newRow("version 12")
            << QByteArray("GET /r HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: "
                          + SampleKey + "\r\nSec-WebSocket-Version: 12\r\n\r\n")
            << 426;
        QTest::newRow("short key") << upgradeRequest("r", {}, "AAAA") << 400;
        QTest::newRow("oversize") << upgradeRequest("r",
                                                    "X-Pad: " + QByteArray(10000, 'p') + "\r\n")
                                  << 431;
    }

    void badHandshakeGetsHttpError()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawClient c;
        QVERIFY(c.connectTo(port()));
        QVERIFY(c.write(request));
        QVERIFY(c.waitEnded());
        QVERIFY2(!c.reset(), "the host reset the connection instead of closing it");
        QCOMPARE(c.status(), status);
        QCOMPARE(c.header("Content-Length").toInt(), c.body().size());
        QVERIFY(c.body().size() > 10);
        if (status == 426) {
            QCOMPARE(c.header("Sec-WebSocket-Version"), QByteArray("13"));
        }
    }

    void goodHandshake_data()
    {
        QTest::addColumn<QByteArray>("protocolHeader"); // empty: none sent
        QTest::addColumn<QByteArray>("selected"); // null: none expected
        QTest::newRow("no subprotocol") << QByteArray() << QByteArray();
        QTest::newRow("chorus.1") << QByteArray("chorus.1") << QByteArray("chorus.1");
        QTest::newRow("chorus.1 second")
            << QByteArray("y-websocket, chorus.1") << QByteArray("chorus.1");
        QTest::newRow("another only") << QByteArray("y-websocket") << QByteArray();
        QTest::newRow("wrong case") << QByteArray("Chorus.1") << QByteArray();
    }

    void goodHandshake()
    {
        QFETCH(QByteArray, protocolHeader);
        QFETCH(QByteArray, selected);
        const QByteArray key = "x3JJHMbDL1EzLkh9GBhXDw==";
        RawClient c;
        QVERIFY(c.connectTo(port()));
        // Browsers offer permessage-deflate: the host must not take it (it has no extensions).
        QByteArray extra
            = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
        if (!protocolHeader.isEmpty()) {
            extra += "Sec-WebSocket-Protocol: " + protocolHeader + "\r\n";
        }
        QVERIFY(c.write(upgradeRequest("good", extra, key)));
        QVERIFY(c.waitResponse());
        QCOMPARE(c.status(), 101);
        QVERIFY(c.responseHead().startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QCOMPARE(c.header("Sec-WebSocket-Accept"), expectedAccept(key));
        QCOMPARE(c.header("Upgrade").toLower(), QByteArray("websocket"));
        QCOMPARE(c.header("Connection").toLower(), QByteArray("upgrade"));
        QCOMPARE(c.header("Sec-WebSocket-Protocol"), selected);
        QCOMPARE(c.header("Sec-WebSocket-Protocol").isNull(), selected.isEmpty());
        QVERIFY(c.header("Sec-WebSocket-Extensions").isNull());
        // The host speaks first: SyncStep1 (chorus.1 clients get their epoch before it).
        QVERIFY(c.waitMessages<Protocol::SyncStep1>(1));
        const QList<ServerFrame> binary = c.framesOf(0x2);
        for (const ServerFrame &f : binary) {
            QVERIFY(f.fin);
            QVERIFY(!f.masked);
        }
        if (selected.isEmpty()) {
            QVERIFY(binary.first().payload.startsWith(QByteArrayView("\x00\x00", 2)));
        }
        QTRY_COMPARE(m_server->connectionCount(), 1);
        QVERIFY(c.closeCleanly());
    }

    void handshakeOneByteAtATime()
    {
        RawClient c;
        QVERIFY(c.connectTo(port()));
        const QByteArray request = upgradeRequest("slow");
        for (char byte : request) {
            QVERIFY(c.write(QByteArray(1, byte)));
            QCoreApplication::processEvents(); // the host reads each byte on its own
            c.pump();
            if (c.eof() || c.reset() || !c.input().isEmpty()) {
                break;
            }
        }
        QVERIFY(c.waitResponse());
        QCOMPARE(c.status(), 101);
        QCOMPARE(c.header("Sec-WebSocket-Accept"), expectedAccept(SampleKey));
        QVERIFY(c.waitMessages<Protocol::SyncStep1>(1));
        // Frames one byte at a time too.
        const QByteArray ping = clientFrame(0x9, "slow ping");
        for (char byte : ping) {
            QVERIFY(c.write(QByteArray(1, byte)));
            QCoreApplication::processEvents();
        }
        QVERIFY(c.waitFrame(0xA));
        QCOMPARE(c.framesOf(0xA).first().payload, QByteArray("slow ping"));
        QVERIFY(c.closeCleanly());
    }

    void unfinishedHandshakeTimesOut()
    {
        RawClient c;
        QVERIFY(c.connectTo(port()));
        QElapsedTimer t;
        t.start();
        QVERIFY(c.write("GET /never HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"));
        bool counted = false;
        QVERIFY(c.waitUntil(
            [&] {
                counted = counted || m_server->connectionCount() != 0;
                return c.eof() || c.reset();
            },
            4000));
        const qint64 ms = t.elapsed();
        QVERIFY2(ms >= 400 && ms <= 2500, qPrintable(u"closed after %1 ms"_s.arg(ms)));
        QVERIFY(!counted);
        QVERIFY(c.input().isEmpty()); // nothing sent: no HTTP response for a timeout
        QCOMPARE(m_server->connectionCount(), 0);
        // A silent client (not a byte sent) too.
        RawClient silent;
        QVERIFY(silent.connectTo(port()));
        t.restart();
        QVERIFY(silent.waitEnded(4000));
        QVERIFY2(t.elapsed() <= 2500, qPrintable(u"closed after %1 ms"_s.arg(t.elapsed())));
    }

    void badFrameGetsCloseThenFin_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("code");
        const QByteArray update = Protocol::encodeSyncStep1(QByteArray(1, '\0'));
        QTest::newRow("unmasked") << clientFrame(0x2, update, true, false) << 1002;
        QTest::newRow("text") << clientFrame(0x1, "hello") << 1003;
        QTest::newRow("reserved bit")
            << QByteArray(clientFrame(0x2, update)).replace(0, 1, "\xc2") << 1002;
        QTest::newRow("opcode 3") << clientFrame(0x3, "x") << 1002;
        QTest::newRow("ping 126 bytes") << clientFrame(0x9, QByteArray(126, 'p')) << 1002;
        QTest::newRow("continuation first") << clientFrame(0x0, "x") << 1002;
        QTest::newRow("close code 1005") << clientFrame(0x8, closeBody(1005)) << 1002;
        QTest::newRow("close reason not UTF-8")
            << clientFrame(0x8, closeBody(1000, "\xff")) << 1007;
        // Header only: the host refuses from the declared length, before any payload comes.
        QTest::newRow("declared 2 MB (limit 1 MB)")
            << clientFrame(0x2, {}, true, true, 0, LengthForm::Auto, 2 * 1024 * 1024) << 1009;
        QTest::newRow("declared 2^63-1") << clientFrame(0x2, {}, true, true, 0, LengthForm::Auto,
                                                        std::numeric_limits<qint64>::max())
                                         << 1009;
        QTest::newRow("fragments over the limit")
            << clientFrame(0x2, QByteArray(800 * 1024, 'a'), false)
                + clientFrame(0x0, {}, true, true, 0, LengthForm::Auto, 300 * 1024)
            << 1009;
    }

    void badFrameGetsCloseThenFin()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, code);
        RawClient c;
        QVERIFY(c.handshake(port(), "bad-frames"));
        QVERIFY(c.waitMessages<Protocol::SyncStep1>(1));
        QTRY_COMPARE(m_server->connectionCount(), 1);
        QVERIFY(c.write(frame));
        QVERIFY(c.waitEnded());
        QVERIFY2(!c.reset(), "the host reset the connection instead of closing it");
        const QList<ServerFrame> all = c.frames();
        QVERIFY(!all.isEmpty());
        QCOMPARE(all.last().opcode, 0x8); // the close frame is the last thing the host sent
        QCOMPARE(all.last().closeCode(), code);
        QVERIFY(all.last().payload.size() <= 125);
        QCOMPARE(c.input().size() - c.responseHead().size(), [&] {
            qsizetype n = 0;
            for (const ServerFrame &f : all) {
                n += f.payload.size()
                    + (f.payload.size() < 126           ? 2
                           : f.payload.size() <= 0xffff ? 4
                                                        : 10);
            }
            return n;
        }()); // nothing after it
        // The host waits for our end; once we close, it lets the connection go.
        c.closeSocket();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 3000);
    }

    void pingGetsPong_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("short") << QByteArray("are you there?");
        QTest::newRow("125 bytes") << QByteArray(125, '\xee');
    }

    void pingGetsPong()
    {
        QFETCH(QByteArray, payload);
        RawClient c;
        QVERIFY(c.handshake(port(), "pings"));
        QVERIFY(c.write(clientFrame(0x9, payload)));
        QVERIFY(c.waitFrame(0xA));
        const ServerFrame pong = c.framesOf(0xA).first();
        QVERIFY(pong.fin);
        QVERIFY(!pong.masked);
        QCOMPARE(pong.payload, payload);
        QVERIFY(c.closeCleanly());
    }

    void clientCloseIsEchoed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("echoed"); // 1005: an empty close payload
        QTest::newRow("1000 with a reason") << closeBody(1000, "bye") << 1000;
        QTest::newRow("1001") << closeBody(1001) << 1001;
        QTest::newRow("4000") << closeBody(4000) << 4000;
        QTest::newRow("no code") << QByteArray() << 1005;
    }

    void clientCloseIsEchoed()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, echoed);
        RawClient c;
        QVERIFY(c.handshake(port(), "closes"));
        QTRY_COMPARE(m_server->connectionCount(), 1);
        QVERIFY(c.write(clientFrame(0x8, body)));
        QVERIFY(c.waitEnded());
        QVERIFY(!c.reset());
        const QList<ServerFrame> closes = c.framesOf(0x8);
        QCOMPARE(closes.size(), 1);
        QCOMPARE(closes.first().closeCode(), echoed);
        QCOMPARE(c.frames().last().opcode, 0x8);
        c.closeSocket();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 3000);
    }

    // A client that sends its close and then neither reads nor closes: the host still lets go
    // (ClosingTimeoutMs, 5 s, checked every 500 ms).
    void clientThatNeverClosesStillEnds()
    {
        RawClient c;
        QVERIFY(c.handshake(port(), "lingering"));
        QTRY_COMPARE(m_server->connectionCount(), 1);
        QElapsedTimer t;
        t.start();
        QVERIFY(::send(c.fd(), clientFrame(0x8, closeBody(1000)).constData(), 8, MSG_NOSIGNAL)
                == 8);
        QVERIFY(waitFor([&] { return m_server->connectionCount() == 0; }, 8000));
        const qint64 ms = t.elapsed();
        QVERIFY2(ms <= 6000, qPrintable(u"the host let go after %1 ms"_s.arg(ms)));
        // What arrived meanwhile: the echo, then the host's FIN.
        QVERIFY(c.waitEnded(1000));
        QVERIFY(!c.reset());
        QCOMPARE(c.framesOf(0x8).size(), 1);
        // The host's socket is really closed: what we write now is answered with a reset, so a
        // later write fails (EPIPE; recv() keeps reporting the FIN it already saw).
        QVERIFY(waitFor(
            [&] {
                return ::send(c.fd(), "x", 1, MSG_NOSIGNAL) < 0
                    && (errno == EPIPE || errno == ECONNRESET);
            },
            2000));
    }

    // The y-websocket protocol after a hand-made handshake: SyncStep1 first, SyncStep2 for a
    // SyncStep1, updates relayed between two raw clients.
    void yWebsocketAfterRawHandshake()
    {
        RawClient a;
        RawClient b;
        QVERIFY(a.handshake(port(), "raw-sync"));
        QVERIFY(b.handshake(port(), "raw-sync"));
        QVERIFY(a.waitMessages<Protocol::SyncStep1>(1));
        QVERIFY(b.waitMessages<Protocol::SyncStep1>(1));
        const QByteArray first = a.framesOf(0x2).first().payload;
        QCOMPARE(quint8(first[0]), quint8(0x00)); // sync
        QCOMPARE(quint8(first[1]), quint8(0x00)); // step 1
        const QByteArray update = mapSetUpdate(77, 0, u"k"_s, u"v"_s);
        QVERIFY(a.sendBinary(Protocol::encodeSyncUpdate(update)));
        QVERIFY(b.waitMessages<Protocol::SyncUpdate>(1));
        QCOMPARE(b.messagesOf<Protocol::SyncUpdate>().first().update, update);
        QVERIFY(b.sendBinary(Protocol::encodeSyncStep1(QByteArray(1, '\0'))));
        QVERIFY(b.waitMessages<Protocol::SyncStep2>(1));
        QVERIFY(!b.messagesOf<Protocol::SyncStep2>().first().update.isEmpty());
        // A fragmented message counts as one.
        const QByteArray step1 = Protocol::encodeSyncStep1(QByteArray(1, '\0'));
        QVERIFY(a.write(clientFrame(0x2, step1.first(1), false) + clientFrame(0x9, "mid")
                        + clientFrame(0x0, step1.sliced(1))));
        QVERIFY(a.waitMessages<Protocol::SyncStep2>(1));
        QVERIFY(a.waitFrame(0xA));
        QVERIFY(a.closeCleanly());
        QVERIFY(b.closeCleanly());
    }

    void manyClientsAtOnce()
    {
        constexpr int Clients = 200;
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < Clients; ++i) {
            clients.push_back(std::make_unique<RawClient>());
            QVERIFY(clients.back()->connectTo(port()));
        }
        // Every request written before the host gets a turn.
        for (int i = 0; i < Clients; ++i) {
            const QByteArray request = upgradeRequest("crowd-" + QByteArray::number(i % 10));
            QCOMPARE(
                ::send(clients[i]->fd(), request.constData(), size_t(request.size()), MSG_NOSIGNAL),
                ssize_t(request.size()));
        }
        QElapsedTimer t;
        t.start();
        QVERIFY(waitFor(
            [&] {
                for (auto &c : clients) {
                    c->pump();
                    if (c->responseHead().isEmpty()) {
                        return false;
                    }
                }
                return true;
            },
            15000));
        for (auto &c : clients) {
            QCOMPARE(c->status(), 101);
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), Clients, 5000);
        qInfo("%d handshakes in %lld ms", Clients, qint64(t.elapsed()));
        for (auto &c : clients) {
            c->write(clientFrame(0x8, closeBody(1000)));
        }
        QVERIFY(waitFor(
            [&] {
                for (auto &c : clients) {
                    c->pump();
                    if (!c->eof() && !c->reset()) {
                        return false;
                    }
                }
                return true;
            },
            10000));
        for (auto &c : clients) {
            QVERIFY(!c->reset());
            c->closeSocket();
        }
    }

    // Messages larger than the read buffer (64 KB) arrive over many reads and are relayed in
    // the 64-bit length form; a frame split right after the handshake is joined.
    void largeMessagesAndSplitFrames()
    {
        RawClient a;
        RawClient b;
        b.receiveBufferBytes = 4096; // b reads slowly: the host's writes to it hit EAGAIN
        QVERIFY(a.handshake(port(), "large"));
        QVERIFY(b.connectTo(port()));
        const QByteArray ping = clientFrame(0x9, "split");
        QVERIFY(b.write(upgradeRequest("large") + ping.first(3)));
        QVERIFY(b.waitResponse());
        QCOMPARE(b.status(), 101);
        QVERIFY(b.waitMessages<Protocol::SyncStep1>(1));
        QVERIFY(b.write(ping.sliced(3)));
        QVERIFY(b.waitFrame(0xA));
        QCOMPARE(b.framesOf(0xA).first().payload, QByteArray("split"));

        // Five 900 KB updates while b does not read: 4.5 MB is more than a socket's send buffer
        // can take (4 MB at most), so the host must queue and write as b reads (EPOLLOUT).
        QList<QByteArray> updates;
        for (int i = 0; i < 5; ++i) {
            updates.append(mapSetUpdate(55, quint64(i), u"big%1"_s.arg(i),
                                        QString(900 * 1024, QChar(u'a' + i))));
            const QByteArray message = Protocol::encodeSyncUpdate(updates.last());
            QVERIFY(message.size() > 65536 && message.size() < 1024 * 1024);
            // Written in uneven pieces, with the event loop running in between.
            const QByteArray frame = clientFrame(0x2, message);
            for (qsizetype pos = 0; pos < frame.size(); pos += 70001) {
                QVERIFY(a.write(frame.mid(pos, 70001)));
                QCoreApplication::processEvents();
            }
        }
        QVERIFY(b.waitMessages<Protocol::SyncUpdate>(5, 20000));
        const QList<Protocol::SyncUpdate> got = b.messagesOf<Protocol::SyncUpdate>();
        QCOMPARE(got.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(got[i].update == updates[i]);
        }
        // One byte over the limit (1 MB) in a whole frame: 1009, the others unaffected.
        QVERIFY(a.write(clientFrame(0x2, QByteArray(1024 * 1024 + 1, 'z'))));
        QVERIFY(a.waitEnded());
        QVERIFY(!a.reset());
        QCOMPARE(a.frames().last().closeCode(), 1009);
        a.closeSocket();
        QVERIFY(b.sendBinary(Protocol::encodeSyncStep1(QByteArray(1, '\0'))));
        QVERIFY(b.waitMessages<Protocol::SyncStep2>(1));
        QVERIFY(b.closeCleanly());
    }

    // Many small relays gathered into one write per flush, to a peer whose socket is full: the
    // part the socket did not take is queued at any byte (inside a header or a payload) and
    // follows in order once the peer reads.
    void gatheredWritesToASlowReader()
    {
        RawClient a;
        RawClient b;
        b.receiveBufferBytes = 4096;
        QVERIFY(a.handshake(port(), "gathered"));
        QVERIFY(b.handshake(port(), "gathered"));
        QVERIFY(b.waitMessages<Protocol::SyncStep1>(1));
        QList<QByteArray> updates;
        QByteArray burst;
        constexpr int Count = 1200; // within the host's message burst allowance
        for (int i = 0; i < Count; ++i) {
            // 1..8000-byte values (4.8 MB in all, more than a socket buffer takes): headers of 2
            // and 4 bytes.
            updates.append(mapSetUpdate(77, quint64(i), u"k%1"_s.arg(i),
                                        QString(1 + (i * 37) % 8000, QChar(u'a' + i % 26))));
            burst += clientFrame(0x2, Protocol::encodeSyncUpdate(updates.last()));
            if (i % 40 == 39) { // 40 messages read in one batch: one gathered write to b
                QVERIFY(a.write(burst));
                burst.clear();
                QCoreApplication::processEvents();
            }
        }
        QVERIFY(b.waitMessages<Protocol::SyncUpdate>(Count, 20000));
        const QList<Protocol::SyncUpdate> got = b.messagesOf<Protocol::SyncUpdate>();
        QCOMPARE(got.size(), Count);
        for (int i = 0; i < Count; ++i) {
            QVERIFY2(got[i].update == updates[i], qPrintable(u"update %1"_s.arg(i)));
        }
        QVERIFY(a.closeCleanly());
        QVERIFY(b.closeCleanly());
    }

    // A client that goes away without a close frame (FIN, or a reset) is dropped at once.
    void clientGoesAwayWithoutClosing_data()
    {
        QTest::addColumn<bool>("abortive");
        QTest::newRow("FIN") << false;
        QTest::newRow("reset") << true;
    }

    void clientGoesAwayWithoutClosing()
    {
        QFETCH(bool, abortive);
        RawClient c;
        QVERIFY(c.handshake(port(), "leavers"));
        QTRY_COMPARE(m_server->connectionCount(), 1);
        if (abortive) {
            const linger l { 1, 0 }; // close() sends a reset
            ::setsockopt(c.fd(), SOL_SOCKET, SO_LINGER, &l, sizeof l);
            c.closeSocket();
        } else {
            ::shutdown(c.fd(), SHUT_WR);
        }
        QElapsedTimer t;
        t.start();
        QVERIFY(waitFor([&] { return m_server->connectionCount() == 0; }, 3000));
        QVERIFY2(t.elapsed() < 2000, qPrintable(u"dropped after %1 ms"_s.arg(t.elapsed())));
        if (!abortive) {
            QVERIFY(c.waitEnded());
        }
    }

    // The host's own pings (Server's liveness, over this transport): a client that answers them
    // stays, one that does not is dropped after peerTimeoutMs. A second host with short timings.
    void hostPingsAndDropsSilentPeers()
    {
        Host::ServerOptions options;
        options.transport = Host::ServerOptions::Transport::Native;
        options.port = 0;
        options.pingIntervalMs = 300;
        options.peerTimeoutMs = 1500;
        Host::Server server(options);
        QVERIFY(server.start());
        RawClient answering;
        RawClient silent;
        QVERIFY(answering.handshake(server.port(), "live"));
        QVERIFY(silent.handshake(server.port(), "live"));
        QTRY_COMPARE(server.connectionCount(), 2);
        QElapsedTimer t;
        t.start();
        QVERIFY(answering.waitUntil(
            [&] {
                answering.answerPings();
                silent.pump();
                return silent.eof() || silent.reset();
            },
            6000));
        const qint64 ms = t.elapsed();
        QVERIFY2(ms >= 1000 && ms <= 4500,
                 qPrintable(u"silent peer dropped after %1 ms"_s.arg(ms)));
        QVERIFY(!silent.framesOf(0x9).isEmpty());
        for (const ServerFrame &ping : silent.framesOf(0x9)) {
            QVERIFY(ping.fin);
            QVERIFY(!ping.masked);
            QVERIFY(ping.payload.size() <= 125);
        }
        QVERIFY(answering.answerPings() >= 1);
        QTRY_COMPARE(server.connectionCount(), 1);
        // The answering one is still served.
        QVERIFY(answering.sendBinary(Protocol::encodeSyncStep1(QByteArray(1, '\0'))));
        QVERIFY(answering.waitUntil([&] {
            answering.answerPings();
            return !answering.messagesOf<Protocol::SyncStep2>().isEmpty();
        }));
        QVERIFY(!answering.eof());
        QVERIFY(answering.closeCleanly());
        QTRY_COMPARE(server.connectionCount(), 0);
    }

    // Frames in the same TCP segment as the handshake are not lost.
    void pipelinedWithHandshake()
    {
        const QByteArray step1 = Protocol::encodeSyncStep1(QByteArray(1, '\0'));
        RawClient c;
        QVERIFY(c.connectTo(port()));
        QVERIFY(c.write(upgradeRequest("pipelined") + clientFrame(0x9, "early")
                        + clientFrame(0x2, step1)));
        QVERIFY(c.waitResponse());
        QCOMPARE(c.status(), 101);
        QVERIFY(c.waitFrame(0xA));
        QCOMPARE(c.framesOf(0xA).first().payload, QByteArray("early"));
        QVERIFY(c.waitMessages<Protocol::SyncStep1>(1));
        QVERIFY(c.waitMessages<Protocol::SyncStep2>(1)); // the answer to the pipelined step 1
        QVERIFY(c.closeCleanly());

        // Handshake, an update and the close in one segment: 101, the close echoed, and the
        // update stored all the same (what the host would have sent after our close may be
        // dropped: RFC 6455 §5.5.1 lets it stop sending data once the close arrived).
        const QByteArray update = mapSetUpdate(91, 0, u"pipelined"_s, u"yes"_s);
        RawClient quick;
        QVERIFY(quick.connectTo(port()));
        QVERIFY(quick.write(upgradeRequest("pipelined-update") + clientFrame(0x9, "early")
                            + clientFrame(0x2, Protocol::encodeSyncUpdate(update))
                            + clientFrame(0x8, closeBody(1000))));
        QVERIFY(quick.waitEnded());
        QVERIFY(!quick.reset());
        QCOMPARE(quick.status(), 101);
        QCOMPARE(quick.framesOf(0xA).size(), 1);
        QCOMPARE(quick.framesOf(0x8).size(), 1);
        QCOMPARE(quick.framesOf(0x8).first().closeCode(), 1000);
        QCOMPARE(quick.frames().last().opcode, 0x8);
        quick.closeSocket();
        RawClient reader;
        QVERIFY(reader.handshake(port(), "pipelined-update"));
        QVERIFY(reader.sendBinary(step1));
        QVERIFY(reader.waitMessages<Protocol::SyncStep2>(1));
        QCOMPARE(reader.messagesOf<Protocol::SyncStep2>().first().update, update);
        QVERIFY(reader.closeCleanly());

        // A bad frame in the same segment: 101, then the close frame.
        RawClient bad;
        QVERIFY(bad.connectTo(port()));
        QVERIFY(bad.write(upgradeRequest("pipelined") + clientFrame(0x2, "x", true, false)));
        QVERIFY(bad.waitEnded());
        QVERIFY(!bad.reset());
        QCOMPARE(bad.status(), 101);
        QCOMPARE(bad.frames().last().opcode, 0x8);
        QCOMPARE(bad.frames().last().closeCode(), 1002);
    }
#endif // CHORUS_HAVE_EPOLL
};

QTEST_GUILESS_MAIN(tst_RawWebSocket)
#include "tst_rawwebsocket.moc"
