// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/redis/redisaddress.h"
#include "host/redis/redisreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

struct redisAsyncContext;

namespace Chorus::Host {

class RedisEventAdapter;

// One asynchronous connection to Redis through hiredis (the RESP codec is hiredis's), run on
// the Qt event loop of the thread it lives on (RedisEventAdapter). Commands are pipelined:
// every command() of one event-loop turn leaves in one write, and replies come back in order.
//
// open() starts connecting and selects the database; connected() or disconnected(why) follows.
// After disconnected() the connection is dead for good: callers make a new one. When the
// connection ends, every callback still waiting is called once with nullptr (no reply).
// A subscription's callback (subscribe()) is called for every message until the end.
//
// Not thread-safe: one thread. Destroying it closes the connection without calling any
// callback.
class RedisConnection : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const RedisReply *reply)>;

    explicit RedisConnection(QObject *parent = nullptr);
    ~RedisConnection() override;

    // Connects within connectTimeoutMs; commands then fail (the connection ends with a
    // timeout) when a reply takes longer than commandTimeoutMs (0: no limit).
    void open(const RedisAddress &address, int connectTimeoutMs, int commandTimeoutMs);
    bool isConnected() const { return m_connected; }
    // Queues a command (binary-safe arguments). Without a connection the callback is called at
    // once with nullptr.
    void command(const QList<QByteArray> &arguments, Callback callback = {});
    // PSUBSCRIBE: `callback` gets the confirmation and then every message.
    void subscribe(const QByteArray &pattern, Callback callback);

Q_SIGNALS:
    void connected();
    void disconnected(const QString &why);

private:
    struct Pending;
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    void send(const QList<QByteArray> &arguments, Pending *pending);
    void ended(const QString &why);

    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<RedisEventAdapter> m_adapter;
    QList<Pending *> m_subscriptions; // owned; hiredis keeps calling them
    bool m_connected = false;
};

} // namespace Chorus::Host
