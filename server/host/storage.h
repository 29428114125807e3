#pragma once

#include "serveroptions.h"

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
// one event-loop turn. Nothing is shown to peers before commit() returned true.
//
// Compaction replaces a document's rows up to a given id by one merged update; it runs on a
// worker thread through its own connection (see Compactor), which is why the database is a file
// in WAL mode with a busy timeout. Without a data directory the database lives in memory.
//
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
    bool hasPending() const { return !m_pending.isEmpty(); }
    // Writes every queued update in one transaction. False on a database error (nothing of this
    // batch is then stored; the caller must not show it to anyone).
    bool commit(QString *error);
    qint64 lastInsertedId() const { return m_lastId; }

    // Replaces the rows of `documentId` with id <= upToId by `merged`, keeping the log order.
    bool replaceLog(qint64 documentId, qint64 upToId, const QByteArray &merged, QString *error);
    QList<QByteArray> logUpTo(qint64 documentId, qint64 upToId);
    qint64 rowCount(qint64 documentId);

    static QString newEpoch();

private:
    bool exec(const QString &sql, QString *error);

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_insert;
    struct Pending
    {
        qint64 documentId;
        qint64 id;
        QByteArray update;
    };
    QList<Pending> m_pending;
    qint64 m_lastId = 0; // the highest committed row id
    qint64 m_nextId = 1;
};

} // namespace Chorus::Host
