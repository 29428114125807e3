// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/redis/redisreply.h"

#include <QByteArray>
#include <QString>

namespace Chorus::Host {

// The names of what a Chorus host keeps in Redis (docs/deploy.md lists them), in one place.
// Room names are binary-safe key suffixes (Redis keys are byte strings).
struct RedisKeys
{
    static QByteArray document(const QString &room) { return "chorus:doc:" + room.toUtf8(); }
    static QByteArray log(const QString &room) { return "chorus:log:" + room.toUtf8(); }
    static QByteArray snapshot(const QString &room) { return "chorus:snap:" + room.toUtf8(); }
    static QByteArray lock(const QString &room) { return "chorus:lock:" + room.toUtf8(); }
    static QByteArray documents() { return QByteArrayLiteral("chorus:docs"); }
    // Pub/sub channels are shared by all databases of a server: the database is in the name.
    static QByteArray channelPrefix(int database)
    {
        return "chorus:" + QByteArray::number(database) + ":relay:";
    }
    // The update held by one XRANGE entry: [id, [field, value, ...]] with the field "u".
    static QByteArray entryUpdate(const RedisReply &entry)
    {
        const RedisReply &fields = entry.at(1);
        for (qsizetype i = 0; i + 1 < fields.elements.size(); i += 2) {
            if (fields.at(i).string == "u") {
                return fields.at(i + 1).string;
            }
        }
        return {};
    }
};

} // namespace Chorus::Host
