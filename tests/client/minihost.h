// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/hostconversation.h"
#include "protocol/message.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <QWebSocketServer>

class QWebSocket;
class MiniHostRoom;

// A minimal y-websocket host for the client tests, apart from server/host: QWebSocketServer, one
// merged update per room (update-level merge and diff, no Doc, no storage) and no limits. The
// conversation itself is the real host's (Protocol::HostConversation); this is a thin adapter
// over it. Knobs let a test hold acks, change the epoch, require a token (with scope "rw" or
// "ro"), refuse chorus.1 or use TLS. It records every message each connection sent, so tests can
// check what went over the wire.
class MiniHost : public QObject
{
    Q_OBJECT
public:
    struct Connection
    {
        Connection(const Chorus::Protocol::HostConversation::Config *config, bool chorus,
                   qint64 nowMs)
            : conversation(config, chorus, nowMs)
        { }

        QWebSocket *socket = nullptr;
        QString room;
        QUrl requestUrl;
        QList<Chorus::Protocol::Message> received;
        Chorus::Protocol::HostConversation conversation;
    };

    explicit MiniHost(QObject *parent = nullptr);
    ~MiniHost() override;

    bool listen(quint16 port = 0, const QSslConfiguration *tls = nullptr);
    void close(); // stops listening and drops every connection (1001)
    quint16 port() const { return m_port; }
    QUrl url(const QString &room) const;

    bool chorusEnabled = true; // select chorus.1 when offered
    bool acksEnabled = true; // ack each sync Update/Step2 at once
    QString token; // non-empty (when listen() is called): clients must send it first
    QString tokenScope = QStringLiteral("rw"); // "ro": the token is the read-only one

    QString epoch(const QString &room) const { return m_epochs.value(room, QStringLiteral("E1")); }
    void setEpoch(const QString &room, const QString &epoch) { m_epochs[room] = epoch; }
    // Forgets a room's content (as a host that lost its storage).
    void resetRoom(const QString &room) { m_docs.remove(room); }
    QByteArray roomUpdate(const QString &room) const { return m_docs.value(room); }
    QString roomText(const QString &room, const QString &name = QStringLiteral("content")) const;
    void ackAll(); // sends the held acks
    void setRoomUpdate(const QString &room, const QByteArray &update) { m_docs[room] = update; }
    void sendToRoom(const QString &room, const QByteArray &message);

    QList<Connection *> connections() const { return m_connections; }
    QList<Chorus::Protocol::Message> allReceived() const { return m_log; }
    int connectionCount() const { return m_totalConnections; }

Q_SIGNALS:
    void messageReceived();

private:
    void onNewConnection();
    void onMessage(Connection *c, const QByteArray &bytes);
    void carryOut(Connection *c, Chorus::Protocol::HostOutput &&output);
    void broadcast(Connection *from, const QByteArray &message);
    void drop(Connection *c);
    MiniHostRoom *room(const QString &name);

    QWebSocketServer *m_server = nullptr;
    quint16 m_port = 0;
    QElapsedTimer m_clock;
    Chorus::Protocol::HostConversation::Config m_config;
    QList<Connection *> m_connections;
    QHash<QString, QByteArray> m_docs;
    QHash<QString, QString> m_epochs;
    QHash<QString, MiniHostRoom *> m_rooms;
    QList<Chorus::Protocol::Message> m_log;
    int m_totalConnections = 0;
};
