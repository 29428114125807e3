// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The web editor a host serves at its HTTP root (WebEditorPage, issue 15), on the wire: raw TCP
// clients send HTTP requests to an in-process host on both transports (native epoll and
// QtWebSockets) and read the whole response — status, headers, body, and that the host closed
// with a FIN. After each request a WebSocket client still joins through the same port.
#include "host/serveroptions.h"
#include "host/transport/webeditorpage.h"
#include "rawwebsocketclient.h"

class tst_WebEditorPage : public QObject
{
    Q_OBJECT

    using Transport = Host::ServerOptions::Transport;

    static std::unique_ptr<Host::Server> startServer(Transport transport, bool serveWebEditor)
    {
        Host::ServerOptions options;
        options.transport = transport;
        options.bind = QHostAddress::LocalHost;
        options.port = 0;
        options.handshakeTimeoutMs = 1000;
        options.serveWebEditor = serveWebEditor;
        auto server = std::make_unique<Host::Server>(options);
        return server->start() ? std::move(server) : nullptr;
    }

    static void addTransportColumn() { QTest::addColumn<int>("transport"); }

    // Sends `request` and reads until the host closed the connection.
    static bool exchange(RawClient &c, quint16 port, const QByteArray &request)
    {
        return c.connectTo(port) && c.write(request) && c.waitEnded(5000) && !c.reset();
    }

    static QByteArray get(const QByteArray &method, const QByteArray &target,
                          const QByteArray &extra = {})
    {
        return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n" + extra
            + "\r\n";
    }

    // A WebSocket client joins a room through the same port and gets the host's SyncStep1.
    static bool webSocketStillWorks(quint16 port)
    {
        RawClient ws;
        return ws.handshake(port, "after-http") && ws.waitMessages<Protocol::SyncStep1>(1)
            && ws.closeCleanly();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(Host::WebEditorPage::isBuilt(),
                 "the web editor is not in this build (node/npm missing at configure time)");
    }

    void requests_data()
    {
        QTest::addColumn<int>("transport");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType"); // prefix; empty: not checked
        QTest::addColumn<QByteArray>("bodyHas"); // empty: no body expected
        struct Row
        {
            const char *name;
            QByteArray request;
            int status;
            QByteArray contentType;
            QByteArray bodyHas;
        };
        const QList<Row> rows = {
            { "GET /", get("GET", "/"), 200, "text/html", "id=\"editor\"" },
            { "GET /?doc=notes.md", get("GET", "/?doc=notes.md"), 200, "text/html", "<title>" },
            { "GET /index.html", get("GET", "/index.html"), 200, "text/html", "editor.js" },
            { "script", get("GET", "/assets/editor.js"), 200, "text/javascript", "chorus.1" },
            { "style sheet", get("GET", "/assets/editor.css"), 200, "text/css", ".cm-ySelection" },
            { "icon", get("GET", "/assets/icon.svg"), 200, "image/svg+xml", "<svg" },
            { "HEAD /", get("HEAD", "/"), 200, "text/html", {} },
            { "unknown path", get("GET", "/room-name"), 404, "text/plain", "Not found" },
            { "unknown asset", get("GET", "/assets/nope.js"), 404, "text/plain", "Not found" },
            { "assets folder", get("GET", "/assets/"), 404, "text/plain", "Not found" },
            { "traversal", get("GET", "/assets/../index.html"), 404, "text/plain", "Not found" },
            { "encoded traversal", get("GET", "/..%2f..%2fetc%2fpasswd"), 404, "text/plain",
              "Not found" },
            { "dot segments", get("GET", "/%2e%2e/%2e%2e/etc/passwd"), 404, "text/plain",
              "Not found" },
            { "resource path", get("GET", "/:/chorus-web/index.html"), 404, "text/plain",
              "Not found" },
            { "POST", get("POST", "/", "Content-Length: 0\r\n"), 405, "text/plain", "GET" },
            { "PUT", get("PUT", "/assets/editor.js", "Content-Length: 0\r\n"), 405, "text/plain",
              "GET" },
            { "DELETE", get("DELETE", "/"), 405, "text/plain", "GET" },
        };
        for (Transport t : { Transport::Native, Transport::Qt }) {
#ifndef CHORUS_HAVE_EPOLL
            if (t == Transport::Native) {
                continue;
            }
#endif
            for (const Row &row : rows) {
                QTest::addRow("%s: %s", t == Transport::Native ? "native" : "qt", row.name)
                    << int(t) << row.request << row.status << row.contentType << row.bodyHas;
            }
        }
    }

    void requests()
    {
        QFETCH(int, transport);
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, bodyHas);
        const auto server = startServer(Transport(transport), true);
        QVERIFY(server);
        RawClient c;
        QVERIFY(exchange(c, server->port(), request));
        QCOMPARE(c.status(), status);
        QCOMPARE(c.header("Connection"), QByteArray("close"));
        QVERIFY2(c.header("Content-Type").startsWith(contentType), c.responseHead().constData());
        QCOMPARE(c.header("X-Content-Type-Options"), QByteArray("nosniff"));
        const qsizetype length = c.header("Content-Length").toLongLong();
        if (bodyHas.isEmpty()) {
            QCOMPARE(c.body().size(), 0); // HEAD: the length of what GET would send, no body
            QVERIFY(length > 100);
        } else {
            QCOMPARE(c.body().size(), length);
            QVERIFY2(c.body().contains(bodyHas), c.body().left(200).constData());
        }
        if (status == 200) {
            QVERIFY(!c.header("ETag").isEmpty());
            QCOMPARE(c.header("Cache-Control"), QByteArray("no-cache"));
            QVERIFY(c.header("Content-Security-Policy").contains("default-src 'self'"));
        }
        if (status == 405) {
            QCOMPARE(c.header("Allow"), QByteArray("GET, HEAD"));
        }
        QVERIFY(webSocketStillWorks(server->port()));
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
    }

    void etagRevalidates_data()
    {
        addTransportColumn();
        QTest::newRow("native") << int(Transport::Native);
        QTest::newRow("qt") << int(Transport::Qt);
    }

    void etagRevalidates()
    {
        QFETCH(int, transport);
#ifndef CHORUS_HAVE_EPOLL
        if (Transport(transport) == Transport::Native) {
            QSKIP("no native transport on this system");
        }
#endif
        const auto server = startServer(Transport(transport), true);
        QVERIFY(server);
        RawClient first;
        QVERIFY(exchange(first, server->port(), get("GET", "/assets/editor.js")));
        const QByteArray etag = first.header("ETag");
        QVERIFY(etag.startsWith('"') && etag.endsWith('"'));
        RawClient again;
        QVERIFY(exchange(again, server->port(),
                         get("GET", "/assets/editor.js", "If-None-Match: " + etag + "\r\n")));
        QCOMPARE(again.status(), 304);
        QCOMPARE(again.body().size(), 0);
        RawClient other;
        QVERIFY(exchange(other, server->port(),
                         get("GET", "/assets/editor.js", "If-None-Match: \"stale\"\r\n")));
        QCOMPARE(other.status(), 200);
    }

    // --no-web (and the app's host unless browser guests are allowed): a browser gets the 426
    // that says this is a WebSocket endpoint, and no file.
    void noWebAnswers426_data() { etagRevalidates_data(); }

    void noWebAnswers426()
    {
        QFETCH(int, transport);
#ifndef CHORUS_HAVE_EPOLL
        if (Transport(transport) == Transport::Native) {
            QSKIP("no native transport on this system");
        }
#endif
        const auto server = startServer(Transport(transport), false);
        QVERIFY(server);
        RawClient c;
        QVERIFY(c.connectTo(server->port()));
        QVERIFY(c.write(get("GET", "/assets/editor.js")));
        QVERIFY(c.waitResponse());
        QVERIFY(c.waitEnded(5000));
        QCOMPARE(c.status(), 426);
        QVERIFY(!c.body().contains("function"));
        QVERIFY(webSocketStillWorks(server->port()));
    }

    // A request that never ends costs its connection only, on both transports.
    void slowRequestIsDropped_data() { etagRevalidates_data(); }

    void slowRequestIsDropped()
    {
        QFETCH(int, transport);
#ifndef CHORUS_HAVE_EPOLL
        if (Transport(transport) == Transport::Native) {
            QSKIP("no native transport on this system");
        }
#endif
        const auto server = startServer(Transport(transport), true);
        QVERIFY(server);
        RawClient c;
        QVERIFY(c.connectTo(server->port()));
        QVERIFY(c.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        QVERIFY(webSocketStillWorks(server->port()));
        QVERIFY(c.waitEnded(4000)); // the handshake timeout is 1 s
        QVERIFY(c.body().isEmpty());
    }

    void optionNoWeb()
    {
        int exitCode = 0;
        auto options = Host::ServerOptions::parse({ u"chorus-server"_s }, &exitCode);
        QCOMPARE(exitCode, -1);
        QVERIFY(options.serveWebEditor);
        options = Host::ServerOptions::parse({ u"chorus-server"_s, u"--no-web"_s }, &exitCode);
        QCOMPARE(exitCode, -1);
        QVERIFY(!options.serveWebEditor);
    }
};

QTEST_GUILESS_MAIN(tst_WebEditorPage)
#include "tst_webeditorpage.moc"
