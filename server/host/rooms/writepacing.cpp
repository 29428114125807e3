// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/rooms/writepacing.h"

#include <cmath>

namespace Chorus::Host {

qint64 WritePacing::update(const Window &w)
{
    if (w.spanNs <= 0) {
        return m_intervalNs;
    }
    const double span = double(w.spanNs);
    const double busy = double(w.busyNs) / span;
    // Without schedstat (not Linux) the time in passes stands for the thread's run time.
    const double windowLoad = w.threadMeasured ? w.running + w.waiting : busy;
    // A window's weight grows with its length: an idle host adjusts once a second, not ten
    // times (Server::sweep), and its load must fade as fast in time as a busy host's.
    const double weight = 1.0 - std::pow(1.0 - Smoothing, span / double(NominalWindowNs));
    m_load = m_sampled ? m_load + weight * (windowLoad - m_load) : windowLoad;
    m_sampled = true;
    if (w.writes > 0 && w.writeNs > 0) {
        const double cost = double(w.writeNs) / double(w.writes);
        m_writeCostNs
            = m_writeCostNs > 0 ? m_writeCostNs + Smoothing * (cost - m_writeCostNs) : cost;
    }
    // What pacing saved, smoothed like the load: how many messages share a write swings from
    // window to window (a peer's 100 ms interval against 100 ms windows).
    const double saved = double(qMax<qint64>(0, w.frames - w.writes)) * m_writeCostNs / span;
    m_saved = m_intervalNs > 0 ? m_saved + weight * (saved - m_saved) : 0;
    m_unpacedLoad = m_load + m_saved;

    const double threshold = m_config.pacingLoad;
    const int budget = m_config.writeBudgetPerSecond;
    const double writesPerSecond = double(w.writes) * 1e9 / span;
    const double framesPerSecond = double(w.frames) * 1e9 / span;
    const bool overBudget = budget > 0 && writesPerSecond > budget;
    // Under a budget, what the peers would need without pacing must fit in it with room.
    const bool budgetFits = budget <= 0 || framesPerSecond < budget / 2.0;

    if (m_intervalNs == 0) {
        if ((m_load >= threshold && busy >= threshold / 4) || overBudget) {
            m_intervalNs = MinIntervalNs;
        }
        return m_intervalNs;
    }
    const bool idle = m_load < threshold / 8;
    if (!overBudget && budgetFits && (idle || m_unpacedLoad < 0.7 * threshold)) {
        m_intervalNs = 0;
        m_saved = 0;
    } else if (m_load >= threshold / 2 || overBudget) {
        m_intervalNs = qMin(m_intervalNs * 2, MaxIntervalNs);
    } else if (m_load < threshold / 4) {
        m_intervalNs = qMax(m_intervalNs * 2 / 3, MinIntervalNs);
    }
    return m_intervalNs;
}

} // namespace Chorus::Host
