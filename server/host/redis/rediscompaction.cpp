// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/redis/rediscompaction.h"

#include "crdt/updates.h"
#include "host/redis/redisconnection.h"
#include "host/redis/rediskeys.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {

// KEYS: snap, log. The snapshot and every entry of the stream, read atomically.
const QByteArray ReadScript = QByteArrayLiteral(
    "return {redis.call('GET', KEYS[1]), redis.call('XRANGE', KEYS[2], '-', '+')}");

// KEYS: snap, log, lock. ARGV: merged, trim threshold, lock token. Only while the lock is ours.
// The lock is left to expire: the other instances, which reach the same threshold moments
// later, then find it taken, so a round of compaction runs once and not once per instance.
const QByteArray WriteScript
    = QByteArrayLiteral("if redis.call('GET', KEYS[3]) ~= ARGV[3] then return 0 end\n"
                        "redis.call('SET', KEYS[1], ARGV[1])\n"
                        "redis.call('XTRIM', KEYS[2], 'MINID', ARGV[2])\n"
                        "return 1");

// KEYS: lock. ARGV: token.
const QByteArray ReleaseScript = QByteArrayLiteral(
    "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1");

// At most one compaction of a room per this long (and the longest a merge may take).
constexpr int LockMs = 10 * 1000;

// The smallest stream id after `id` ("ms-seq"): XTRIM MINID keeps ids >= it.
QByteArray nextStreamId(const QByteArray &id)
{
    const qsizetype dash = id.indexOf('-');
    if (dash < 0) {
        return {};
    }
    return id.left(dash + 1) + QByteArray::number(id.mid(dash + 1).toULongLong() + 1);
}

} // namespace

RedisCompaction::RedisCompaction(quint64 instance, std::function<RedisConnection *()> connection,
                                 QObject *parent)
    : QObject(parent)
    , m_token(QByteArray::number(instance, 16))
    , m_connection(std::move(connection))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("chorus-redis-compaction"));
}

RedisCompaction::~RedisCompaction()
{
    m_pool.waitForDone(); // its result is then posted to a dead object and dropped
}

void RedisCompaction::run(const QString &room)
{
    RedisConnection *c = m_connection();
    if (!c || m_running.contains(room)) {
        return;
    }
    m_running.insert(room);
    c->command({ "SET", RedisKeys::lock(room), m_token, "NX", "PX", QByteArray::number(LockMs) },
               [this, room](const RedisReply *reply) { onLocked(room, reply); });
}

void RedisCompaction::onLocked(const QString &room, const RedisReply *reply)
{
    RedisConnection *c = m_connection();
    if (!reply || reply->type != RedisReply::Type::Status || !c) {
        m_running.remove(room); // another instance compacts it (or Redis went away)
        return;
    }
    c->command({ "EVAL", ReadScript, "2", RedisKeys::snapshot(room), RedisKeys::log(room) },
               [this, room](const RedisReply *r) { onRead(room, r); });
}

void RedisCompaction::onRead(const QString &room, const RedisReply *reply)
{
    if (!reply || !reply->isArray()) {
        m_running.remove(room);
        return;
    }
    QList<QByteArray> updates;
    if (reply->at(0).type == RedisReply::Type::String) {
        updates.append(reply->at(0).string);
    }
    const QList<RedisReply> &entries = reply->at(1).elements;
    for (const RedisReply &e : entries) {
        updates.append(RedisKeys::entryUpdate(e));
    }
    if (entries.isEmpty() || updates.size() < 2) {
        release(room);
        return;
    }
    const QByteArray lastId = entries.last().at(0).string;
    const qsizetype count = entries.size();
    m_pool.start([this, room, lastId, updates, count] {
        Crdt::UpdateResult merged = Crdt::mergeUpdates(updates);
        if (!merged.ok()) {
            qCWarning(lcHost) << "compacting room" << room
                              << "in Redis failed:" << merged.error.toString();
        }
        QMetaObject::invokeMethod(this,
                                  [this, room, lastId, m = merged.update, ok = merged.ok(), count] {
                                      if (ok) {
                                          onMerged(room, lastId, m, count);
                                      } else {
                                          release(room);
                                      }
                                  });
    });
}

void RedisCompaction::onMerged(const QString &room, const QByteArray &lastId,
                               const QByteArray &merged, qsizetype entries)
{
    RedisConnection *c = m_connection();
    if (!c) {
        m_running.remove(room); // the lock expires
        return;
    }
    c->command({ "EVAL", WriteScript, "3", RedisKeys::snapshot(room), RedisKeys::log(room),
                 RedisKeys::lock(room), merged, nextStreamId(lastId), m_token },
               [this, room, entries, size = merged.size()](const RedisReply *r) {
                   m_running.remove(room);
                   if (r && r->type == RedisReply::Type::Integer && r->integer == 1) {
                       qCInfo(lcHost).noquote()
                           << "compacted room" << room << "in Redis:" << entries
                           << "log entries into a snapshot of" << size << "bytes";
                   } else if (r && r->isError()) {
                       qCWarning(lcHost)
                           << "compacting room" << room << "in Redis failed:" << r->string;
                   }
               });
}

void RedisCompaction::release(const QString &room)
{
    m_running.remove(room);
    if (RedisConnection *c = m_connection()) {
        c->command({ "EVAL", ReleaseScript, "1", RedisKeys::lock(room), m_token });
    }
}

} // namespace Chorus::Host
