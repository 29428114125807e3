// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Bad-input battery: every row sends one kind of bad input on a fresh connection and checks that
// only that connection pays (with the right close code), the host stays responsive, and the other
// rooms, and the attacked room itself, stay byte-identical (nothing of a rejected message stored).
#include "host/rooms/server.h"
#include "hosttestclient.h"
#include "protocol/awarenessupdate.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Chorus;
using namespace Chorus::Protocol;

namespace {

enum class Mode { Binary, Text, RawFrame, Flood };

QByteArray varuint(quint64 v)
{
    Crdt::Lib0Encoder e;
    e.writeVarUint(v);
    return e.take();
}

QByteArray bytes(std::initializer_list<int> list)
{
    QByteArray out;
    for (int b : list) {
        out.append(char(b));
    }
    return out;
}

// A masked client frame (RFC 6455 5.2), for rows that break the framing itself.
QByteArray frame(int opcode, const QByteArray &payload, bool fin = true, bool mask = true,
                 int rsv = 0)
{
    QByteArray f;
    f.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    const quint8 maskBit = mask ? 0x80 : 0;
    if (payload.size() < 126) {
        f.append(char(maskBit | payload.size()));
    } else {
        f.append(char(maskBit | 126));
        f.append(char(payload.size() >> 8));
        f.append(char(payload.size() & 0xff));
    }
    QByteArray body = payload;
    if (mask) {
        const char key[4] = { 0x12, 0x34, 0x56, 0x78 };
        f.append(key, 4);
        for (qsizetype i = 0; i < body.size(); ++i) {
            body[i] = char(body[i] ^ key[i % 4]);
        }
    }
    return f + body;
}

QByteArray deepAnyUpdate(int depth)
{
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(1);
    enc.writeVarUint(1);
    enc.writeVarUint(9);
    enc.writeVarUint(0);
    enc.writeUint8(8 | 0x20);
    enc.writeVarUint(1);
    enc.writeVarString(QStringLiteral("m"));
    enc.writeVarString(QStringLiteral("k"));
    enc.writeVarUint(1);
    for (int i = 0; i < depth; ++i) {
        enc.writeUint8(117); // array
        enc.writeVarUint(1);
    }
    enc.writeUint8(126); // undefined... then nothing closes the arrays
    enc.writeVarUint(0);
    return enc.take();
}

// A chain of Y.Arrays nested `depth` deep in the root array "a" (see tests/crdt/tst_nesting).
QByteArray deepTypeUpdate(quint64 client, int depth)
{
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(1);
    enc.writeVarUint(quint64(depth));
    enc.writeVarUint(client);
    enc.writeVarUint(0);
    for (int k = 0; k < depth; ++k) {
        enc.writeUint8(7); // ContentType
        if (k == 0) {
            enc.writeVarUint(1);
            enc.writeVarString(QStringLiteral("a"));
        } else {
            enc.writeVarUint(0);
            enc.writeVarUint(client);
            enc.writeVarUint(quint64(k - 1));
        }
        enc.writeVarUint(0); // Y.Array
    }
    enc.writeVarUint(0);
    return enc.take();
}

// `n` client sections of one GC struct each, or a delete set of `n` clients: more clients than
// Crdt::Limits::MaxClients costs per-client bookkeeping far beyond the bytes.
QByteArray manyClientsUpdate(quint64 n, bool inDeleteSet)
{
    Crdt::Lib0Encoder enc;
    if (inDeleteSet) {
        enc.writeVarUint(0);
    }
    enc.writeVarUint(n);
    for (quint64 c = 0; c < n; ++c) {
        if (inDeleteSet) {
            enc.writeVarUint(1000 + c);
            enc.writeVarUint(1); // one range
            enc.writeVarUint(0);
            enc.writeVarUint(1);
        } else {
            enc.writeVarUint(1); // one struct
            enc.writeVarUint(1000 + c);
            enc.writeVarUint(0);
            enc.writeUint8(0); // GC
            enc.writeVarUint(1);
        }
    }
    if (!inDeleteSet) {
        enc.writeVarUint(0);
    }
    return enc.take();
}

QByteArray bigStateVector(quint64 n)
{
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(n);
    for (quint64 c = 0; c < n; ++c) {
        enc.writeVarUint(1000 + c);
        enc.writeVarUint(1);
    }
    return enc.take();
}

} // namespace

class tst_BadInput : public QObject
{
    Q_OBJECT

    std::unique_ptr<Host::Server> m_server;
    std::unique_ptr<TestClient> m_witnessA;
    std::unique_ptr<TestClient> m_witnessB;
    QByteArray m_otherState;
    QByteArray m_victimState;

    QByteArray stateOf(const QString &room)
    {
        TestClient c;
        if (!c.open(m_server->url(), room)) {
            return {};
        }
        return c.fetchState(3000);
    }

    bool rawHandshake(QTcpSocket &raw, const QByteArray &room)
    {
        raw.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!raw.waitForConnected(3000)) {
            return false;
        }
        raw.write("GET /" + room
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray response;
        return TestClient::waitFor([&] {
            response += raw.readAll();
            return response.contains("\r\n\r\n");
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifdef Q_OS_UNIX
        struct rlimit rl = {};
        if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
        }
#endif
        Host::ServerOptions options;
        options.port = 0;
        options.maxMessageBytes = 1024 * 1024;
        options.handshakeTimeoutMs = 1500;
        m_server = std::make_unique<Host::Server>(options);
        QVERIFY(m_server->start());
        m_witnessA = std::make_unique<TestClient>();
        m_witnessB = std::make_unique<TestClient>();
        QVERIFY(m_witnessA->open(m_server->url(), QStringLiteral("other")));
        QVERIFY(m_witnessB->open(m_server->url(), QStringLiteral("other")));
        m_witnessA->send(
            encodeSyncUpdate(mapSetUpdate(100, 0, QStringLiteral("a"), QStringLiteral("1"))));
        m_witnessA->send(
            encodeAwarenessMessage(awarenessUpdate(100, 1, R"({"user":{"name":"w"}})")));
        QVERIFY(m_witnessB->waitForCount<SyncUpdate>(1));
        TestClient v;
        QVERIFY(v.open(m_server->url(), QStringLiteral("victim")));
        v.send(encodeSyncUpdate(mapSetUpdate(200, 0, QStringLiteral("v"), QStringLiteral("1"))));
        QTest::qWait(100);
        m_otherState = stateOf(QStringLiteral("other"));
        m_victimState = stateOf(QStringLiteral("victim"));
        QVERIFY(!m_otherState.isEmpty() && !m_victimState.isEmpty());
    }

    void cleanupTestCase()
    {
        m_witnessA.reset();
        m_witnessB.reset();
        m_server.reset();
    }

    void badInput_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("closeCode"); // 0: any close code

        const auto bin = [](const char *name, const QByteArray &m, int code) {
            QTest::newRow(name) << int(Mode::Binary) << m << code;
        };
        const QByteArray valid = mapSetUpdate(300, 0, QStringLiteral("k"), QStringLiteral("v"));
        bin("empty message", QByteArray(), 1007);
        bin("truncated varint type", bytes({ 0x80 }), 1007);
        bin("truncated long varint", bytes({ 0xff, 0xff, 0xff }), 1007);
        bin("varint over 64 bits", QByteArray(11, char(0xff)) + char(0x01), 1007);
        bin("unknown type 4", bytes({ 4 }), 1007);
        bin("unknown type 99", bytes({ 99, 1, 2 }), 1007);
        bin("epoch from a client", encodeEpoch(QStringLiteral("x")), 1007);
        bin("ack from a client", encodeAck(3), 1007);
        bin("sync without subtype", bytes({ 0 }), 1007);
        bin("sync unknown subtype", bytes({ 0, 3, 0 }), 1007);
        bin("step1 truncated length", bytes({ 0, 0, 0x85 }), 1007);
        bin("step1 length past input", bytes({ 0, 0, 10, 1, 2 }), 1007);
        bin("step1 garbage state vector", bytes({ 0, 0, 3, 0xff, 0xff, 0xff }), 1007);
        bin("step1 state vector count near 2^53",
            bytes({ 0, 0 }) + varuint(9) + varuint((quint64(1) << 53) - 1) + bytes({ 1, 1 }), 1007);
        bin("update length near 2^63", bytes({ 0, 2 }) + QByteArray(8, char(0xff)) + char(0x7f),
            1007);
        bin("update length near 2^53", bytes({ 0, 2 }) + varuint((quint64(1) << 53) - 2), 1007);
        bin("update length past input", bytes({ 0, 2, 50, 1, 1, 0 }), 1007);
        bin("update garbage", bytes({ 0, 2, 5, 1, 2, 3, 4, 5 }), 1007);
        bin("update trailing bytes", encodeSyncUpdate(valid) + char(0), 1007);
        bin("update truncated", encodeSyncUpdate(valid.left(valid.size() - 3)), 1007);
        bin("update client count near 2^53",
            encodeSyncUpdate(varuint((quint64(1) << 53) - 1) + bytes({ 1, 1, 0 })), 1007);
        bin("update struct count near 2^53",
            encodeSyncUpdate(bytes({ 1 }) + varuint((quint64(1) << 53) - 1) + bytes({ 5, 0, 4 })),
            1007);
        bin("update unknown content ref",
            encodeSyncUpdate(bytes({ 1, 1, 7, 0, 0x2f, 1, 1, 'm', 1, 'k', 1, 0 })), 1007);
        bin("update deep any nesting", encodeSyncUpdate(deepAnyUpdate(5000)), 1007);
        bin("update types nested past the limit", encodeSyncUpdate(deepTypeUpdate(400, 65)), 1007);
        bin("update types nested 50,000 deep", encodeSyncUpdate(deepTypeUpdate(401, 50000)), 1007);
        bin("update with 100,001 client sections",
            encodeSyncUpdate(manyClientsUpdate(100'001, false)), 1007);
        bin("update with 100,001 clients in its delete set",
            encodeSyncUpdate(manyClientsUpdate(100'001, true)), 1007);
        bin(
            "step1 state vector of 100,001 clients",
            bytes({ 0, 0 }) +
                [] {
                    Crdt::Lib0Encoder e;
                    e.writeVarUint8Array(bigStateVector(100'001));
                    return e.take();
                }(),
            1007);
        bin("update bad delete set",
            encodeSyncUpdate(bytes({ 0, 1, 7 }) + varuint((quint64(1) << 53) - 1)), 1007);
        bin("update invalid utf-8 key",
            encodeSyncUpdate(bytes({ 1, 1, 7, 0, 0x28, 1, 1, 'm', 1, 0xff, 1, 119, 1, 'v', 0 })),
            1007);
        bin("step2 garbage", bytes({ 0, 1, 3, 9, 9, 9 }), 1007);
        bin("awareness truncated", bytes({ 1, 5, 1 }), 1007);
        bin("awareness invalid json", encodeAwarenessMessage(awarenessUpdate(5, 1, "{nope")), 1007);
        bin("awareness count near 2^53",
            encodeAwarenessMessage(varuint((quint64(1) << 53) - 1) + bytes({ 1, 1, 0 })), 1007);
        bin("awareness invalid utf-8",
            encodeAwarenessMessage(bytes({ 1, 5, 1, 3, '"', 0xff, '"' })), 1007);
        bin("awareness too many clients", encodeAwarenessMessage([] {
                QList<AwarenessEntry> entries;
                for (quint64 i = 0; i < 40; ++i) {
                    entries.append({ 1000 + i, 1, "{}" });
                }
                return encodeAwarenessUpdate(entries);
            }()),
            1008);
        bin("auth unknown subtype", bytes({ 2, 9, 0 }), 1007);
        bin("query-awareness trailing bytes", bytes({ 3, 0 }), 1007);
        bin("message over the limit (2 MiB)", encodeSyncUpdate(QByteArray(2 * 1024 * 1024, 'x')),
            1009);
        bin("50 MB message", QByteArray(50 * 1000 * 1000, '\0'), 1009);
        QTest::newRow("text frame") << int(Mode::Text) << QByteArray("hello") << 1003;
        QTest::newRow("raw reserved opcode") << int(Mode::RawFrame) << frame(3, "x") << 0;
        QTest::newRow("raw unmasked frame")
            << int(Mode::RawFrame) << frame(2, bytes({ 4 }), true, false) << 0;
        QTest::newRow("raw rsv bits")
            << int(Mode::RawFrame) << frame(2, bytes({ 3 }), true, true, 7) << 0;
        QTest::newRow("raw continuation first")
            << int(Mode::RawFrame) << frame(0, bytes({ 3 })) << 0;
        QTest::newRow("raw fragmented ping") << int(Mode::RawFrame) << frame(9, "p", false) << 0;
        QTest::newRow("raw invalid utf-8 text")
            << int(Mode::RawFrame) << frame(1, bytes({ 0xc3, 0x28 })) << 0;
        QTest::newRow("raw frame length near 2^63")
            << int(Mode::RawFrame)
            << bytes({ 0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4 })
            << 1009;
        QTest::newRow("flood of 20000 messages") << int(Mode::Flood) << bytes({ 3 }) << 1008;
    }

    void badInput()
    {
        QFETCH(int, mode);
        QFETCH(QByteArray, input);
        QFETCH(int, closeCode);
        const qsizetype witnessMessages = m_witnessB->received.size();
        if (Mode(mode) == Mode::RawFrame) {
            QTcpSocket raw;
            QVERIFY(rawHandshake(raw, "victim"));
            raw.write(input);
            QVERIFY(TestClient::waitFor(
                [&] { return raw.state() == QAbstractSocket::UnconnectedState; }, 5000));
            Q_UNUSED(closeCode);
        } else {
            TestClient attacker;
            QVERIFY(attacker.open(m_server->url(), QStringLiteral("victim")));
            QVERIFY(attacker.waitForCount<SyncStep1>(1));
            if (Mode(mode) == Mode::Text) {
                attacker.socket.sendTextMessage(QString::fromUtf8(input));
            } else if (Mode(mode) == Mode::Flood) {
                for (int i = 0; i < 20000 && !attacker.closed; ++i) {
                    attacker.send(input);
                }
                // Meanwhile the host answers others promptly.
                QElapsedTimer t;
                t.start();
                QVERIFY(!stateOf(QStringLiteral("other")).isEmpty());
                QVERIFY2(t.elapsed() < 2000, "the host stayed responsive during the flood");
            } else {
                attacker.send(input);
            }
            QVERIFY(attacker.waitClosed(10000));
            if (closeCode) {
                QCOMPARE(attacker.closeCode, closeCode);
            }
        }
        // The host is up, the other room and the attacked room are byte-identical, and the
        // witnesses saw nothing of it.
        QCOMPARE(stateOf(QStringLiteral("other")), m_otherState);
        QCOMPARE(stateOf(QStringLiteral("victim")), m_victimState);
        QCOMPARE(m_witnessB->received.size(), witnessMessages);
        QVERIFY(!m_witnessA->closed && !m_witnessB->closed);
    }

    // The depth limit (Crdt::Limits::MaxNesting) itself is accepted and kept; one more level is
    // refused with 1007 and a reason that says why, and the room keeps the accepted chain.
    void nestingLimit()
    {
        const QString room = QStringLiteral("nested");
        TestClient writer;
        QVERIFY(writer.open(m_server->url(), room));
        QVERIFY(writer.waitForCount<SyncStep1>(1));
        writer.send(encodeSyncUpdate(deepTypeUpdate(500, 64)));
        QVERIFY(TestClient::waitFor([&] { return stateOf(room).size() > 64 * 4; }, 3000));
        const QByteArray kept = stateOf(room);

        TestClient attacker;
        QVERIFY(attacker.open(m_server->url(), room));
        QVERIFY(attacker.waitForCount<SyncStep1>(1));
        // one level below the innermost array of the accepted chain
        Crdt::Lib0Encoder enc;
        for (int v : { 1, 1 }) {
            enc.writeVarUint(quint64(v));
        }
        enc.writeVarUint(501);
        enc.writeVarUint(0);
        enc.writeUint8(7);
        enc.writeVarUint(0);
        enc.writeVarUint(500);
        enc.writeVarUint(63);
        enc.writeVarUint(0);
        enc.writeVarUint(0);
        attacker.send(encodeSyncUpdate(enc.take()));
        QVERIFY(attacker.waitClosed(5000));
        QCOMPARE(attacker.closeCode, 1007);
        QVERIFY2(attacker.socket.closeReason().contains(u"nesting too deep"),
                 qPrintable(attacker.socket.closeReason()));
        QVERIFY(!writer.closed);
        QCOMPARE(stateOf(room), kept);
    }

    void halfOpenHandshakes()
    {
        QList<QTcpSocket *> sockets;
        for (int i = 0; i < 1000; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, m_server->port());
            sockets.append(s);
        }
        QVERIFY(TestClient::waitFor(
            [&] {
                return std::all_of(sockets.cbegin(), sockets.cend(), [](QTcpSocket *s) {
                    return s->state() != QAbstractSocket::ConnectingState
                        && s->state() != QAbstractSocket::HostLookupState;
                });
            },
            20000));
        for (int i = 0; i < sockets.size(); ++i) {
            // Half of them send half a request line, the other half nothing at all.
            if (i % 2) {
                sockets[i]->write("GET /victim HTTP/1.1\r\nHost: 127.");
            }
        }
        QElapsedTimer t;
        t.start();
        QCOMPARE(stateOf(QStringLiteral("other")), m_otherState);
        QVERIFY2(t.elapsed() < 3000, "a real client still gets served promptly");
        // The handshake timeout (1.5 s here) frees every one of them.
        const bool freed = TestClient::waitFor(
            [&] {
                return std::all_of(sockets.cbegin(), sockets.cend(), [](QTcpSocket *s) {
                    return s->state() == QAbstractSocket::UnconnectedState;
                });
            },
            15000);
        if (!freed) {
            int open[2] = { 0, 0 };
            for (int i = 0; i < sockets.size(); ++i) {
                open[i % 2] += sockets[i]->state() != QAbstractSocket::UnconnectedState;
            }
            qWarning() << "still open: silent" << open[0] << "partial" << open[1];
        }
        QVERIFY(freed);
        qDeleteAll(sockets);
        QCOMPARE(stateOf(QStringLiteral("victim")), m_victimState);
        QVERIFY(!m_witnessA->closed && !m_witnessB->closed);
    }
};

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
