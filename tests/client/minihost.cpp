// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "minihost.h"

#include "crdt/doc.h"
#include "crdt/text.h"
#include "crdt/updates.h"
#include "protocol/awareness.h"
#include "protocol/syncroom.h"

#include <QWebSocket>

#include <limits>

using namespace Chorus;
using namespace Chorus::Protocol;

// A room of the mini host as its conversations see it: the host's merged update for that name
// (read at each call, so resetRoom() and setRoomUpdate() act at once) and its awareness.
class MiniHostRoom final : public SyncRoom
{
public:
    MiniHostRoom(MiniHost *host, const QString &name)
        : m_host(host)
        , m_name(name)
        , m_awareness(0)
    { }

    QString epoch() const override { return m_host->epoch(m_name); }
    QByteArray encodeStateVector() override
    {
        const QByteArray doc = m_host->roomUpdate(m_name);
        return doc.isEmpty() ? QByteArray(1, '\0') : Crdt::encodeStateVectorFromUpdate(doc).update;
    }
    QByteArray encodeMissing(QByteArrayView stateVector, Crdt::DecodeError *error) override
    {
        const QByteArray doc = m_host->roomUpdate(m_name);
        if (doc.isEmpty()) {
            return QByteArray::fromHex("0000");
        }
        Crdt::UpdateResult diff = Crdt::diffUpdate(doc, stateVector);
        *error = diff.error;
        return diff.update;
    }
    ApplyResult applyUpdate(const QByteArray &update) override
    {
        const Crdt::UpdateResult merged = merge(update);
        if (merged.ok()) {
            m_host->setRoomUpdate(m_name, merged.update);
        }
        return { merged.error, Outcome::Applied };
    }
    bool wouldAddInserts(const QByteArray &update) override
    {
        const Crdt::UpdateResult merged = merge(update);
        const QByteArray doc = m_host->roomUpdate(m_name);
        return merged.ok()
            && Crdt::encodeStateVectorFromUpdate(merged.update).update
            != (doc.isEmpty() ? QByteArray(1, '\0')
                              : Crdt::encodeStateVectorFromUpdate(doc).update);
    }
    Awareness &awareness() override { return m_awareness; }

private:
    Crdt::UpdateResult merge(const QByteArray &update) const
    {
        const QByteArray old = m_host->roomUpdate(m_name);
        return old.isEmpty() ? Crdt::UpdateResult { update, {} }
                             : Crdt::mergeUpdates({ old, update });
    }

    MiniHost *m_host;
    QString m_name;
    Awareness m_awareness;
};

MiniHost::MiniHost(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
}

MiniHost::~MiniHost()
{
    close();
    qDeleteAll(m_rooms);
}

bool MiniHost::listen(quint16 port, const QSslConfiguration *tls)
{
    // No limits: the tests measure the client, not the host's defences.
    m_config = {};
    const bool readOnly = tokenScope == QStringLiteral("ro");
    (readOnly ? m_config.readOnlyToken : m_config.token) = token.toUtf8();
    m_config.maxMessagesPerSecond = std::numeric_limits<double>::max();
    m_config.maxMessageBurst = std::numeric_limits<int>::max();
    m_config.maxAwarenessClients = std::numeric_limits<int>::max();
    m_server = new QWebSocketServer(
        QStringLiteral("minihost"),
        tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (tls) {
        m_server->setSslConfiguration(*tls);
    }
    if (chorusEnabled) {
        m_server->setSupportedSubprotocols({ QString(ChorusSubprotocol) });
    }
    connect(m_server, &QWebSocketServer::newConnection, this, &MiniHost::onNewConnection);
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        return false;
    }
    m_port = m_server->serverPort();
    return true;
}

void MiniHost::close()
{
    const QList<Connection *> all = m_connections;
    for (Connection *c : all) {
        c->socket->close(QWebSocketProtocol::CloseCodeGoingAway);
        drop(c);
    }
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

QUrl MiniHost::url(const QString &room) const
{
    const bool tls = m_server && m_server->secureMode() == QWebSocketServer::SecureMode;
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/%3")
                    .arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"))
                    .arg(m_port)
                    .arg(room));
}

QString MiniHost::roomText(const QString &room, const QString &name) const
{
    Crdt::Doc doc(1);
    doc.applyUpdate(m_docs.value(room));
    return doc.text(name).toString();
}

void MiniHost::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        auto *c = new Connection(&m_config, socket->subprotocol() == ChorusSubprotocol,
                                 m_clock.elapsed());
        c->socket = socket;
        c->requestUrl = socket->requestUrl();
        c->room = c->requestUrl.path().mid(1);
        m_connections.append(c);
        ++m_totalConnections;
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, c](const QByteArray &bytes) { onMessage(c, bytes); });
        connect(socket, &QWebSocket::disconnected, this, [this, c] { drop(c); });
        carryOut(c, c->conversation.start());
    }
}

MiniHostRoom *MiniHost::room(const QString &name)
{
    MiniHostRoom *&r = m_rooms[name];
    if (!r) {
        r = new MiniHostRoom(this, name);
    }
    return r;
}

void MiniHost::onMessage(Connection *c, const QByteArray &bytes)
{
    if (c->conversation.isClosed()) {
        return;
    }
    const DecodedMessage decoded = decodeMessage(bytes);
    if (decoded.isOk()) {
        c->received.append(decoded.message);
        m_log.append(decoded.message);
    }
    carryOut(c, c->conversation.receive(bytes, m_clock.elapsed()));
    Q_EMIT messageReceived();
}

void MiniHost::carryOut(Connection *c, HostOutput &&output)
{
    for (const QByteArray &reply : std::as_const(output.replies)) {
        c->socket->sendBinaryMessage(reply);
    }
    if (output.close) {
        if (!output.close->lastMessage.isEmpty()) {
            c->socket->sendBinaryMessage(output.close->lastMessage);
        }
        c->socket->close(QWebSocketProtocol::CloseCode(output.close->code), output.close->reason);
        return;
    }
    if (output.join) {
        carryOut(c, c->conversation.join(room(c->room)));
        return;
    }
    if (!output.relay.isEmpty()) {
        broadcast(c, output.relay);
    }
    if (!output.awarenessBroadcast.isEmpty()) {
        sendToRoom(c->room, output.awarenessBroadcast); // the sender too, as the real host
    }
    if (output.ackDue && acksEnabled) {
        c->socket->sendBinaryMessage(c->conversation.takeAck());
    }
}

void MiniHost::ackAll()
{
    for (Connection *c : std::as_const(m_connections)) {
        if (c->conversation.isAckDue()) {
            c->socket->sendBinaryMessage(c->conversation.takeAck());
        }
    }
}

void MiniHost::sendToRoom(const QString &room, const QByteArray &message)
{
    for (Connection *c : std::as_const(m_connections)) {
        if (c->room == room && c->conversation.room()) {
            c->socket->sendBinaryMessage(message);
        }
    }
}

void MiniHost::broadcast(Connection *from, const QByteArray &message)
{
    for (Connection *c : std::as_const(m_connections)) {
        if (c != from && c->room == from->room && c->conversation.room()) {
            c->socket->sendBinaryMessage(message);
        }
    }
}

void MiniHost::drop(Connection *c)
{
    if (!m_connections.removeOne(c)) {
        return;
    }
    const HostOutput removed = c->conversation.leave(m_clock.elapsed());
    if (!removed.awarenessBroadcast.isEmpty()) {
        sendToRoom(c->room, removed.awarenessBroadcast);
    }
    c->socket->disconnect(this);
    c->socket->deleteLater();
    delete c;
}
