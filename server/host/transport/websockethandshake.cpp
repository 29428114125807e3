// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/websockethandshake.h"

#include <QCryptographicHash>
#include <QUrl>

namespace Chorus::Host {

namespace {

using Result = WebSocketHandshake::Result;

Result failed(int status, QByteArrayView phrase, const QString &text, QByteArrayView extra = {})
{
    Result r;
    r.state = Result::State::Failed;
    r.errorResponse = WebSocketHandshake::errorResponse(status, phrase, text, extra);
    return r;
}

// True when the comma-separated header value holds `token` (case-insensitive).
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    for (QByteArrayView part : QByteArray(value.toByteArray()).split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool isTokenChar(char c)
{
    // RFC 7230 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// Fills request->path from its target; false when the target is not valid.
bool parseTarget(WebSocketHandshake::Request *request)
{
    if (!request->target.startsWith('/')) {
        // Absolute form (a proxy's): keep its path.
        const QUrl url = QUrl::fromEncoded(request->target, QUrl::StrictMode);
        if (!url.isValid() || url.scheme().isEmpty()) {
            return false;
        }
        request->path = url.path(QUrl::FullyEncoded);
    } else {
        const QUrl url = QUrl::fromEncoded(request->target, QUrl::TolerantMode);
        request->path = url.path(QUrl::FullyEncoded);
    }
    if (request->path.isEmpty()) {
        request->path = QStringLiteral("/");
    }
    return true;
}

// A valid request that asks for no WebSocket: a browser opening the host's address. The error
// response is what a host that serves no page answers.
Result plainHttp(WebSocketHandshake::Request request, qsizetype consumed)
{
    Result r = request.method == "GET"
        ? failed(426, "Upgrade Required",
                 QStringLiteral("This is a Chorus host: it speaks WebSocket (y-websocket "
                                "protocol). Open this address in Chorus or a Yjs client."),
                 "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
        : failed(405, "Method Not Allowed",
                 QStringLiteral("Only GET can be upgraded to a WebSocket."), "Allow: GET\r\n");
    r.state = Result::State::PlainHttp;
    r.consumed = consumed;
    r.request = std::move(request);
    return r;
}

} // namespace

Result WebSocketHandshake::parse(QByteArrayView data)
{
    const qsizetype end = data.indexOf(QByteArrayView("\r\n\r\n"));
    // Fail fast on what can never become a request: a method that is no token (a TLS hello on
    // the plain port, binary), or a bare LF (would otherwise wait for the timeout).
    const qsizetype scanned = end < 0 ? data.size() : end;
    for (qsizetype i = 0; i < scanned && data[i] != ' '; ++i) {
        if (!isTokenChar(data[i])) {
            return failed(400, "Bad Request",
                          QStringLiteral("This is not an HTTP request (this host serves ws://, "
                                         "without TLS)."));
        }
    }
    for (qsizetype i = 0; i < scanned; ++i) {
        if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
            return failed(400, "Bad Request", QStringLiteral("Header lines must end in CRLF."));
        }
    }
    if (end < 0) {
        if (data.size() >= MaxRequestBytes) {
            return failed(431, "Request Header Fields Too Large",
                          QStringLiteral("The upgrade request is larger than %1 bytes.")
                              .arg(MaxRequestBytes));
        }
        return {};
    }
    if (end + 4 > MaxRequestBytes) {
        return failed(
            431, "Request Header Fields Too Large",
            QStringLiteral("The upgrade request is larger than %1 bytes.").arg(MaxRequestBytes));
    }
    // Every line, the last included, ends in CRLF: split at LF, drop the empty tail.
    QList<QByteArray> lines = data.first(end + 2).toByteArray().split('\n');
    lines.removeLast();
    // Request line: METHOD SP TARGET SP HTTP/1.1
    const QByteArray requestLine = lines.first().chopped(lines.first().endsWith('\r') ? 1 : 0);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.")) {
        return failed(400, "Bad Request", QStringLiteral("This is not an HTTP/1.1 request."));
    }
    Request request;
    request.method = parts[0];
    request.target = parts[1];
    QByteArray upgrade, connection, version;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (!line.endsWith('\r')) {
            return failed(400, "Bad Request", QStringLiteral("Header lines must end in CRLF."));
        }
        line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            return failed(400, "Bad Request", QStringLiteral("A header line has no name."));
        }
        const QByteArray name = line.first(colon).toLower();
        for (char c : name) {
            if (!isTokenChar(c)) {
                return failed(400, "Bad Request", QStringLiteral("A header name is not valid."));
            }
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        auto append = [&value](QByteArray &to) {
            to = to.isEmpty() ? value : to + ", " + value; // repeated headers are one list
        };
        if (name == "upgrade") {
            append(upgrade);
        } else if (name == "connection") {
            append(connection);
        } else if (name == "sec-websocket-version") {
            append(version);
        } else if (name == "sec-websocket-key") {
            if (!request.key.isEmpty()) {
                return failed(400, "Bad Request",
                              QStringLiteral("Sec-WebSocket-Key was sent twice."));
            }
            request.key = value;
        } else if (name == "if-none-match") {
            request.ifNoneMatch = value;
        } else if (name == "origin") {
            request.origin = QString::fromUtf8(value);
        } else if (name == "host") {
            request.host = QString::fromUtf8(value);
        } else if (name == "sec-websocket-protocol") {
            for (const QByteArray &p : value.split(',')) {
                if (!p.trimmed().isEmpty()) {
                    request.subprotocols.append(QString::fromLatin1(p.trimmed()));
                }
            }
        }
    }
    if (!parseTarget(&request)) {
        return failed(400, "Bad Request", QStringLiteral("The request target is not valid."));
    }
    if (!hasToken(upgrade, "websocket")) {
        return plainHttp(std::move(request), end + 4);
    }
    if (request.method != "GET") {
        return failed(405, "Method Not Allowed",
                      QStringLiteral("Only GET can be upgraded to a WebSocket."), "Allow: GET\r\n");
    }
    if (parts[2] != "HTTP/1.1") {
        return failed(505, "HTTP Version Not Supported",
                      QStringLiteral("WebSocket upgrades need HTTP/1.1."));
    }
    if (!hasToken(connection, "upgrade")) {
        return failed(426, "Upgrade Required",
                      QStringLiteral("This is a Chorus host: it speaks WebSocket (y-websocket "
                                     "protocol). Open this address in Chorus or a Yjs client."),
                      "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n");
    }
    if (version.trimmed() != "13") {
        return failed(426, "Upgrade Required",
                      QStringLiteral("Only WebSocket version 13 is supported."),
                      "Sec-WebSocket-Version: 13\r\n");
    }
    const auto key
        = QByteArray::fromBase64Encoding(request.key, QByteArray::AbortOnBase64DecodingErrors);
    if (request.key.size() != 24 || !key || key.decoded.size() != 16) {
        return failed(400, "Bad Request",
                      QStringLiteral("Sec-WebSocket-Key must be 16 bytes in base64."));
    }
    Result r;
    r.state = Result::State::Done;
    r.consumed = end + 4;
    r.request = std::move(request);
    return r;
}

QByteArray WebSocketHandshake::acceptValue(const QByteArray &key)
{
    const QByteArray input = key + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return QCryptographicHash::hash(input, QCryptographicHash::Sha1).toBase64();
}

QByteArray WebSocketHandshake::acceptResponse(const QByteArray &key, const QString &subprotocol)
{
    QByteArray out = "HTTP/1.1 101 Switching Protocols\r\n"
                     "Upgrade: websocket\r\n"
                     "Connection: Upgrade\r\n"
                     "Sec-WebSocket-Accept: "
        + acceptValue(key) + "\r\n";
    if (!subprotocol.isEmpty()) {
        out += "Sec-WebSocket-Protocol: " + subprotocol.toLatin1() + "\r\n";
    }
    out += "\r\n";
    return out;
}

QByteArray WebSocketHandshake::errorResponse(int status, QByteArrayView reasonPhrase,
                                             const QString &text, QByteArrayView extraHeaders)
{
    const QByteArray body = text.toUtf8() + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase.toByteArray()
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders.toByteArray()
        + "\r\n" + body;
}

} // namespace Chorus::Host
