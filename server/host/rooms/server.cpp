// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/rooms/server.h"

#include "host/redis/redisaddress.h"
#include "host/rooms/loadmeter.h"
#include "host/rooms/peer.h"
#include "host/rooms/room.h"
#include "host/storage/compactor.h"
#include "host/storage/storage.h"
#include "protocol/message.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcHost, "chorus.host")
// Every pacing window (10 a second): --log-level debug shows them.
Q_LOGGING_CATEGORY(lcPacing, "chorus.host.pacing")

namespace Chorus::Host {

Server::Server(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_originPolicy(options.allowedOrigins, options.serveWebEditor, options.isTls())
    , m_pacing(WritePacing::Config { options.pacingLoad, options.writeBudgetPerSecond })
    , m_flushTimer(this) // children, so they follow the Server to its thread
    , m_sweepTimer(this)
{
    m_conversationConfig.token = options.token;
    m_conversationConfig.readOnlyToken = options.readOnlyToken;
    m_conversationConfig.maxMessagesPerSecond = options.maxMessagesPerSecond;
    m_conversationConfig.maxMessageBurst = options.maxMessageBurst;
    m_conversationConfig.authTimeoutMs = options.authTimeoutMs;
    m_conversationConfig.maxAwarenessClients = options.maxAwarenessClientsPerPeer;
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        ++m_flushCounts.timed;
        flush();
    });
    m_sweepTimer.setInterval(1000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &Server::sweep);
    m_hostClientId = QRandomGenerator::system()->bounded(1u, 0x7fffffffu);
}

Server::~Server()
{
    if (m_listener) {
        stop();
        finishStop();
    }
}

bool Server::start()
{
    m_clock.start();
    m_loadMeter = std::make_unique<LoadMeter>(0); // on this thread: it measures this thread
    m_storage = std::make_unique<Storage>();
    if (!m_storage->open(m_options.dataDir, m_options.sync, &m_error)) {
        m_error = QStringLiteral("cannot open the database: %1").arg(m_error);
        return false;
    }
    m_compactor = std::make_unique<Compactor>(m_options.dataDir, m_options.sync, m_storage.get());
    connect(m_compactor.get(), &Compactor::compacted, this, &Server::onCompacted);
    if (!m_options.redisUrl.isEmpty() && !startShared()) {
        return false;
    }

    m_listener = Listener::create(m_options);
    m_listener->setConnectionCallback(
        [this](Connection *c, const UpgradeRequest &r) { onNewConnection(c, r); });
    m_listener->setBatchEndCallback([this] { onBatchEnd(); });
    m_listener->setInputHeldCallback([this] { scheduleFlush(); });
    if (!m_listener->listen(m_options.bind, m_options.port, &m_error)) {
        m_listener.reset();
        return false;
    }

    // The index room is always loaded: new documents are announced in it.
    if (!loadRoom(QString(IndexRoom))) {
        m_error = QStringLiteral("cannot load the index room");
        return false;
    }
    m_documentCount = m_redis ? 0 : documentNames().size();
    m_sweepTimer.start();
    qCInfo(lcHost) << "listening on" << url().toString() << "transport" << m_listener->backendName()
                   << "data" << dataLocation();
    Q_EMIT listening(url());
    return true;
}

QString Server::dataLocation() const
{
    if (!m_options.redisUrl.isEmpty()) {
        QString ignored;
        return QStringLiteral("in Redis at %1")
            .arg(RedisAddress::parse(m_options.redisUrl, &ignored).toString());
    }
    return m_options.dataDir.isEmpty() ? QStringLiteral("in memory") : m_storage->filePath();
}

bool Server::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 Server::port() const
{
    return m_listener ? m_listener->port() : 0;
}

QUrl Server::url() const
{
    QUrl u;
    u.setScheme(m_options.isTls() ? QStringLiteral("wss") : QStringLiteral("ws"));
    u.setHost(m_options.bind.toString());
    u.setPort(port());
    return u;
}

QStringList Server::documentNames() const
{
    if (m_redis) {
        return sharedDocumentNames();
    }
    QStringList out;
    if (m_storage && m_storage->isOpen()) {
        for (const auto &[name, doc] : m_storage->documents()) {
            if (name != IndexRoom) {
                out.append(name);
            }
        }
    }
    return out;
}

void Server::stop()
{
    if (m_stopping || !m_listener) {
        return;
    }
    m_stopping = true;
    m_sweepTimer.stop();
    m_listener->stopListening();
    flush(); // what arrived before the signal is committed and relayed
    const QList<Peer *> peers = m_peers.values();
    for (Peer *peer : peers) {
        closePeer(peer, Protocol::CloseDecision::shuttingDown());
    }
    // Give the close frames a moment to leave (they are already written to the sockets).
    QTimer::singleShot(m_peers.isEmpty() ? 0 : 200, this, &Server::finishStop);
}

void Server::finishStop()
{
    if (!m_listener) {
        return;
    }
    for (Peer *peer : std::as_const(m_peers)) {
        peer->connection()->setHandler(nullptr);
        peer->connection()->abort();
        delete peer;
    }
    m_peers.clear();
    m_connectionsByAddress.clear();
    qDeleteAll(m_dead);
    m_dead.clear();
    m_queued.clear();
    for (QList<Peer *> &slot : m_wheel) {
        slot.clear();
    }
    m_wheelCount = 0;
    qDeleteAll(m_rooms);
    m_rooms.clear();
    m_roomsById.clear();
    m_compactor.reset();
    if (m_storage) {
        QString error;
        if (m_storage->hasPending() && !m_storage->commit(&error)) {
            qCCritical(lcHost) << "final commit failed:" << error;
        }
        m_storage->close();
    }
    m_listener.reset(); // deletes the connections still closing

    qCInfo(lcHost) << "stopped";
    Q_EMIT stopped();
}

void Server::onNewConnection(Connection *connection, const UpgradeRequest &request)
{
    const qint64 t = now();
    auto *peer = new Peer(connection, &m_conversationConfig,
                          request.subprotocol == Protocol::ChorusSubprotocol, t);
    connection->setHandler(this);
    m_peers.insert(connection, peer);
    peer->lastSeenMs = peer->lastPingMs = t;
    connection->setMaxMessageBytes(peer->conversation.isAuthenticated()
                                       ? m_options.maxMessageBytes
                                       : m_options.preAuthMaxBytes);
    peer->roomName = request.path.startsWith(u'/') ? request.path.mid(1) : request.path;
    peer->address = request.remoteAddress;
    ++m_connectionsByAddress[peer->address];
    if (!admit(peer, request)) {
        return;
    }
    qCDebug(lcHost) << "connection to" << peer->roomName << "from" << connection->peerAddress()
                    << (peer->conversation.isChorus() ? "chorus.1" : "");
    carryOut(peer, peer->conversation.start());
}

bool Server::admit(Peer *peer, const UpgradeRequest &request)
{
    if (m_stopping) {
        closePeer(peer, Protocol::CloseDecision::shuttingDown());
        return false;
    }
    // Origin first: a refused web page learns nothing about the host's load or rooms.
    if (!m_originPolicy.allows(request.origin, request.host)) {
        qCInfo(lcHost) << "refused origin" << request.origin << "host" << request.host;
        closePeer(peer, Protocol::CloseDecision::originNotAllowed());
        return false;
    }
    if (m_peers.size() > m_options.maxConnections) {
        closePeer(peer, Protocol::CloseDecision::tooManyConnections());
        return false;
    }
    if (m_connectionsByAddress.value(peer->address) > m_options.maxConnectionsPerAddress
        && (m_options.limitLoopbackPerAddress || !peer->address.isLoopback())) {
        closePeer(peer, Protocol::CloseDecision::tooManyConnectionsFromAddress());
        return false;
    }
    if (peer->roomName.toUtf8().size() > m_options.maxRoomNameBytes) {
        closePeer(peer, Protocol::CloseDecision::roomNameTooLong());
        return false;
    }
    return true;
}

void Server::forgetAddress(const Peer *peer)
{
    const auto it = m_connectionsByAddress.find(peer->address);
    if (it != m_connectionsByAddress.end() && --*it <= 0) {
        m_connectionsByAddress.erase(it);
    }
}

void Server::connectionMessage(Connection *connection, const QByteArray &message)
{
    // The host's busy time (adjustPacing): a native batch counts from its first message to its
    // end, a flush as a whole (held input is read inside it), a message from the Qt transport
    // by itself. Never the time relays wait for their turn.
    const bool timeIt = !m_readingInFlush && !(m_listener && m_listener->isReadingBatch());
    const qint64 startNs = m_readingInFlush ? 0 : m_clock.nsecsElapsed();
    if (!m_readingInFlush && !timeIt && m_passStartNs < 0) {
        m_passStartNs = startNs;
    }
    if (Peer *peer = m_peers.value(connection)) {
        onBinaryMessage(peer, message);
    }
    if (timeIt) {
        m_busyNs += m_clock.nsecsElapsed() - startNs;
    }
}

void Server::connectionPong(Connection *connection)
{
    if (Peer *peer = m_peers.value(connection)) {
        peer->lastSeenMs = now();
    }
}

void Server::connectionClosed(Connection *connection)
{
    Peer *peer = m_peers.take(connection);
    if (!peer) {
        return;
    }
    forgetAddress(peer);
    leave(peer);
    peer->closing = true;
    m_dead.append(peer); // deleted at the end of the turn, with the others
    scheduleFlush();
}

void Server::closePeer(Peer *peer, const Protocol::CloseDecision &decision)
{
    if (peer->closing) {
        return;
    }
    const int code = int(decision.code);
    if (decision.code != Protocol::CloseCode::Normal
        && decision.code != Protocol::CloseCode::GoingAway) {
        qCInfo(lcHost).noquote() << "closing a connection to room" << peer->roomName << "with"
                                 << code << decision.reason;
    }
    leave(peer);
    peer->closing = true;
    peer->closingSinceMs = now();
    // The outbox may hold relays of this turn's uncommitted updates: never send those early.
    peer->outbox.clear();
    if (!decision.lastMessage.isEmpty()) {
        peer->connection()->send(decision.lastMessage);
    }
    peer->connection()->close(code, decision.reason);
}

void Server::dropPeer(Peer *peer, const QString &why)
{
    if (peer->closing) {
        return;
    }
    qCInfo(lcHost).noquote() << "dropping a connection to room" << peer->roomName << why;
    leave(peer);
    peer->closing = true;
    peer->closingSinceMs = now();
    peer->outbox.clear();
    peer->connection()->abort();
}

void Server::send(Peer *peer, const QByteArray &message)
{
    if (peer->closing) {
        return;
    }
    peer->outbox.append(message);
    markQueued(peer);
}

void Server::broadcast(Room *room, const QByteArray &message, const Peer *except)
{
    for (Peer *p : std::as_const(room->peers)) {
        if (p != except) {
            send(p, message);
        }
    }
}

void Server::markQueued(Peer *peer)
{
    if (peer->queued) {
        return;
    }
    peer->queued = true;
    const qint64 intervalNs = m_pacing.intervalNs();
    const qint64 dueNs = peer->lastWriteNs + intervalNs;
    if (intervalNs == 0 || dueNs <= m_clock.nsecsElapsed()) {
        m_queued.append(peer);
        scheduleFlush();
        return;
    }
    // Written less than an interval ago: wait in the wheel until due.
    // Never a slot already passed in this millisecond: it would wait a whole turn of the wheel.
    const qint64 dueMs = qMax((dueNs + 999999) / 1000000, m_wheelMs + 1);
    peer->wheelSlot = qint16(dueMs % WheelSlots);
    m_wheel[peer->wheelSlot].append(peer);
    ++m_wheelCount;
    ++m_flushCounts.heldPeers;
    scheduleFlushAt(dueMs * 1000000);
}

void Server::unqueue(Peer *peer)
{
    if (!peer->queued) {
        return;
    }
    if (peer->wheelSlot >= 0) {
        m_wheel[peer->wheelSlot].removeOne(peer);
        --m_wheelCount;
        peer->wheelSlot = -1;
    } else {
        m_queued.removeOne(peer);
    }
    peer->queued = false;
}

void Server::scheduleFlush()
{
    scheduleFlushAt(0);
}

void Server::scheduleFlushAt(qint64 dueNs)
{
    if (m_flushAtBatchEnd || m_flushQueued || m_readingInFlush) {
        return; // a flush comes sooner than any due time (or is running)
    }
    // While writes are paced, flush passes (a commit, then the peers that are due) come at most
    // every eighth of the write interval: fewer commits and wake-ups for little extra latency.
    // Otherwise they are spaced only while they exceed their budget (m_flushGapNs).
    const qint64 gapNs = m_pacing.intervalNs() > 0
        ? qMax(MinFlushIntervalNs, m_pacing.intervalNs() / 8)
        : m_flushGapNs;
    const qint64 waitNs = qMax(m_lastFlushNs + gapNs, dueNs) - m_clock.nsecsElapsed();
    if (waitNs <= 0) {
        m_flushTimer.stop();
        if (m_listener && m_listener->isReadingBatch()) {
            // Right after the batch being read: one commit covers all of it.
            m_flushAtBatchEnd = true;
        } else {
            m_flushQueued = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    ++m_flushCounts.queued;
                    flush();
                },
                Qt::QueuedConnection);
        }
        return;
    }
    // Gather for the rest of the interval: one commit covers it.
    const int ms = int((waitNs + 999999) / 1000000);
    if (!m_flushTimer.isActive() || m_flushTimer.remainingTime() > ms) {
        m_flushTimer.start(ms);
    }
}

void Server::onBatchEnd()
{
    if (m_passStartNs >= 0) {
        m_busyNs += m_clock.nsecsElapsed() - m_passStartNs;
        m_passStartNs = -1;
    }
    if (m_flushAtBatchEnd) {
        m_flushAtBatchEnd = false;
        ++m_flushCounts.atBatchEnd;
        flush();
    }
}

void Server::adjustPacing()
{
    const qint64 t = m_clock.nsecsElapsed();
    const qint64 spanNs = t - m_writesCountedSinceNs;
    if (spanNs <= 0) {
        return;
    }
    WritePacing::Window window;
    window.spanNs = spanNs;
    window.busyNs = m_busyNs;
    if (m_loadMeter && m_loadMeter->isAvailable()) {
        const LoadMeter::Sample thread = m_loadMeter->sample(t);
        window.threadMeasured = true;
        window.running = thread.running;
        window.waiting = thread.waiting;
    }
    window.writes = m_writes;
    window.frames = m_framesWritten;
    window.writeNs = m_writeNs;
    m_busyNs = 0;
    m_framesWritten = 0;
    m_writeNs = 0;
    const qint64 before = m_pacing.intervalNs();
    const qint64 interval = m_pacing.update(window);
    // While writes are paced, input is read at the flush passes too (one wake-up per pass).
    if (m_listener) {
        m_listener->setReadingHeld(interval > 0);
    }
    qCDebug(lcPacing).nospace() << "window: load " << m_pacing.load() << " (running "
                                << window.running << ", waiting " << window.waiting
                                << "), without pacing " << m_pacing.unpacedLoad() << ", "
                                << window.writes << " writes of " << window.frames
                                << " messages in " << window.writeNs / 1000 << " µs, interval "
                                << interval / 1000 << " µs";
    if (interval != before) {
        qCDebug(lcHost).nospace() << "write interval " << interval / 1000 << " µs at load "
                                  << m_pacing.load() << " (without pacing "
                                  << m_pacing.unpacedLoad() << "), "
                                  << double(m_writes) * 1e9 / double(spanNs) << " writes/s";
    }
    // Opt-in (ServerOptions::flushBudgetPerSecond): many small batches in a row are gathered
    // into at most that many commits a second.
    const double flushesPerSecond = double(m_flushes) * 1e9 / double(spanNs);
    const int flushBudget = m_options.flushBudgetPerSecond;
    if (flushBudget > 0 && flushesPerSecond > flushBudget) {
        m_flushGapNs = 1000000000 / flushBudget;
    } else if (flushBudget <= 0 || flushesPerSecond < flushBudget / 2.0) {
        m_flushGapNs = 0;
    }
    m_flushes = 0;
    m_writes = 0;
    m_writesCountedSinceNs = t;
}

void Server::flush()
{
    m_flushQueued = false;
    m_flushAtBatchEnd = false;
    m_flushTimer.stop();
    const qint64 flushStartNs = m_clock.nsecsElapsed();
    m_lastFlushNs = flushStartNs;
    ++m_flushes;
    if (m_lastFlushNs - m_writesCountedSinceNs >= PacingWindowNs) {
        adjustPacing();
    }
    if (m_listener) {
        // Held input (heavy load, see adjustPacing) is read now: this pass commits and
        // relays it.
        m_readingInFlush = true;
        m_listener->readHeld();
        m_readingInFlush = false;
    }
    if (m_storage && m_storage->hasPending()) {
        QString error;
        if (!m_storage->commit(&error)) {
            qCCritical(lcHost) << "database commit failed:" << error;
            // What these rooms hold in memory is now ahead of the disk: drop them (their peers
            // reconnect and resync from what is stored) rather than show unstored updates.
            const QList<Room *> rooms = std::exchange(m_batchRooms, {});
            for (Room *r : rooms) {
                const QList<Peer *> peers = r->peers;
                for (Peer *p : peers) {
                    closePeer(p, Protocol::CloseDecision::storageFailure());
                }
                if (r->name != IndexRoom) {
                    unloadRoom(r);
                }
            }
        }
    }
    for (Room *r : std::exchange(m_batchRooms, {})) {
        maybeCompact(r, false);
    }
    const qint64 nowNs = m_clock.nsecsElapsed();
    const qint64 nowMs = nowNs / 1000000;
    if (m_wheelCount > 0) {
        // Peers whose turn has come join the others.
        for (qint64 ms = qMax(m_wheelMs + 1, nowMs - WheelSlots + 1); ms <= nowMs; ++ms) {
            QList<Peer *> &slot = m_wheel[ms % WheelSlots];
            for (Peer *p : std::as_const(slot)) {
                p->wheelSlot = -1;
                m_queued.append(p);
            }
            m_wheelCount -= int(slot.size());
            slot.clear();
        }
    }
    m_wheelMs = nowMs;
    const QList<Peer *> queued = std::exchange(m_queued, {});
    const qint64 writeStartNs = queued.isEmpty() ? 0 : m_clock.nsecsElapsed();
    for (Peer *peer : queued) {
        peer->queued = false;
        if (peer->closing) {
            continue;
        }
        peer->lastWriteNs = nowNs;
        Connection *connection = peer->connection();
        if (peer->conversation.isAckDue()) { // the updates it counts are committed now
            peer->outbox.append(peer->conversation.takeAck());
        }
        m_framesWritten += peer->outbox.size();
        connection->sendAll(peer->outbox);
        peer->outbox.clear();
        ++m_writes;
        if (connection->bytesToWrite() > m_options.maxPendingWriteBytes) {
            dropPeer(peer, QStringLiteral("(not reading: too much unsent data)"));
        }
    }
    if (!queued.isEmpty()) {
        m_writeNs += m_clock.nsecsElapsed() - writeStartNs; // what pacing saves per write
    }
    if (m_wheelCount > 0) {
        for (qint64 ms = nowMs + 1; ms <= nowMs + WheelSlots; ++ms) {
            if (!m_wheel[ms % WheelSlots].isEmpty()) {
                scheduleFlushAt(ms * 1000000);
                break;
            }
        }
    }
    qDeleteAll(std::exchange(m_dead, {}));
    m_busyNs += m_clock.nsecsElapsed() - flushStartNs;
}

void Server::sweep()
{
    if (m_clock.nsecsElapsed() - m_writesCountedSinceNs >= PacingWindowNs) {
        adjustPacing(); // an idle host has no flush passes to do it
    }
    const qint64 t = now();
    const QList<Peer *> peers = m_peers.values();
    for (Peer *peer : peers) {
        if (peer->closing) {
            // A peer that neither reads our close frame nor closes its end.
            if (t - peer->closingSinceMs > 5000) {
                peer->connection()->abort();
            }
            continue;
        }
        if (const auto timedOut = peer->conversation.tick(t)) {
            closePeer(peer, *timedOut);
        } else if (t - peer->lastSeenMs > m_options.peerTimeoutMs) {
            dropPeer(peer, QStringLiteral("(no pong: peer is gone)"));
        } else if (t - peer->lastSeenMs >= m_options.pingIntervalMs
                   && t - peer->lastPingMs >= m_options.pingIntervalMs) {
            peer->lastPingMs = t;
            peer->connection()->ping();
        }
    }
    const QList<Room *> rooms = m_rooms.values();
    for (Room *r : rooms) {
        const Protocol::AwarenessChange expired = r->awareness().removeOutdated(t);
        if (!expired.removed.isEmpty()) {
            broadcast(
                r, Protocol::encodeAwarenessMessage(r->awareness().encodeUpdate(expired.removed)),
                nullptr);
        }
        if (r->peers.isEmpty() && r->name != IndexRoom
            && t - r->emptySinceMs >= m_options.roomIdleUnloadMs) {
            unloadRoom(r);
        }
    }
}

} // namespace Chorus::Host
