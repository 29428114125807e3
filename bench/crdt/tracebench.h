// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editingtrace.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace Chorus::Bench {

// Measures the Chorus engine on one editing trace, the way ../shared/tools/crdt-bench measures
// Yjs, so the numbers can be put side by side:
// - localReplayMs: new Doc + every patch as a local edit, one transaction per trace txn;
// - encodeMs / encodedBytes: encodeStateAsUpdate of the replayed document;
// - remoteLoadMs: that encoding applied to a fresh Doc, then the whole text read back;
// - applyKeystrokeUpdatesMs: every per-transaction update (what a sender broadcasts) applied in
//   order to a fresh Doc, as a receiver would, then the text read back;
// - heapBytesAfterReplay: heap the replayed document retains (see heapcounter.h);
// - localReplayCpuMs: the replay's process CPU time, steadier than wall time on a busy machine.
// Every timing is the median over `runs` repetitions in this process (each on a fresh Doc).
class TraceBench
{
public:
    explicit TraceBench(const Crdt::Traces::EditingTrace &trace)
        : m_trace(trace)
    { }
    QJsonObject run(int runs);

private:
    double localReplayOnce(bool keepForEncode);
    QList<QByteArray> collectKeystrokeUpdates();

    const Crdt::Traces::EditingTrace &m_trace;
    qint64 m_heapBytes = -1;
    bool m_textMatches = false;
    QByteArray m_encoded;
    QList<double> m_replayCpuMs; // process CPU time of each local replay
};

} // namespace Chorus::Bench
