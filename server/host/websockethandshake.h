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
        QByteArray target; // the request target, as sent
        QString path; // its path, percent-encoded, with the leading '/'
        QString origin;
        QStringList subprotocols; // offered, in the client's order
        QByteArray key; // Sec-WebSocket-Key
    };
    struct Result
    {
        enum class State { NeedMore, Done, Failed };
        State state = State::NeedMore;
        qsizetype consumed = 0; // bytes of the request, headers and blank line included
        Request request; // when Done
        QByteArray errorResponse; // when Failed: the whole HTTP response to send before closing
    };

    // Parses the request at the start of `data`. NeedMore until the blank line arrived; Failed
    // for a bad or oversized request, and for requests that are valid HTTP but no WebSocket
    // upgrade (the response then says so).
    static Result parse(QByteArrayView data);

    // The 101 response; `subprotocol` empty: none selected.
    static QByteArray acceptResponse(const QByteArray &key, const QString &subprotocol);
    // Sec-WebSocket-Accept for a key (RFC 6455 §4.2.2).
    static QByteArray acceptValue(const QByteArray &key);
    static QByteArray errorResponse(int status, QByteArrayView reasonPhrase, const QString &text,
                                    QByteArrayView extraHeaders = {});
};

} // namespace Chorus::Host
