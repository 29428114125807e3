// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// How the host ends a connection it refuses, on both transports, seen from a raw POSIX client
// against the real chorus-server binary (a process of its own, so the client's input keeps
// arriving while the host works).
#include "rawwebsocketclient.h"

#include <QFile>
#include <QProcess>

class tst_CloseHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
#ifdef CHORUS_HAVE_EPOLL
    // A client that pipelines: more of its messages are on their way when the host closes it
    // for a bad one. The host must end with its close frame and a FIN, never a reset (which can
    // cost the client the close frame: it then sees 1006). This C client does not hit the
    // race that made Node's `ws` see 1006 on the Qt transport; tst_interop's
    // pipeliningNodeClientsGetTheCloseCode does.
    void closeFrameSurvivesPipelinedInput_data()
    {
        QTest::addColumn<QString>("transport");
        QTest::newRow("native") << u"native"_s;
        QTest::newRow("qt") << u"qt"_s;
    }
    void closeFrameSurvivesPipelinedInput()
    {
        QFETCH(QString, transport);
        const QString binary
            = qEnvironmentVariable("CHORUS_BINARY_DIR") + u"/server/chorus-server"_s;
        if (!QFile::exists(binary)) {
            QSKIP("chorus-server is not built (run through ctest)");
        }
        QProcess host;
        host.start(
            binary,
            { u"--port"_s, u"0"_s, u"--transport"_s, transport, u"--log-level"_s, u"error"_s });
        QVERIFY(host.waitForStarted());
        QVERIFY(TestClient::waitFor([&] { return host.canReadLine(); }, 10000));
        const QByteArray line = host.readLine().trimmed(); // listening on ws://127.0.0.1:PORT
        const quint16 hostPort = line.mid(line.lastIndexOf(':') + 1).toUShort();
        QVERIFY2(hostPort > 0, line.constData());
        const QByteArray more = clientFrame(0x2, QByteArray(1, '\x03'));
        for (int round = 0; round < 20; ++round) {
            RawClient c;
            QVERIFY(c.handshake(hostPort, "pipelined"));
            c.write(clientFrame(0x1, "text"));
            for (int i = 0; i < 20; ++i) {
                c.write(more); // separate segments, as a client sends them; may fail after a reset
            }
            QVERIFY(c.waitEnded());
            const QList<ServerFrame> closes = c.framesOf(0x8);
            QVERIFY2(!closes.isEmpty(), c.reset() ? "reset: no close frame" : "no close frame");
            QCOMPARE(closes.first().closeCode(), 1003);
            QVERIFY(!c.reset());
        }
        host.terminate();
        QVERIFY(host.waitForFinished(5000));
    }
#else
    void initTestCase() { QSKIP("the raw client and the native transport need epoll"); }
#endif
};

QTEST_GUILESS_MAIN(tst_CloseHandshake)
#include "tst_closehandshake.moc"
