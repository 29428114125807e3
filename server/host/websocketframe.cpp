#include "websocketframe.h"

#include <QtEndian>

namespace Chorus::Host {

void WebSocketFrame::append(QByteArray &out, Opcode opcode, QByteArrayView payload)
{
    const qsizetype n = payload.size();
    char header[10];
    header[0] = char(0x80 | opcode);
    qsizetype h = 2;
    if (n < 126) {
        header[1] = char(n);
    } else if (n <= 0xffff) {
        header[1] = 126;
        qToBigEndian(quint16(n), header + 2);
        h = 4;
    } else {
        header[1] = 127;
        qToBigEndian(quint64(n), header + 2);
        h = 10;
    }
    out.reserve(out.size() + h + n);
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
