// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Chorus::Host {

// Writing RFC 6455 frames as a server: unmasked, never fragmented.
class WebSocketFrame
{
public:
    enum Opcode : quint8 {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA,
    };

    // Appends one final frame carrying `payload` to `out`. Control frames (Close, Ping, Pong)
    // must carry at most 125 bytes.
    static void append(QByteArray &out, Opcode opcode, QByteArrayView payload);
    // Writes the header of such a frame for a payload of `payloadSize` bytes into `out` (room
    // for MaxHeaderBytes) and returns its length: for writing the payload from where it is.
    static constexpr int MaxHeaderBytes = 10;
    static int writeHeader(char *out, Opcode opcode, qint64 payloadSize);
    // The payload of a Close frame: the code, then the reason cut to fit 125 bytes on a UTF-8
    // character boundary.
    static QByteArray closePayload(int code, const QString &reason);
    // Whether a peer may send this close code (RFC 6455 §7.4).
    static bool isValidCloseCode(int code);
};

} // namespace Chorus::Host
