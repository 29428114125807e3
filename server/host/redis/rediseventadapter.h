// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

struct redisAsyncContext;

namespace Chorus::Host {

// Runs one hiredis asynchronous context on the Qt event loop of the current thread: hiredis asks
// for read/write interest and a timer through its `ev` hooks, and this answers with two
// QSocketNotifiers and a QTimer that call redisAsyncHandleRead/Write/Timeout.
//
// Why not hiredis's own adapters/qt.h: it connects the Qt 4/5 signal QSocketNotifier::
// activated(int) by name, which Qt 6 no longer has (the connection fails at run time and no
// reply is ever read), and it needs moc and the `slots` keyword, which the house's
// QT_NO_KEYWORDS forbids. The notifiers are enabled and disabled, never deleted while hiredis
// runs (hiredis drops its write interest from inside the write handler).
//
// Created right after redisAsyncConnect*(), on the thread that uses the context; hiredis calls
// cleanup() when it frees the context, after which the adapter does nothing.
class RedisEventAdapter : public QObject
{
public:
    explicit RedisEventAdapter(redisAsyncContext *context, QObject *parent = nullptr);
    ~RedisEventAdapter() override;

private:
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);
    static void scheduleTimer(void *self, struct timeval tv);

    redisAsyncContext *m_context;
    std::unique_ptr<QSocketNotifier> m_read;
    std::unique_ptr<QSocketNotifier> m_write;
    QTimer m_timer;
};

} // namespace Chorus::Host
