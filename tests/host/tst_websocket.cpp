// The native transport's pure parts, without sockets: the RFC 6455 opening handshake
// (WebSocketHandshake), reading client frames (WebSocketFrameReader) and writing server frames
// (WebSocketFrame). Every expectation is written from the RFC, with test-side reference code
// (masking, accept value) that shares nothing with the code under test.
#include "host/websocketframe.h"
#include "host/websocketframereader.h"
#include "host/websockethandshake.h"

#include <QCryptographicHash>
#include <QTest>

#include <cstring>
#include <limits>
#include <random>

using namespace Chorus::Host;
using namespace Qt::StringLiterals;

namespace {

using HState = WebSocketHandshake::Result::State;
using Kind = WebSocketFrameReader::Frame::Kind;

const QByteArray SampleKey = QByteArrayLiteral("dGhlIHNhbXBsZSBub25jZQ==");

// A valid upgrade request with `extra` header lines (each ending in CRLF) before the blank line.
QByteArray request(const QByteArray &target = "/room", const QByteArray &extra = {})
{
    return "GET " + target
        + " HTTP/1.1\r\nHost: 127.0.0.1:1234\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: "
        + SampleKey + "\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
}

// A request from header lines given whole (for rows that leave out or change a standard one).
QByteArray requestFrom(const QByteArray &requestLine, const QList<QByteArray> &headers)
{
    QByteArray out = requestLine + "\r\n";
    for (const QByteArray &h : headers) {
        out += h + "\r\n";
    }
    return out + "\r\n";
}

const QByteArray UpgradeH = "Upgrade: websocket";
const QByteArray ConnectionH = "Connection: Upgrade";
const QByteArray KeyH = "Sec-WebSocket-Key: " + SampleKey;
const QByteArray VersionH = "Sec-WebSocket-Version: 13";

enum class LengthForm { Auto, Short, Medium, Long };

// A client frame as RFC 6455 §5.2 lays it out, built here by hand. `declared` (when >= 0)
// overrides the length written in the header (the payload is still `payload`).
QByteArray clientFrame(int opcode, const QByteArray &payload, bool fin = true, bool mask = true,
                       int rsv = 0, LengthForm form = LengthForm::Auto, qint64 declared = -1,
                       QByteArray key = QByteArrayLiteral("\x37\xfa\x21\x3d"))
{
    const quint64 len = declared >= 0 ? quint64(declared) : quint64(payload.size());
    if (form == LengthForm::Auto) {
        form = len < 126    ? LengthForm::Short
            : len <= 0xffff ? LengthForm::Medium
                            : LengthForm::Long;
    }
    QByteArray f;
    f.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    const int maskBit = mask ? 0x80 : 0;
    switch (form) {
    case LengthForm::Short: f.append(char(maskBit | int(len))); break;
    case LengthForm::Medium:
        f.append(char(maskBit | 126));
        f.append(char(len >> 8));
        f.append(char(len & 0xff));
        break;
    case LengthForm::Long:
    case LengthForm::Auto:
        f.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8) {
            f.append(char((len >> shift) & 0xff));
        }
        break;
    }
    QByteArray body = payload;
    if (mask) {
        f.append(key);
        for (qsizetype i = 0; i < body.size(); ++i) {
            body[i] = char(body[i] ^ key[i % 4]);
        }
    }
    return f + body;
}

QByteArray closeBody(int code, const QByteArray &reason = {})
{
    QByteArray b;
    b.append(char(code >> 8));
    b.append(char(code & 0xff));
    return b + reason;
}

QByteArray pattern(qsizetype n, int seed = 0)
{
    QByteArray out(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i) {
        out[i] = char((i * 131 + seed * 7 + (i >> 8)) & 0xff);
    }
    return out;
}

// Trace tokens: one per frame read, so rows state a whole exchange in one string.
QString messageToken(const QByteArray &payload)
{
    if (payload.size() <= 16) {
        return QStringLiteral("msg:") + QString::fromLatin1(payload.toHex());
    }
    return QStringLiteral("msg#%1@%2")
        .arg(payload.size())
        .arg(QString::fromLatin1(
            QCryptographicHash::hash(payload, QCryptographicHash::Sha1).toHex().left(8)));
}

QString frameToken(const WebSocketFrameReader::Frame &f)
{
    switch (f.kind) {
    case Kind::NeedMore: return QStringLiteral("more");
    case Kind::Message: return messageToken(f.payload);
    case Kind::Ping: return QStringLiteral("ping:") + QString::fromLatin1(f.payload.toHex());
    case Kind::Pong: return QStringLiteral("pong");
    case Kind::Close: return QStringLiteral("close:%1:%2").arg(f.code).arg(f.reason);
    case Kind::Fragment: return QStringLiteral("frag");
    case Kind::Error: return QStringLiteral("error:%1").arg(f.code);
    }
    return QStringLiteral("?");
}

// Reads `stream` to its end (or an error / an unfinished frame) with one reader.
QString readAll(WebSocketFrameReader &reader, const QByteArray &stream,
                qsizetype *usedOut = nullptr)
{
    QStringList tokens;
    qsizetype used = 0;
    while (used < stream.size()) {
        const WebSocketFrameReader::Frame f = reader.next(QByteArrayView(stream).sliced(used));
        if (f.kind == Kind::NeedMore) {
            if (f.consumed != 0) {
                tokens.append(QStringLiteral("BADCONSUMED"));
            }
            tokens.append(frameToken(f));
            break;
        }
        tokens.append(frameToken(f));
        if (f.kind == Kind::Error) {
            break;
        }
        if (f.consumed <= 0) {
            tokens.append(QStringLiteral("NOPROGRESS"));
            break;
        }
        used += f.consumed;
    }
    if (usedOut) {
        *usedOut = used;
    }
    return tokens.join(u' ');
}

// The reference: RFC 6455 §5.3, byte by byte.
QByteArray referenceUnmask(QByteArrayView masked, const QByteArray &key)
{
    QByteArray out(masked.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < masked.size(); ++i) {
        out[i] = char(masked[i] ^ key[i % 4]);
    }
    return out;
}

bool isValidUtf8(const QByteArray &bytes)
{
    // A strict decoder, written here from RFC 3629 (no overlongs, no surrogates, <= U+10FFFF).
    qsizetype i = 0;
    while (i < bytes.size()) {
        const quint8 c = quint8(bytes[i]);
        int n = 0;
        quint32 cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= bytes.size()) {
            return false; // truncated
        }
        for (int k = 1; k <= n; ++k) {
            const quint8 d = quint8(bytes[i + k]);
            if ((d & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (d & 0x3F);
        }
        static constexpr quint32 minimum[] = { 0, 0x80, 0x800, 0x10000 };
        if (cp < minimum[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += n + 1;
    }
    return true;
}

} // namespace

class tst_WebSocket : public QObject
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
        fail("missing Upgrade", requestFrom("GET /room HTTP/1.1", { ConnectionH, KeyH, VersionH }),
             426, "Upgrade: websocket");
        fail("missing Connection", requestFrom("GET /room HTTP/1.1", { UpgradeH, KeyH, VersionH }),
             426, "Upgrade: websocket");
        fail("Upgrade: h2c",
             requestFrom("GET /room HTTP/1.1", { "Upgrade: h2c", ConnectionH, KeyH, VersionH }),
             426);
        fail("Connection: keep-alive only",
             requestFrom("GET /room HTTP/1.1",
                         { UpgradeH, "Connection: keep-alive", KeyH, VersionH }),
             426);
        fail("browser GET",
             requestFrom("GET / HTTP/1.1",
                         { "Host: 127.0.0.1:1234", "Accept: text/html", "Connection: keep-alive" }),
             426, "Sec-WebSocket-Version: 13");
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

    // ---- WebSocketFrameReader ----

    void reader_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<QString>("trace");

        const qint64 defaultMax = WebSocketFrameReader().maxMessageBytes();
        const auto row = [&](const char *name, const QByteArray &stream, const QString &trace,
                             qint64 max = -1) {
            QTest::newRow(name) << stream << (max < 0 ? defaultMax : max) << trace;
        };
        const auto msg = [](const QByteArray &p) { return messageToken(p); };

        row("binary empty", clientFrame(2, {}), u"msg:"_s);
        row("binary small", clientFrame(2, "hello"), msg("hello"));
        row("binary 125", clientFrame(2, pattern(125)), msg(pattern(125)));
        row("binary 126 (16-bit form)", clientFrame(2, pattern(126)), msg(pattern(126)));
        row("binary 65535 (16-bit form)", clientFrame(2, pattern(65535)), msg(pattern(65535)));
        row("binary 65536 (64-bit form)", clientFrame(2, pattern(65536)), msg(pattern(65536)));
        row("binary 200000 (64-bit form)", clientFrame(2, pattern(200000, 3)),
            msg(pattern(200000, 3)));
        row("two messages back to back", clientFrame(2, "ab") + clientFrame(2, "cd"),
            msg("ab") + u' ' + msg("cd"));
        row("unmasked binary", clientFrame(2, "x", true, false), u"error:1002"_s);
        row("unmasked ping", clientFrame(9, "x", true, false), u"error:1002"_s);
        row("unmasked close", clientFrame(8, closeBody(1000), true, false), u"error:1002"_s);
        row("RSV1", clientFrame(2, "x", true, true, 4), u"error:1002"_s);
        row("RSV2", clientFrame(2, "x", true, true, 2), u"error:1002"_s);
        row("RSV3", clientFrame(2, "x", true, true, 1), u"error:1002"_s);
        row("RSV on a ping", clientFrame(9, "x", true, true, 4), u"error:1002"_s);
        for (int op : { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF }) {
            QTest::addRow("opcode 0x%X", op)
                << clientFrame(op, "x") << defaultMax << u"error:1002"_s;
        }
        row("text", clientFrame(1, "hi"), u"error:1003"_s);
        row("text, first fragment", clientFrame(1, "hi", false), u"error:1003"_s);
        row("text, empty", clientFrame(1, {}), u"error:1003"_s);
        row("ping 125", clientFrame(9, pattern(125)),
            u"ping:"_s + QString::fromLatin1(pattern(125).toHex()));
        row("ping empty", clientFrame(9, {}), u"ping:"_s);
        row("ping 126", clientFrame(9, pattern(126)), u"error:1002"_s);
        row("ping 126 declared in the 7-bit form",
            clientFrame(9, {}, true, true, 0, LengthForm::Short, 126), u"error:1002"_s);
        row("pong 200", clientFrame(0xA, pattern(200)), u"error:1002"_s);
        row("close 126", clientFrame(8, closeBody(1000, pattern(124))), u"error:1002"_s);
        row("ping not final", clientFrame(9, "p", false), u"error:1002"_s);
        row("pong not final", clientFrame(0xA, "p", false), u"error:1002"_s);
        row("close not final", clientFrame(8, closeBody(1000), false), u"error:1002"_s);
        row("pong", clientFrame(0xA, "abc"), u"pong"_s);
        row("continuation without a start", clientFrame(0, "x"), u"error:1002"_s);
        row("continuation (not final) without a start", clientFrame(0, "x", false),
            u"error:1002"_s);
        row("binary while fragmented", clientFrame(2, "a", false) + clientFrame(2, "b"),
            u"frag error:1002"_s);
        row("text while fragmented", clientFrame(2, "a", false) + clientFrame(1, "b"),
            u"frag error:1003"_s);
        row("fragmented, ping between fragments",
            clientFrame(2, "ab", false) + clientFrame(9, "p") + clientFrame(0, "cd", false)
                + clientFrame(0, "ef"),
            u"frag ping:70 frag "_s + msg("abcdef"));
        row("fragmented, empty parts",
            clientFrame(2, {}, false) + clientFrame(0, {}, false) + clientFrame(0, "z")
                + clientFrame(2, "after"),
            u"frag frag "_s + msg("z") + u' ' + msg("after"));
        row("fragmented, 16- and 64-bit parts",
            clientFrame(2, pattern(300), false) + clientFrame(0, pattern(70000, 1)),
            u"frag "_s + msg(pattern(300) + pattern(70000, 1)));
        row("fragmented, close between fragments",
            clientFrame(2, "ab", false) + clientFrame(8, closeBody(1001)), u"frag close:1001:"_s);
        // Size limit, decided from the header: the payload never needs to arrive.
        const QByteArray atLimit = clientFrame(2, pattern(1000));
        row("length = limit", atLimit, msg(pattern(1000)), 1000);
        row("length = limit, header only", atLimit.first(8), u"more"_s, 1000);
        row("length = limit + 1, header only",
            clientFrame(2, {}, true, true, 0, LengthForm::Auto, 1001), u"error:1009"_s, 1000);
        row("64-bit length 2^32, header only",
            clientFrame(2, {}, true, true, 0, LengthForm::Long, qint64(1) << 32), u"error:1009"_s);
        row("64-bit length 2^63-1, header only",
            clientFrame(2, {}, true, true, 0, LengthForm::Long, std::numeric_limits<qint64>::max()),
            u"error:1009"_s);
        {
            QByteArray top = clientFrame(2, {}, true, true, 0, LengthForm::Long, 0);
            top[2] = char(0x80); // 2^63
            row("64-bit length with the top bit set", top, u"error:1002"_s);
            QByteArray all = clientFrame(2, {}, true, true, 0, LengthForm::Long, 0);
            for (int i = 2; i < 10; ++i) {
                all[i] = char(0xff);
            }
            row("64-bit length all ones", all, u"error:1002"_s);
            QByteArray topCont = clientFrame(0, {}, true, true, 0, LengthForm::Long, 0);
            topCont[2] = char(0x80);
            row("continuation 2^63 while fragmented", clientFrame(2, "a", false) + topCont,
                u"frag error:1002"_s);
            row("continuation 2^63-1 while fragmented",
                clientFrame(2, "a", false)
                    + clientFrame(0, {}, true, true, 0, LengthForm::Long,
                                  std::numeric_limits<qint64>::max()),
                u"frag error:1009"_s);
        }
        row("fragments summing to the limit",
            clientFrame(2, pattern(600), false) + clientFrame(0, pattern(400, 2)),
            u"frag "_s + msg(pattern(600) + pattern(400, 2)), 1000);
        row("fragments summing over the limit (header only)",
            clientFrame(2, pattern(600), false)
                + clientFrame(0, {}, true, true, 0, LengthForm::Auto, 401),
            u"frag error:1009"_s, 1000);
        row("three fragments over the limit",
            clientFrame(2, pattern(400), false) + clientFrame(0, pattern(400), false)
                + clientFrame(0, pattern(201)),
            u"frag frag error:1009"_s, 1000);
        row("ping does not count toward the limit", clientFrame(9, pattern(100)),
            u"ping:"_s + QString::fromLatin1(pattern(100).toHex()), 10);
        // Close frames (RFC 6455 §5.5.1, §7.4).
        row("close empty", clientFrame(8, {}), u"close:1005:"_s);
        row("close one byte", clientFrame(8, "\x03"), u"error:1002"_s);
        for (int code : { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 }) {
            QTest::addRow("close code %d", code)
                << clientFrame(8, closeBody(code)) << defaultMax << u"error:1002"_s;
        }
        for (int code :
             { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4000, 4999 }) {
            QTest::addRow("close code %d valid", code)
                << clientFrame(8, closeBody(code)) << defaultMax << u"close:%1:"_s.arg(code);
        }
        row("close with reason", clientFrame(8, closeBody(1000, "bye")), u"close:1000:bye"_s);
        row("close with a 123-byte reason", clientFrame(8, closeBody(1000, QByteArray(123, 'r'))),
            u"close:1000:"_s + QString(123, u'r'));
        row("close reason UTF-8 (2-, 3- and 4-byte)",
            clientFrame(8, closeBody(4000, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")),
            u"close:4000:"_s + QString::fromUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
        row("close reason with a noncharacter U+FFFF",
            clientFrame(8, closeBody(1000, "\xef\xbf\xbf")),
            u"close:1000:"_s + QString::fromUtf8("\xef\xbf\xbf"));
        row("close reason starting with a BOM", clientFrame(8, closeBody(1000, "\xef\xbb\xbfok")),
            u"close:1000:"_s + QString::fromUtf8("\xef\xbb\xbfok"));
        row("close reason 0xFF", clientFrame(8, closeBody(1000, "\xff")), u"error:1007"_s);
        row("close reason truncated sequence", clientFrame(8, closeBody(1000, "ok\xc3")),
            u"error:1007"_s);
        row("close reason overlong '/'", clientFrame(8, closeBody(1000, "\xc0\xaf")),
            u"error:1007"_s);
        row("close reason surrogate", clientFrame(8, closeBody(1000, "\xed\xa0\x80")),
            u"error:1007"_s);
        row("close reason above U+10FFFF", clientFrame(8, closeBody(1000, "\xf4\x90\x80\x80")),
            u"error:1007"_s);
        row("close reason lone continuation", clientFrame(8, closeBody(1000, "a\x80z")),
            u"error:1007"_s);
    }

    void reader()
    {
        QFETCH(QByteArray, stream);
        QFETCH(qint64, maxBytes);
        QFETCH(QString, trace);
        WebSocketFrameReader r;
        r.setMaxMessageBytes(maxBytes);
        qsizetype used = 0;
        QCOMPARE(readAll(r, stream, &used), trace);
        if (!trace.contains(u"error") && !trace.endsWith(u"more")) {
            QCOMPARE(used, stream.size());
        }
    }

    // Every strict prefix of a valid frame needs more and consumes nothing, whatever the length
    // form; the whole frame then reads as one unit.
    void readerNeedsMoreOnEveryPrefix_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("fragmented"); // read after an unfinished first fragment
        QTest::newRow("binary empty") << clientFrame(2, {}) << false;
        QTest::newRow("binary 5") << clientFrame(2, "hello") << false;
        QTest::newRow("binary 126") << clientFrame(2, pattern(126)) << false;
        QTest::newRow("binary 300") << clientFrame(2, pattern(300)) << false;
        QTest::newRow("binary 65536") << clientFrame(2, pattern(65536)) << false;
        QTest::newRow("ping 3") << clientFrame(9, "abc") << false;
        QTest::newRow("close 1000") << clientFrame(8, closeBody(1000, "bye")) << false;
        QTest::newRow("continuation 200") << clientFrame(0, pattern(200)) << true;
    }

    void readerNeedsMoreOnEveryPrefix()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, fragmented);
        WebSocketFrameReader r;
        if (fragmented) {
            QCOMPARE(r.next(clientFrame(2, "x", false)).kind, Kind::Fragment);
        }
        // The 64 KB frame: every prefix up to the header, then a spread of longer ones.
        for (qsizetype n = 0; n < frame.size(); n += (n < 200 ? 1 : 997)) {
            const WebSocketFrameReader::Frame f = r.next(QByteArrayView(frame).first(n));
            QVERIFY2(f.kind == Kind::NeedMore,
                     qPrintable(u"prefix %1: %2"_s.arg(n).arg(frameToken(f))));
            QCOMPARE(f.consumed, 0);
        }
        const WebSocketFrameReader::Frame f = r.next(QByteArrayView(frame).first(frame.size() - 1));
        QCOMPARE(f.kind, Kind::NeedMore);
        QCOMPARE(f.consumed, 0);
        const WebSocketFrameReader::Frame whole = r.next(frame);
        QVERIFY(whole.kind != Kind::NeedMore && whole.kind != Kind::Error);
        QCOMPARE(whole.consumed, frame.size());
    }

    // The reader's unmasking (eight bytes at a time, then the tail) against RFC 6455 §5.3 byte by
    // byte: every length 0..40 and some past the 16- and 64-bit thresholds, several keys, and
    // payloads that start at every alignment.
    void unmasking()
    {
        const QList<QByteArray> keys
            = { QByteArrayLiteral("\x00\x00\x00\x00"), QByteArrayLiteral("\xff\xff\xff\xff"),
                QByteArrayLiteral("\x01\x02\x03\x04"), QByteArrayLiteral("\x80\x7f\x00\xa5") };
        QList<qsizetype> lengths;
        for (qsizetype n = 0; n <= 40; ++n) {
            lengths.append(n);
        }
        lengths << 125 << 126 << 127 << 1021 << 65535 << 65536 << 65543;
        for (const QByteArray &key : keys) {
            for (qsizetype n : lengths) {
                const QByteArray payload = pattern(n, int(n));
                const QByteArray frame
                    = clientFrame(2, payload, true, true, 0, LengthForm::Auto, -1, key);
                const qsizetype header = frame.size() - n;
                QCOMPARE(referenceUnmask(QByteArrayView(frame).sliced(header), key), payload);
                for (int offset = 0; offset < (n <= 40 ? 8 : 1); ++offset) {
                    QByteArray buffer = QByteArray(offset, 'z') + frame;
                    WebSocketFrameReader r;
                    const WebSocketFrameReader::Frame f
                        = r.next(QByteArrayView(buffer).sliced(offset));
                    QCOMPARE(f.kind, Kind::Message);
                    QCOMPARE(f.consumed, frame.size());
                    QVERIFY2(f.payload == payload,
                             qPrintable(u"length %1 offset %2 key %3"_s.arg(n).arg(offset).arg(
                                 QString::fromLatin1(key.toHex()))));
                }
            }
            // The same through fragments (the joining path), split unevenly.
            const QByteArray payload = pattern(37, 5);
            WebSocketFrameReader r;
            QCOMPARE(
                r.next(clientFrame(2, payload.first(3), false, true, 0, LengthForm::Auto, -1, key))
                    .kind,
                Kind::Fragment);
            QCOMPARE(r.next(clientFrame(0, payload.sliced(3, 11), false, true, 0, LengthForm::Auto,
                                        -1, key))
                         .kind,
                     Kind::Fragment);
            const WebSocketFrameReader::Frame last = r.next(
                clientFrame(0, payload.sliced(14), true, true, 0, LengthForm::Auto, -1, key));
            QCOMPARE(last.kind, Kind::Message);
            QCOMPARE(last.payload, payload);
        }
    }

    // ---- WebSocketFrame ----

    void frameAppend_data()
    {
        QTest::addColumn<int>("opcode");
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("binary 0") << int(WebSocketFrame::Binary) << qsizetype(0)
                                  << QByteArray::fromHex("8200");
        QTest::newRow("binary 1") << int(WebSocketFrame::Binary) << qsizetype(1)
                                  << QByteArray::fromHex("8201");
        QTest::newRow("binary 125")
            << int(WebSocketFrame::Binary) << qsizetype(125) << QByteArray::fromHex("827d");
        QTest::newRow("binary 126")
            << int(WebSocketFrame::Binary) << qsizetype(126) << QByteArray::fromHex("827e007e");
        QTest::newRow("binary 127")
            << int(WebSocketFrame::Binary) << qsizetype(127) << QByteArray::fromHex("827e007f");
        QTest::newRow("binary 65535")
            << int(WebSocketFrame::Binary) << qsizetype(65535) << QByteArray::fromHex("827effff");
        QTest::newRow("binary 65536") << int(WebSocketFrame::Binary) << qsizetype(65536)
                                      << QByteArray::fromHex("827f0000000000010000");
        QTest::newRow("binary 1000000") << int(WebSocketFrame::Binary) << qsizetype(1000000)
                                        << QByteArray::fromHex("827f00000000000f4240");
        QTest::newRow("close 2") << int(WebSocketFrame::Close) << qsizetype(2)
                                 << QByteArray::fromHex("8802");
        QTest::newRow("ping 0") << int(WebSocketFrame::Ping) << qsizetype(0)
                                << QByteArray::fromHex("8900");
        QTest::newRow("pong 125") << int(WebSocketFrame::Pong) << qsizetype(125)
                                  << QByteArray::fromHex("8a7d");
    }

    void frameAppend()
    {
        QFETCH(int, opcode);
        QFETCH(qsizetype, length);
        QFETCH(QByteArray, header);
        const QByteArray payload = pattern(length, 9);
        QByteArray out = "prefix";
        WebSocketFrame::append(out, WebSocketFrame::Opcode(opcode), payload);
        QVERIFY(out.startsWith("prefix"));
        const QByteArray frame = out.mid(6);
        QCOMPARE(frame.first(header.size()).toHex(), header.toHex());
        QCOMPARE(frame.size(), header.size() + length);
        QVERIFY(frame.sliced(header.size()) == payload); // unmasked, as sent
    }

    void closePayload_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("reasonBytes"); // expected bytes of the reason kept
        QTest::newRow("no reason") << 1000 << QString() << 0;
        QTest::newRow("short") << 1011 << u"internal error"_s << 14;
        QTest::newRow("123 ASCII") << 4000 << QString(123, u'a') << 123;
        QTest::newRow("124 ASCII") << 4000 << QString(124, u'a') << 123;
        QTest::newRow("300 ASCII") << 1008 << QString(300, u'a') << 123;
        // 2-byte characters: 61 fit (122 bytes); the 62nd would split at byte 123.
        QTest::newRow("2-byte chars") << 1000 << QString(70, QChar(0xE9)) << 122;
        QTest::newRow("2-byte chars after one ASCII")
            << 1000 << (u"a"_s + QString(70, QChar(0xE9))) << 123;
        // 3-byte: 41 fit exactly (123 bytes).
        QTest::newRow("3-byte chars") << 1000 << QString(50, QChar(0x20AC)) << 123;
        QTest::newRow("3-byte chars after one ASCII")
            << 1000 << (u"a"_s + QString(50, QChar(0x20AC))) << 121;
        QTest::newRow("3-byte chars after two ASCII")
            << 1000 << (u"ab"_s + QString(50, QChar(0x20AC))) << 122;
        // 4-byte (surrogate pairs in UTF-16): 30 fit (120 bytes).
        QString emoji;
        for (int i = 0; i < 40; ++i) {
            emoji += QString::fromUtf8("\xf0\x9f\x98\x80");
        }
        QTest::newRow("4-byte chars") << 1000 << emoji << 120;
        QTest::newRow("4-byte chars after three ASCII") << 1000 << (u"abc"_s + emoji) << 123;
    }

    void closePayload()
    {
        QFETCH(int, code);
        QFETCH(QString, reason);
        QFETCH(int, reasonBytes);
        const QByteArray p = WebSocketFrame::closePayload(code, reason);
        QVERIFY(p.size() <= 125);
        QCOMPARE(int(quint8(p[0])) << 8 | quint8(p[1]), code);
        const QByteArray kept = p.mid(2);
        QCOMPARE(kept.size(), reasonBytes);
        QVERIFY(reason.toUtf8().startsWith(kept));
        QVERIFY(isValidUtf8(kept));
        // It reads back through the reader as a valid close frame with that reason.
        QByteArray serverFrame;
        WebSocketFrame::append(serverFrame, WebSocketFrame::Close, p);
        QVERIFY(serverFrame.size() <= 127);
        WebSocketFrameReader r;
        const WebSocketFrameReader::Frame f = r.next(clientFrame(8, p));
        QCOMPARE(f.kind, Kind::Close);
        QCOMPARE(f.code, code);
        QCOMPARE(f.reason, QString::fromUtf8(kept));
    }

    void closeCodes()
    {
        for (int code = 0; code < 70000; ++code) {
            const bool expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
            QVERIFY2(WebSocketFrame::isValidCloseCode(code) == expected,
                     qPrintable(QString::number(code)));
        }
    }

    // ---- Randomised: any bytes get a verdict, never a crash, a stall or an overrun ----

    void mutatedFrameStreamsAlwaysGetAVerdict()
    {
        // Valid frames with a few random bytes changed, so parsing gets deep rather than being
        // refused at the first byte. Every call must need more (consuming nothing), consume part
        // of what it was given, or refuse with a close code.
        std::mt19937 rng(20261126);
        constexpr int Opcodes[] = { 0, 1, 2, 8, 9, 10, 3 };
        for (int round = 0; round < 5000; ++round) {
            QByteArray stream;
            for (int i = 1 + int(rng() % 6); i > 0; --i) {
                QByteArray payload(int(rng() % 300), Qt::Uninitialized);
                for (char &c : payload) {
                    c = char(rng());
                }
                stream += clientFrame(Opcodes[rng() % 7], payload, rng() % 4 != 0);
            }
            for (int m = int(rng() % 4); m > 0; --m) {
                stream[rng() % stream.size()] = char(rng());
            }
            WebSocketFrameReader reader;
            reader.setMaxMessageBytes(1 + qint64(rng() % 1000));
            qsizetype pos = 0;
            for (int calls = 0; pos < stream.size(); ++calls) {
                QVERIFY(calls < 100);
                const auto f = reader.next(QByteArrayView(stream).sliced(pos));
                if (f.kind == Kind::Error) {
                    QVERIFY2(f.code == 1002 || f.code == 1003 || f.code == 1007 || f.code == 1009,
                             qPrintable(QString::number(f.code)));
                    break;
                }
                if (f.kind == Kind::NeedMore) {
                    QCOMPARE(f.consumed, qsizetype(0));
                    break;
                }
                QVERIFY(f.consumed > 0 && f.consumed <= stream.size() - pos);
                if (f.kind == Kind::Message) {
                    QVERIFY(f.payload.size() <= reader.maxMessageBytes());
                }
                pos += f.consumed;
            }
        }
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

QTEST_GUILESS_MAIN(tst_WebSocket)
#include "tst_websocket.moc"
