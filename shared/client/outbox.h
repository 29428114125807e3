#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace Chorus::Client {

// The local updates a host has not confirmed yet, kept on disk so a crash of the app loses
// nothing. One folder per server URL and room; each entry is one file `<id>.update` holding the
// raw Yjs v1 update, written (to a temporary name, then renamed) before the update is sent and
// deleted once the host acknowledges it. The folder also remembers the document epoch last
// synced with that room (`epoch`).
//
// Durable against a crash of the app (the bytes are in the kernel before send); not fsync'd,
// so a power loss can lose the last entries. Entries that fail to read back or validate as
// updates at load are renamed to `.bad` and skipped. Not thread-safe; one Outbox per folder.
class Outbox
{
public:
    struct Entry
    {
        quint64 id = 0;
        QByteArray update;
    };

    // Opens (and creates) the folder and loads the entries in it.
    explicit Outbox(const QString &directory);

    // `<root>/<hash of the URL without query or user info>`; root defaults to
    // QStandardPaths::AppDataLocation + "/outbox".
    static QString directoryFor(const QUrl &url, const QString &root = QString());

    QString directory() const { return m_dir; }
    bool isWritable() const { return m_writable; }
    QString errorString() const { return m_error; }

    const QList<Entry> &entries() const { return m_entries; }
    qsizetype count() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    bool contains(quint64 id) const;

    // Stores an update and returns its id (ids grow). When the disk write fails the entry is
    // kept in memory only, and isWritable() turns false with errorString() telling why.
    quint64 append(const QByteArray &update);
    void remove(quint64 id);
    void remove(const QList<quint64> &ids);
    void clear();
    // Replaces every entry with one merged update (fewer files after a long offline spell).
    // Returns the id of the merged entry, 0 when there was nothing to merge or it failed.
    quint64 compact();

    QString epoch() const;
    void setEpoch(const QString &epochId);

private:
    QString entryPath(quint64 id) const;
    bool writeFile(const QString &path, const QByteArray &bytes);
    void load();

    QString m_dir;
    bool m_writable = false;
    QString m_error;
    QList<Entry> m_entries;
    quint64 m_nextId = 1;
};

} // namespace Chorus::Client
