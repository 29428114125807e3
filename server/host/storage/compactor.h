// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/serveroptions.h"

#include <QObject>
#include <QThread>
#include <QTimer>

namespace Chorus::Host {

class Storage;

// Keeps the host's database small without ever making the host's thread wait, from a worker
// thread with its own database connection:
// - compaction: request() reads a document's rows up to a given id (a WAL read, which never
//   blocks the writer), merges them (yjs mergeUpdates) and hands the merged update back to the
//   host's Storage (Storage::queueReplacement): the host's next commit swaps the rows for it in
//   its own transaction, so the worker never holds the write lock. Rows appended meanwhile are
//   kept, so no update is ever lost to it. When the host commits nothing for IdleApplyMs, the
//   replacement is written on its own (without an fsync: losing it loses nothing);
// - checkpoints: every CheckpointIntervalMs (or FullSyncCheckpointIntervalMs) a PASSIVE
//   checkpoint copies the WAL into the database file and fsyncs it there, never blocking the
//   writer (Storage turns SQLite's automatic checkpoint off). The WAL restarts from its
//   beginning when the host's next write finds it wholly copied; past the catch-up size a round
//   makes up to CatchUpPasses passes to get there. Only when the WAL still holds more than
//   RestartFrames frames (the writes never paused for a whole pass) does a RESTART checkpoint
//   hold the writer back for one short copy and two fsyncs, so that it cannot grow forever.
// With an in-memory database (no data directory) the host's thread reads the rows (the database
// has only its connection) and the worker merges them; there is nothing to checkpoint.
// Created, used and destroyed on the host's thread; compacted() and checkpointed() arrive there.
class Compactor : public QObject
{
    Q_OBJECT

public:
    // Checkpoint cadence. With --sync normal the host never fsyncs but for the WAL header
    // after each restart, so restarts are kept rare; with --sync full every commit fsyncs the
    // WAL, which is much cheaper in a small WAL rewritten in place than in one that grows.
    static constexpr int CheckpointIntervalMs = 1000; // --sync normal
    static constexpr qint64 CatchUpFrames = 4096; // 16 MiB of 4 KiB pages
    static constexpr int FullSyncCheckpointIntervalMs = 500;
    static constexpr qint64 FullSyncCatchUpFrames = 512; // 2 MiB
    static constexpr int CatchUpPasses = 16; // passive passes per round past the catch-up size
    static constexpr qint64 RestartFrames = 16384; // 64 MiB
    static constexpr int IdleApplyMs = 250;

    Compactor(const QString &dataDir, ServerOptions::SyncMode sync, Storage *hostStorage,
              QObject *parent = nullptr);
    ~Compactor() override;

    void request(qint64 documentId, qint64 upToId);
    // Tests and benchmarks: a checkpoint as soon as the worker is free; another cadence.
    void requestCheckpoint();
    void setCheckpointPolicy(int intervalMs, qint64 catchUpFrames, qint64 restartFrames);

Q_SIGNALS:
    // rowsBefore rows were merged into one, now queued on the host's Storage (ok), or the
    // database or the merge failed (not ok; the log is unchanged).
    void compacted(qint64 documentId, qint64 rowsBefore, bool ok);
    // A checkpoint ran: the WAL held logFrames frames, checkpointedFrames of them are now in the
    // database file (equal: the next write restarts the WAL from its beginning).
    void checkpointed(qint64 logFrames, qint64 checkpointedFrames, bool restart);

private:
    class Worker;
    void onMerged(qint64 documentId, qint64 upToId, const QByteArray &merged, qint64 rows, bool ok);
    void applyWhenIdle();

    QThread m_thread;
    Worker *m_worker = nullptr;
    bool m_inMemory = false;
    Storage *m_host = nullptr;
    QTimer m_idleApply;
};

} // namespace Chorus::Host
