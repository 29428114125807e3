#include "server.h"

#include "compactor.h"
#include "peer.h"
#include "protocol/closecode.h"
#include "protocol/message.h"
#include "room.h"
#include "storage.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcHost, "chorus.host")

namespace Chorus::Host {

Server::Server(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_flushTimer(this) // children, so they follow the Server to its thread
    , m_sweepTimer(this)
    , m_token(options.token)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_flushTimer, &QTimer::timeout, this, &Server::flush);
    m_sweepTimer.setInterval(1000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &Server::sweep);
    m_hostClientId = QRandomGenerator::system()->bounded(1u, 0x7fffffffu);
}

Server::~Server()
{
    if (m_server) {
        stop();
        finishStop();
    }
}

bool Server::start()
{
    m_clock.start();
    m_storage = std::make_unique<Storage>();
    if (!m_storage->open(m_options.dataDir, m_options.sync, &m_error)) {
        m_error = QStringLiteral("cannot open the database: %1").arg(m_error);
        return false;
    }
    m_compactor = std::make_unique<Compactor>(m_options.dataDir, m_options.sync, m_storage.get());
    connect(m_compactor.get(), &Compactor::compacted, this, &Server::onCompacted);

    const bool tls = m_options.isTls();
    m_server = new QWebSocketServer(
        QStringLiteral("chorus-server/" CHORUS_VERSION),
        tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (tls) {
        QFile certFile(m_options.tlsCertFile);
        QFile keyFile(m_options.tlsKeyFile);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read the TLS certificate or key");
            return false;
        }
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll());
        QSslKey key(keyFile.readAll(), QSsl::Rsa);
        if (key.isNull()) {
            keyFile.seek(0);
            key = QSslKey(keyFile.readAll(), QSsl::Ec);
        }
        if (chain.isEmpty() || key.isNull()) {
            m_error = QStringLiteral("the TLS certificate or key is not valid PEM");
            return false;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server->setSslConfiguration(ssl);
    }
    m_server->setSupportedSubprotocols({ QString(Protocol::ChorusSubprotocol) });
    m_server->setHandshakeTimeout(m_options.handshakeTimeoutMs);
    m_server->setMaxPendingConnections(256);
    // QTcpServer's default backlog (50) makes a burst of connections (1,000 clients joining)
    // wait on SYN retransmits; the QWebSocketServer's own QTcpServer is its child.
    if (auto *tcp = m_server->findChild<QTcpServer *>()) {
        tcp->setListenBacklogSize(4096);
    }
    connect(m_server, &QWebSocketServer::newConnection, this, &Server::onNewConnection);
    if (!m_server->listen(m_options.bind, m_options.port)) {
        m_error = m_server->errorString();
        return false;
    }

    // The index room is always loaded: new documents are announced in it.
    if (!loadRoom(QString(IndexRoom))) {
        m_error = QStringLiteral("cannot load the index room");
        return false;
    }
    m_sweepTimer.start();
    qCInfo(lcHost) << "listening on" << url().toString() << "data"
                   << (m_options.dataDir.isEmpty() ? QStringLiteral("in memory")
                                                   : m_storage->filePath());
    Q_EMIT listening(url());
    return true;
}

bool Server::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 Server::port() const
{
    return m_server ? m_server->serverPort() : 0;
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
    if (m_stopping || !m_server) {
        return;
    }
    m_stopping = true;
    m_sweepTimer.stop();
    m_server->close();
    flush(); // what arrived before the signal is committed and relayed
    const QList<Peer *> peers = m_peers.values();
    for (Peer *peer : peers) {
        closePeer(peer, 1001, QStringLiteral("host shutting down"));
    }
    // Give the close frames a moment to leave (they are already written to the sockets).
    QTimer::singleShot(m_peers.isEmpty() ? 0 : 200, this, &Server::finishStop);
}

void Server::finishStop()
{
    if (!m_server) {
        return;
    }
    for (Peer *peer : m_peers) {
        peer->socket()->disconnect(this);
        peer->socket()->abort();
        peer->socket()->deleteLater();
        delete peer;
    }
    m_peers.clear();
    qDeleteAll(m_dead);
    m_dead.clear();
    m_queued.clear();
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
    m_server->deleteLater();
    m_server = nullptr;
    qCInfo(lcHost) << "stopped";
    Q_EMIT stopped();
}

void Server::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        auto *peer = new Peer(socket);
        m_peers.insert(socket, peer);
        const qint64 t = now();
        peer->connectedMs = peer->lastSeenMs = peer->lastPingMs = peer->rateRefilledMs = t;
        peer->rateTokens = m_options.maxMessageBurst;
        peer->chorus = socket->subprotocol() == Protocol::ChorusSubprotocol;
        peer->authenticated = m_token.isEmpty() && m_options.readOnlyToken.isEmpty();
        const quint64 limit
            = quint64(peer->authenticated ? m_options.maxMessageBytes : m_options.preAuthMaxBytes);
        socket->setMaxAllowedIncomingFrameSize(limit);
        socket->setMaxAllowedIncomingMessageSize(limit);
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, peer](const QByteArray &m) { onBinaryMessage(peer, m); });
        connect(socket, &QWebSocket::textFrameReceived, this, [this, peer] {
            closePeer(peer, 1003, QStringLiteral("text frames are not supported"));
        });
        connect(socket, &QWebSocket::pong, this, [this, peer] { peer->lastSeenMs = now(); });
        connect(socket, &QWebSocket::disconnected, this, [this, peer] { onDisconnected(peer); });

        QString path = socket->requestUrl().path(QUrl::FullyEncoded);
        peer->roomName = path.startsWith(u'/') ? path.mid(1) : path;
        if (m_stopping) {
            closePeer(peer, 1001, QStringLiteral("host shutting down"));
            continue;
        }
        if (m_peers.size() > m_options.maxConnections) {
            closePeer(peer, 1013, QStringLiteral("too many connections"));
            continue;
        }
        const QString origin = socket->origin();
        if (!m_options.allowedOrigins.isEmpty() && !origin.isEmpty()
            && !m_options.allowedOrigins.contains(origin)) {
            qCInfo(lcHost) << "refused origin" << origin;
            closePeer(peer, 1008, QStringLiteral("origin not allowed"));
            continue;
        }
        if (peer->roomName.toUtf8().size() > m_options.maxRoomNameBytes) {
            closePeer(peer, 1008, QStringLiteral("room name too long"));
            continue;
        }
        qCDebug(lcHost) << "connection to" << peer->roomName << "from"
                        << socket->peerAddress().toString() << (peer->chorus ? "chorus.1" : "");
        if (peer->authenticated) {
            join(peer);
        }
    }
}

void Server::onDisconnected(Peer *peer)
{
    if (!m_peers.contains(peer->socket())) {
        return;
    }
    leave(peer);
    peer->closing = true;
    m_peers.remove(peer->socket());
    peer->socket()->disconnect(this);
    peer->socket()->deleteLater();
    m_dead.append(peer); // a signal of this peer's socket may still be on the stack
    scheduleFlush();
}

void Server::closePeer(Peer *peer, int code, const QString &reason, const QByteArray &last)
{
    if (peer->closing) {
        return;
    }
    if (code != 1000 && code != 1001) {
        qCInfo(lcHost).noquote() << "closing a connection to room" << peer->roomName << "with"
                                 << code << reason;
    }
    leave(peer);
    peer->closing = true;
    peer->closingSinceMs = now();
    // The outbox may hold relays of this turn's uncommitted updates: never send those early.
    peer->outbox.clear();
    if (!last.isEmpty()) {
        peer->socket()->sendBinaryMessage(last);
    }
    peer->socket()->close(QWebSocketProtocol::CloseCode(code), reason);
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
    peer->socket()->abort();
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
    if (!peer->queued) {
        peer->queued = true;
        m_queued.append(peer);
    }
    scheduleFlush();
}

void Server::scheduleFlush()
{
    if (m_flushScheduled) {
        return;
    }
    m_flushScheduled = true;
    if (m_clock.nsecsElapsed() - m_lastFlushNs >= MinFlushIntervalNs) {
        // Queued: runs after every socket that is readable in this turn has been read, so one
        // commit covers all of them.
        QMetaObject::invokeMethod(this, &Server::flush, Qt::QueuedConnection);
    } else {
        // Under load, turns come faster than commits are worth: gather for the rest of the
        // interval, so one commit (and one write per peer) covers several turns.
        m_flushTimer.start(1);
    }
}

void Server::flush()
{
    m_flushScheduled = false;
    m_flushTimer.stop();
    m_lastFlushNs = m_clock.nsecsElapsed();
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
                    closePeer(p, 1011, QStringLiteral("storage failure"));
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
    const QList<Peer *> queued = std::exchange(m_queued, {});
    for (Peer *peer : queued) {
        peer->queued = false;
        if (peer->closing) {
            continue;
        }
        QWebSocket *socket = peer->socket();
        for (const QByteArray &m : std::as_const(peer->outbox)) {
            socket->sendBinaryMessage(m);
        }
        peer->outbox.clear();
        if (peer->chorus && peer->ackedUpdates != peer->receivedUpdates) {
            peer->ackedUpdates = peer->receivedUpdates;
            socket->sendBinaryMessage(Protocol::encodeAck(peer->ackedUpdates));
        }
        socket->flush();
        if (socket->bytesToWrite() > m_options.maxPendingWriteBytes) {
            dropPeer(peer, QStringLiteral("(not reading: too much unsent data)"));
        }
    }
    qDeleteAll(std::exchange(m_dead, {}));
}

void Server::sweep()
{
    const qint64 t = now();
    const QList<Peer *> peers = m_peers.values();
    for (Peer *peer : peers) {
        if (peer->closing) {
            // A peer that neither reads our close frame nor closes its end.
            if (t - peer->closingSinceMs > 5000) {
                peer->socket()->abort();
            }
            continue;
        }
        if (!peer->authenticated && t - peer->connectedMs > m_options.authTimeoutMs) {
            closePeer(peer, 1008, QStringLiteral("authentication timed out"));
        } else if (t - peer->lastSeenMs > m_options.peerTimeoutMs) {
            dropPeer(peer, QStringLiteral("(no pong: peer is gone)"));
        } else if (t - peer->lastSeenMs >= m_options.pingIntervalMs
                   && t - peer->lastPingMs >= m_options.pingIntervalMs) {
            peer->lastPingMs = t;
            peer->socket()->ping();
            peer->socket()->flush(); // write now: no write notifier, no buffered chunk kept
        }
    }
    const QList<Room *> rooms = m_rooms.values();
    for (Room *r : rooms) {
        const Protocol::AwarenessChange expired = r->awareness.removeOutdated(t);
        if (!expired.removed.isEmpty()) {
            broadcast(r,
                      Protocol::encodeAwarenessMessage(r->awareness.encodeUpdate(expired.removed)),
                      nullptr);
        }
        if (r->peers.isEmpty() && r->name != IndexRoom
            && t - r->emptySinceMs >= m_options.roomIdleUnloadMs) {
            unloadRoom(r);
        }
    }
}

} // namespace Chorus::Host
