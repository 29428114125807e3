// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/serveroptions.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace Chorus::Host {

// The host's embedded store: one SQLite database (WAL mode) with a row per document (name,
// epoch, creation time) and an append-only log of validated updates per document.
//
// Writes are grouped: append() only queues; commit() writes everything queued since the last
// commit in one transaction, so one fsync (with --sync full) covers all updates that arrived in
// one event-loop turn. Nothing is shown to peers before commit() returned true. With --sync
// normal a commit writes the WAL (the OS has it: it survives kill -9) and never waits for a
// disk flush.
//
// A commit never waits for other work either. SQLite's automatic checkpoint is off on every
// connection (it would run inside a commit and fsync the database file there); checkpoint() is
// called from the Compactor's thread instead, in PASSIVE mode, which never blocks a writer.
// Compaction reads and merges on that thread too (reads never block the writer in WAL mode)
// and hands the merged update back: queueReplacement() makes the next commit() swap the rows
// for it in the same transaction, so the compactor never holds the write lock. A Storage used
// without a Compactor must call checkpoint() itself now and then, or its WAL keeps growing.
//
// Without a data directory the database lives in memory (no WAL, no checkpoints).
// Not thread-safe: one Storage per thread.
class Storage
{
public:
    struct Document
    {
        qint64 id = 0;
        QString epoch;
        qint64 createdMs = 0;
    };
    struct LoadedDocument
    {
        Document document;
        QList<QByteArray> updates;
        qint64 lastUpdateId = 0;
    };
    enum class CheckpointMode {
        Passive, // copies what it can without waiting for or blocking anyone
        Restart, // waits for the writer, copies everything, so that the next write restarts the WAL
    };
    struct CheckpointResult
    {
        bool ok = false;
        qint64 logFrames = 0; // frames in the WAL when it ran
        qint64 checkpointedFrames = 0; // of which are now in the database file
    };

    Storage() = default;
    ~Storage();
    Storage(const Storage &) = delete;
    Storage &operator=(const Storage &) = delete;

    // Opens (creating) dataDir/chorus.sqlite, or an in-memory database when dataDir is empty.
    bool open(const QString &dataDir, ServerOptions::SyncMode sync, QString *error);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    // The path of the database file; empty when in memory.
    QString filePath() const { return m_path; }

    std::optional<Document> findDocument(const QString &name);
    // Creates the document row now (its own small transaction); a fresh random epoch.
    std::optional<Document> createDocument(const QString &name, qint64 nowMs);
    QList<std::pair<QString, Document>> documents();
    // Every stored update of a document, oldest first.
    std::optional<LoadedDocument> load(const QString &name);

    // Queues an update for the next commit() under the next row id.
    void append(qint64 documentId, const QByteArray &update);
    // Updates are queued (appended and not yet committed).
    bool hasPending() const { return !m_pending.isEmpty(); }
    // Writes every queued update (and queued replacement) in one transaction. False on a
    // database error (nothing of this batch is then stored; the caller must not show it to
    // anyone).
    bool commit(QString *error);
    qint64 lastInsertedId() const { return m_lastId; }

    // Replaces the rows of `documentId` with id <= upToId by `merged`, keeping the log order,
    // in the next commit()'s transaction (or commitReplacements()). `merged` must be the merge
    // of the document's rows with id <= upToId (rows appended later are kept).
    void queueReplacement(qint64 documentId, qint64 upToId, const QByteArray &merged);
    bool hasQueuedReplacements() const { return !m_replacements.isEmpty(); }
    // Writes the queued replacements alone when no update is queued (else the next commit()
    // takes them). Without an fsync even with --sync full: losing a replacement loses nothing,
    // and the next synced commit makes it durable with everything before it.
    bool commitReplacements(QString *error);

    QList<QByteArray> logUpTo(qint64 documentId, qint64 upToId);
    qint64 rowCount(qint64 documentId);

    // Copies WAL frames into the database file (the Compactor's thread calls this). A no-op
    // result (ok, 0, 0) in memory.
    CheckpointResult checkpoint(CheckpointMode mode);

    static QString newEpoch();

private:
    struct Pending
    {
        qint64 documentId;
        qint64 id;
        QByteArray update;
    };
    struct Replacement
    {
        qint64 documentId;
        qint64 upToId;
        QByteArray merged;
    };

    bool exec(const QString &sql, QString *error);
    bool createSchema(QString *error);
    bool prepare(std::optional<QSqlQuery> &query, const QString &sql, QString *error);
    bool run(QSqlQuery &query, QString *error);
    // Inside an open transaction; true also when there was nothing to replace.
    bool applyReplacement(const Replacement &r, QString *error);
    bool writeBatch(const QList<Replacement> &replacements, const QList<Pending> &updates,
                    QString *error);

    QString m_connectionName;
    QString m_path;
    ServerOptions::SyncMode m_sync = ServerOptions::SyncMode::Full;
    QSqlDatabase m_db;
    // Prepared once: a commit prepares nothing.
    std::optional<QSqlQuery> m_begin;
    std::optional<QSqlQuery> m_commit;
    std::optional<QSqlQuery> m_rollback;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_lastRowUpTo;
    std::optional<QSqlQuery> m_deleteUpTo;
    QList<Pending> m_pending;
    QList<Replacement> m_replacements;
    qint64 m_lastId = 0; // the highest committed row id
    qint64 m_nextId = 1;
};

} // namespace Chorus::Host
