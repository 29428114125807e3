// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/redis/redisreply.h"

#include <hiredis/hiredis.h>

namespace Chorus::Host {

RedisReply RedisReply::fromHiredis(const redisReply *reply)
{
    RedisReply out;
    if (!reply) {
        return out;
    }
    switch (reply->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_VERB:
        out.type = Type::String;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_STATUS:
        out.type = Type::Status;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = Type::Error;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
    case REDIS_REPLY_BOOL:
        out.type = Type::Integer;
        out.integer = reply->integer;
        break;
    case REDIS_REPLY_ARRAY:
    case REDIS_REPLY_SET:
    case REDIS_REPLY_MAP:
    case REDIS_REPLY_PUSH:
        out.type = Type::Array;
        out.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i) {
            out.elements.append(fromHiredis(reply->element[i]));
        }
        break;
    default: break; // nil, and RESP3 types this host never asks for
    }
    return out;
}

} // namespace Chorus::Host
