// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/websocketframereader.h"

#include "host/transport/websocketframe.h"
#include "protocol/closedecision.h"

#include <QtEndian>

#include <cstring>

namespace Chorus::Host {

namespace {

using Frame = WebSocketFrameReader::Frame;
using Protocol::CloseCode;
using Protocol::CloseDecision;

Frame error(CloseCode code, const QString &reason)
{
    Frame f;
    f.kind = Frame::Kind::Error;
    f.code = int(code);
    f.reason = reason;
    return f;
}

Frame error(const CloseDecision &decision)
{
    return error(decision.code, decision.reason);
}

// Appends `n` bytes of `src` to `out`, unmasked with `key` (RFC 6455 §5.3).
void appendUnmasked(QByteArray &out, const char *src, qsizetype n, const unsigned char key[4])
{
    const qsizetype start = out.size();
    out.resize(start + n);
    char *dst = out.data() + start;
    quint32 key32;
    std::memcpy(&key32, key, 4);
    const quint64 key64 = (quint64(key32) << 32) | key32;
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) { // eight bytes at a time: the key repeats every four
        quint64 w;
        std::memcpy(&w, src + i, 8);
        w ^= key64;
        std::memcpy(dst + i, &w, 8);
    }
    for (; i < n; ++i) {
        dst[i] = char(src[i] ^ key[i & 3]);
    }
}

} // namespace

Frame WebSocketFrameReader::next(QByteArrayView data)
{
    if (data.size() < 2) {
        return {};
    }
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    const bool fin = p[0] & 0x80;
    const int opcode = p[0] & 0x0f;
    if (p[0] & 0x70) {
        return error(CloseCode::ProtocolError,
                     QStringLiteral("reserved bits set (no extension was negotiated)"));
    }
    const bool control = opcode >= 0x8;
    if (opcode != WebSocketFrame::Continuation && opcode != WebSocketFrame::Text
        && opcode != WebSocketFrame::Binary && opcode != WebSocketFrame::Close
        && opcode != WebSocketFrame::Ping && opcode != WebSocketFrame::Pong) {
        return error(CloseCode::ProtocolError, QStringLiteral("unknown opcode %1").arg(opcode));
    }
    if (!(p[1] & 0x80)) {
        return error(CloseCode::ProtocolError, QStringLiteral("client frames must be masked"));
    }
    quint64 length = p[1] & 0x7f;
    qsizetype header = 2;
    if (control && (!fin || length > 125)) {
        return error(CloseCode::ProtocolError,
                     QStringLiteral("control frames must be final and at most 125 bytes"));
    }
    if (length == 126) {
        if (data.size() < 4) {
            return {};
        }
        length = qFromBigEndian<quint16>(p + 2);
        header = 4;
    } else if (length == 127) {
        if (data.size() < 10) {
            return {};
        }
        length = qFromBigEndian<quint64>(p + 2);
        header = 10;
        if (length >> 63) {
            return error(CloseCode::ProtocolError,
                         QStringLiteral("frame length has its top bit set"));
        }
    }
    if (opcode == WebSocketFrame::Text) {
        return error(CloseDecision::textFrame());
    }
    if (opcode == WebSocketFrame::Continuation && !m_inMessage) {
        return error(CloseCode::ProtocolError,
                     QStringLiteral("continuation frame without a message to continue"));
    }
    if (opcode == WebSocketFrame::Binary && m_inMessage) {
        return error(CloseCode::ProtocolError,
                     QStringLiteral("new message before the previous one was finished"));
    }
    if (!control && length + quint64(m_fragments.size()) > quint64(m_maxMessageBytes)) {
        return error(CloseDecision::tooBig(m_maxMessageBytes));
    }
    // Safe: length <= max message bytes (data) or 125 (control).
    const qsizetype total = header + 4 + qsizetype(length);
    if (data.size() < total) {
        return {};
    }
    unsigned char key[4];
    std::memcpy(key, p + header, 4);
    const char *payload = data.data() + header + 4;
    Frame f;
    f.consumed = total;
    if (control) {
        appendUnmasked(f.payload, payload, qsizetype(length), key);
        if (opcode == WebSocketFrame::Ping) {
            f.kind = Frame::Kind::Ping;
        } else if (opcode == WebSocketFrame::Pong) {
            f.kind = Frame::Kind::Pong;
            f.payload.clear();
        } else {
            f.kind = Frame::Kind::Close;
            if (f.payload.isEmpty()) {
                f.code = 1005; // no status code given
            } else if (f.payload.size() == 1) {
                return error(CloseCode::ProtocolError,
                             QStringLiteral("close frame with a one-byte payload"));
            } else {
                f.code = qFromBigEndian<quint16>(f.payload.constData());
                const QByteArrayView reason = QByteArrayView(f.payload).sliced(2);
                if (!WebSocketFrame::isValidCloseCode(f.code)) {
                    return error(CloseCode::ProtocolError,
                                 QStringLiteral("invalid close code %1").arg(f.code));
                }
                // (not a round trip through QString: that would drop a leading BOM)
                if (!reason.isValidUtf8()) {
                    return error(CloseCode::InvalidPayload,
                                 QStringLiteral("close reason is not UTF-8"));
                }
                f.reason = QString::fromUtf8(reason);
            }
            f.payload.clear();
        }
        return f;
    }
    if (fin && !m_inMessage) {
        f.kind = Frame::Kind::Message; // the common case: one frame, one message, one copy
        appendUnmasked(f.payload, payload, qsizetype(length), key);
        return f;
    }
    appendUnmasked(m_fragments, payload, qsizetype(length), key);
    m_inMessage = !fin;
    if (fin) {
        f.kind = Frame::Kind::Message;
        f.payload = std::exchange(m_fragments, {});
    } else {
        f.kind = Frame::Kind::Fragment;
    }
    return f;
}

} // namespace Chorus::Host
