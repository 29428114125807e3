// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

struct redisReply;

namespace Chorus::Host {

// One reply of a Redis server as a value, converted from hiredis's reply tree so that callers
// never hold hiredis's memory (which it frees when the callback returns). RESP2 types only:
// strings (bulk and status), errors, integers, arrays and nil.
struct RedisReply
{
    enum class Type { Nil, String, Status, Error, Integer, Array };

    Type type = Type::Nil;
    QByteArray string; // String, Status and Error
    qint64 integer = 0;
    QList<RedisReply> elements;

    bool isError() const { return type == Type::Error; }
    bool isNil() const { return type == Type::Nil; }
    bool isArray() const { return type == Type::Array; }
    const RedisReply &at(qsizetype i) const
    {
        static const RedisReply nil;
        return i >= 0 && i < elements.size() ? elements.at(i) : nil;
    }

    static RedisReply fromHiredis(const redisReply *reply);
};

} // namespace Chorus::Host
