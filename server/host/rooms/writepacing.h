// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/serveroptions.h"

#include <QtGlobal>

namespace Chorus::Host {

// Decides, once per window of about 100 ms, how long the host gathers each peer's relays before
// writing them (the write interval; 0: at once). Pure arithmetic on what the host measured in
// the window, so it is tested without sockets or clocks (tst_writepacing).
//
// The load is the share of time the host's thread was runnable: on a CPU (its own work) or
// ready but waiting for one (LoadMeter). Both are time during which new input waits unread.
// It is smoothed over about a second: one 100 ms window swings with the scheduler (0.7 among
// windows at 0.3 when another process wakes), and pacing on such a swing only delays relays.
//
// - Relaying at once, the host starts pacing when the smoothed load reaches the threshold
//   (Config::pacingLoad) and its own passes fill at least a quarter of it: a host whose input
//   waits for CPUs that other processes hold gains nothing by holding relays back.
// - Pacing, the interval doubles per window while the load is at least half the threshold (up
//   to MaxIntervalNs; so once behind, writes get as full as the cap allows) and shrinks by a
//   third while it is under a quarter.
// - It stops pacing when the host would keep up without it: the load plus what the writes
//   that pacing saved would cost (their measured cost per write) is under 0.7 of the
//   threshold — or the host is nearly idle. The load while pacing says little by itself: it is
//   low because of pacing, and a band on it alone either never lets go (a host pushed over the
//   threshold by a moment's spike, then held at a long interval it does not need) or lets go
//   of a host that is really behind.
// - An opt-in write budget (Config::writeBudgetPerSecond) also starts pacing above it.
class WritePacing
{
public:
    struct Config
    {
        double pacingLoad = ServerOptions().pacingLoad; // --pacing-load's default
        int writeBudgetPerSecond = ServerOptions().writeBudgetPerSecond; // 0: none
    };
    // What the host measured over one window.
    struct Window
    {
        qint64 spanNs = 0;
        qint64 busyNs = 0; // in its own passes (read, check, store, write)
        bool threadMeasured = false; // LoadMeter available (Linux): the two shares below
        double running = 0;
        double waiting = 0;
        qint64 writes = 0; // socket writes, one per peer per flush
        qint64 frames = 0; // messages those writes carried
        qint64 writeNs = 0; // time spent in those writes
    };

    static constexpr qint64 MinIntervalNs = 1000 * 1000;
    static constexpr qint64 MaxIntervalNs = 100 * 1000 * 1000;
    static constexpr qint64 NominalWindowNs = 100 * 1000 * 1000;
    static constexpr double Smoothing = 0.1; // a nominal window's weight (~1 s memory)

    explicit WritePacing(const Config &config)
        : m_config(config)
    { }

    // Takes one window into account; returns the write interval from now on, ns.
    qint64 update(const Window &window);

    qint64 intervalNs() const { return m_intervalNs; }
    double load() const { return m_load; } // smoothed
    // The load the host would have without pacing (the load itself when not pacing).
    double unpacedLoad() const { return m_unpacedLoad; }

private:
    Config m_config;
    qint64 m_intervalNs = 0;
    double m_load = 0;
    double m_unpacedLoad = 0;
    double m_saved = 0; // the load pacing saves, smoothed
    double m_writeCostNs = 0; // smoothed time per write; 0: none measured yet
    bool m_sampled = false;
};

} // namespace Chorus::Host
