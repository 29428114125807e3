// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

namespace Chorus::Client {

// Reconnect delays: exponential backoff with "equal jitter" (half the step fixed, half random),
// capped. Attempt n waits a delay in [step/2, step] with step = min(cap, initial * 2^n), so peers
// that lost the same host spread out instead of reconnecting in lockstep. The generator is
// seeded by the caller, so a test can replay a sequence. A value type; not thread-safe.
class Backoff
{
public:
    static constexpr int DefaultInitialMs = 500;
    static constexpr int DefaultCapMs = 30000;

    explicit Backoff(quint32 seed, int initialMs = DefaultInitialMs, int capMs = DefaultCapMs);

    // The delay before the next attempt; each call counts one attempt.
    int nextDelayMs();
    // After a successful connection: the next delay starts small again.
    void reset() { m_attempts = 0; }
    int attempts() const { return m_attempts; }
    int capMs() const { return m_capMs; }

private:
    QRandomGenerator m_rng;
    int m_initialMs;
    int m_capMs;
    int m_attempts = 0;
};

} // namespace Chorus::Client
