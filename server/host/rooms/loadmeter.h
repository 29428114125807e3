// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Chorus::Host {

// The shares of wall time, since the previous sample, that the calling thread ran on a CPU and
// that it was ready to run but waiting for one (Linux's per-thread schedstat "run time" and
// "run delay"). Input the host has been woken for waits that long before it is even read: near
// 0 the machine has a CPU free whenever the host wakes; as the waiting share grows the machine
// is saturated (by the host or by other processes) and the host falls behind whatever its own
// work. WritePacing takes their sum as the host's load.
//
// Only the thread that created it counts (the host's event-loop thread; log compaction runs
// elsewhere and never delays a relay). Where schedstat is missing (not Linux) isAvailable() is
// false and sample() returns zeros. One read of a small /proc file per sample.
//
// Create, sample and destroy it on the thread it measures.
class LoadMeter
{
public:
    explicit LoadMeter(qint64 nowNs); // nowNs: the caller's monotonic clock, in ns
    ~LoadMeter();
    LoadMeter(const LoadMeter &) = delete;
    LoadMeter &operator=(const LoadMeter &) = delete;

    struct Sample
    {
        double running = 0; // on a CPU, 0 … 1
        double waiting = 0; // runnable but waiting for a CPU, 0 … 1
    };

    bool isAvailable() const { return m_fd >= 0; }
    // The shares since the previous sample (or since construction). `nowNs`: the caller's
    // monotonic clock, in ns.
    Sample sample(qint64 nowNs);

private:
    struct Totals
    {
        qint64 runNs = -1; // -1: unreadable
        qint64 delayNs = -1;
    };
    Totals read() const;

    int m_fd = -1;
    qint64 m_lastNs = 0;
    Totals m_last;
};

} // namespace Chorus::Host
