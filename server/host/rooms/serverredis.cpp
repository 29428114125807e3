// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Server: Redis mode (`--redis`), the third part of server.cpp. The rooms' documents live in
// Redis and are shared with every other instance using it; RedisRoomStore does the talking.
// Design and guarantees: docs/deploy.md.
#include "host/redis/redisroomstore.h"
#include "host/rooms/peer.h"
#include "host/rooms/room.h"
#include "host/rooms/server.h"
#include "protocol/message.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

#if CHORUS_HAVE_HIREDIS

namespace {

constexpr int StartTimeoutMs = 5000;

} // namespace

bool Server::startShared()
{
    QString why;
    const RedisAddress address = RedisAddress::parse(m_options.redisUrl, &why);
    if (!address.isValid()) {
        m_error = QStringLiteral("--redis: %1").arg(why);
        return false;
    }
    m_redis = new RedisRoomStore(address, m_options.sync, this);
    connect(m_redis, &RedisRoomStore::updateDurable, this, &Server::onSharedDurable);
    connect(m_redis, &RedisRoomStore::remoteUpdateReceived, this, &Server::onSharedUpdate);
    connect(m_redis, &RedisRoomStore::remoteAwarenessReceived, this, &Server::onSharedAwareness);
    connect(m_redis, &RedisRoomStore::roomFailed, this, &Server::onSharedRoomFailed);
    connect(m_redis, &RedisRoomStore::storeLost, this, &Server::onSharedStoreLost);
    if (!m_redis->start(StartTimeoutMs, &why)) {
        m_error = QStringLiteral("cannot use Redis at %1: %2").arg(address.toString(), why);
        return false;
    }
    // Connected after start(): its first storeAvailable() is not a recovery.
    connect(m_redis, &RedisRoomStore::storeAvailable, this, &Server::onSharedStoreBack);
    return true;
}

bool Server::isSharedStoreDown() const
{
    return !m_redis->isAvailable();
}

QStringList Server::sharedDocumentNames() const
{
    QStringList names = m_redis->documentNames();
    names.removeAll(QString(IndexRoom));
    names.sort();
    return names;
}

Room *Server::loadSharedRoom(const QString &name, bool *limitReached)
{
    QString why = QStringLiteral("Redis is unavailable");
    // The limit counts the documents in Redis, so it holds for all instances together.
    const RedisRoomStore::DocumentLimit limit { name == IndexRoom ? 0 : m_options.maxDocuments,
                                                QString(IndexRoom) };
    const auto doc = m_redis->isAvailable()
        ? m_redis->load(name, QDateTime::currentMSecsSinceEpoch(), limit, &why)
        : std::nullopt;
    if (!doc) {
        qCWarning(lcHost).noquote() << "cannot load room" << name << "from Redis:" << why;
        return nullptr;
    }
    if (doc->refused) {
        if (limitReached) {
            *limitReached = true;
        }
        return nullptr;
    }
    const quint64 awarenessId = QRandomGenerator::system()->bounded(quint64(1) << 53);
    auto *r
        = new Room(name, ++m_lastSharedRoomId, doc->epoch, awarenessId, name == IndexRoom, true);
    for (const QByteArray &u : doc->updates) {
        r->document.appendTrusted(u);
    }
    r->storedRows = doc->updates.size();
    r->emptySinceMs = now();
    m_rooms.insert(name, r);
    m_roomsById.insert(r->documentId, r);
    if (doc->created && name != IndexRoom) {
        qCInfo(lcHost) << "created document" << name << "in Redis";
        addIndexEntry(name, doc->createdMs, doc->epoch);
        Q_EMIT documentCreated(name);
    }
    if (r->storedRows > 1) {
        maybeCompact(r, true);
    }
    return r;
}

void Server::storeShared(Room *r, Peer *from, const QByteArray &update, const QByteArray &message)
{
    if (!from) {
        r->document.appendTrusted(update);
    }
    ++r->storedRows;
    ++r->rowsSinceCompaction;
    // Relayed and acknowledged in onSharedDurable(), once Redis has it.
    m_redis->persist(r->name, from, update, message);
    maybeCompact(r, false);
}

void Server::onSharedDurable(const QString &roomName, Peer *from, const QByteArray &update,
                             const QByteArray &message)
{
    Q_UNUSED(update);
    if (from && !from->closing) {
        from->conversation.confirmDurable();
        markQueued(from); // for the ack
    }
    if (Room *r = m_rooms.value(roomName)) {
        broadcast(r, message, from);
    }
}

void Server::onSharedUpdate(const QString &roomName, const QByteArray &update)
{
    Room *r = m_rooms.value(roomName);
    if (!r) {
        return; // not loaded here: whoever loads it reads it from Redis
    }
    r->document.appendTrusted(update); // validated by the instance that stored it
    ++r->storedRows;
    ++r->rowsSinceCompaction;
    broadcast(r, Protocol::encodeSyncUpdate(update), nullptr);
    maybeCompact(r, false);
}

void Server::onSharedAwareness(const QString &roomName, const QByteArray &update)
{
    Room *r = m_rooms.value(roomName);
    if (!r) {
        return;
    }
    const Protocol::AwarenessApplyResult result = r->awareness().applyUpdate(update, now());
    if (result.isOk() && !result.change.isEmpty()) {
        broadcast(r, Protocol::encodeAwarenessMessage(update), nullptr);
    }
}

void Server::publishSharedAwareness(Room *r, const QByteArray &update)
{
    m_redis->publishAwareness(r->name, update);
}

void Server::forgetSharedPeer(Peer *peer)
{
    m_redis->forgetPeer(peer);
}

void Server::compactShared(Room *r, bool force)
{
    if (r->storedRows <= 1 || (!force && r->rowsSinceCompaction < m_options.compactAfterUpdates)) {
        return;
    }
    // Every instance serving the room counts its updates; the first to ask takes the lock and
    // compacts for all of them, the others find it taken.
    r->rowsSinceCompaction = 0;
    r->storedRows = 1;
    m_redis->compact(r->name);
}

void Server::onSharedRoomFailed(const QString &roomName, const QString &why)
{
    Room *r = m_rooms.value(roomName);
    if (!r) {
        return;
    }
    qCWarning(lcHost).noquote() << "room" << roomName << "is unloaded: Redis refused an update -"
                                << why;
    // What the room holds in memory is now ahead of Redis: its peers reconnect and resync.
    const QList<Peer *> peers = r->peers;
    for (Peer *p : peers) {
        closePeer(p, Protocol::CloseDecision::sharedStoreRefused());
    }
    unloadRoom(r);
    if (roomName == IndexRoom && m_redis->isAvailable()) {
        loadRoom(QString(IndexRoom));
    }
}

void Server::onSharedStoreLost(const QString &why)
{
    Q_UNUSED(why);
    // Never diverge: without Redis nothing can be made durable, so every peer is told to come
    // back later (1013) and every room is dropped; they are loaded again from Redis once it is
    // back, and clients resend what was not acknowledged.
    const QList<Peer *> peers = m_peers.values();
    for (Peer *p : peers) {
        closePeer(p, Protocol::CloseDecision::sharedStoreUnavailable());
    }
    const QList<Room *> rooms = m_rooms.values();
    for (Room *r : rooms) {
        unloadRoom(r);
    }
}

void Server::onSharedStoreBack()
{
    if (!m_rooms.contains(QString(IndexRoom)) && !loadRoom(QString(IndexRoom))) {
        qCWarning(lcHost) << "cannot load the index room from Redis";
    }
}

#else // no hiredis: --redis is refused when the options are parsed; this is the backstop.

bool RedisRoomStore::isSupported()
{
    return false;
}

bool Server::startShared()
{
    m_error = QStringLiteral("this chorus-server was built without Redis support (hiredis was "
                             "not found at build time)");
    return false;
}

bool Server::isSharedStoreDown() const
{
    return true;
}

QStringList Server::sharedDocumentNames() const
{
    return {};
}

Room *Server::loadSharedRoom(const QString &)
{
    return nullptr;
}

void Server::storeShared(Room *, Peer *, const QByteArray &, const QByteArray &) { }
void Server::onSharedDurable(const QString &, Peer *, const QByteArray &, const QByteArray &) { }
void Server::onSharedUpdate(const QString &, const QByteArray &) { }
void Server::onSharedAwareness(const QString &, const QByteArray &) { }
void Server::publishSharedAwareness(Room *, const QByteArray &) { }
void Server::forgetSharedPeer(Peer *) { }
void Server::compactShared(Room *, bool) { }
void Server::onSharedRoomFailed(const QString &, const QString &) { }
void Server::onSharedStoreLost(const QString &) { }
void Server::onSharedStoreBack() { }

#endif

} // namespace Chorus::Host
