// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test-side helpers for tst_websockethandshake, tst_websocketframes and tst_rawwebsocket
// (through rawwebsocketclient.h): requests and client
// frames built by hand from RFC 6455 (sharing nothing with the code under test). Each test
// includes what it needs; the rest is unused there, hence a named namespace, not an unnamed one.
#include "host/transport/websocketframe.h"
#include "host/transport/websocketframereader.h"
#include "host/transport/websockethandshake.h"

#include <QCryptographicHash>
#include <QTest>

#include <cstring>
#include <limits>
#include <random>

using namespace Chorus::Host;
using namespace Qt::StringLiterals;

namespace WebSocketTestData {

using HState = WebSocketHandshake::Result::State;
using Kind = WebSocketFrameReader::Frame::Kind;

const QByteArray SampleKey = QByteArrayLiteral("dGhlIHNhbXBsZSBub25jZQ==");

// A valid upgrade request with `extra` header lines (each ending in CRLF) before the blank line.
QByteArray request(const QByteArray &target = "/room", const QByteArray &extra = {},
                   const QByteArray &key = SampleKey)
{
    return "GET " + target
        + " HTTP/1.1\r\nHost: 127.0.0.1:1234\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: "
        + key + "\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
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

} // namespace WebSocketTestData

using namespace WebSocketTestData;
