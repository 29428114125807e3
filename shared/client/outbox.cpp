#include "outbox.h"

#include "crdt/updates.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <algorithm>

Q_LOGGING_CATEGORY(lcOutbox, "chorus.client.outbox")

namespace Chorus::Client {

namespace {
const QLatin1StringView Suffix(".update");
} // namespace

Outbox::Outbox(const QString &directory)
    : m_dir(directory)
{
    m_writable = QDir().mkpath(m_dir);
    if (!m_writable) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir);
        qCWarning(lcOutbox) << "cannot create the outbox folder" << m_dir;
        return;
    }
    load();
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

QString Outbox::entryPath(quint64 id) const
{
    return m_dir + u'/' + QStringLiteral("%1").arg(id, 16, 16, QLatin1Char('0')) + Suffix;
}

bool Outbox::writeFile(const QString &path, const QByteArray &bytes)
{
    // Write aside, then rename: a crash mid-write leaves a .tmp that load() ignores, never a
    // truncated entry.
    const QString tmp = path + QStringLiteral(".tmp");
    QFile file(tmp);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()
        || !file.flush()) {
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

void Outbox::load()
{
    QDir dir(m_dir);
    const QStringList names
        = dir.entryList({ QStringLiteral("*") + Suffix }, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        bool ok = false;
        const quint64 id = QStringView(name).chopped(Suffix.size()).toULongLong(&ok, 16);
        QFile file(dir.filePath(name));
        QByteArray bytes;
        if (ok && file.open(QIODevice::ReadOnly)) {
            bytes = file.readAll();
        }
        const bool valid = ok && id > 0 && !Crdt::validateUpdate(bytes).isError();
        if (!valid) {
            qCWarning(lcOutbox) << "skipping an unreadable outbox entry" << file.fileName();
            file.close();
            QFile::rename(file.fileName(), file.fileName() + QStringLiteral(".bad"));
            continue;
        }
        m_entries.append({ id, bytes });
        m_nextId = std::max(m_nextId, id + 1);
    }
    for (const QString &tmp : dir.entryList({ QStringLiteral("*.tmp") }, QDir::Files)) {
        dir.remove(tmp);
    }
}

bool Outbox::contains(quint64 id) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [id](const Entry &e) { return e.id == id; });
}

quint64 Outbox::append(const QByteArray &update)
{
    const quint64 id = m_nextId++;
    if (m_writable && !writeFile(entryPath(id), update)) {
        m_writable = false;
        qCWarning(lcOutbox) << "outbox entries now live in memory only:" << m_error;
    }
    m_entries.append({ id, update });
    return id;
}

void Outbox::remove(quint64 id)
{
    remove(QList<quint64> { id });
}

void Outbox::remove(const QList<quint64> &ids)
{
    if (ids.isEmpty()) {
        return;
    }
    m_entries.removeIf([&ids](const Entry &e) { return ids.contains(e.id); });
    for (quint64 id : ids) {
        QFile::remove(entryPath(id));
    }
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
    // The merged entry is on disk before the old ones go: a crash in between leaves duplicates,
    // which applying an update twice tolerates.
    const quint64 id = append(merged.update);
    remove(old);
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
