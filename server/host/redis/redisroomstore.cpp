// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/redis/redisroomstore.h"

#include "host/redis/redisblockingconnection.h"
#include "host/redis/rediscompaction.h"
#include "host/redis/redisconnection.h"
#include "host/redis/rediskeys.h"
#include "host/storage/storage.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QtEndian>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {

// KEYS: doc, snap, log, docs. ARGV: a fresh epoch, now (ms), the room, the most documents
// (0: no limit), the name not counted (the index). Creates the document unless it exists (the
// first instance wins) or the limit is reached (then {-1}: every instance counts the same set,
// so the limit holds across them), then reads it whole — one atomic step, so a compaction never
// falls between reading the snapshot and the stream.
const QByteArray LoadScript = QByteArrayLiteral(
    "if tonumber(ARGV[4]) > 0 and redis.call('EXISTS', KEYS[1]) == 0 then\n"
    "  local n = redis.call('SCARD', KEYS[4]) - redis.call('SISMEMBER', KEYS[4], ARGV[5])\n"
    "  if n >= tonumber(ARGV[4]) then return {-1} end\n"
    "end\n"
    "local made = redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])\n"
    "if made == 1 then\n"
    "  redis.call('HSET', KEYS[1], 'created', ARGV[2])\n"
    "  redis.call('SADD', KEYS[4], ARGV[3])\n"
    "end\n"
    "local doc = redis.call('HMGET', KEYS[1], 'epoch', 'created')\n"
    "return {made, doc[1], doc[2], redis.call('GET', KEYS[2]),\n"
    "        redis.call('XRANGE', KEYS[3], '-', '+')}");

constexpr int ConnectTimeoutMs = 2000;
constexpr int BlockingTimeoutMs = 5000; // a room load (one round trip) on the host thread
constexpr int CommandTimeoutMs = 10000; // a Redis that stops answering counts as gone
constexpr int WaitAofTimeoutMs = 5000;
constexpr int ReconnectMs = 500;

} // namespace

struct RedisRoomStore::Batch
{
    QList<Entry> entries;
    QString why; // the first error reply
};

RedisRoomStore::RedisRoomStore(const RedisAddress &address, ServerOptions::SyncMode sync,
                               QObject *parent)
    : QObject(parent)
    , m_address(address)
    , m_sync(sync)
    , m_instance(QRandomGenerator::system()->generate64())
    , m_channelPrefix(RedisKeys::channelPrefix(address.database))
    , m_reconnectTimer(this)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisRoomStore::connectAll);
    m_compaction = std::make_unique<RedisCompaction>(m_instance, [this]() -> RedisConnection * {
        return m_available ? m_commands.get() : nullptr;
    });
}

RedisRoomStore::~RedisRoomStore() = default;

bool RedisRoomStore::isSupported()
{
    return true;
}

bool RedisRoomStore::start(int timeoutMs, QString *error)
{
    m_blocking = std::make_unique<RedisBlockingConnection>(m_address, BlockingTimeoutMs);
    if (!checkSettings(error)) {
        return false;
    }
    connectAll();
    // Nothing else runs yet (the host is not listening): wait here for both connections.
    QEventLoop loop;
    connect(this, &RedisRoomStore::storeAvailable, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!m_available) {
        loop.exec();
    }
    if (!m_available) {
        *error = QStringLiteral("no connection to %1 within %2 ms")
                     .arg(m_address.toString())
                     .arg(timeoutMs);
        return false;
    }
    return true;
}

bool RedisRoomStore::checkSettings(QString *error)
{
    const auto ping = m_blocking->command({ "PING" }, error);
    if (!ping || ping->isError()) {
        if (ping) {
            *error = QString::fromUtf8(ping->string);
        }
        return false;
    }
    const auto config = [this, error](const char *name) {
        const auto r = m_blocking->command({ "CONFIG", "GET", name }, error);
        return r && r->isArray() ? QString::fromUtf8(r->at(1).string) : QString();
    };
    const QString appendOnly = config("appendonly");
    const QString appendFsync = config("appendfsync");
    const QString eviction = config("maxmemory-policy");
    const bool full = m_sync == ServerOptions::SyncMode::Full;
    if (appendOnly.isEmpty()) {
        qCWarning(lcHost) << "cannot read Redis's persistence settings (CONFIG GET refused):"
                          << "acknowledged updates are safe only with appendonly yes and"
                          << "appendfsync always";
    } else if (appendOnly != u"yes") {
        qCWarning(lcHost) << "Redis runs with appendonly" << appendOnly
                          << "- updates acknowledged since its last snapshot are LOST when Redis"
                          << "restarts or crashes; run it with appendonly yes and appendfsync"
                          << "always (docs/deploy.md)";
    } else if (appendFsync == u"everysec" && full) {
        qCWarning(lcHost) << "Redis runs with appendfsync everysec: each acknowledgement waits"
                          << "for its once-a-second fsync (WAITAOF), up to a second of latency;"
                          << "set appendfsync always";
    } else if (appendFsync != u"always") {
        qCWarning(lcHost) << "Redis runs with appendfsync" << appendFsync
                          << "- acknowledged updates survive a crash of Redis itself, but an OS"
                          << "crash or power cut can lose the most recent ones; set appendfsync"
                          << "always";
    }
    if (!eviction.isEmpty() && eviction != u"noeviction") {
        qCWarning(lcHost) << "Redis evicts keys when full (maxmemory-policy" << eviction
                          << ") - a document can be lost; use noeviction";
    }
    m_waitAof = full && appendOnly == u"yes" && appendFsync != u"no";
    if (m_waitAof) {
        const auto probe = m_blocking->command({ "WAITAOF", "0", "0", "0" }, error);
        if (!probe || probe->isError()) {
            qCWarning(lcHost) << "this Redis has no WAITAOF (older than 7.2): acknowledgements"
                              << "cannot wait for its fsync";
            m_waitAof = false;
        }
    }
    qCInfo(lcHost).noquote() << "Redis at" << m_address.toString() << "appendonly" << appendOnly
                             << "appendfsync" << appendFsync
                             << (m_waitAof ? "(acks wait for WAITAOF)" : "");
    return true;
}

void RedisRoomStore::connectAll()
{
    m_subscribed = false;
    m_commands = std::make_unique<RedisConnection>();
    m_subscriber = std::make_unique<RedisConnection>();
    for (RedisConnection *c : { m_commands.get(), m_subscriber.get() }) {
        connect(c, &RedisConnection::connected, this, &RedisRoomStore::onConnectionUp);
        connect(c, &RedisConnection::disconnected, this, &RedisRoomStore::lose);
    }
    m_commands->open(m_address, ConnectTimeoutMs, CommandTimeoutMs);
    m_subscriber->open(m_address, ConnectTimeoutMs, 0);
    m_subscriber->subscribe(m_channelPrefix + '*', [this](const RedisReply *reply) {
        if (!reply || !reply->isArray()) {
            return; // the end of the connection: disconnected() follows
        }
        const QByteArray kind = reply->at(0).string;
        if (kind == "pmessage") {
            onMessage(reply->at(2).string, reply->at(3).string);
        } else if (kind == "psubscribe") {
            m_subscribed = true;
            onConnectionUp();
        }
    });
}

void RedisRoomStore::onConnectionUp()
{
    if (m_available || !m_subscribed || !m_commands || !m_commands->isConnected()
        || !m_subscriber->isConnected()) {
        return;
    }
    m_available = true;
    qCInfo(lcHost).noquote() << "connected to Redis at" << m_address.toString();
    Q_EMIT storeAvailable();
}

void RedisRoomStore::lose(const QString &why)
{
    const bool was = m_available;
    m_available = false;
    m_subscribed = false;
    // Nothing in flight is acknowledged now: its writers resend it when they reconnect.
    m_batch.clear();
    m_inFlight.clear();
    m_compaction->forgetRunning();
    // The connections are replaced by the next attempt (never inside hiredis's callbacks).
    if (!m_reconnectTimer.isActive()) {
        m_reconnectTimer.start(ReconnectMs);
    }
    if (was) {
        qCWarning(lcHost).noquote() << "lost Redis at" << m_address.toString() << "-" << why
                                    << "- refusing writes until it is back";
        QMetaObject::invokeMethod(
            this, [this, why] { Q_EMIT storeLost(why); }, Qt::QueuedConnection);
    }
}

std::optional<RedisRoomStore::SharedDocument>
RedisRoomStore::load(const QString &room, qint64 nowMs, const DocumentLimit &limit, QString *error)
{
    const auto reply = m_blocking->command(
        { "EVAL", LoadScript, "4", RedisKeys::document(room), RedisKeys::snapshot(room),
          RedisKeys::log(room), RedisKeys::documents(), Storage::newEpoch().toLatin1(),
          QByteArray::number(nowMs), room.toUtf8(), QByteArray::number(qMax(0, limit.most)),
          limit.uncounted.toUtf8() },
        error);
    if (!reply || !reply->isArray()) {
        if (reply) {
            *error = QString::fromUtf8(reply->string);
        }
        return std::nullopt;
    }
    SharedDocument doc;
    if (reply->elements.size() == 1 && reply->at(0).integer == -1) {
        doc.refused = true;
        return doc;
    }
    doc.created = reply->at(0).integer == 1;
    doc.epoch = QString::fromLatin1(reply->at(1).string);
    doc.createdMs = reply->at(2).string.toLongLong();
    if (reply->at(3).type == RedisReply::Type::String) {
        doc.updates.append(reply->at(3).string);
    }
    for (const RedisReply &entry : reply->at(4).elements) {
        doc.updates.append(RedisKeys::entryUpdate(entry));
    }
    return doc;
}

QStringList RedisRoomStore::documentNames()
{
    QString error;
    QStringList out;
    if (const auto reply = m_blocking->command({ "SMEMBERS", RedisKeys::documents() }, &error)) {
        for (const RedisReply &name : reply->elements) {
            out.append(QString::fromUtf8(name.string));
        }
    }
    return out;
}

void RedisRoomStore::persist(const QString &room, Peer *from, const QByteArray &update,
                             const QByteArray &message)
{
    if (!m_available) {
        QMetaObject::invokeMethod(
            this, [this, room] { Q_EMIT roomFailed(room, QStringLiteral("Redis is unavailable")); },
            Qt::QueuedConnection);
        return;
    }
    m_batch.append({ room, from, update, message });
    if (m_batch.size() == 1) {
        // Everything appended in this event-loop turn goes out as one pipeline.
        QMetaObject::invokeMethod(this, &RedisRoomStore::sendBatch, Qt::QueuedConnection);
    }
}

void RedisRoomStore::sendBatch()
{
    if (m_batch.isEmpty() || !m_available) {
        return;
    }
    auto batch = std::make_shared<Batch>();
    batch->entries = std::exchange(m_batch, {});
    m_inFlight.append(batch);
    const qsizetype last = batch->entries.size() - 1;
    for (qsizetype i = 0; i <= last; ++i) {
        const Entry &e = batch->entries.at(i);
        m_commands->command({ "XADD", RedisKeys::log(e.room), "*", "u", e.update },
                            [this, batch, i, last](const RedisReply *reply) {
                                if (!reply) {
                                    return; // the connection ended: lose() takes it from here
                                }
                                if (reply->isError()) {
                                    batch->entries[i].failed = true;
                                    if (batch->why.isEmpty()) {
                                        batch->why = QString::fromUtf8(reply->string);
                                    }
                                }
                                if (i == last && !m_waitAof) {
                                    finishBatch(batch, true, {});
                                }
                            });
    }
    if (m_waitAof) {
        m_commands->command({ "WAITAOF", "1", "0", QByteArray::number(WaitAofTimeoutMs) },
                            [this, batch](const RedisReply *reply) {
                                if (!reply) {
                                    return;
                                }
                                const bool synced = reply->isArray() && reply->at(0).integer >= 1;
                                finishBatch(batch, synced,
                                            synced ? QString()
                                                   : QStringLiteral("Redis did not confirm the "
                                                                    "fsync (WAITAOF)"));
                            });
    }
}

void RedisRoomStore::finishBatch(const std::shared_ptr<Batch> &batch, bool durable,
                                 const QString &why)
{
    if (!m_inFlight.removeOne(batch)) {
        return; // dropped by lose()
    }
    QSet<QString> failed;
    for (const Entry &e : std::as_const(batch->entries)) {
        if (!durable || e.failed) {
            failed.insert(e.room);
        }
    }
    for (const QString &room : std::as_const(failed)) {
        qCWarning(lcHost).noquote() << "Redis refused an update of room" << room << "-"
                                    << (why.isEmpty() ? batch->why : why);
        Q_EMIT roomFailed(room, why.isEmpty() ? batch->why : why);
    }
    for (const Entry &e : std::as_const(batch->entries)) {
        if (failed.contains(e.room)) {
            continue; // never relayed or acknowledged: the room's peers are closed and resend
        }
        Q_EMIT updateDurable(e.room, e.from, e.update, e.message);
        publish(e.room, 'u', e.update);
    }
}

void RedisRoomStore::forgetPeer(const Peer *peer)
{
    for (Entry &e : m_batch) {
        if (e.from == peer) {
            e.from = nullptr;
        }
    }
    for (const std::shared_ptr<Batch> &b : std::as_const(m_inFlight)) {
        for (Entry &e : b->entries) {
            if (e.from == peer) {
                e.from = nullptr;
            }
        }
    }
}

void RedisRoomStore::publishAwareness(const QString &room, const QByteArray &update)
{
    if (m_available) {
        publish(room, 'a', update);
    }
}

void RedisRoomStore::publish(const QString &room, char kind, const QByteArray &payload)
{
    QByteArray message(9, Qt::Uninitialized);
    message[0] = kind;
    qToBigEndian(m_instance, message.data() + 1);
    message += payload;
    m_commands->command({ "PUBLISH", m_channelPrefix + room.toUtf8(), message });
}

void RedisRoomStore::onMessage(const QByteArray &channel, const QByteArray &payload)
{
    if (payload.size() < 9 || !channel.startsWith(m_channelPrefix)
        || qFromBigEndian<quint64>(payload.constData() + 1) == m_instance) {
        return; // this instance's own, or not ours
    }
    const QString room = QString::fromUtf8(channel.mid(m_channelPrefix.size()));
    if (payload.at(0) == 'u') {
        Q_EMIT remoteUpdateReceived(room, payload.mid(9));
    } else if (payload.at(0) == 'a') {
        Q_EMIT remoteAwarenessReceived(room, payload.mid(9));
    }
}

void RedisRoomStore::compact(const QString &room)
{
    if (m_available) {
        m_compaction->run(room);
    }
}

} // namespace Chorus::Host
