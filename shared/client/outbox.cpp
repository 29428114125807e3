// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox.h"

#include "crdt/lib0decoder.h"
#include "crdt/lib0encoder.h"
#include "crdt/updates.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <algorithm>

Q_LOGGING_CATEGORY(lcOutbox, "chorus.client.outbox")

namespace Chorus::Client {

namespace {
// record := uint8 kind, varuint id, (kind Add: varUint8Array update)
enum class Record : quint8 { Add = 1, Remove = 2 };
const QLatin1StringView LogName("outbox.log");
constexpr qint64 RewriteAtBytes = 1024 * 1024; // dead records worth a rewrite

QByteArray encodeRecord(Record kind, quint64 id, const QByteArray &update = {})
{
    Crdt::Lib0Encoder enc;
    enc.writeUint8(quint8(kind));
    enc.writeVarUint(id);
    if (kind == Record::Add) {
        enc.writeVarUint8Array(update);
    }
    return enc.take();
}
constexpr QFile::Permissions OwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

Outbox::Outbox(const QString &directory)
    : m_dir(directory)
{
    // Unsent edits are document text: the folder and every file in it are the user's only.
    m_writable
        = QDir().mkpath(m_dir) && QFile::setPermissions(m_dir, OwnerOnlyFile | QFile::ExeOwner);
    if (!m_writable) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir);
        qCWarning(lcOutbox) << "cannot create the outbox folder" << m_dir;
        return;
    }
    // QLockFile takes over the lock of a crashed process (its PID is gone), so crash recovery
    // is never locked out.
    m_lock = std::make_unique<QLockFile>(m_dir + QStringLiteral("/lock"));
    const bool mine = m_lock->tryLock(0);
    load(mine);
    if (!mine) {
        m_writable = false;
        m_error = QStringLiteral("%1 is in use by another process").arg(m_dir);
        qCWarning(lcOutbox) << m_error << "; this outbox lives in memory only";
        return;
    }
    m_writable = openLog();
}

QString Outbox::directoryFor(const QUrl &url, const QString &root)
{
    QString base = root;
    if (base.isEmpty()) {
        base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/outbox");
    }
    const QByteArray key
        = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment)
              .toString(QUrl::FullyEncoded)
              .toUtf8();
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex();
    return base + u'/' + QString::fromLatin1(hash.left(24));
}

bool Outbox::writeFile(const QString &path, const QByteArray &bytes)
{
    // Write aside, then rename: a crash mid-write never leaves a half file under `path`.
    const QString tmp = path + QStringLiteral(".tmp");
    QFile::remove(tmp); // created anew, so with owner-only permissions
    QFile file(tmp);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnlyFile)
        || file.write(bytes) != bytes.size() || !file.flush()) {
        m_error = QStringLiteral("cannot write %1: %2").arg(tmp, file.errorString());
        file.remove();
        return false;
    }
    file.close();
    QFile::remove(path);
    if (!QFile::rename(tmp, path)) {
        m_error = QStringLiteral("cannot rename %1").arg(tmp);
        QFile::remove(tmp);
        return false;
    }
    return true;
}

void Outbox::load(bool owner)
{
    QFile file(m_dir + u'/' + LogName);
    if (!file.open(QIODevice::ReadOnly)) {
        return; // no log yet
    }
    const QByteArray bytes = file.readAll();
    file.close();
    Crdt::Lib0Decoder dec(bytes);
    qsizetype goodEnd = 0;
    while (!dec.atEnd()) {
        const quint8 kind = dec.readUint8();
        const quint64 id = dec.readVarUint();
        QByteArray update;
        if (kind == quint8(Record::Add)) {
            update = dec.readVarUint8Array().toByteArray();
        } else if (kind != quint8(Record::Remove)) {
            dec.fail(Crdt::DecodeError::Code::UnknownType);
        }
        if (!dec.ok()) {
            break;
        }
        goodEnd = dec.offset();
        m_nextId = std::max(m_nextId, id + 1);
        if (kind == quint8(Record::Remove)) {
            m_entries.removeIf([id](const Entry &e) { return e.id == id; });
        } else if (Crdt::validateUpdate(update).isError()) {
            qCWarning(lcOutbox) << "skipping outbox entry" << id << "in" << m_dir
                                << ": not a valid update";
        } else {
            m_entries.append({ id, update });
        }
    }
    if (goodEnd < bytes.size() && owner) {
        // A torn last record from a crash mid-write, or garbage: keep what decoded.
        qCWarning(lcOutbox) << "cutting" << (bytes.size() - goodEnd) << "unreadable bytes off"
                            << file.fileName();
        writeFile(file.fileName(), bytes.left(goodEnd));
    }
    for (const Entry &e : std::as_const(m_entries)) {
        m_liveBytes += e.update.size();
    }
    QFile::remove(file.fileName() + QStringLiteral(".tmp"));
}

bool Outbox::openLog()
{
    m_log = std::make_unique<QFile>(m_dir + u'/' + LogName);
    // Unbuffered: each record goes to the kernel in the write() that appends it.
    if (!m_log->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered,
                     OwnerOnlyFile)
        || !m_log->setPermissions(OwnerOnlyFile)) { // a log from before is tightened
        m_error = QStringLiteral("cannot open %1: %2").arg(m_log->fileName(), m_log->errorString());
        qCWarning(lcOutbox) << m_error;
        m_log.reset();
        return false;
    }
    if (m_entries.isEmpty() && m_log->size() > 0) {
        m_log->resize(0);
    }
    return true;
}

void Outbox::appendRecord(const QByteArray &record)
{
    if (!m_writable) {
        return;
    }
    if (m_log->write(record) != record.size()) {
        m_writable = false;
        m_error
            = QStringLiteral("cannot write %1: %2").arg(m_log->fileName(), m_log->errorString());
        qCWarning(lcOutbox) << "outbox entries now live in memory only:" << m_error;
    }
}

qint64 Outbox::logSize() const
{
    return m_log ? m_log->size() : 0;
}

bool Outbox::contains(quint64 id) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [id](const Entry &e) { return e.id == id; });
}

quint64 Outbox::append(const QByteArray &update)
{
    const quint64 id = m_nextId++;
    appendRecord(encodeRecord(Record::Add, id, update));
    m_entries.append({ id, update });
    m_liveBytes += update.size();
    return id;
}

void Outbox::remove(quint64 id)
{
    remove(QList<quint64> { id });
}

void Outbox::remove(const QList<quint64> &ids)
{
    QByteArray records;
    const qsizetype before = m_entries.size();
    m_entries.removeIf([&](const Entry &e) {
        if (!ids.contains(e.id)) {
            return false;
        }
        records += encodeRecord(Record::Remove, e.id);
        m_liveBytes -= e.update.size();
        return true;
    });
    if (m_entries.size() == before) {
        return;
    }
    if (m_entries.isEmpty() && m_writable) {
        m_liveBytes = 0;
        if (m_log->resize(0)) {
            return; // nothing left: an empty log says it all
        }
    }
    appendRecord(records);
    if (m_writable && m_log->size() > RewriteAtBytes && m_log->size() > 4 * m_liveBytes) {
        rewriteLog();
    }
}

void Outbox::rewriteLog()
{
    QByteArray live;
    for (const Entry &e : std::as_const(m_entries)) {
        live += encodeRecord(Record::Add, e.id, e.update);
    }
    m_log.reset();
    if (!writeFile(m_dir + u'/' + LogName, live)) {
        qCWarning(lcOutbox) << "cannot rewrite the outbox log:" << m_error;
    }
    m_writable = openLog();
}

void Outbox::clear()
{
    QList<quint64> ids;
    for (const Entry &e : std::as_const(m_entries)) {
        ids.append(e.id);
    }
    remove(ids);
}

quint64 Outbox::compact()
{
    if (m_entries.size() < 2) {
        return 0;
    }
    QList<QByteArray> updates;
    QList<quint64> old;
    for (const Entry &e : std::as_const(m_entries)) {
        updates.append(e.update);
        old.append(e.id);
    }
    const Crdt::UpdateResult merged = Crdt::mergeUpdates(updates);
    if (!merged.ok()) {
        qCWarning(lcOutbox) << "cannot merge the outbox:" << merged.error.toString();
        return 0;
    }
    // The merged entry is logged before the old ones leave: a crash in between leaves
    // duplicates, which applying an update twice tolerates.
    const quint64 id = append(merged.update);
    remove(old);
    rewriteLog();
    return id;
}

QString Outbox::epoch() const
{
    QFile file(m_dir + QStringLiteral("/epoch"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).trimmed();
}

void Outbox::setEpoch(const QString &epochId)
{
    if (!writeFile(m_dir + QStringLiteral("/epoch"), epochId.toUtf8())) {
        qCWarning(lcOutbox) << "cannot remember the epoch:" << m_error;
    }
}

} // namespace Chorus::Client
