// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QLockFile>
#include <QString>
#include <QUrl>

#include <memory>

namespace Chorus::Client {

// The local updates a host has not confirmed yet, kept on disk so a crash of the app loses
// nothing. One folder per server URL and room, holding an append-only log (`outbox.log`): each
// append or removal is one record written with a single unbuffered write() before the update is
// sent, so a keystroke costs one system call and no file-system metadata work. The log is
// emptied when the last entry leaves and rewritten (aside, then renamed) when it is mostly dead
// records. The folder also remembers the document epoch last synced with that room (`epoch`).
//
// Durable against a crash of the app (the bytes are in the kernel before send); not fsync'd,
// so a power loss can lose the last entries. A torn last record (a crash mid-write) is cut off
// at load; entries that do not validate as updates are skipped with a warning.
// One Outbox per folder: a second one (another app instance on the same room) finds the folder
// locked, loads the entries but keeps its own in memory only (isWritable() false).
// Not thread-safe.
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

    // Bytes in the log file, live and dead (for tests and diagnostics).
    qint64 logSize() const;

private:
    bool writeFile(const QString &path, const QByteArray &bytes);
    void load(bool owner);
    bool openLog();
    void appendRecord(const QByteArray &record);
    void rewriteLog();

    QString m_dir;
    std::unique_ptr<QFile> m_log;
    std::unique_ptr<QLockFile> m_lock;
    bool m_writable = false;
    QString m_error;
    QList<Entry> m_entries;
    quint64 m_nextId = 1;
    qint64 m_liveBytes = 0;
};

} // namespace Chorus::Client
