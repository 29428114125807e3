// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Server: rooms, joining and leaving, and what peers send (the second half of server.cpp).
#include "host/storage/compactor.h"
#include "crdt/lib0decoder.h"
#include "host/rooms/peer.h"
#include "protocol/message.h"
#include "host/rooms/room.h"
#include "host/rooms/server.h"
#include "host/storage/storage.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {

// Constant-time comparison: the time taken depends on the lengths only, never on where the
// first differing byte is.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    const qsizetype n = qMax(a.size(), b.size());
    unsigned diff = unsigned(a.size() ^ b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned x = i < a.size() ? quint8(a[i]) : 0u;
        const unsigned y = i < b.size() ? quint8(b[i]) : 0u;
        diff |= x ^ y;
    }
    return diff == 0;
}

quint64 newAwarenessId()
{
    return QRandomGenerator::system()->bounded(quint64(1) << 53);
}

} // namespace

Room *Server::loadRoom(const QString &name, bool mayCreate)
{
    if (m_redis) {
        return loadSharedRoom(name);
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
    auto *r = new Room(name, loaded->document.id, loaded->document.epoch, newAwarenessId());
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

Room *Server::room(const QString &name, QString *overLimit)
{
    overLimit->clear();
    if (Room *r = m_rooms.value(name)) {
        return r;
    }
    // Every new room counts against the limit; the index room never does (it is loaded at start,
    // and in Redis mode unloaded while Redis is away).
    const qsizetype loaded = m_rooms.size() - (m_rooms.contains(QString(IndexRoom)) ? 1 : 0);
    if (loaded >= m_options.maxRooms) {
        *overLimit = QStringLiteral("too many rooms");
        return nullptr;
    }
    // New documents count too: a guest cannot fill the disk (and the index every client loads)
    // with room names. Existing ones always open.
    const bool mayCreate = m_redis || m_documentCount < m_options.maxDocuments;
    Room *r = loadRoom(name, mayCreate);
    if (!r && !mayCreate) {
        *overLimit = QStringLiteral("too many documents");
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
        closePeer(peer, 1013, QStringLiteral("Redis unavailable: try again later"));
        return;
    }
    QString overLimit;
    Room *r = room(peer->roomName, &overLimit);
    if (!r) {
        closePeer(peer, overLimit.isEmpty() ? 1011 : 1013,
                  overLimit.isEmpty() ? QStringLiteral("storage failure") : overLimit);
        return;
    }
    peer->room = r;
    r->peers.append(peer);
    if (peer->chorus) {
        send(peer, Protocol::encodeEpoch(r->epoch));
    }
    send(peer, Protocol::encodeSyncStep1(r->document.encodeStateVector()));
    if (!r->awareness.clients().isEmpty()) {
        send(peer, Protocol::encodeAwarenessMessage(r->awareness.encodeAll()));
    }
    Q_EMIT peerJoined(r->name, int(r->peers.size()));
}

void Server::leave(Peer *peer)
{
    unqueue(peer);
    if (m_redis) {
        forgetSharedPeer(peer);
    }
    Room *r = std::exchange(peer->room, nullptr);
    if (!r) {
        return;
    }
    r->peers.removeOne(peer);
    if (r->peers.isEmpty()) {
        r->emptySinceMs = now();
    }
    if (!peer->awarenessClients.isEmpty()) {
        const Protocol::AwarenessChange change
            = r->awareness.removeStates(peer->awarenessClients, now());
        peer->awarenessClients.clear();
        if (!change.removed.isEmpty()) {
            broadcast(r,
                      Protocol::encodeAwarenessMessage(r->awareness.encodeUpdate(change.removed)),
                      nullptr);
            if (m_redis) {
                publishSharedAwareness(r, r->awareness.encodeUpdate(change.removed));
            }
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
    // Token bucket: a flood costs the flooder its connection, not the others their latency.
    peer->rateTokens
        = qMin(double(m_options.maxMessageBurst),
               peer->rateTokens
                   + double(t - peer->rateRefilledMs) * m_options.maxMessagesPerSecond / 1000.0);
    peer->rateRefilledMs = t;
    if (peer->rateTokens < 1) {
        closePeer(peer, 1008, QStringLiteral("message rate limit exceeded"));
        return;
    }
    peer->rateTokens -= 1;
    if (!peer->authenticated) {
        authenticate(peer, message);
        return;
    }
    if (!peer->room) {
        return; // joining failed and the close is under way
    }
    const quint8 type = message.isEmpty() ? 0xff : quint8(message.at(0));
    if (type == 0) {
        handleSync(peer, message);
        return;
    }
    const Protocol::DecodedMessage decoded = Protocol::decodeMessage(message);
    if (!decoded.isOk()) {
        closePeer(peer, 1007,
                  QStringLiteral("malformed message: %1").arg(decoded.error.toString()));
        return;
    }
    if (const auto *a = std::get_if<Protocol::AwarenessMessage>(&decoded.message)) {
        handleAwareness(peer, a->update);
    } else if (std::holds_alternative<Protocol::QueryAwareness>(decoded.message)) {
        if (!peer->room->awareness.clients().isEmpty()) {
            send(peer, Protocol::encodeAwarenessMessage(peer->room->awareness.encodeAll()));
        }
    } else if (std::holds_alternative<Protocol::AuthToken>(decoded.message)
               || std::holds_alternative<Protocol::PermissionDenied>(decoded.message)) {
        // Already authenticated (or no token needed): nothing to do.
    } else {
        closePeer(peer, 1007, QStringLiteral("unexpected message from a client"));
    }
}

void Server::authenticate(Peer *peer, const QByteArray &message)
{
    const Protocol::DecodedMessage decoded = Protocol::decodeMessage(message);
    const auto *auth = std::get_if<Protocol::AuthToken>(&decoded.message);
    if (!decoded.isOk() || !auth) {
        closePeer(peer, 1008, QStringLiteral("authentication required"),
                  Protocol::encodePermissionDenied(QStringLiteral("authentication required")));
        return;
    }
    // Both comparisons always run, so the time taken does not tell which secret matched.
    const QByteArray given = auth->token.toUtf8();
    const bool readWrite = sameToken(given, m_token);
    const bool readOnly
        = sameToken(given, m_options.readOnlyToken) && !m_options.readOnlyToken.isEmpty();
    if (!readWrite && !readOnly) {
        closePeer(peer, 1008, QStringLiteral("bad token"),
                  Protocol::encodePermissionDenied(QStringLiteral("bad token")));
        return;
    }
    peer->authenticated = true;
    peer->readOnly = readOnly && !readWrite;
    peer->connection()->setMaxMessageBytes(m_options.maxMessageBytes);
    if (peer->chorus) {
        send(peer,
             Protocol::encodeAuthenticated(peer->readOnly ? QStringLiteral("ro")
                                                          : QStringLiteral("rw")));
    }
    join(peer);
}

void Server::handleSync(Peer *peer, const QByteArray &message)
{
    // Decoded here without copying: the hot path of a host is relaying sync updates.
    Crdt::Lib0Decoder dec(message);
    dec.readVarUint(); // 0: sync
    const quint64 sub = dec.readVarUint();
    const QByteArrayView payload = dec.readVarUint8Array();
    if (!dec.ok() || !dec.atEnd() || sub > 2) {
        const QString why = !dec.ok() ? dec.error().toString()
                                      : (sub > 2 ? QStringLiteral("unknown sync message type")
                                                 : QStringLiteral("trailing bytes"));
        closePeer(peer, 1007, QStringLiteral("malformed sync message: %1").arg(why));
        return;
    }
    Room *r = peer->room;
    if (sub == 0) {
        Crdt::DecodeError error;
        const QByteArray missing = r->document.encodeMissing(payload, &error);
        if (error.isError()) {
            closePeer(peer, 1007,
                      QStringLiteral("malformed state vector: %1").arg(error.toString()));
            return;
        }
        send(peer, Protocol::encodeSyncStep2(missing));
        return;
    }
    const QByteArray update = payload.toByteArray();
    if (peer->readOnly) {
        dropReadOnlyUpdate(peer, update, sub == 2);
        return;
    }
    if (!m_redis || r->name == IndexRoom) { // Redis mode: acknowledged once durable there
        ++peer->receivedUpdates;
        markQueued(peer); // for the ack
    }
    if (r->name == IndexRoom) {
        // The index is written by the host only; a client's edits to it are ignored (still
        // acknowledged: they are not lost, they were never the client's to make).
        const Crdt::DecodeError error = RoomDocument().applyUpdate(update);
        if (error.isError()) {
            closePeer(peer, 1007, QStringLiteral("malformed update: %1").arg(error.toString()));
        }
        return;
    }
    const Crdt::DecodeError error = r->document.applyUpdate(update);
    if (error.isError()) {
        closePeer(peer, 1007, QStringLiteral("malformed update: %1").arg(error.toString()));
        return;
    }
    storeAndRelay(r, peer, update, sub == 2 ? message : Protocol::encodeSyncUpdate(update));
}

void Server::dropReadOnlyUpdate(Peer *peer, const QByteArray &update, bool incremental)
{
    // Nothing is applied, stored, relayed or acknowledged (an ack means "durable"). The guest is
    // told once; a SyncStep2 only when it holds inserts the host lacks, as the reply to the
    // host's SyncStep1 on every connect is no edit of the guest's (deletions there go unnoticed).
    Room *r = peer->room;
    if (peer->toldReadOnly || !peer->chorus) {
        return;
    }
    if (!incremental) {
        RoomDocument probe = r->document; // shares the stored updates; nothing is copied
        const QByteArray before = r->document.encodeStateVector();
        if (probe.applyUpdate(update).isError() || probe.encodeStateVector() == before) {
            return;
        }
    }
    peer->toldReadOnly = true;
    qCInfo(lcHost) << "dropped the updates of a read-only connection to room" << r->name;
    send(peer,
         Protocol::encodeReadOnlyNotice(QStringLiteral("read-only: your edits are not accepted")));
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

void Server::handleAwareness(Peer *peer, const QByteArray &update)
{
    Room *r = peer->room;
    const Protocol::AwarenessApplyResult result = r->awareness.applyUpdate(update, now());
    if (!result.isOk()) {
        closePeer(peer, 1007,
                  QStringLiteral("malformed awareness: %1").arg(result.error.toString()));
        return;
    }
    const Protocol::AwarenessChange &c = result.change;
    for (const QList<quint64> *ids : { &c.added, &c.updated, &c.renewed }) {
        for (quint64 id : *ids) {
            if (!peer->awarenessClients.contains(id)) {
                peer->awarenessClients.append(id);
            }
        }
    }
    for (quint64 id : c.removed) {
        peer->awarenessClients.removeOne(id);
    }
    if (peer->awarenessClients.size() > m_options.maxAwarenessClientsPerPeer) {
        closePeer(peer, 1008, QStringLiteral("too many awareness clients"));
        return;
    }
    if (!c.isEmpty()) {
        // Everyone, the sender included: y-websocket clients count the echo as liveness.
        broadcast(r, Protocol::encodeAwarenessMessage(update), nullptr);
        if (m_redis) {
            publishSharedAwareness(r, update);
        }
    }
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
