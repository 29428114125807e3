// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/redis/redisaddress.h"
#include "host/redis/redisreply.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

struct redisContext;

namespace Chorus::Host {

// A blocking connection to Redis (hiredis's synchronous API) for the few calls whose answer the
// host needs before it can go on: reading the persistence settings at start, and loading a
// room when its first peer joins (one round trip on the host's thread, bounded by a timeout).
// Everything on the hot path (appends, fan-out, compaction) goes through RedisConnection.
//
// Connects lazily and again after any error. Not thread-safe: one thread.
class RedisBlockingConnection
{
public:
    RedisBlockingConnection(const RedisAddress &address, int timeoutMs);
    ~RedisBlockingConnection();
    RedisBlockingConnection(const RedisBlockingConnection &) = delete;
    RedisBlockingConnection &operator=(const RedisBlockingConnection &) = delete;

    // The reply (possibly a Redis error reply), or nothing with `error` set when the
    // connection failed or timed out.
    std::optional<RedisReply> command(const QList<QByteArray> &arguments, QString *error);

private:
    bool ensureConnected(QString *error);
    void reset();

    RedisAddress m_address;
    int m_timeoutMs;
    redisContext *m_context = nullptr;
};

} // namespace Chorus::Host
