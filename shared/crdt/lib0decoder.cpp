// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "lib0decoder.h"

#include <QStringDecoder>
#include <QtEndian>

#include <bit>

namespace Chorus::Crdt {

namespace {
// True when the 7 payload bits of a varint byte at bit position `shift` do not fit in 53 bits,
// or the encoding runs on past 64 bits with zero padding (which no encoder writes).
bool overflows53(quint8 byte, int shift)
{
    if (shift >= 63) {
        return true;
    }
    if (shift >= 53) {
        return (byte & 0x7f) != 0;
    }
    return shift + 7 > 53 && ((byte & 0x7f) >> (53 - shift)) != 0;
}
} // namespace

void Lib0Decoder::failAt(qsizetype offset, DecodeError::Code code, const QString &detail)
{
    if (m_error.isError()) {
        return;
    }
    m_error.code = code;
    m_error.offset = offset;
    m_error.detail = detail;
    m_pos = m_data.size(); // nothing more is read after the first error
}

quint8 Lib0Decoder::readUint8()
{
    if (m_pos >= m_data.size()) {
        fail(DecodeError::Code::UnexpectedEnd);
        return 0;
    }
    return quint8(m_data[m_pos++]);
}

quint64 Lib0Decoder::readVarUint()
{
    const qsizetype start = m_pos;
    quint64 value = 0;
    for (int shift = 0;; shift += 7) {
        if (m_pos >= m_data.size()) {
            failAt(start, DecodeError::Code::UnexpectedEnd, QStringLiteral("truncated varuint"));
            return 0;
        }
        const quint8 byte = quint8(m_data[m_pos++]);
        if (overflows53(byte, shift)) {
            failAt(start, DecodeError::Code::IntegerOverflow,
                   QStringLiteral("varuint over 53 bits"));
            return 0;
        }
        value |= quint64(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            return value;
        }
    }
}

qint64 Lib0Decoder::readVarInt()
{
    const qsizetype start = m_pos;
    if (m_pos >= m_data.size()) {
        fail(DecodeError::Code::UnexpectedEnd, QStringLiteral("truncated varint"));
        return 0;
    }
    quint8 byte = quint8(m_data[m_pos++]);
    quint64 value = byte & 0x3f;
    const bool negative = byte & 0x40;
    for (int shift = 6; byte & 0x80; shift += 7) {
        if (m_pos >= m_data.size()) {
            failAt(start, DecodeError::Code::UnexpectedEnd, QStringLiteral("truncated varint"));
            return 0;
        }
        byte = quint8(m_data[m_pos++]);
        if (overflows53(byte, shift)) {
            failAt(start, DecodeError::Code::IntegerOverflow,
                   QStringLiteral("varint over 53 bits"));
            return 0;
        }
        value |= quint64(byte & 0x7f) << shift;
    }
    return negative ? -qint64(value) : qint64(value);
}

QByteArrayView Lib0Decoder::readBytes(qsizetype n)
{
    if (n < 0 || n > remaining()) {
        fail(DecodeError::Code::LengthTooLarge,
             QStringLiteral("%1 bytes declared, %2 remain").arg(n).arg(remaining()));
        return {};
    }
    QByteArrayView out = m_data.sliced(m_pos, n);
    m_pos += n;
    return out;
}

QByteArrayView Lib0Decoder::readVarUint8Array()
{
    const qsizetype start = m_pos;
    const quint64 len = readVarUint();
    if (!ok()) {
        return {};
    }
    if (len > quint64(remaining())) {
        failAt(start, DecodeError::Code::LengthTooLarge,
               QStringLiteral("%1 bytes declared, %2 remain").arg(len).arg(remaining()));
        return {};
    }
    return readBytes(qsizetype(len));
}

QByteArrayView Lib0Decoder::readVarStringUtf8()
{
    const qsizetype start = m_pos;
    QByteArrayView bytes = readVarUint8Array();
    if (ok() && !bytes.isValidUtf8()) {
        failAt(start, DecodeError::Code::InvalidUtf8);
        return {};
    }
    return bytes;
}

QString Lib0Decoder::readVarString()
{
    QByteArrayView bytes = readVarStringUtf8();
    return ok() ? QString::fromUtf8(bytes) : QString();
}

float Lib0Decoder::readFloat32()
{
    QByteArrayView b = readBytes(4);
    return ok() ? std::bit_cast<float>(qFromBigEndian<quint32>(b.data())) : 0.0f;
}

double Lib0Decoder::readFloat64()
{
    QByteArrayView b = readBytes(8);
    return ok() ? std::bit_cast<double>(qFromBigEndian<quint64>(b.data())) : 0.0;
}

qint64 Lib0Decoder::readBigInt64()
{
    QByteArrayView b = readBytes(8);
    return ok() ? qint64(qFromBigEndian<quint64>(b.data())) : 0;
}

} // namespace Chorus::Crdt
