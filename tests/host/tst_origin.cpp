// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The host's safe defaults (issue 14): which browser Origins may connect (OriginPolicy, an
// in-process Server on both transports, and the chorus-server binary as shipped), the limits
// per remote address, and owner-only database files.
#include "host/rooms/server.h"
#include "host/transport/originpolicy.h"
#include "hosttestclient.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>

using namespace Chorus;
using namespace Qt::StringLiterals;

namespace {

// What a raw upgrade request got back: the HTTP status, and what came first after a 101: the
// close frame's code when the host closed, 0 when it sent a message (it let us in: SyncStep1
// comes first), -1 when nothing came within the wait.
struct RawResult
{
    int status = -1;
    int closeCode = -1;
};

int firstFrameIn(const QByteArray &frames)
{
    if (frames.size() < 2) {
        return -1;
    }
    const quint8 op = quint8(frames[0]) & 0x0f;
    const qsizetype len = quint8(frames[1]) & 0x7f;
    if (op != 8) {
        return 0;
    }
    if (frames.size() < 4 || len < 2) {
        return -1;
    }
    return (quint8(frames[2]) << 8) | quint8(frames[3]);
}

RawResult rawUpgrade(quint16 port, const QByteArray &headers, int waitMs = 5000)
{
    RawResult result;
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, port);
    if (!raw.waitForConnected(5000)) {
        return result;
    }
    raw.write("GET /doc HTTP/1.1\r\n" + headers
              + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray data;
    TestClient::waitFor(
        [&] {
            data += raw.readAll();
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end >= 0 && result.status < 0) {
                result.status = data.mid(9, 3).toInt();
            }
            if (end >= 0) {
                result.closeCode = firstFrameIn(data.mid(end + 4));
            }
            return result.closeCode >= 0 || raw.state() == QAbstractSocket::UnconnectedState;
        },
        waitMs);
    return result;
}

QByteArray originHeaders(const QByteArray &origin, const QByteArray &host)
{
    QByteArray h = "Host: " + host + "\r\n";
    if (!origin.isEmpty()) {
        h += "Origin: " + origin + "\r\n";
    }
    return h;
}

int modeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

} // namespace

class tst_Origin : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Host::Server> startServer(Host::ServerOptions options, bool qtTransport)
    {
        options.port = 0;
        if (qtTransport) {
            options.transport = Host::ServerOptions::Transport::Qt;
        }
        auto server = std::make_unique<Host::Server>(options);
        if (!server->start()) {
            qWarning() << server->errorString();
            return nullptr;
        }
        return server;
    }
    static void addTransports()
    {
        QTest::addColumn<bool>("qt");
        QTest::newRow("native") << false;
        QTest::newRow("qt") << true;
    }

private Q_SLOTS:
    void policy_data()
    {
        QTest::addColumn<QStringList>("allowed");
        QTest::addColumn<bool>("web");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("allows");
        const QStringList none;
        const QStringList ok { QStringLiteral("https://ok.example"),
                               QStringLiteral("http://Chorus.example:8080/") };
        QTest::newRow("no origin") << none << false << false << QString() << QString() << true;
        QTest::newRow("empty list refuses a page")
            << none << false << false << u"https://evil.example"_s << u"127.0.0.1:1234"_s << false;
        QTest::newRow("listed") << ok << false << false << u"https://ok.example"_s << QString()
                                << true;
        QTest::newRow("listed, default port written")
            << ok << false << false << u"https://OK.example:443"_s << QString() << true;
        QTest::newRow("listed, normalised entry")
            << ok << false << false << u"http://chorus.example:8080"_s << QString() << true;
        QTest::newRow("other port")
            << ok << false << false << u"https://ok.example:8443"_s << QString() << false;
        QTest::newRow("other scheme")
            << ok << false << false << u"http://ok.example"_s << QString() << false;
        QTest::newRow("suffix") << ok << false << false << u"https://ok.example.evil.example"_s
                                << QString() << false;
        QTest::newRow("null") << ok << true << false << u"null"_s << u"127.0.0.1:1234"_s << false;
        QTest::newRow("file page")
            << ok << true << false << u"file://"_s << u"127.0.0.1"_s << false;
        QTest::newRow("own page by IPv4")
            << none << true << false << u"http://127.0.0.1:1234"_s << u"127.0.0.1:1234"_s << true;
        QTest::newRow("own page by IPv6")
            << none << true << false << u"http://[::1]:1234"_s << u"[::1]:1234"_s << true;
        QTest::newRow("own page by localhost")
            << none << true << false << u"http://localhost:1234"_s << u"localhost:1234"_s << true;
        QTest::newRow("own page by LAN address")
            << none << true << false << u"http://192.168.1.20:1234"_s << u"192.168.1.20:1234"_s
            << true;
        QTest::newRow("own page over wss")
            << none << true << true << u"https://127.0.0.1:1234"_s << u"127.0.0.1:1234"_s << true;
        QTest::newRow("own page, wrong scheme for wss")
            << none << true << true << u"http://127.0.0.1:1234"_s << u"127.0.0.1:1234"_s << false;
        QTest::newRow("own page, web editor off")
            << none << false << false << u"http://127.0.0.1:1234"_s << u"127.0.0.1:1234"_s << false;
        QTest::newRow("another local server")
            << none << true << false << u"http://127.0.0.1:8080"_s << u"127.0.0.1:1234"_s << false;
        QTest::newRow("DNS rebinding") << none << true << false << u"http://evil.example:1234"_s
                                       << u"evil.example:1234"_s << false;
        QTest::newRow("listed host name serves its page")
            << ok << true << false << u"http://chorus.example:1234"_s << u"chorus.example:1234"_s
            << true;
    }
    void policy()
    {
        QFETCH(QStringList, allowed);
        QFETCH(bool, web);
        QFETCH(bool, tls);
        QFETCH(QString, origin);
        QFETCH(QString, host);
        QFETCH(bool, allows);
        QCOMPARE(Host::OriginPolicy(allowed, web, tls).allows(origin, host), allows);
    }

    void normalise()
    {
        QCOMPARE(Host::OriginPolicy::normalise(u"HTTPS://Ok.Example:443/"_s),
                 u"https://ok.example"_s);
        QCOMPARE(Host::OriginPolicy::normalise(u"http://[::1]:80"_s), u"http://[::1]"_s);
        QVERIFY(Host::OriginPolicy::normalise(u"ok.example"_s).isEmpty());
        QVERIFY(Host::OriginPolicy::normalise(u"https://ok.example/path"_s).isEmpty());
        QVERIFY(Host::OriginPolicy::normalise(u"https://user@ok.example"_s).isEmpty());
    }

    // The default host: a foreign page is refused with 1008, the app (no Origin) connects, a
    // listed Origin connects, and the host's own page is allowed only by an address.
    void serverRefusesForeignOrigins_data() { addTransports(); }
    void serverRefusesForeignOrigins()
    {
        QFETCH(bool, qt);
        Host::ServerOptions options;
        options.allowedOrigins = { QStringLiteral("https://ok.example") };
        auto server = startServer(options, qt);
        QVERIFY(server);
        const QByteArray self = "127.0.0.1:" + QByteArray::number(server->port());
        const RawResult foreign
            = rawUpgrade(server->port(), originHeaders("https://evil.example", self));
        QCOMPARE(foreign.status, 101);
        QCOMPARE(foreign.closeCode, 1008);
        QCOMPARE(rawUpgrade(server->port(), originHeaders({}, self)).closeCode, 0);
        QCOMPARE(rawUpgrade(server->port(), originHeaders("https://ok.example", self)).closeCode,
                 0);
        QCOMPARE(rawUpgrade(server->port(), originHeaders("http://" + self, self)).closeCode, 0);
        const QByteArray rebound = "evil.example:" + QByteArray::number(server->port());
        QCOMPARE(rawUpgrade(server->port(), originHeaders("http://" + rebound, rebound)).closeCode,
                 1008);
        TestClient app; // what the app's DocumentConnection is: a QWebSocket with no Origin
        QVERIFY(app.open(server->url(), QStringLiteral("doc")));
        QVERIFY(app.waitForCount<Protocol::SyncStep1>(1));
        TestClient page(QStringLiteral("https://evil.example"));
        page.open(server->url(), QStringLiteral("doc"));
        QVERIFY(page.waitClosed());
        QCOMPARE(page.closeCode, 1008);
    }

    void ownPageNeedsTheWebEditor_data() { addTransports(); }
    void ownPageNeedsTheWebEditor()
    {
        QFETCH(bool, qt);
        Host::ServerOptions options;
        options.serveWebEditor = false; // the app's host unless the user allows browser guests
        auto server = startServer(options, qt);
        QVERIFY(server);
        const QByteArray self = "127.0.0.1:" + QByteArray::number(server->port());
        QCOMPARE(rawUpgrade(server->port(), originHeaders("http://" + self, self)).closeCode, 1008);
        QCOMPARE(rawUpgrade(server->port(), originHeaders({}, self)).closeCode, 0);
    }

    // chorus-server as shipped, with no options: a page from elsewhere is refused.
    void binaryRefusesForeignOriginByDefault()
    {
        const QString binary
            = qEnvironmentVariable("CHORUS_BINARY_DIR") + QStringLiteral("/server/chorus-server");
        QVERIFY2(QFileInfo::exists(binary), qPrintable(binary + u" is not built"_s));
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(binary, { QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY(p.waitForStarted());
        QVERIFY(TestClient::waitFor([&] { return p.canReadLine(); }, 10000));
        const QString line = QString::fromUtf8(p.readLine()).trimmed();
        QVERIFY2(line.startsWith(QStringLiteral("listening on ws://127.0.0.1:")), qPrintable(line));
        const QUrl url(line.mid(QStringLiteral("listening on ").size()));
        const auto port = quint16(url.port());
        const QByteArray self = "127.0.0.1:" + QByteArray::number(port);
        QCOMPARE(rawUpgrade(port, originHeaders("https://evil.example", self)).closeCode, 1008);
        QCOMPARE(rawUpgrade(port, originHeaders("http://localhost:8000", self)).closeCode, 1008);
        TestClient app;
        QVERIFY(app.open(url, QStringLiteral("doc")));
        QVERIFY(app.waitForCount<Protocol::SyncStep1>(1));
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
    }

    // The N+1th connection from one address is closed with 1013; the others are untouched, and
    // a slot frees when one leaves.
    void connectionsPerAddress_data() { addTransports(); }
    void connectionsPerAddress()
    {
        QFETCH(bool, qt);
        Host::ServerOptions options;
        options.maxConnectionsPerAddress = 3;
        options.limitLoopbackPerAddress = true; // the test has only 127.0.0.1
        auto server = startServer(options, qt);
        QVERIFY(server);
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<TestClient>());
            QVERIFY(clients.back()->open(server->url(), QStringLiteral("doc")));
            QVERIFY(clients.back()->waitForCount<Protocol::SyncStep1>(1));
        }
        QCOMPARE(rawCloseCode(server->port(), "doc"), 1013);
        clients.front()->socket.close();
        QVERIFY(TestClient::waitFor([&] { return server->connectionCount() == 2; }));
        TestClient again;
        QVERIFY(again.open(server->url(), QStringLiteral("doc")));
        QVERIFY(again.waitForCount<Protocol::SyncStep1>(1));
        for (const auto &c : clients) {
            QVERIFY(c.get() == clients.front().get() || !c->closed);
        }
    }

    // Handshakes under way from one address: the one over the limit gets HTTP 429 at once, and
    // a real client gets in once the stalled ones are gone.
    void handshakesPerAddress_data() { addTransports(); }
    void handshakesPerAddress()
    {
        QFETCH(bool, qt);
        Host::ServerOptions options;
        options.maxHandshakesPerAddress = 2;
        options.limitLoopbackPerAddress = true;
        auto server = startServer(options, qt);
        QVERIFY(server);
        QTcpSocket stalled[2];
        for (QTcpSocket &s : stalled) {
            s.connectToHost(QHostAddress::LocalHost, server->port());
            QVERIFY(s.waitForConnected(5000));
            s.write("GET /doc HTTP/1.1\r\n"); // and never the rest
        }
        QTest::qWait(200); // the host accepts them
        const RawResult refused = rawUpgrade(server->port(), originHeaders({}, "127.0.0.1"));
        QCOMPARE(refused.status, 429);
        for (QTcpSocket &s : stalled) {
            s.abort();
        }
        QTest::qWait(200);
        TestClient app;
        QVERIFY(app.open(server->url(), QStringLiteral("doc")));
        QVERIFY(app.waitForCount<Protocol::SyncStep1>(1));
    }

    // New rooms count against a limit: a guest cannot fill the disk (and the index) with room
    // names; documents already stored always open, also after a restart.
    void newDocumentsCountAgainstALimit()
    {
        QTemporaryDir dir;
        Host::ServerOptions options;
        options.dataDir = dir.path();
        options.maxDocuments = 2;
        for (int run = 0; run < 2; ++run) {
            auto server = startServer(options, false);
            QVERIFY(server);
            TestClient a, b;
            QVERIFY(a.open(server->url(), QStringLiteral("one")));
            QVERIFY(a.waitForCount<Protocol::SyncStep1>(1));
            QVERIFY(b.open(server->url(), QStringLiteral("two")));
            QVERIFY(b.waitForCount<Protocol::SyncStep1>(1));
            QCOMPARE(rawCloseCode(server->port(), "three"), 1013);
            QCOMPARE(server->documentNames().size(), 2);
            TestClient again; // an existing document still opens
            QVERIFY(again.open(server->url(), QStringLiteral("one")));
            QVERIFY(again.waitForCount<Protocol::SyncStep1>(1));
        }
    }

    // Documents are on disk for the user's eyes only: database, WAL and shared-memory file.
    void databaseFilesAreOwnerOnly()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        Host::ServerOptions options;
        options.dataDir = data;
        auto server = startServer(options, false);
        QVERIFY(server);
        TestClient a;
        QVERIFY(a.open(server->url(), QStringLiteral("doc")));
        a.send(Protocol::encodeSyncUpdate(mapSetUpdate(7, 0, u"k"_s, u"v"_s)));
        QVERIFY(TestClient::waitFor([&] { return server->documentNames().contains(u"doc"_s); }));
        QCOMPARE(modeOf(data), 0700);
        const QStringList files = QDir(data).entryList(QDir::Files);
        QVERIFY2(files.contains(u"chorus.sqlite"_s), qPrintable(files.join(u' ')));
        QVERIFY2(files.contains(u"chorus.sqlite-wal"_s), qPrintable(files.join(u' ')));
        for (const QString &f : files) {
            QVERIFY2(modeOf(QDir(data).filePath(f)) == 0600, qPrintable(f));
        }
    }
};

QTEST_GUILESS_MAIN(tst_Origin)
#include "tst_origin.moc"
