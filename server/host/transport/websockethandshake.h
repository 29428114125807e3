// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Chorus::Host {

// The server side of the RFC 6455 opening handshake, as pure functions over bytes: parse the
// client's HTTP/1.1 upgrade request, then answer it with 101 Switching Protocols or with an HTTP
// error that says what was wrong (a person who opens the URL in a browser reads it).
class WebSocketHandshake
{
public:
    static constexpr qsizetype MaxRequestBytes = 8192;

    struct Request
    {
        QByteArray method; // GET, HEAD, ...
        QByteArray target; // the request target, as sent
        QString path; // its path, percent-encoded, with the leading '/'
        QString origin;
        QString host; // the Host header
        QStringList subprotocols; // offered, in the client's order
        QByteArray key; // Sec-WebSocket-Key
        QByteArray ifNoneMatch; // If-None-Match (plain HTTP: the page's ETag)
    };
    struct Result
    {
        // PlainHttp: a valid HTTP/1.x request without a WebSocket upgrade (a browser opening
        // the host's address); request holds method, target and path, and errorResponse the
        // answer of a host that serves no web page (426 for GET, 405 otherwise).
        enum class State { NeedMore, Done, Failed, PlainHttp };
        State state = State::NeedMore;
        qsizetype consumed = 0; // bytes of the request, headers and blank line included
        Request request; // when Done
        QByteArray errorResponse; // when Failed: the whole HTTP response to send before closing
    };

    // Parses the request at the start of `data`. NeedMore until the blank line arrived; Failed
    // for a bad or oversized request or a bad upgrade (the response then says so); PlainHttp for
    // a valid request that asks for no upgrade.
    static Result parse(QByteArrayView data);

    // The 101 response; `subprotocol` empty: none selected.
    static QByteArray acceptResponse(const QByteArray &key, const QString &subprotocol);
    // Sec-WebSocket-Accept for a key (RFC 6455 §4.2.2).
    static QByteArray acceptValue(const QByteArray &key);
    static QByteArray errorResponse(int status, QByteArrayView reasonPhrase, const QString &text,
                                    QByteArrayView extraHeaders = {});
};

} // namespace Chorus::Host
