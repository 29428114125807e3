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
    m_lastDelayNs = readDelayNs();
    if (m_lastDelayNs < 0 && m_fd >= 0) {
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

qint64 LoadMeter::readDelayNs() const
{
#ifdef Q_OS_LINUX
    // "RUN_NS DELAY_NS TIMESLICES\n": a seq file, generated afresh by each read from offset 0.
    char text[96];
    const ssize_t n = ::pread(m_fd, text, sizeof text - 1, 0);
    if (n <= 0) {
        return -1;
    }
    text[n] = '\0';
    char *end = nullptr;
    std::strtoll(text, &end, 10); // the run time: the host measures its own passes instead
    if (end == text) {
        return -1;
    }
    char *rest = end;
    const long long delayNs = std::strtoll(rest, &end, 10);
    if (end == rest) {
        return -1;
    }
    return qint64(delayNs);
#else
    return -1;
#endif
}

double LoadMeter::sample(qint64 nowNs)
{
    if (m_fd < 0) {
        return 0;
    }
    const qint64 delayNs = readDelayNs();
    const qint64 spanNs = nowNs - m_lastNs;
    if (delayNs < 0 || spanNs <= 0) {
        return 0;
    }
    const double share = double(delayNs - m_lastDelayNs) / double(spanNs);
    m_lastNs = nowNs;
    m_lastDelayNs = delayNs;
    return qBound(0.0, share, 1.0);
}

} // namespace Chorus::Host
