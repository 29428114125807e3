// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/redis/redisblockingconnection.h"

#include <hiredis/hiredis.h>
#include <vector>

namespace Chorus::Host {

RedisBlockingConnection::RedisBlockingConnection(const RedisAddress &address, int timeoutMs)
    : m_address(address)
    , m_timeoutMs(timeoutMs)
{ }

RedisBlockingConnection::~RedisBlockingConnection()
{
    reset();
}

void RedisBlockingConnection::reset()
{
    if (m_context) {
        redisFree(m_context);
        m_context = nullptr;
    }
}

bool RedisBlockingConnection::ensureConnected(QString *error)
{
    if (m_context) {
        return true;
    }
    const timeval timeout { m_timeoutMs / 1000, (m_timeoutMs % 1000) * 1000 };
    m_context
        = redisConnectWithTimeout(m_address.host.toUtf8().constData(), m_address.port, timeout);
    if (!m_context || m_context->err) {
        *error = m_context ? QString::fromUtf8(m_context->errstr) : QStringLiteral("out of memory");
        reset();
        return false;
    }
    redisSetTimeout(m_context, timeout);
    if (m_address.database != 0) {
        const auto reply = command({ "SELECT", QByteArray::number(m_address.database) }, error);
        if (!reply || reply->isError()) {
            if (reply) {
                *error = QString::fromUtf8(reply->string);
            }
            reset();
            return false;
        }
    }
    return true;
}

std::optional<RedisReply> RedisBlockingConnection::command(const QList<QByteArray> &arguments,
                                                           QString *error)
{
    if (!ensureConnected(error)) {
        return std::nullopt;
    }
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    for (const QByteArray &a : arguments) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    auto *reply = static_cast<redisReply *>(
        redisCommandArgv(m_context, int(argv.size()), argv.data(), lengths.data()));
    if (!reply) {
        *error = QString::fromUtf8(m_context->errstr);
        reset(); // a failed blocking context cannot be used again
        return std::nullopt;
    }
    RedisReply out = RedisReply::fromHiredis(reply);
    freeReplyObject(reply);
    return out;
}

} // namespace Chorus::Host
