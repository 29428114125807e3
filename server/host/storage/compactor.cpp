// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/storage/compactor.h"

#include "crdt/updates.h"
#include "host/storage/storage.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {

// The merge of a document's rows up to upToId; rows is 0 when there is nothing to merge (one
// row or none), -1 on failure.
struct Merge
{
    QByteArray merged;
    qint64 rows = 0;
};

Merge mergeRows(qint64 documentId, const QList<QByteArray> &rows)
{
    if (rows.size() <= 1) {
        return {};
    }
    Crdt::UpdateResult merged = Crdt::mergeUpdates(rows);
    if (!merged.ok()) {
        qCWarning(lcHost) << "compaction: merging document" << documentId
                          << "failed:" << merged.error.toString();
        return { {}, -1 };
    }
    return { std::move(merged.update), rows.size() };
}

} // namespace

class Compactor::Worker : public QObject
{
public:
    Worker(Compactor *owner, const QString &dataDir, ServerOptions::SyncMode sync)
        : m_owner(owner)
        , m_dataDir(dataDir)
        , m_sync(sync)
    { }
    ~Worker() override { m_storage.close(); }

    // On the worker's thread, once it runs.
    void start()
    {
        if (m_dataDir.isEmpty()) {
            return; // an in-memory database has no WAL to checkpoint
        }
        m_timer = new QTimer(this);
        m_timer->setInterval(m_sync == ServerOptions::SyncMode::Full ? FullSyncCheckpointIntervalMs
                                                                     : CheckpointIntervalMs);
        connect(m_timer, &QTimer::timeout, this, &Worker::checkpoint);
        m_timer->start();
    }

    void setPolicy(int intervalMs, qint64 catchUpFrames, qint64 restartFrames)
    {
        m_catchUpFrames = catchUpFrames;
        m_restartFrames = restartFrames;
        if (m_timer) {
            m_timer->setInterval(intervalMs);
        }
    }

    // Reads the rows through the worker's own connection (a WAL read), then merges them.
    void compact(qint64 documentId, qint64 upToId)
    {
        Merge m;
        if (!ensureOpen()) {
            m.rows = -1;
        } else {
            m = mergeRows(documentId, m_storage.logUpTo(documentId, upToId));
        }
        deliver(documentId, upToId, m);
    }

    // Merges rows the host's thread read (an in-memory database has only the host's connection).
    void merge(qint64 documentId, qint64 upToId, const QList<QByteArray> &rows)
    {
        deliver(documentId, upToId, mergeRows(documentId, rows));
    }

    void deliver(qint64 documentId, qint64 upToId, const Merge &m)
    {
        QMetaObject::invokeMethod(
            m_owner,
            [o = m_owner, documentId, upToId, m] {
                o->onMerged(documentId, upToId, m.merged, qMax<qint64>(m.rows, 0), m.rows >= 0);
            },
            Qt::QueuedConnection);
    }

    void checkpoint()
    {
        if (m_dataDir.isEmpty() || !ensureOpen()) {
            return;
        }
        Storage::CheckpointResult r = m_storage.checkpoint(Storage::CheckpointMode::Passive);
        // The WAL restarts from its beginning only when the host's next write finds it wholly
        // copied, that is when a pass ran from start to end between two host commits. A long
        // WAL gets a few more passes (each copies only what came in during the last one), which
        // under bursty traffic soon hit such a gap.
        bool settled = false; // restarted, or wholly copied: the next write restarts it
        for (int pass = 1; r.ok && r.logFrames > m_catchUpFrames && pass < CatchUpPasses; ++pass) {
            const qint64 before = r.logFrames;
            r = m_storage.checkpoint(Storage::CheckpointMode::Passive);
            if (r.ok && r.logFrames <= before) {
                settled = true;
                break;
            }
        }
        bool restart = false;
        if (r.ok && !settled && r.logFrames > m_restartFrames) {
            // Writes never paused for long enough: hold the writer back once, for the copy of
            // what came in during the last pass and the fsyncs, so the WAL cannot grow forever.
            r = m_storage.checkpoint(Storage::CheckpointMode::Restart);
            restart = true;
        }
        if (!r.ok) {
            qCWarning(lcHost) << "checkpoint failed; the WAL keeps growing until one succeeds";
            return;
        }
        Q_EMIT m_owner->checkpointed(r.logFrames, r.checkpointedFrames, restart);
    }

private:
    bool ensureOpen()
    {
        if (m_storage.isOpen()) {
            return true;
        }
        QString error;
        if (!m_storage.open(m_dataDir, m_sync, &error)) {
            qCWarning(lcHost) << "compaction: cannot open the database:" << error;
            m_storage.close();
            return false;
        }
        return true;
    }

    Compactor *m_owner;
    QString m_dataDir;
    ServerOptions::SyncMode m_sync;
    Storage m_storage;
    QTimer *m_timer = nullptr;
    qint64 m_catchUpFrames
        = m_sync == ServerOptions::SyncMode::Full ? FullSyncCatchUpFrames : CatchUpFrames;
    qint64 m_restartFrames = RestartFrames;
};

Compactor::Compactor(const QString &dataDir, ServerOptions::SyncMode sync, Storage *hostStorage,
                     QObject *parent)
    : QObject(parent)
    , m_host(hostStorage)
{
    m_idleApply.setSingleShot(true);
    m_idleApply.setInterval(IdleApplyMs);
    connect(&m_idleApply, &QTimer::timeout, this, &Compactor::applyWhenIdle);
    m_inMemory = dataDir.isEmpty();
    m_worker = new Worker(this, dataDir, sync);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("chorus-compactor"));
    m_thread.start(QThread::LowPriority);
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->start(); });
}

Compactor::~Compactor()
{
    m_thread.quit(); // queued requests are dropped: an uncompacted log is still complete
    m_thread.wait();
    // What was merged is written now unless the host's final commit takes it anyway.
    applyWhenIdle();
}

void Compactor::request(qint64 documentId, qint64 upToId)
{
    if (m_inMemory) {
        // Reading is a memory copy; the merge, which can take long for a big document, runs on
        // the worker as it does for a database on disk.
        const QList<QByteArray> rows = m_host->logUpTo(documentId, upToId);
        QMetaObject::invokeMethod(m_worker, [w = m_worker, documentId, upToId, rows] {
            w->merge(documentId, upToId, rows);
        });
        return;
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, documentId, upToId] { w->compact(documentId, upToId); });
}

void Compactor::requestCheckpoint()
{
    if (!m_inMemory) {
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->checkpoint(); });
    }
}

void Compactor::setCheckpointPolicy(int intervalMs, qint64 catchUpFrames, qint64 restartFrames)
{
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, [=, w = m_worker] {
            w->setPolicy(intervalMs, catchUpFrames, restartFrames);
        });
    }
}

void Compactor::onMerged(qint64 documentId, qint64 upToId, const QByteArray &merged, qint64 rows,
                         bool ok)
{
    if (ok && rows > 1 && m_host->isOpen()) {
        m_host->queueReplacement(documentId, upToId, merged);
        if (!m_idleApply.isActive()) {
            m_idleApply.start();
        }
    }
    Q_EMIT compacted(documentId, rows, ok);
}

void Compactor::applyWhenIdle()
{
    if (!m_host || !m_host->isOpen() || !m_host->hasQueuedReplacements()) {
        return;
    }
    if (m_host->hasPending()) {
        // The host's next commit takes them; look again in case it fails.
        m_idleApply.start();
        return;
    }
    QString error;
    if (!m_host->commitReplacements(&error)) {
        qCWarning(lcHost) << "compaction: writing merged updates failed:" << error;
    }
}

} // namespace Chorus::Host
