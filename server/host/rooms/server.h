// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/rooms/writepacing.h"
#include "host/serveroptions.h"
#include "host/transport/connection.h"
#include "host/transport/listener.h"
#include "host/transport/originpolicy.h"
#include "protocol/closedecision.h"
#include "protocol/hostconversation.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <array>
#include <memory>

namespace Chorus::Host {

class Compactor;
class Listener;
class LoadMeter;
class Peer;
class RedisRoomStore;
class Room;
class Storage;

// A Chorus host: a WebSocket server (see Listener for its two transports) that serves one room
// per URL path over the y-websocket
// protocol (plus the Chorus extensions for clients that offer the `chorus.1` subprotocol),
// keeps every document in SQLite, and enforces the limits in ServerOptions.
//
// Every update is validated, written to the database in a group commit at the end of the
// event-loop turn it arrived in, and only then relayed to the other peers and acknowledged.
// Bad input costs only the connection that sent it (close codes in docs/host.md).
//
// Threading: a Server lives on one thread (chorus-server's main thread, or a thread of its own
// when the app hosts a session); all its work happens there except log compaction. Create it,
// start(), and stop() (or destroy it) on that thread. No globals: several Servers may run in
// one process.
class Server : public QObject, private ConnectionHandler
{
    Q_OBJECT

public:
    static constexpr QLatin1StringView IndexRoom { ".chorus/index" };

    explicit Server(const ServerOptions &options, QObject *parent = nullptr);
    ~Server() override;

    // Opens the database and listens. False (with errorString()) when either fails.
    bool start();
    // Closes every peer with 1001, commits what is pending, closes the database; emits
    // stopped() once the peers had a moment to receive the close frames.
    void stop();

    // Where the documents live, for the start-up log: the database file, "in memory", or the
    // Redis server (its address without credentials).
    QString dataLocation() const;
    bool isListening() const;
    QUrl url() const; // ws://ADDR:PORT or wss://, with the real port
    quint16 port() const;
    QString errorString() const { return m_error; }
    int connectionCount() const { return int(m_peers.size()); }
    int roomCount() const { return int(m_rooms.size()); }
    // The current per-peer write interval (0: every relay goes out in the pass that produced
    // it; see adjustPacing()), and the host thread's load it was last set from, for tests and
    // the log.
    qint64 writeIntervalNs() const { return m_pacing.intervalNs(); }
    qint64 flushGapNs() const { return m_flushGapNs; }
    double load() const { return m_pacing.load(); }
    // How the flush passes so far were started, and how many times a peer was held back by
    // pacing. A host that keeps up runs every pass at the end of the batch that read the input
    // (native transport) or from a queued call (Qt transport), never from the flush timer.
    struct FlushCounts
    {
        qint64 atBatchEnd = 0; // in the event-loop turn that read the input
        qint64 queued = 0; // a queued call: the next turn, without waiting
        qint64 timed = 0; // the flush timer: gathering or pacing
        qint64 heldPeers = 0; // a peer put on the wheel to wait for its write interval
    };
    FlushCounts flushCounts() const { return m_flushCounts; }
    // Something is waiting to be written at a later flush pass (a peer queued or on the wheel).
    bool hasQueuedWrites() const { return !m_queued.isEmpty() || m_wheelCount > 0; }
    // The documents this host stores (the index room's keys), for the app and tests.
    QStringList documentNames() const;

Q_SIGNALS:
    void listening(const QUrl &url);
    void stopped();
    void documentCreated(const QString &name);
    void peerJoined(const QString &room, int peersInRoom);
    void peerLeft(const QString &room, int peersInRoom);

private:
    void onNewConnection(Connection *connection, const UpgradeRequest &request);
    // ConnectionHandler
    void connectionMessage(Connection *connection, const QByteArray &message) override;
    void connectionPong(Connection *connection) override;
    void connectionClosed(Connection *connection) override;
    void onBinaryMessage(Peer *peer, const QByteArray &message);
    // Carries out what the peer's conversation decided (replies, close, join, relay, awareness).
    void carryOut(Peer *peer, Protocol::HostOutput &&output);
    void join(Peer *peer);
    void leave(Peer *peer);
    void closePeer(Peer *peer, const Protocol::CloseDecision &decision);
    // Origin, connection counts (total and per address), room name: false when closed.
    bool admit(Peer *peer, const UpgradeRequest &request);
    void forgetAddress(const Peer *peer);
    void dropPeer(Peer *peer, const QString &why);

    // The loaded room, or loads it; null with `refusal` saying why (a limit, a storage failure).
    Room *room(const QString &name, Protocol::CloseDecision *refusal);
    // mayCreate false: a document that is not stored yet is not created (null).
    // limitReached: set when the room was not made because --max-documents are stored.
    Room *loadRoom(const QString &name, bool mayCreate = true, bool *limitReached = nullptr);
    void unloadRoom(Room *room);
    void addIndexEntry(const QString &name, qint64 createdMs, const QString &epoch);
    void storeAndRelay(Room *room, Peer *from, const QByteArray &update, const QByteArray &message);
    void maybeCompact(Room *room, bool force);
    void onCompacted(qint64 documentId, qint64 rowsBefore, bool ok);
    // Redis mode (`--redis`, redisserver.cpp, docs/deploy.md): rooms live in Redis and are
    // shared with other instances; an update is relayed and acknowledged once durable there.
    bool startShared();
    Room *loadSharedRoom(const QString &name, bool *limitReached = nullptr);
    void storeShared(Room *room, Peer *from, const QByteArray &update, const QByteArray &message);
    void compactShared(Room *room, bool force);
    void publishSharedAwareness(Room *room, const QByteArray &update);
    void forgetSharedPeer(Peer *peer);
    bool isSharedStoreDown() const;
    QStringList sharedDocumentNames() const;
    void onSharedDurable(const QString &room, Peer *from, const QByteArray &update,
                         const QByteArray &message);
    void onSharedUpdate(const QString &room, const QByteArray &update);
    void onSharedAwareness(const QString &room, const QByteArray &update);
    void onSharedRoomFailed(const QString &room, const QString &why);
    void onSharedStoreLost(const QString &why);
    void onSharedStoreBack();

    void send(Peer *peer, const QByteArray &message);
    void broadcast(Room *room, const QByteArray &message, const Peer *except);
    void markQueued(Peer *peer);
    void scheduleFlush();
    void flush();
    void sweep();
    void finishStop();

    qint64 now() const { return m_clock.elapsed(); }

    ServerOptions m_options;
    QString m_error;
    QElapsedTimer m_clock;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<Compactor> m_compactor;
    std::unique_ptr<Listener> m_listener;
    QHash<Connection *, Peer *> m_peers;
    QHash<QHostAddress, int> m_connectionsByAddress; // the peers in m_peers, by address
    OriginPolicy m_originPolicy;
    QHash<QString, Room *> m_rooms;
    qsizetype m_documentCount = 0; // stored documents but the index (maxDocuments; SQLite)
    QHash<qint64, Room *> m_roomsById;
    QList<Peer *> m_queued; // peers with something to send (or acks) at the next flush
    // Peers held back by write pacing, by the millisecond they are due (a timing wheel: the
    // write interval is shorter than its span, so a slot never holds two different due times).
    static constexpr int WheelSlots = 128;
    static_assert(WheelSlots > WritePacing::MaxIntervalNs / 1000000, "a slot per ms of interval");
    std::array<QList<Peer *>, WheelSlots> m_wheel;
    qint64 m_wheelMs = 0; // slots up to this millisecond have been moved to m_queued
    int m_wheelCount = 0;
    void unqueue(Peer *peer);
    QList<Room *> m_batchRooms; // rooms with uncommitted updates in this turn
    QList<Peer *> m_dead; // disconnected peers, deleted at the end of the turn
    // Gathering: one commit covers everything that arrived in one batch, and a host that keeps
    // up commits and relays each batch at once, in the event-loop turn that read it. Only while
    // the host is behind (WritePacing decides, from its load every PacingWindowNs) are writes
    // paced per peer: a peer is written at most once per write interval, so each peer then gets
    // fewer, fuller writes — on loopback a write costs 5–8 µs of CPU whatever its size. While
    // pacing, flush passes are also spaced by an eighth of the write interval, and input is read
    // only at those passes (Listener::setReadingHeld). Opt-in fixed budgets (--write-budget,
    // flushBudgetPerSecond) may start pacing or spacing too; by default there are none.
    static constexpr qint64 MinFlushIntervalNs = 1000 * 1000;
    static constexpr qint64 PacingWindowNs = WritePacing::NominalWindowNs; // load read this often
    void adjustPacing(); // the write interval and the flush gap, once per PacingWindowNs
    void onBatchEnd();
    void scheduleFlushAt(qint64 dueNs);
    std::unique_ptr<LoadMeter> m_loadMeter; // the thread's wait for a CPU
    qint64 m_busyNs = 0; // time in passes since the last adjustment
    qint64 m_passStartNs = -1; // the first message of the native batch under way was read then
    WritePacing m_pacing;
    qint64 m_framesWritten = 0; // messages those writes carried, since the last adjustment
    qint64 m_writeNs = 0; // time spent writing, since the last adjustment
    FlushCounts m_flushCounts;
    qint64 m_writes = 0; // writes (one per peer per flush) since the last adjustment
    qint64 m_flushes = 0; // flush passes since the last adjustment
    qint64 m_flushGapNs = 0; // least time between flush passes when not pacing
    qint64 m_writesCountedSinceNs = 0;
    bool m_flushQueued = false; // a queued call to flush() is on its way
    bool m_flushAtBatchEnd = false; // flush() runs when the transport's batch ends
    bool m_readingInFlush = false; // flush() is reading held input (it commits and writes next)
    qint64 m_lastFlushNs = -MinFlushIntervalNs;
    QTimer m_flushTimer;
    bool m_stopping = false;
    QTimer m_sweepTimer;
    quint32 m_hostClientId = 0; // writes the index room
    quint64 m_hostClock = 0;
    Protocol::HostConversation::Config m_conversationConfig; // every peer's conversation's
    RedisRoomStore *m_redis = nullptr; // Redis mode only; a child
    qint64 m_lastSharedRoomId = 0; // Redis mode: local ids for m_roomsById
};

} // namespace Chorus::Host
