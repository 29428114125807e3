// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/redis/rediseventadapter.h"

#include <hiredis/async.h>

namespace Chorus::Host {

RedisEventAdapter::RedisEventAdapter(redisAsyncContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_read(std::make_unique<QSocketNotifier>(context->c.fd, QSocketNotifier::Read))
    , m_write(std::make_unique<QSocketNotifier>(context->c.fd, QSocketNotifier::Write))
{
    m_read->setEnabled(false);
    m_write->setEnabled(false);
    connect(m_read.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context) {
            redisAsyncHandleRead(m_context);
        }
    });
    connect(m_write.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context) {
            redisAsyncHandleWrite(m_context);
        }
    });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_context) {
            redisAsyncHandleTimeout(m_context);
        }
    });
    context->ev.data = this;
    context->ev.addRead = &RedisEventAdapter::addRead;
    context->ev.delRead = &RedisEventAdapter::delRead;
    context->ev.addWrite = &RedisEventAdapter::addWrite;
    context->ev.delWrite = &RedisEventAdapter::delWrite;
    context->ev.cleanup = &RedisEventAdapter::cleanup;
    context->ev.scheduleTimer = &RedisEventAdapter::scheduleTimer;
}

RedisEventAdapter::~RedisEventAdapter()
{
    if (m_context) {
        m_context->ev.data = nullptr;
        m_context->ev.addRead = nullptr;
        m_context->ev.delRead = nullptr;
        m_context->ev.addWrite = nullptr;
        m_context->ev.delWrite = nullptr;
        m_context->ev.cleanup = nullptr;
        m_context->ev.scheduleTimer = nullptr;
    }
}

void RedisEventAdapter::addRead(void *self)
{
    static_cast<RedisEventAdapter *>(self)->m_read->setEnabled(true);
}

void RedisEventAdapter::delRead(void *self)
{
    static_cast<RedisEventAdapter *>(self)->m_read->setEnabled(false);
}

void RedisEventAdapter::addWrite(void *self)
{
    static_cast<RedisEventAdapter *>(self)->m_write->setEnabled(true);
}

void RedisEventAdapter::delWrite(void *self)
{
    static_cast<RedisEventAdapter *>(self)->m_write->setEnabled(false);
}

void RedisEventAdapter::cleanup(void *self)
{
    // The context is being freed (its socket closes next): nothing may touch it any more.
    auto *a = static_cast<RedisEventAdapter *>(self);
    a->m_read->setEnabled(false);
    a->m_write->setEnabled(false);
    a->m_timer.stop();
    a->m_context = nullptr;
}

void RedisEventAdapter::scheduleTimer(void *self, struct timeval tv)
{
    auto *a = static_cast<RedisEventAdapter *>(self);
    a->m_timer.start(int(tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000));
}

} // namespace Chorus::Host
