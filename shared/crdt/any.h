// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodeerror.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <utility>

namespace Chorus::Crdt {

class Lib0Encoder;
class Lib0Decoder;

// A JSON-like value as lib0's writeAny/readAny carry it (ContentAny, map and array values,
// subdocument options). The number kind is part of the value, so a decoded value re-encodes
// byte for byte; values built from a double pick lib0's kind (integer up to 2^31-1, else
// float32 when exact, else float64). Objects keep their entry order; fromJson orders keys the
// way a JavaScript object does (integer-like keys ascending first). A value type.
class Any
{
public:
    enum class Type {
        Undefined,
        Null,
        Integer,
        Float32,
        Float64,
        BigInt,
        Bool,
        String,
        Object,
        Array,
        Binary
    };
    using Entries = QList<std::pair<QString, Any>>;

    static constexpr int MaxDepth = 64;

    Any() = default; // undefined
    static Any null();
    static Any integer(qint64 v);
    static Any float32(float v);
    static Any float64(double v);
    static Any bigInt(qint64 v);
    static Any number(double v); // lib0's choice of integer/float32/float64
    static Any boolean(bool v);
    static Any string(const QString &v);
    static Any binary(const QByteArray &v);
    static Any array(const QList<Any> &v);
    static Any object(const Entries &v);
    static Any fromJson(const QJsonValue &v);
    Any(const QString &v) { *this = string(v); } // NOLINT: convenient for map values
    Any(const char16_t *v) { *this = string(QString::fromUtf16(v)); } // NOLINT

    Type type() const { return m_type; }
    bool isUndefined() const { return m_type == Type::Undefined; }
    bool isNull() const { return m_type == Type::Null; }
    bool isNumber() const;
    double toDouble() const;
    qint64 toInteger() const;
    bool toBool() const { return m_type == Type::Bool && m_int != 0; }
    QString toString() const { return m_string; }
    QByteArray toBinary() const { return m_bytes; }
    const QList<Any> &toArray() const { return m_array; }
    const Entries &toObject() const { return m_object; }
    // JSON view as Y.Map.toJSON gives it: undefined -> null, binary -> array of bytes is not
    // JSON, so it becomes a base64 string; bigint -> number.
    QJsonValue toJson() const;

    friend bool operator==(const Any &a, const Any &b);

    void write(Lib0Encoder &enc) const;
    // Reads one value; on malformed input the decoder's error is set and undefined returned.
    static Any read(Lib0Decoder &dec, int depth = 0);

private:
    Type m_type = Type::Undefined;
    qint64 m_int = 0; // integer, bigint, bool
    double m_double = 0; // float32 and float64
    QString m_string;
    QByteArray m_bytes;
    QList<Any> m_array;
    Entries m_object;
};

} // namespace Chorus::Crdt
