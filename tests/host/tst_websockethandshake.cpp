// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The RFC 6455 opening handshake (WebSocketHandshake) without sockets: every expectation is
// written from the RFC, with a test-side accept value that shares nothing with the code under test.
#include "websockettestdata.h"

class tst_WebSocketHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- WebSocketHandshake ----

    void acceptValue()
    {
        // RFC 6455 §1.3 sample (the brief's "s3pPLMBiTxaQ9kYGzCzhWo=" is a truncated copy).
        QCOMPARE(WebSocketHandshake::acceptValue(SampleKey),
                 QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        // And another key, against SHA-1(key + GUID) computed here.
        const QByteArray key = "x3JJHMbDL1EzLkh9GBhXDw==";
        QCOMPARE(WebSocketHandshake::acceptValue(key),
                 QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                          QCryptographicHash::Sha1)
                     .toBase64());
    }

    void acceptResponse()
    {
        const QByteArray plain = WebSocketHandshake::acceptResponse(SampleKey, {});
        QVERIFY(plain.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QVERIFY(plain.contains("\r\nUpgrade: websocket\r\n"));
        QVERIFY(plain.contains("\r\nConnection: Upgrade\r\n"));
        QVERIFY(plain.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(!plain.contains("Sec-WebSocket-Protocol"));
        QVERIFY(plain.endsWith("\r\n\r\n"));
        QCOMPARE(plain.count("\r\n\r\n"), 1);
        const QByteArray chorus = WebSocketHandshake::acceptResponse(SampleKey, u"chorus.1"_s);
        QVERIFY(chorus.contains("\r\nSec-WebSocket-Protocol: chorus.1\r\n"));
        QVERIFY(chorus.endsWith("\r\n\r\n"));
    }

    void parse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("status"); // Failed: the HTTP status
        QTest::addColumn<QByteArray>("responseHas"); // Failed: a header line the response holds
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<QStringList>("subprotocols");
        QTest::addColumn<int>("consumed"); // Done; -1: the whole input

        const auto done
            = [](const char *name, const QByteArray &in, const QString &path,
                 const QString &origin = {}, const QStringList &protocols = {}, int consumed = -1) {
                  QTest::newRow(name) << in << int(HState::Done) << 0 << QByteArray() << path
                                      << origin << protocols << consumed;
              };
        const auto fail
            = [](const char *name, const QByteArray &in, int status, const QByteArray &has = {}) {
                  QTest::newRow(name) << in << int(HState::Failed) << status << has << QString()
                                      << QString() << QStringList() << 0;
              };
        // Valid HTTP without an upgrade: the host may serve its web editor; `status` is the
        // answer of a host that does not.
        const auto plain
            = [](const char *name, const QByteArray &in, int status, const QByteArray &has = {}) {
                  QTest::newRow(name) << in << int(HState::PlainHttp) << status << has << QString()
                                      << QString() << QStringList() << 0;
              };

        done("valid", request("/room"), u"/room"_s);
        done("valid with origin and subprotocols",
             request("/room",
                     "Origin: https://example.com\r\n"
                     "Sec-WebSocket-Protocol: chorus.1, other\r\n"),
             u"/room"_s, u"https://example.com"_s, { u"chorus.1"_s, u"other"_s });
        done("subprotocol headers repeated",
             request("/r", "Sec-WebSocket-Protocol: a ,b\r\nSec-WebSocket-Protocol: c\r\n"),
             u"/r"_s, {}, { u"a"_s, u"b"_s, u"c"_s });
        {
            const QByteArray req = request("/room");
            const QByteArray frame = clientFrame(2, "hello");
            done("pipelined bytes after the blank line", req + frame, u"/room"_s, {}, {},
                 int(req.size()));
            done("pipelined CRLFs after the blank line", req + "\r\n\r\n", u"/room"_s, {}, {},
                 int(req.size()));
        }
        done("path percent-encoded, query dropped", request("/docs/a%20b%2Fc?x=1&y=%2F"),
             u"/docs/a%20b%2Fc"_s);
        done("root path", request("/"), u"/"_s);
        done("case-insensitive names and tokens",
             requestFrom("GET /ci HTTP/1.1",
                         { "host: x", "UPGRADE: WebSocket", "connection: keep-alive, Upgrade",
                           "sec-websocket-key: " + SampleKey, "SEC-WEBSOCKET-VERSION: 13",
                           "oRiGiN: http://o" }),
             u"/ci"_s, u"http://o"_s);
        done("Connection split over two headers",
             requestFrom(
                 "GET /two HTTP/1.1",
                 { UpgradeH, "Connection: keep-alive", "Connection: upgrade", KeyH, VersionH }),
             u"/two"_s);
        done("no optional whitespace",
             requestFrom("GET /ows HTTP/1.1",
                         { "Upgrade:websocket", "Connection:Upgrade",
                           "Sec-WebSocket-Key:" + SampleKey, "Sec-WebSocket-Version:13" }),
             u"/ows"_s);
        done("absolute-form target", request("ws://example.com:1234/room/x?q=1"), u"/room/x"_s);
        done("absolute-form target without a path", request("http://example.com"), u"/"_s);
        {
            // Exactly MaxRequestBytes with the blank line: still accepted.
            const QByteArray base = request("/big", "X-Pad: \r\n");
            const QByteArray padded = request(
                "/big",
                "X-Pad: " + QByteArray(WebSocketHandshake::MaxRequestBytes - base.size(), 'p')
                    + "\r\n");
            QCOMPARE(padded.size(), WebSocketHandshake::MaxRequestBytes);
            done("exactly the size limit", padded, u"/big"_s);
            const QByteArray over = request(
                "/big",
                "X-Pad: " + QByteArray(WebSocketHandshake::MaxRequestBytes - base.size() + 1, 'p')
                    + "\r\n");
            fail("one byte over the size limit", over, 431);
        }
        fail("oversize header (9 KB)", request("/big", "X-Pad: " + QByteArray(9000, 'p') + "\r\n"),
             431);
        fail("8 KB without a blank line", "GET /x HTTP/1.1\r\nX-Pad: " + QByteArray(8200, 'p'),
             431);
        fail("POST", requestFrom("POST /room HTTP/1.1", { UpgradeH, ConnectionH, KeyH, VersionH }),
             405, "Allow: GET");
        fail("HTTP/1.0",
             requestFrom("GET /room HTTP/1.0", { UpgradeH, ConnectionH, KeyH, VersionH }), 505);
        fail("HTTP/2.0",
             requestFrom("GET /room HTTP/2.0", { UpgradeH, ConnectionH, KeyH, VersionH }), 400);
        plain("missing Upgrade", requestFrom("GET /room HTTP/1.1", { ConnectionH, KeyH, VersionH }),
              426, "Upgrade: websocket");
        fail("missing Connection", requestFrom("GET /room HTTP/1.1", { UpgradeH, KeyH, VersionH }),
             426, "Upgrade: websocket");
        plain("Upgrade: h2c",
              requestFrom("GET /room HTTP/1.1", { "Upgrade: h2c", ConnectionH, KeyH, VersionH }),
              426);
        fail("Connection: keep-alive only",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, "Connection: keep-alive", KeyH, VersionH }),
             426);
        plain(
            "browser GET",
            requestFrom("GET / HTTP/1.1",
                        { "Host: 127.0.0.1:1234", "Accept: text/html", "Connection: keep-alive" }),
            426, "Sec-WebSocket-Version: 13");
        plain("browser HEAD", requestFrom("HEAD /?doc=a HTTP/1.1", { "Host: 127.0.0.1:1234" }), 405,
              "Allow: GET");
        plain("POST without upgrade", requestFrom("POST / HTTP/1.1", { "Content-Length: 0" }), 405,
              "Allow: GET");
        fail("version 12",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, ConnectionH, KeyH, "Sec-WebSocket-Version: 12" }),
             426, "Sec-WebSocket-Version: 13");
        fail("missing version", requestFrom("GET /room HTTP/1.1", { UpgradeH, ConnectionH, KeyH }),
             426, "Sec-WebSocket-Version: 13");
        fail("missing key", requestFrom("GET /room HTTP/1.1", { UpgradeH, ConnectionH, VersionH }),
             400);
        fail("key of 12 bytes",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, ConnectionH,
                           "Sec-WebSocket-Key: " + QByteArray(12, 'k').toBase64(), VersionH }),
             400);
        fail("key of 20 bytes",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, ConnectionH,
                           "Sec-WebSocket-Key: " + QByteArray(20, 'k').toBase64(), VersionH }),
             400);
        fail("duplicate key",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, ConnectionH, KeyH,
                           "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==", VersionH }),
             400);
        fail("LF-only line endings", QByteArray(request("/room")).replace("\r\n", "\n"), 400);
        fail("one header line ending in LF only",
             "GET /room HTTP/1.1\r\nHost: x\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: "
                 + SampleKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n",
             400);
        fail("header without a colon",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, ConnectionH, KeyH, VersionH, "X-Broken" }),
             400);
        fail("header with an empty name",
             requestFrom("GET /room HTTP/1.1", { UpgradeH, ConnectionH, KeyH, VersionH, ": x" }),
             400);
        fail("space before the colon",
             requestFrom("GET /room HTTP/1.1",
                         { "Upgrade : websocket", ConnectionH, KeyH, VersionH }),
             400);
        fail("request line with two parts",
             requestFrom("GET /room", { UpgradeH, ConnectionH, KeyH, VersionH }), 400);
        fail("request line with four parts",
             requestFrom("GET /a b HTTP/1.1", { UpgradeH, ConnectionH, KeyH, VersionH }), 400);
        fail("empty request", "\r\n\r\n", 400);
        fail("key with characters outside base64",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, ConnectionH,
                           "Sec-WebSocket-Key: !!!!dGhlIHNhbXBsZSBub25jZQ==", VersionH }),
             400);
        fail("asterisk target",
             requestFrom("GET * HTTP/1.1", { UpgradeH, ConnectionH, KeyH, VersionH }), 400);
    }

    void parse()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, state);
        QFETCH(int, status);
        QFETCH(QByteArray, responseHas);
        QFETCH(QString, path);
        QFETCH(QString, origin);
        QFETCH(QStringList, subprotocols);
        QFETCH(int, consumed);

        const WebSocketHandshake::Result r = WebSocketHandshake::parse(input);
        QCOMPARE(int(r.state), state);
        if (r.state == HState::Done) {
            QCOMPARE(r.consumed, consumed < 0 ? input.size() : qsizetype(consumed));
            QCOMPARE(r.request.path, path);
            QCOMPARE(r.request.origin, origin);
            QCOMPARE(r.request.subprotocols, subprotocols);
            QCOMPARE(r.request.key, SampleKey);
            QVERIFY(r.errorResponse.isEmpty());
            return;
        }
        // A whole HTTP response that a person can read: status line, Content-Length matching
        // the body, Connection: close.
        const QByteArray &resp = r.errorResponse;
        QVERIFY2(resp.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')),
                 resp.constData());
        const qsizetype end = resp.indexOf("\r\n\r\n");
        QVERIFY(end > 0);
        const QByteArray head = resp.first(end + 2);
        const QByteArray body = resp.mid(end + 4);
        QVERIFY(body.size() > 10);
        QVERIFY(head.contains(
            QByteArray("\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n")));
        QVERIFY(head.contains("\r\nConnection: close\r\n"));
        QVERIFY(head.contains("\r\nContent-Type: text/plain"));
        if (!responseHas.isEmpty()) {
            QVERIFY2(head.contains(QByteArray("\r\n" + responseHas + "\r\n")), head.constData());
        }
    }

    // Every strict prefix of a valid request (with or without pipelined bytes) needs more.
    void parseNeedsMoreOnEveryPrefix()
    {
        const QByteArray full = request("/room/prefix",
                                        "Origin: http://example.com\r\n"
                                        "Sec-WebSocket-Protocol: chorus.1\r\n");
        for (qsizetype n = 0; n < full.size(); ++n) {
            const WebSocketHandshake::Result r = WebSocketHandshake::parse(full.first(n));
            QVERIFY2(r.state == HState::NeedMore, qPrintable(QString::number(n)));
            QCOMPARE(r.consumed, 0);
            QVERIFY(r.errorResponse.isEmpty());
        }
        const WebSocketHandshake::Result r = WebSocketHandshake::parse(full);
        QCOMPARE(int(r.state), int(HState::Done));
        QCOMPARE(r.consumed, full.size());
    }

    void mutatedRequestsAlwaysGetAVerdict()
    {
        std::mt19937 rng(7);
        for (int round = 0; round < 5000; ++round) {
            QByteArray req = request("/room/" + QByteArray::number(round));
            for (int m = int(rng() % 3); m > 0; --m) {
                req[rng() % req.size()] = char(rng());
            }
            if (rng() % 5 == 0) {
                req.truncate(qsizetype(rng() % req.size()));
            }
            const auto r = WebSocketHandshake::parse(req);
            switch (r.state) {
            case HState::Done:
                QVERIFY(r.consumed <= req.size());
                QVERIFY(r.request.path.startsWith(u'/'));
                QCOMPARE(QByteArray::fromBase64(r.request.key).size(), qsizetype(16));
                break;
            case HState::PlainHttp:
                QVERIFY(!r.request.method.isEmpty());
                QVERIFY(r.request.path.startsWith(u'/'));
                Q_FALLTHROUGH();
            case HState::Failed:
                QVERIFY2(r.errorResponse.startsWith("HTTP/1.1 4")
                             || r.errorResponse.startsWith("HTTP/1.1 5"),
                         r.errorResponse.constData());
                break;
            case HState::NeedMore:
                QVERIFY(!req.contains("\r\n\r\n"));
                QVERIFY(req.size() < WebSocketHandshake::MaxRequestBytes);
                break;
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_WebSocketHandshake)
#include "tst_websockethandshake.moc"
