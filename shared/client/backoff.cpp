// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

#include <algorithm>

namespace Chorus::Client {

Backoff::Backoff(quint32 seed, int initialMs, int capMs)
    : m_rng(seed)
    , m_initialMs(std::max(1, initialMs))
    , m_capMs(std::max(m_initialMs, capMs))
{ }

int Backoff::nextDelayMs()
{
    // Past 2^20 the step is long capped; stop doubling so nothing overflows.
    const int exponent = std::min(m_attempts, 20);
    ++m_attempts;
    const qint64 step = std::min<qint64>(m_capMs, qint64(m_initialMs) << exponent);
    const qint64 half = step / 2;
    return int(half + qint64(m_rng.bounded(quint32(step - half + 1))));
}

} // namespace Chorus::Client
