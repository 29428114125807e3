// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/redis/redisaddress.h"
#include "host/serveroptions.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace Chorus::Host {

class Peer;
class RedisBlockingConnection;
class RedisCompaction;
class RedisConnection;

// The rooms of a host in Redis mode (`--redis`): what the Server asks for instead of its SQLite
// Storage when several chorus-server instances share their documents. Design and keys in
// docs/deploy.md; in short, per document:
//   chorus:doc:ROOM   hash: epoch, created (ms)   — created once, atomically (HSETNX)
//   chorus:log:ROOM   stream of updates            — appended by every instance (XADD)
//   chorus:snap:ROOM  string: the merged update of the entries compacted out of the stream
//   chorus:lock:ROOM  the compaction lock (SET NX PX): only one instance compacts
// and the pub/sub channel chorus:DB:relay:ROOM that carries updates and awareness to the other
// instances (every instance subscribes to the pattern).
//
// persist() appends an update; updateDurable() follows once it is durable in Redis (the XADD
// replied and, with appendonly on and --sync full, WAITAOF confirmed the local fsync), and only
// then is it published to the other instances. The Server relays and acknowledges on
// updateDurable(), never before, so "acknowledged" means "durable in Redis" as it means "in
// SQLite" without --redis.
//
// When Redis cannot be reached (or a connection drops) storeLost() is emitted once; the store
// reconnects by itself and emits storeAvailable() when both connections are back. A failed
// append of one room emits roomFailed().
//
// Threading: the Server's thread; compaction merges on a worker thread of its own.
class RedisRoomStore : public QObject
{
    Q_OBJECT

public:
    struct SharedDocument
    {
        QString epoch;
        qint64 createdMs = 0;
        bool created = false; // this call created it (the caller announces it in the index)
        bool refused = false; // it does not exist and DocumentLimit::most are stored: not made
        QList<QByteArray> updates; // the snapshot (if any), then the stream, oldest first
    };

    RedisRoomStore(const RedisAddress &address, ServerOptions::SyncMode sync,
                   QObject *parent = nullptr);
    ~RedisRoomStore() override;

    // Checks Redis (reachable, version, persistence settings: warnings in the log), then
    // connects the command and the subscriber connection and waits (at most timeoutMs) until
    // both are ready. False with `error` when Redis cannot be used at all.
    bool start(int timeoutMs, QString *error);
    bool isAvailable() const { return m_available; }
    // False in a build without hiredis (then start() says so).
    static bool isSupported();

    // How many documents Redis may hold (all instances together) before load() stops creating
    // new ones; `uncounted` (the index room) is not counted and always made.
    struct DocumentLimit
    {
        int most = 0; // 0: no limit
        QString uncounted;
    };

    // Loads a document, creating it (fresh epoch) when it does not exist and the limit allows.
    // Blocks for one round trip. Nothing with `error` set when Redis fails.
    std::optional<SharedDocument> load(const QString &room, qint64 nowMs,
                                       const DocumentLimit &limit, QString *error);
    QStringList documentNames();

    void persist(const QString &room, Peer *from, const QByteArray &update,
                 const QByteArray &message);
    void publishAwareness(const QString &room, const QByteArray &update);
    // `peer` is gone: durable updates it sent are still relayed, no longer acknowledged.
    void forgetPeer(const Peer *peer);
    // Compacts the room's log unless another instance (or this one) is already at it.
    void compact(const QString &room);

Q_SIGNALS:
    void updateDurable(const QString &room, Chorus::Host::Peer *from, const QByteArray &update,
                       const QByteArray &message);
    void remoteUpdateReceived(const QString &room, const QByteArray &update);
    void remoteAwarenessReceived(const QString &room, const QByteArray &update);
    void roomFailed(const QString &room, const QString &why);
    void storeLost(const QString &why);
    void storeAvailable();

private:
    struct Entry
    {
        QString room;
        Peer *from;
        QByteArray update;
        QByteArray message;
        bool failed = false;
    };
    struct Batch;

    bool checkSettings(QString *error);
    void connectAll();
    void onConnectionUp();
    void lose(const QString &why);
    void sendBatch();
    void finishBatch(const std::shared_ptr<Batch> &batch, bool durable, const QString &why);
    void publish(const QString &room, char kind, const QByteArray &payload);
    void onMessage(const QByteArray &channel, const QByteArray &payload);

    RedisAddress m_address;
    ServerOptions::SyncMode m_sync;
    quint64 m_instance; // random: tells this instance's own messages apart
    QByteArray m_channelPrefix; // chorus:DB:relay:
    bool m_waitAof = false;
    bool m_available = false;
    bool m_subscribed = false;
    std::unique_ptr<RedisBlockingConnection> m_blocking;
    std::unique_ptr<RedisConnection> m_commands;
    std::unique_ptr<RedisConnection> m_subscriber;
    std::unique_ptr<RedisCompaction> m_compaction;
    QList<Entry> m_batch; // appended this turn, sent by sendBatch()
    QList<std::shared_ptr<Batch>> m_inFlight;
    QTimer m_reconnectTimer;
};

} // namespace Chorus::Host
