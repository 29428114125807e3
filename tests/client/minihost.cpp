// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "minihost.h"

#include "crdt/doc.h"
#include "crdt/text.h"
#include "crdt/updates.h"
#include "protocol/closecode.h"

#include <QWebSocket>

using namespace Chorus;
using namespace Chorus::Protocol;

MiniHost::MiniHost(QObject *parent)
    : QObject(parent)
{ }

MiniHost::~MiniHost()
{
    close();
    qDeleteAll(m_awareness);
}

bool MiniHost::listen(quint16 port, const QSslConfiguration *tls)
{
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
        auto *c = new Connection;
        c->socket = socket;
        c->requestUrl = socket->requestUrl();
        c->room = c->requestUrl.path().mid(1);
        c->chorus = socket->subprotocol() == ChorusSubprotocol;
        m_connections.append(c);
        ++m_totalConnections;
        if (!m_awareness.contains(c->room)) {
            m_awareness.insert(c->room, new Awareness(0));
        }
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, c](const QByteArray &bytes) { onMessage(c, bytes); });
        connect(socket, &QWebSocket::disconnected, this, [this, c] { drop(c); });
        if (c->chorus) {
            socket->sendBinaryMessage(encodeEpoch(epoch(c->room)));
        }
        if (!c->chorus || token.isEmpty()) {
            c->authed = true;
            welcome(c);
        }
    }
}

void MiniHost::welcome(Connection *c)
{
    const QByteArray doc = m_docs.value(c->room);
    const Crdt::UpdateResult sv = Crdt::encodeStateVectorFromUpdate(doc);
    c->socket->sendBinaryMessage(encodeSyncStep1(doc.isEmpty() ? QByteArray(1, '\0') : sv.update));
    Awareness *aw = m_awareness.value(c->room);
    if (!aw->clients().isEmpty()) {
        c->socket->sendBinaryMessage(encodeAwarenessMessage(aw->encodeAll()));
    }
}

void MiniHost::onMessage(Connection *c, const QByteArray &bytes)
{
    const DecodedMessage decoded = decodeMessage(bytes);
    if (!decoded.isOk()) {
        c->socket->close(QWebSocketProtocol::CloseCodeWrongDatatype);
        return;
    }
    c->received.append(decoded.message);
    m_log.append(decoded.message);
    const Message &m = decoded.message;
    if (!c->authed) {
        const auto *t = std::get_if<AuthToken>(&m);
        if (!t || t->token != token) {
            c->socket->sendBinaryMessage(encodePermissionDenied(QStringLiteral("bad token")));
            c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                             QStringLiteral("bad token"));
        } else {
            c->authed = true;
            c->socket->sendBinaryMessage(encodeAuthenticated(tokenScope));
            welcome(c);
        }
        Q_EMIT messageReceived();
        return;
    }
    QByteArray update;
    if (const auto *s1 = std::get_if<SyncStep1>(&m)) {
        const QByteArray doc = m_docs.value(c->room);
        const Crdt::UpdateResult diff = doc.isEmpty()
            ? Crdt::UpdateResult { QByteArray::fromHex("0000"), {} }
            : Crdt::diffUpdate(doc, s1->stateVector);
        c->socket->sendBinaryMessage(encodeSyncStep2(diff.update));
    } else if (const auto *s2 = std::get_if<SyncStep2>(&m)) {
        update = s2->update;
    } else if (const auto *u = std::get_if<SyncUpdate>(&m)) {
        update = u->update;
    } else if (const auto *a = std::get_if<AwarenessMessage>(&m)) {
        const DecodedAwarenessUpdate entries = decodeAwarenessUpdate(a->update);
        for (const AwarenessEntry &e : entries.entries) {
            if (!c->awarenessClients.contains(e.clientId)) {
                c->awarenessClients.append(e.clientId);
            }
        }
        m_awareness.value(c->room)->applyEntries(entries.entries, 0);
        broadcast(c, bytes);
    } else if (std::holds_alternative<QueryAwareness>(m)) {
        c->socket->sendBinaryMessage(
            encodeAwarenessMessage(m_awareness.value(c->room)->encodeAll()));
    }
    if (std::holds_alternative<SyncStep2>(m) || std::holds_alternative<SyncUpdate>(m)) {
        const QByteArray old = m_docs.value(c->room);
        const Crdt::UpdateResult merged = old.isEmpty() ? Crdt::UpdateResult { update, {} }
                                                        : Crdt::mergeUpdates({ old, update });
        if (!merged.ok()) {
            c->socket->close(QWebSocketProtocol::CloseCodeWrongDatatype);
            return;
        }
        m_docs.insert(c->room, merged.update);
        ++c->syncReceived;
        broadcast(c, encodeSyncUpdate(update));
        if (c->chorus && acksEnabled) {
            c->socket->sendBinaryMessage(encodeAck(c->syncReceived));
        }
    }
    Q_EMIT messageReceived();
}

void MiniHost::ackAll()
{
    for (Connection *c : std::as_const(m_connections)) {
        if (c->chorus) {
            c->socket->sendBinaryMessage(encodeAck(c->syncReceived));
        }
    }
}

void MiniHost::sendToRoom(const QString &room, const QByteArray &message)
{
    for (Connection *c : std::as_const(m_connections)) {
        if (c->room == room && c->authed) {
            c->socket->sendBinaryMessage(message);
        }
    }
}

void MiniHost::broadcast(Connection *from, const QByteArray &message)
{
    for (Connection *c : std::as_const(m_connections)) {
        if (c != from && c->room == from->room && c->authed) {
            c->socket->sendBinaryMessage(message);
        }
    }
}

void MiniHost::drop(Connection *c)
{
    if (!m_connections.removeOne(c)) {
        return;
    }
    Awareness *aw = m_awareness.value(c->room);
    if (aw && !c->awarenessClients.isEmpty()) {
        const AwarenessChange change = aw->removeStates(c->awarenessClients, 0);
        if (!change.removed.isEmpty()) {
            broadcast(c, encodeAwarenessMessage(aw->encodeUpdate(change.removed)));
        }
    }
    c->socket->disconnect(this);
    c->socket->deleteLater();
    delete c;
}
