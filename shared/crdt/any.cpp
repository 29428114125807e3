// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "any.h"

#include "lib0decoder.h"
#include "lib0encoder.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace Chorus::Crdt {

namespace {
// lib0 tags, counted down from 127 (lib0/encoding.js writeAny)
enum Tag : quint8 {
    TagUndefined = 127,
    TagNull = 126,
    TagInteger = 125,
    TagFloat32 = 124,
    TagFloat64 = 123,
    TagBigInt = 122,
    TagFalse = 121,
    TagTrue = 120,
    TagString = 119,
    TagObject = 118,
    TagArray = 117,
    TagBinary = 116,
};

// JavaScript enumerates integer-like keys ("0".."4294967294") first, ascending.
bool isArrayIndexKey(const QString &key, quint64 *value)
{
    if (key.isEmpty() || key.size() > 10 || (key.size() > 1 && key[0] == u'0')) {
        return false;
    }
    quint64 v = 0;
    for (QChar c : key) {
        if (c < u'0' || c > u'9') {
            return false;
        }
        v = v * 10 + (c.unicode() - u'0');
    }
    *value = v;
    return v < 4294967295ULL;
}
} // namespace

Any Any::null()
{
    Any a;
    a.m_type = Type::Null;
    return a;
}

Any Any::integer(qint64 v)
{
    Any a;
    a.m_type = Type::Integer;
    a.m_int = v;
    return a;
}

Any Any::float32(float v)
{
    Any a;
    a.m_type = Type::Float32;
    a.m_double = v;
    return a;
}

Any Any::float64(double v)
{
    Any a;
    a.m_type = Type::Float64;
    a.m_double = v;
    return a;
}

Any Any::bigInt(qint64 v)
{
    Any a;
    a.m_type = Type::BigInt;
    a.m_int = v;
    return a;
}

Any Any::number(double v)
{
    if (std::isfinite(v) && std::trunc(v) == v && std::fabs(v) <= 2147483647.0) {
        return integer(qint64(v));
    }
    if (std::isnan(v) || float(v) == v) {
        // NaN: lib0's float32 round-trip test fails for NaN (NaN != NaN), so it writes float64.
        if (!std::isnan(v)) {
            return float32(float(v));
        }
    }
    return float64(v);
}

Any Any::boolean(bool v)
{
    Any a;
    a.m_type = Type::Bool;
    a.m_int = v ? 1 : 0;
    return a;
}

Any Any::string(const QString &v)
{
    Any a;
    a.m_type = Type::String;
    a.m_string = v;
    return a;
}

Any Any::binary(const QByteArray &v)
{
    Any a;
    a.m_type = Type::Binary;
    a.m_bytes = v;
    return a;
}

Any Any::array(const QList<Any> &v)
{
    Any a;
    a.m_type = Type::Array;
    a.m_array = v;
    return a;
}

Any Any::object(const Entries &v)
{
    Any a;
    a.m_type = Type::Object;
    // order as JavaScript's Object.keys would: integer-like keys ascending, then the rest
    Entries indexKeys;
    Entries rest;
    for (const auto &e : v) {
        quint64 n = 0;
        (isArrayIndexKey(e.first, &n) ? indexKeys : rest).append(e);
    }
    std::stable_sort(indexKeys.begin(), indexKeys.end(), [](const auto &x, const auto &y) {
        return x.first.toULongLong() < y.first.toULongLong();
    });
    a.m_object = indexKeys + rest;
    return a;
}

Any Any::fromJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return null();
    case QJsonValue::Bool: return boolean(v.toBool());
    case QJsonValue::Double: return number(v.toDouble());
    case QJsonValue::String: return string(v.toString());
    case QJsonValue::Array: {
        QList<Any> items;
        for (const QJsonValue &x : v.toArray()) {
            items.append(fromJson(x));
        }
        return array(items);
    }
    case QJsonValue::Object: {
        Entries entries;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            entries.append({ it.key(), fromJson(it.value()) });
        }
        return object(entries);
    }
    case QJsonValue::Undefined: return Any();
    }
    return Any();
}

bool Any::isNumber() const
{
    return m_type == Type::Integer || m_type == Type::Float32 || m_type == Type::Float64
        || m_type == Type::BigInt;
}

double Any::toDouble() const
{
    switch (m_type) {
    case Type::Integer:
    case Type::BigInt: return double(m_int);
    case Type::Float32:
    case Type::Float64: return m_double;
    default: return 0;
    }
}

qint64 Any::toInteger() const
{
    switch (m_type) {
    case Type::Integer:
    case Type::BigInt: return m_int;
    case Type::Float32:
    case Type::Float64: return std::isfinite(m_double) ? qint64(m_double) : 0;
    default: return 0;
    }
}

QJsonValue Any::toJson() const
{
    switch (m_type) {
    case Type::Undefined:
    case Type::Null: return QJsonValue(QJsonValue::Null);
    case Type::Integer:
    case Type::BigInt: return QJsonValue(double(m_int));
    case Type::Float32:
    case Type::Float64: return QJsonValue(m_double);
    case Type::Bool: return QJsonValue(m_int != 0);
    case Type::String: return QJsonValue(m_string);
    case Type::Binary: return QJsonValue(QString::fromLatin1(m_bytes.toBase64()));
    case Type::Array: {
        QJsonArray a;
        for (const Any &x : m_array) {
            a.append(x.toJson());
        }
        return a;
    }
    case Type::Object: {
        QJsonObject o;
        for (const auto &e : m_object) {
            o.insert(e.first, e.second.toJson());
        }
        return o;
    }
    }
    return {};
}

bool operator==(const Any &a, const Any &b)
{
    if (a.m_type != b.m_type) {
        return false;
    }
    switch (a.m_type) {
    case Any::Type::Undefined:
    case Any::Type::Null: return true;
    case Any::Type::Integer:
    case Any::Type::BigInt:
    case Any::Type::Bool: return a.m_int == b.m_int;
    case Any::Type::Float32:
    case Any::Type::Float64:
        return a.m_double == b.m_double || (std::isnan(a.m_double) && std::isnan(b.m_double));
    case Any::Type::String: return a.m_string == b.m_string;
    case Any::Type::Binary: return a.m_bytes == b.m_bytes;
    case Any::Type::Array: return a.m_array == b.m_array;
    case Any::Type::Object: return a.m_object == b.m_object;
    }
    return false;
}

void Any::write(Lib0Encoder &enc) const
{
    switch (m_type) {
    case Type::Undefined: enc.writeUint8(TagUndefined); break;
    case Type::Null: enc.writeUint8(TagNull); break;
    case Type::Integer:
        enc.writeUint8(TagInteger);
        enc.writeVarInt(m_int);
        break;
    case Type::Float32:
        enc.writeUint8(TagFloat32);
        enc.writeFloat32(float(m_double));
        break;
    case Type::Float64:
        enc.writeUint8(TagFloat64);
        enc.writeFloat64(m_double);
        break;
    case Type::BigInt:
        enc.writeUint8(TagBigInt);
        enc.writeBigInt64(m_int);
        break;
    case Type::Bool: enc.writeUint8(m_int ? TagTrue : TagFalse); break;
    case Type::String:
        enc.writeUint8(TagString);
        enc.writeVarString(m_string);
        break;
    case Type::Binary:
        enc.writeUint8(TagBinary);
        enc.writeVarUint8Array(m_bytes);
        break;
    case Type::Array:
        enc.writeUint8(TagArray);
        enc.writeVarUint(quint64(m_array.size()));
        for (const Any &x : m_array) {
            x.write(enc);
        }
        break;
    case Type::Object:
        enc.writeUint8(TagObject);
        enc.writeVarUint(quint64(m_object.size()));
        for (const auto &e : m_object) {
            enc.writeVarString(e.first);
            e.second.write(enc);
        }
        break;
    }
}

Any Any::read(Lib0Decoder &dec, int depth)
{
    if (depth > MaxDepth) {
        dec.fail(DecodeError::Code::TooDeep,
                 QStringLiteral("Any nested deeper than %1").arg(MaxDepth));
        return {};
    }
    const qsizetype start = dec.offset();
    const quint8 tag = dec.readUint8();
    if (!dec.ok()) {
        return {};
    }
    switch (tag) {
    case TagUndefined: return {};
    case TagNull: return null();
    case TagInteger: return integer(dec.readVarInt());
    case TagFloat32: return float32(dec.readFloat32());
    case TagFloat64: return float64(dec.readFloat64());
    case TagBigInt: return bigInt(dec.readBigInt64());
    case TagFalse: return boolean(false);
    case TagTrue: return boolean(true);
    case TagString: return string(dec.readVarString());
    case TagBinary: return binary(dec.readVarUint8Array().toByteArray());
    case TagArray: {
        Any a;
        a.m_type = Type::Array;
        const quint64 n = dec.readVarUint();
        // every element takes at least one byte: never reserve more than the input can hold
        if (n > quint64(dec.remaining())) {
            dec.failAt(start, DecodeError::Code::LengthTooLarge);
            return {};
        }
        a.m_array.reserve(qsizetype(n));
        for (quint64 i = 0; i < n && dec.ok(); ++i) {
            a.m_array.append(read(dec, depth + 1));
        }
        return dec.ok() ? a : Any();
    }
    case TagObject: {
        Any a;
        a.m_type = Type::Object;
        const quint64 n = dec.readVarUint();
        if (n > quint64(dec.remaining()) / 2) {
            dec.failAt(start, DecodeError::Code::LengthTooLarge);
            return {};
        }
        a.m_object.reserve(qsizetype(n));
        for (quint64 i = 0; i < n && dec.ok(); ++i) {
            QString key = dec.readVarString();
            Any v = read(dec, depth + 1);
            a.m_object.append({ key, v });
        }
        return dec.ok() ? a : Any();
    }
    default:
        dec.failAt(start, DecodeError::Code::UnknownType, QStringLiteral("Any tag %1").arg(tag));
        return {};
    }
}

} // namespace Chorus::Crdt
