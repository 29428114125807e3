// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/websocketframe.h"

#include <QtEndian>

namespace Chorus::Host {

int WebSocketFrame::writeHeader(char *out, Opcode opcode, qint64 payloadSize)
{
    out[0] = char(0x80 | opcode);
    if (payloadSize < 126) {
        out[1] = char(payloadSize);
        return 2;
    }
    if (payloadSize <= 0xffff) {
        out[1] = 126;
        qToBigEndian(quint16(payloadSize), out + 2);
        return 4;
    }
    out[1] = 127;
    qToBigEndian(quint64(payloadSize), out + 2);
    return 10;
}

void WebSocketFrame::append(QByteArray &out, Opcode opcode, QByteArrayView payload)
{
    char header[MaxHeaderBytes];
    const int h = writeHeader(header, opcode, payload.size());
    out.append(header, h);
    out.append(payload);
}

QByteArray WebSocketFrame::closePayload(int code, const QString &reason)
{
    QByteArray out(2, Qt::Uninitialized);
    qToBigEndian(quint16(code), out.data());
    QByteArray text = reason.toUtf8();
    if (text.size() > 123) {
        qsizetype cut = 123;
        while (cut > 0 && (quint8(text[cut]) & 0xC0) == 0x80) {
            --cut; // never split a UTF-8 sequence: the peer would fail the close with 1007
        }
        text.truncate(cut);
    }
    return out + text;
}

bool WebSocketFrame::isValidCloseCode(int code)
{
    // 1004-1006 and 1015 are reserved: never on the wire.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
}

} // namespace Chorus::Host
