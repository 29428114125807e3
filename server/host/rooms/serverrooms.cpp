// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Server: rooms, joining and leaving, and what peers send (the second half of server.cpp).
#include "host/rooms/peer.h"
#include "host/rooms/room.h"
#include "host/rooms/server.h"
#include "host/storage/compactor.h"
#include "host/storage/storage.h"
#include "protocol/message.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {

quint64 newAwarenessId()
{
    return QRandomGenerator::system()->bounded(quint64(1) << 53);
}

} // namespace

Room *Server::loadRoom(const QString &name, bool mayCreate, bool *limitReached)
{
    if (m_redis) {
        return loadSharedRoom(name, limitReached);
    }
    auto loaded = m_storage->load(name);
    bool created = false;
    if (!loaded && !mayCreate) {
        return nullptr;
    }
    if (!loaded) {
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const auto doc = m_storage->createDocument(name, nowMs);
        if (!doc) {
            qCCritical(lcHost) << "cannot create document" << name;
            return nullptr;
        }
        loaded.emplace();
        loaded->document = *doc;
        created = true;
    }
    auto *r = new Room(name, loaded->document.id, loaded->document.epoch, newAwarenessId(),
                       name == IndexRoom, false);
    for (const QByteArray &u : std::as_const(loaded->updates)) {
        r->document.appendTrusted(u);
    }
    r->storedRows = loaded->updates.size();
    r->emptySinceMs = now();
    m_rooms.insert(name, r);
    m_roomsById.insert(r->documentId, r);
    if (created && name != IndexRoom) {
        ++m_documentCount;
        qCInfo(lcHost) << "created document" << name;
        addIndexEntry(name, loaded->document.createdMs, loaded->document.epoch);
        Q_EMIT documentCreated(name);
    }
    if (r->storedRows > 1) {
        maybeCompact(r, true);
    }
    return r;
}

void Server::unloadRoom(Room *r)
{
    for (Peer *p : std::as_const(r->peers)) {
        p->room = nullptr;
    }
    m_batchRooms.removeAll(r);
    maybeCompact(r, true);
    m_rooms.remove(r->name);
    m_roomsById.remove(r->documentId);
    qCDebug(lcHost) << "unloaded room" << r->name;
    delete r;
}

Room *Server::room(const QString &name, Protocol::CloseDecision *refusal)
{
    if (Room *r = m_rooms.value(name)) {
        return r;
    }
    // Every new room counts against the limit; the index room never does (it is loaded at start,
    // and in Redis mode unloaded while Redis is away).
    const qsizetype loaded = m_rooms.size() - (m_rooms.contains(QString(IndexRoom)) ? 1 : 0);
    if (loaded >= m_options.maxRooms) {
        *refusal = Protocol::CloseDecision::tooManyRooms();
        return nullptr;
    }
    // New documents count too: a guest cannot fill the disk (and the index every client loads)
    // with room names. Existing ones always open. Redis counts its own (loadSharedRoom).
    const bool mayCreate = m_redis || m_documentCount < m_options.maxDocuments;
    bool limitReached = !mayCreate;
    Room *r = loadRoom(name, mayCreate, &limitReached);
    if (!r) {
        *refusal = limitReached ? Protocol::CloseDecision::tooManyDocuments()
                                : Protocol::CloseDecision::storageFailure();
    }
    return r;
}

void Server::addIndexEntry(const QString &name, qint64 createdMs, const QString &epoch)
{
    Room *index = m_rooms.value(QString(IndexRoom));
    if (!index) {
        return; // while loading the index itself
    }
    const QByteArray update
        = RoomDocument::indexEntryUpdate(m_hostClientId, m_hostClock++, name, createdMs, epoch);
    storeAndRelay(index, nullptr, update, Protocol::encodeSyncUpdate(update));
}

void Server::join(Peer *peer)
{
    if (m_redis && isSharedStoreDown()) {
        closePeer(peer, Protocol::CloseDecision::sharedStoreUnavailable());
        return;
    }
    Protocol::CloseDecision refusal;
    Room *r = room(peer->roomName, &refusal);
    if (!r) {
        closePeer(peer, refusal);
        return;
    }
    peer->room = r;
    r->peers.append(peer);
    carryOut(peer, peer->conversation.join(r));
    Q_EMIT peerJoined(r->name, int(r->peers.size()));
}

void Server::leave(Peer *peer)
{
    unqueue(peer);
    if (m_redis) {
        forgetSharedPeer(peer);
    }
    const Protocol::HostOutput removed = peer->conversation.leave(now());
    Room *r = std::exchange(peer->room, nullptr);
    if (!r) {
        return;
    }
    r->peers.removeOne(peer);
    if (r->peers.isEmpty()) {
        r->emptySinceMs = now();
    }
    if (!removed.awarenessBroadcast.isEmpty()) {
        broadcast(r, removed.awarenessBroadcast, nullptr);
        if (m_redis) {
            publishSharedAwareness(r, removed.awarenessUpdate);
        }
    }
    Q_EMIT peerLeft(r->name, int(r->peers.size()));
}

void Server::onBinaryMessage(Peer *peer, const QByteArray &message)
{
    if (peer->closing) {
        return;
    }
    const qint64 t = now();
    peer->lastSeenMs = t;
    carryOut(peer, peer->conversation.receive(message, t));
}

void Server::carryOut(Peer *peer, Protocol::HostOutput &&output)
{
    for (const QByteArray &reply : std::as_const(output.replies)) {
        send(peer, reply);
    }
    if (output.close) {
        closePeer(peer, *output.close);
        return;
    }
    if (output.join) {
        peer->connection()->setMaxMessageBytes(m_options.maxMessageBytes);
        join(peer);
        return;
    }
    Room *r = peer->room;
    if (!r) {
        return;
    }
    if (output.ackDue) {
        markQueued(peer); // for the ack, after the commit
    }
    if (!output.relay.isEmpty()) {
        storeAndRelay(r, peer, output.update, output.relay);
    }
    if (output.droppedReadOnly) {
        qCInfo(lcHost) << "dropped the updates of a read-only connection to room" << r->name;
    }
    if (!output.awarenessBroadcast.isEmpty()) {
        broadcast(r, output.awarenessBroadcast, nullptr);
        if (m_redis) {
            publishSharedAwareness(r, output.awarenessUpdate);
        }
    }
}

void Server::storeAndRelay(Room *r, Peer *from, const QByteArray &update, const QByteArray &message)
{
    if (m_redis) {
        storeShared(r, from, update, message);
        return;
    }
    if (!from) {
        r->document.appendTrusted(update);
    }
    m_storage->append(r->documentId, update);
    ++r->storedRows;
    ++r->rowsSinceCompaction;
    if (!m_batchRooms.contains(r)) {
        m_batchRooms.append(r);
    }
    broadcast(r, message, from);
    scheduleFlush();
}

void Server::maybeCompact(Room *r, bool force)
{
    if (m_redis) {
        compactShared(r, force);
        return;
    }
    if (r->compacting || r->storedRows <= 1) {
        return;
    }
    if (!force && r->rowsSinceCompaction < m_options.compactAfterUpdates) {
        return;
    }
    r->compacting = true;
    r->rowsSinceCompaction = 0;
    m_compactor->request(r->documentId, m_storage->lastInsertedId());
}

void Server::onCompacted(qint64 documentId, qint64 rowsBefore, bool ok)
{
    Room *r = m_roomsById.value(documentId);
    if (!r) {
        return;
    }
    r->compacting = false;
    if (ok && rowsBefore > 1) {
        r->storedRows -= rowsBefore - 1;
        qCDebug(lcHost) << "compacted" << r->name << rowsBefore << "rows into one";
    }
}

} // namespace Chorus::Host
