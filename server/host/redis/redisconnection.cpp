// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/redis/redisconnection.h"

#include "host/redis/rediseventadapter.h"

#include <QLoggingCategory>

#include <hiredis/async.h>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

struct RedisConnection::Pending
{
    Callback callback;
    bool persistent = false; // a subscription: called for every message, owned by the connection
};

namespace {

timeval toTimeval(int ms)
{
    return timeval { ms / 1000, (ms % 1000) * 1000 };
}

} // namespace

RedisConnection::RedisConnection(QObject *parent)
    : QObject(parent)
{ }

RedisConnection::~RedisConnection()
{
    if (m_context) {
        // No callback may run into an owner that is going away: data = nullptr tells onReply
        // and onDisconnect to only free what they hold.
        m_context->data = nullptr;
        redisAsyncFree(m_context);
        m_context = nullptr;
    }
    m_adapter.reset();
    qDeleteAll(m_subscriptions);
}

void RedisConnection::open(const RedisAddress &address, int connectTimeoutMs, int commandTimeoutMs)
{
    Q_ASSERT(!m_context);
    const QByteArray host = address.host.toUtf8();
    const timeval connectTimeout = toTimeval(connectTimeoutMs);
    const timeval commandTimeout = toTimeval(commandTimeoutMs);
    redisOptions options {};
    REDIS_OPTIONS_SET_TCP(&options, host.constData(), address.port);
    options.connect_timeout = &connectTimeout;
    if (commandTimeoutMs > 0) {
        options.command_timeout = &commandTimeout;
    }
    redisAsyncContext *context = redisAsyncConnectWithOptions(&options);
    if (!context || context->err) {
        const QString why
            = context ? QString::fromUtf8(context->errstr) : QStringLiteral("out of memory");
        if (context) {
            redisAsyncFree(context);
        }
        QMetaObject::invokeMethod(
            this, [this, why] { Q_EMIT disconnected(why); }, Qt::QueuedConnection);
        return;
    }
    m_context = context;
    m_context->data = this;
    m_adapter = std::make_unique<RedisEventAdapter>(m_context);
    redisAsyncSetConnectCallback(m_context, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(m_context, &RedisConnection::onDisconnect);
    if (address.database != 0) {
        command({ "SELECT", QByteArray::number(address.database) });
    }
}

void RedisConnection::command(const QList<QByteArray> &arguments, Callback callback)
{
    send(arguments, new Pending { std::move(callback), false });
}

void RedisConnection::subscribe(const QByteArray &pattern, Callback callback)
{
    auto *pending = new Pending { std::move(callback), true };
    m_subscriptions.append(pending);
    send({ "PSUBSCRIBE", pattern }, pending);
}

void RedisConnection::send(const QList<QByteArray> &arguments, Pending *pending)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(arguments.size()));
    lengths.reserve(size_t(arguments.size()));
    for (const QByteArray &a : arguments) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    if (!m_context
        || redisAsyncCommandArgv(m_context, &RedisConnection::onReply, pending, int(argv.size()),
                                 argv.data(), lengths.data())
            != REDIS_OK) {
        if (pending->callback) {
            pending->callback(nullptr);
        }
        if (!pending->persistent) {
            delete pending;
        }
    }
}

void RedisConnection::onReply(redisAsyncContext *context, void *reply, void *privdata)
{
    auto *pending = static_cast<Pending *>(privdata);
    auto *self = static_cast<RedisConnection *>(context->data);
    if (self && pending->callback) {
        if (reply) {
            const RedisReply converted = RedisReply::fromHiredis(static_cast<redisReply *>(reply));
            pending->callback(&converted);
        } else {
            pending->callback(nullptr);
        }
    }
    if (!pending->persistent) {
        delete pending;
    }
}

void RedisConnection::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (!self) {
        return;
    }
    if (status != REDIS_OK) {
        // hiredis frees the context after this callback.
        self->m_context = nullptr;
        self->ended(QString::fromUtf8(context->errstr));
        return;
    }
    self->m_connected = true;
    Q_EMIT self->connected();
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (!self) {
        return;
    }
    self->m_context = nullptr; // hiredis frees it after this callback
    self->ended(status == REDIS_OK ? QStringLiteral("connection closed")
                                   : QString::fromUtf8(context->errstr));
}

void RedisConnection::ended(const QString &why)
{
    m_connected = false;
    // Signalled from a queued call: the receiver may destroy this connection, which must not
    // happen inside hiredis's callback.
    QMetaObject::invokeMethod(
        this, [this, why] { Q_EMIT disconnected(why); }, Qt::QueuedConnection);
}

} // namespace Chorus::Host
