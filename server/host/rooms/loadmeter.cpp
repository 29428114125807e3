// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/rooms/loadmeter.h"

#include <cstdio>
#include <cstdlib>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Chorus::Host {

LoadMeter::LoadMeter(qint64 nowNs)
    : m_lastNs(nowNs)
{
#ifdef Q_OS_LINUX
    // thread-self resolves to the calling thread once, at open: later reads describe it even
    // when made elsewhere (they are not).
    m_fd = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    m_last = read();
    if (m_last.delayNs < 0 && m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
#endif
}

LoadMeter::~LoadMeter()
{
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        ::close(m_fd);
    }
#endif
}

LoadMeter::Totals LoadMeter::read() const
{
    Totals out;
#ifdef Q_OS_LINUX
    // "RUN_NS DELAY_NS TIMESLICES\n": a seq file, generated afresh by each read from offset 0.
    char text[96];
    const ssize_t n = ::pread(m_fd, text, sizeof text - 1, 0);
    if (n <= 0) {
        return out;
    }
    text[n] = '\0';
    char *end = nullptr;
    const long long runNs = std::strtoll(text, &end, 10);
    if (end == text) {
        return out;
    }
    char *rest = end;
    const long long delayNs = std::strtoll(rest, &end, 10);
    if (end == rest) {
        return out;
    }
    out.runNs = qint64(runNs);
    out.delayNs = qint64(delayNs);
#endif
    return out;
}

LoadMeter::Sample LoadMeter::sample(qint64 nowNs)
{
    if (m_fd < 0) {
        return {};
    }
    const Totals now = read();
    const qint64 spanNs = nowNs - m_lastNs;
    if (now.delayNs < 0 || spanNs <= 0) {
        return {};
    }
    Sample out;
    out.running = qBound(0.0, double(now.runNs - m_last.runNs) / double(spanNs), 1.0);
    out.waiting = qBound(0.0, double(now.delayNs - m_last.delayNs) / double(spanNs), 1.0);
    m_lastNs = nowNs;
    m_last = now;
    return out;
}

} // namespace Chorus::Host
