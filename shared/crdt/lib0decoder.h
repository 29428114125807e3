// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodeerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Chorus::Crdt {

// Reads lib0 primitives from untrusted bytes. The first failure sticks: every later read
// returns zero/empty and error() tells what failed and at which byte offset, so callers can
// decode a whole message and check once. A declared length larger than the remaining input is
// an error, never an allocation. The viewed bytes must outlive the decoder.
class Lib0Decoder
{
public:
    static constexpr quint64 MaxSafeInteger = (quint64(1) << 53) - 1;

    explicit Lib0Decoder(QByteArrayView bytes)
        : m_data(bytes)
    { }

    quint8 readUint8();
    quint64 readVarUint();
    qint64 readVarInt();
    QString readVarString();
    QByteArrayView readVarStringUtf8(); // raw UTF-8 bytes, validated
    QByteArrayView readVarUint8Array();
    QByteArrayView readBytes(qsizetype n);
    float readFloat32();
    double readFloat64();
    qint64 readBigInt64();

    qsizetype offset() const { return m_pos; }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos >= m_data.size(); }
    bool ok() const { return !m_error.isError(); }
    const DecodeError &error() const { return m_error; }
    // Records an error found by the caller (a bad tag, say) at the current offset, unless an
    // earlier error is already recorded.
    void fail(DecodeError::Code code, const QString &detail = {}) { failAt(m_pos, code, detail); }
    void failAt(qsizetype offset, DecodeError::Code code, const QString &detail = {});

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    DecodeError m_error;
};

} // namespace Chorus::Crdt
