#include "storage.h"

#include <QAtomicInteger>
#include <QDir>
#include <QRandomGenerator>
#include <QSqlError>
#include <QVariant>

namespace Chorus::Host {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("chorus-host-%1").arg(counter.fetchAndAddRelaxed(1));
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
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (dataDir.isEmpty()) {
        m_path.clear();
        m_db.setDatabaseName(QStringLiteral(":memory:"));
    } else {
        if (!QDir().mkpath(dataDir)) {
            *error = QStringLiteral("cannot create the data directory %1").arg(dataDir);
            return false;
        }
        m_path = QDir(dataDir).absoluteFilePath(QStringLiteral("chorus.sqlite"));
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
    if ((!m_path.isEmpty() && !exec(QStringLiteral("PRAGMA journal_mode=WAL"), error))
        || !exec(syncPragma, error)
        || !exec(QStringLiteral("CREATE TABLE IF NOT EXISTS documents ("
                                "id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                                "epoch TEXT NOT NULL, created INTEGER NOT NULL)"),
                 error)
        || !exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS updates ("
                           "id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, data BLOB NOT NULL)"),
            error)
        || !exec(QStringLiteral("CREATE INDEX IF NOT EXISTS updates_doc ON updates(doc, id)"),
                 error)) {
        return false;
    }
    QSqlQuery maxId(m_db);
    if (maxId.exec(QStringLiteral("SELECT max(id) FROM updates")) && maxId.next()) {
        m_lastId = maxId.value(0).toLongLong();
    }
    m_insert.emplace(m_db);
    m_insert->prepare(QStringLiteral("INSERT INTO updates(doc, id, data) VALUES (?, ?, ?)"));
    m_nextId = m_lastId + 1;
    return true;
}

void Storage::close()
{
    if (m_connectionName.isEmpty()) {
        return;
    }
    m_insert.reset();
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
    q.prepare(QStringLiteral("SELECT id, data FROM updates WHERE doc = ? ORDER BY id"));
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
    if (m_pending.isEmpty()) {
        return true;
    }
    const QList<Pending> batch = std::move(m_pending);
    m_pending.clear();
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    for (const Pending &p : batch) {
        m_insert->bindValue(0, p.documentId);
        m_insert->bindValue(1, p.id);
        m_insert->bindValue(2, p.update);
        if (!m_insert->exec()) {
            *error = m_insert->lastError().text();
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    m_lastId = batch.constLast().id;
    return true;
}

QList<QByteArray> Storage::logUpTo(qint64 documentId, qint64 upToId)
{
    QList<QByteArray> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT data FROM updates WHERE doc = ? AND id <= ? ORDER BY id"));
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
    q.prepare(QStringLiteral("SELECT count(*) FROM updates WHERE doc = ?"));
    q.addBindValue(documentId);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

bool Storage::replaceLog(qint64 documentId, qint64 upToId, const QByteArray &merged, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery del(m_db);
    del.prepare(QStringLiteral("DELETE FROM updates WHERE doc = ? AND id <= ?"));
    del.addBindValue(documentId);
    del.addBindValue(upToId);
    // The merged row takes the id of the last row it replaces, so the log keeps its order.
    QSqlQuery last(m_db);
    last.prepare(QStringLiteral("SELECT max(id) FROM updates WHERE doc = ? AND id <= ?"));
    last.addBindValue(documentId);
    last.addBindValue(upToId);
    if (!last.exec() || !last.next() || last.value(0).isNull()) {
        m_db.rollback();
        return true; // nothing to replace
    }
    const qint64 lastId = last.value(0).toLongLong();
    QSqlQuery ins(m_db);
    ins.prepare(QStringLiteral("INSERT INTO updates(id, doc, data) VALUES (?, ?, ?)"));
    ins.addBindValue(lastId);
    ins.addBindValue(documentId);
    ins.addBindValue(merged);
    if (!del.exec() || !ins.exec()) {
        *error = del.lastError().isValid() ? del.lastError().text() : ins.lastError().text();
        m_db.rollback();
        return false;
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

} // namespace Chorus::Host
