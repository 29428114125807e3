// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <functional>

namespace Chorus::Host {

class RedisConnection;
struct RedisReply;

// Compaction of a room's shared log in Redis, done by one instance at a time: the instance that
// wins the lock (SET chorus:lock:ROOM NX PX 10000) reads the snapshot and the stream, merges them
// on a worker thread (yjs mergeUpdates), and a Lua script — run only while the lock is still its
// own — stores the merged snapshot and trims the stream up to the last merged entry (XTRIM
// MINID) in one atomic step, so a reader sees either the old or the new state, never a gap.
// Entries appended meanwhile stay in the stream. Every instance may ask (they all count the
// room's updates); all but one find the lock taken and do nothing.
//
// Threading: the host's thread; merging on a pool thread of its own.
class RedisCompaction : public QObject
{
public:
    // `connection` returns the current command connection, or nullptr while Redis is away.
    RedisCompaction(quint64 instance, std::function<RedisConnection *()> connection,
                    QObject *parent = nullptr);
    ~RedisCompaction() override;

    void run(const QString &room);
    // The command connection is being replaced: replies still due on it never come.
    void forgetRunning() { m_running.clear(); }
    int runningCount() const { return int(m_running.size()); }

private:
    void onLocked(const QString &room, const RedisReply *reply);
    void onRead(const QString &room, const RedisReply *reply);
    void onMerged(const QString &room, const QByteArray &lastId, const QByteArray &merged,
                  qsizetype entries);
    void release(const QString &room);

    QByteArray m_token; // the lock's value: this instance
    std::function<RedisConnection *()> m_connection;
    QSet<QString> m_running;
    QThreadPool m_pool;
};

} // namespace Chorus::Host
