// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "lib0encoder.h"

#include <QtEndian>

#include <bit>
#include <cstring>

namespace Chorus::Crdt {

void Lib0Encoder::writeVarUint(quint64 v)
{
    while (v > 0x7f) {
        m_buf.append(char(0x80 | (v & 0x7f)));
        v >>= 7;
    }
    m_buf.append(char(v));
}

void Lib0Encoder::writeVarInt(qint64 v)
{
    const bool negative = v < 0;
    quint64 n = negative ? quint64(0) - quint64(v) : quint64(v);
    m_buf.append(char((n > 0x3f ? 0x80 : 0) | (negative ? 0x40 : 0) | (n & 0x3f)));
    n >>= 6;
    while (n > 0) {
        m_buf.append(char((n > 0x7f ? 0x80 : 0) | (n & 0x7f)));
        n >>= 7;
    }
}

void Lib0Encoder::writeVarString(const QString &s)
{
    writeVarStringUtf8(s.toUtf8());
}

void Lib0Encoder::writeVarStringUtf8(const QByteArray &utf8)
{
    writeVarUint(quint64(utf8.size()));
    m_buf.append(utf8);
}

void Lib0Encoder::writeVarUint8Array(const QByteArray &bytes)
{
    writeVarUint(quint64(bytes.size()));
    m_buf.append(bytes);
}

void Lib0Encoder::writeFloat32(float v)
{
    char out[4];
    qToBigEndian(std::bit_cast<quint32>(v), out);
    m_buf.append(out, 4);
}

void Lib0Encoder::writeFloat64(double v)
{
    char out[8];
    qToBigEndian(std::bit_cast<quint64>(v), out);
    m_buf.append(out, 8);
}

void Lib0Encoder::writeBigInt64(qint64 v)
{
    char out[8];
    qToBigEndian(quint64(v), out);
    m_buf.append(out, 8);
}

} // namespace Chorus::Crdt
