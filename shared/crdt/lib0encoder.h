// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace Chorus::Crdt {

// Appends lib0 primitives (the binary encoding Yjs and y-protocols use) to a growing buffer.
// Integers are at most 53 bits, as in JavaScript; strings are written as UTF-8 with a varuint
// byte length, exactly as lib0's TextEncoder path writes them (a lone surrogate becomes U+FFFD).
// Not thread-safe; a value type.
class Lib0Encoder
{
public:
    void writeUint8(quint8 v) { m_buf.append(char(v)); }
    void writeVarUint(quint64 v);
    // lib0 varint: first byte carries continuation, sign and 6 bits; then 7 bits per byte.
    void writeVarInt(qint64 v);
    void writeVarString(const QString &s);
    void writeVarStringUtf8(const QByteArray &utf8);
    void writeVarUint8Array(const QByteArray &bytes);
    void writeUint8Array(const QByteArray &bytes) { m_buf.append(bytes); }
    void writeFloat32(float v); // big-endian, as lib0's DataView writes
    void writeFloat64(double v); // big-endian
    void writeBigInt64(qint64 v); // big-endian

    const QByteArray &data() const { return m_buf; }
    QByteArray take() { return std::move(m_buf); }
    qsizetype size() const { return m_buf.size(); }
    void reserve(qsizetype n) { m_buf.reserve(n); }

private:
    QByteArray m_buf;
};

} // namespace Chorus::Crdt
