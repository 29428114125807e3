// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/storage/storage.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QVariant>

#include <utility>

namespace Chorus::Host {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("chorus-host-%1").arg(counter.fetchAndAddRelaxed(1));
}

constexpr QFile::Permissions OwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;

// Documents are the user's own: a data directory we create is 0700, and the database is 0600
// from its first byte (created empty before SQLite opens it; SQLite gives the WAL and the
// shared-memory file the database's mode). Files of an existing database are tightened.
bool prepareOwnerOnly(const QString &dataDir, const QString &dbPath, QString *error)
{
    if (!QFileInfo::exists(dataDir)) {
        if (!QDir().mkpath(dataDir)
            || !QFile::setPermissions(dataDir, OwnerOnlyFile | QFile::ExeOwner)) {
            *error = QStringLiteral("cannot create the data directory %1").arg(dataDir);
            return false;
        }
    }
    QFile db(dbPath);
    if (!db.exists() && !db.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnlyFile)) {
        *error = QStringLiteral("cannot create %1: %2").arg(dbPath, db.errorString());
        return false;
    }
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        if (QFileInfo::exists(dbPath + suffix)) {
            QFile::setPermissions(dbPath + suffix, OwnerOnlyFile);
        }
    }
    return true;
}

} // namespace

Storage::~Storage()
{
    close();
}

bool Storage::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        if (error) {
            *error = q.lastError().text();
        }
        return false;
    }
    return true;
}

bool Storage::open(const QString &dataDir, ServerOptions::SyncMode sync, QString *error)
{
    m_connectionName = nextConnectionName();
    m_sync = sync;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (dataDir.isEmpty()) {
        m_path.clear();
        m_db.setDatabaseName(QStringLiteral(":memory:"));
    } else {
        m_path = QDir(dataDir).absoluteFilePath(QStringLiteral("chorus.sqlite"));
        if (!prepareOwnerOnly(dataDir, m_path, error)) {
            return false;
        }
        m_db.setDatabaseName(m_path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        return false;
    }
    const QString syncPragma = sync == ServerOptions::SyncMode::Full
        ? QStringLiteral("PRAGMA synchronous=FULL")
        : QStringLiteral("PRAGMA synchronous=NORMAL");
    // No automatic checkpoints: they would run inside whichever commit crossed the threshold,
    // and copy and fsync there (see checkpoint()). A WAL that grew past 64 MiB is cut back to
    // that when it restarts; below that it keeps its size, so that rewriting it in place needs
    // no metadata update on the next fsync.
    const bool onDisk = !m_path.isEmpty();
    if ((onDisk && !exec(QStringLiteral("PRAGMA journal_mode=WAL"), error))
        || (onDisk && !exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"), error))
        || (onDisk && !exec(QStringLiteral("PRAGMA journal_size_limit=67108864"), error))
        || !exec(syncPragma, error) || !createSchema(error)) {
        return false;
    }
    // The highest id, found through the (doc, id) key: one seek per document.
    QSqlQuery maxId(m_db);
    if (maxId.exec(QStringLiteral("SELECT max((SELECT max(id) FROM log WHERE doc = documents.id)) "
                                  "FROM documents"))
        && maxId.next()) {
        m_lastId = maxId.value(0).toLongLong();
    }
    maxId.finish();
    // IMMEDIATE: the write lock is taken up front, so a transaction that reads before it writes
    // (a replacement) cannot fail on a snapshot another connection made stale.
    if (!prepare(m_begin, QStringLiteral("BEGIN IMMEDIATE"), error)
        || !prepare(m_commit, QStringLiteral("COMMIT"), error)
        || !prepare(m_rollback, QStringLiteral("ROLLBACK"), error)
        || !prepare(m_insert, QStringLiteral("INSERT INTO log(doc, id, data) VALUES (?, ?, ?)"),
                    error)
        || !prepare(m_lastRowUpTo,
                    QStringLiteral("SELECT max(id) FROM log WHERE doc = ? AND id <= ?"), error)
        || !prepare(m_deleteUpTo, QStringLiteral("DELETE FROM log WHERE doc = ? AND id <= ?"),
                    error)) {
        return false;
    }
    m_nextId = m_lastId + 1;
    return true;
}

// The log is clustered by (doc, id): a document's rows sit together, so a commit dirties one
// page per document it touches, and replacing a document's first rows rewrites a few adjacent
// pages (on the host's thread, see queueReplacement()) instead of one page per row. A database
// from before (a rowid table `updates` with an index on (doc, id)) is moved over once; the view
// `updates` shows the log under its old name.
bool Storage::createSchema(QString *error)
{
    if (!exec(QStringLiteral("CREATE TABLE IF NOT EXISTS documents ("
                             "id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                             "epoch TEXT NOT NULL, created INTEGER NOT NULL)"),
              error)
        || !exec(QStringLiteral("CREATE TABLE IF NOT EXISTS log ("
                                "doc INTEGER NOT NULL, id INTEGER NOT NULL, data BLOB NOT NULL, "
                                "PRIMARY KEY (doc, id)) WITHOUT ROWID"),
                 error)) {
        return false;
    }
    const auto hasOldLog = [this] {
        QSqlQuery q(m_db);
        return q.exec(QStringLiteral(
                   "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'updates'"))
            && q.next();
    };
    // Tools (and tests) that read the log as rows (id, doc, data) keep working.
    const auto createView = [this, error] {
        return exec(QStringLiteral("CREATE VIEW IF NOT EXISTS updates AS "
                                   "SELECT id, doc, data FROM log"),
                    error);
    };
    if (!hasOldLog()) {
        return createView();
    }
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), error)) {
        return false;
    }
    const bool ok = !hasOldLog() // another connection moved it meanwhile
        || (exec(QStringLiteral("INSERT INTO log(doc, id, data) "
                                "SELECT doc, id, data FROM updates ORDER BY doc, id"),
                 error)
            && exec(QStringLiteral("DROP TABLE updates"), error));
    if (ok && exec(QStringLiteral("COMMIT"), error)) {
        return createView();
    }
    exec(QStringLiteral("ROLLBACK"), nullptr);
    return false;
}

bool Storage::prepare(std::optional<QSqlQuery> &query, const QString &sql, QString *error)
{
    query.emplace(m_db);
    if (!query->prepare(sql)) {
        if (error) {
            *error = query->lastError().text();
        }
        return false;
    }
    return true;
}

bool Storage::run(QSqlQuery &query, QString *error)
{
    if (!query.exec()) {
        if (error) {
            *error = query.lastError().text();
        }
        return false;
    }
    return true;
}

void Storage::close()
{
    if (m_connectionName.isEmpty()) {
        return;
    }
    for (auto *q : { &m_begin, &m_commit, &m_rollback, &m_insert, &m_lastRowUpTo, &m_deleteUpTo }) {
        q->reset();
    }
    m_pending.clear();
    m_replacements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QString Storage::newEpoch()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

std::optional<Storage::Document> Storage::findDocument(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, epoch, created FROM documents WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next()) {
        return std::nullopt;
    }
    return Document { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong() };
}

std::optional<Storage::Document> Storage::createDocument(const QString &name, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO documents(name, epoch, created) VALUES (?, ?, ?)"));
    const QString epoch = newEpoch();
    q.addBindValue(name);
    q.addBindValue(epoch);
    q.addBindValue(nowMs);
    if (!q.exec()) {
        return std::nullopt;
    }
    return Document { q.lastInsertId().toLongLong(), epoch, nowMs };
}

QList<std::pair<QString, Storage::Document>> Storage::documents()
{
    QList<std::pair<QString, Document>> out;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT name, id, epoch, created FROM documents ORDER BY id"))) {
        while (q.next()) {
            out.append({ q.value(0).toString(),
                         Document { q.value(1).toLongLong(), q.value(2).toString(),
                                    q.value(3).toLongLong() } });
        }
    }
    return out;
}

std::optional<Storage::LoadedDocument> Storage::load(const QString &name)
{
    const auto doc = findDocument(name);
    if (!doc) {
        return std::nullopt;
    }
    LoadedDocument out;
    out.document = *doc;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, data FROM log WHERE doc = ? ORDER BY id"));
    q.addBindValue(doc->id);
    if (!q.exec()) {
        return std::nullopt;
    }
    while (q.next()) {
        out.lastUpdateId = q.value(0).toLongLong();
        out.updates.append(q.value(1).toByteArray());
    }
    return out;
}

void Storage::append(qint64 documentId, const QByteArray &update)
{
    m_pending.append({ documentId, m_nextId++, update });
}

bool Storage::commit(QString *error)
{
    if (m_pending.isEmpty() && m_replacements.isEmpty()) {
        return true;
    }
    const QList<Pending> batch = std::exchange(m_pending, {});
    const QList<Replacement> replacements = std::exchange(m_replacements, {});
    if (!writeBatch(replacements, batch, error)) {
        return false;
    }
    if (!batch.isEmpty()) {
        m_lastId = batch.constLast().id;
    }
    return true;
}

bool Storage::writeBatch(const QList<Replacement> &replacements, const QList<Pending> &updates,
                         QString *error)
{
    if (!run(*m_begin, error)) {
        return false;
    }
    bool ok = true;
    for (const Replacement &r : replacements) {
        if (!(ok = applyReplacement(r, error))) {
            break;
        }
    }
    for (qsizetype i = 0; ok && i < updates.size(); ++i) {
        const Pending &p = updates[i];
        m_insert->bindValue(0, p.documentId);
        m_insert->bindValue(1, p.id);
        m_insert->bindValue(2, p.update);
        ok = run(*m_insert, error);
    }
    if (ok && run(*m_commit, error)) {
        return true;
    }
    run(*m_rollback, nullptr);
    return false;
}

bool Storage::applyReplacement(const Replacement &r, QString *error)
{
    m_lastRowUpTo->bindValue(0, r.documentId);
    m_lastRowUpTo->bindValue(1, r.upToId);
    if (!run(*m_lastRowUpTo, error)) {
        return false;
    }
    const bool any = m_lastRowUpTo->next() && !m_lastRowUpTo->value(0).isNull();
    const qint64 lastId = any ? m_lastRowUpTo->value(0).toLongLong() : 0;
    m_lastRowUpTo->finish(); // a statement left open would pin a snapshot of the WAL
    if (!any) {
        return true; // nothing to replace
    }
    // The merged row takes the id of the last row it replaces, so the log keeps its order.
    m_deleteUpTo->bindValue(0, r.documentId);
    m_deleteUpTo->bindValue(1, r.upToId);
    m_insert->bindValue(0, r.documentId);
    m_insert->bindValue(1, lastId);
    m_insert->bindValue(2, r.merged);
    return run(*m_deleteUpTo, error) && run(*m_insert, error);
}

void Storage::queueReplacement(qint64 documentId, qint64 upToId, const QByteArray &merged)
{
    m_replacements.append({ documentId, upToId, merged });
}

bool Storage::commitReplacements(QString *error)
{
    if (m_replacements.isEmpty() || !m_pending.isEmpty()) {
        return true;
    }
    const bool relax = m_sync == ServerOptions::SyncMode::Full && !m_path.isEmpty();
    if (relax) {
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"), nullptr);
    }
    const bool ok = writeBatch(std::exchange(m_replacements, {}), {}, error);
    if (relax) {
        exec(QStringLiteral("PRAGMA synchronous=FULL"), nullptr);
    }
    return ok;
}

Storage::CheckpointResult Storage::checkpoint(CheckpointMode mode)
{
    if (m_path.isEmpty()) {
        return { true, 0, 0 };
    }
    QSqlQuery q(m_db);
    const bool ran = q.exec(mode == CheckpointMode::Passive
                                ? QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")
                                : QStringLiteral("PRAGMA wal_checkpoint(RESTART)"));
    if (!ran || !q.next()) {
        return {};
    }
    // (busy, log, checkpointed); busy is 1 when RESTART could not get what it waited for.
    return { q.value(0).toInt() == 0, q.value(1).toLongLong(), q.value(2).toLongLong() };
}

QList<QByteArray> Storage::logUpTo(qint64 documentId, qint64 upToId)
{
    QList<QByteArray> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT data FROM log WHERE doc = ? AND id <= ? ORDER BY id"));
    q.addBindValue(documentId);
    q.addBindValue(upToId);
    if (q.exec()) {
        while (q.next()) {
            out.append(q.value(0).toByteArray());
        }
    }
    return out;
}

qint64 Storage::rowCount(qint64 documentId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM log WHERE doc = ?"));
    q.addBindValue(documentId);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace Chorus::Host
