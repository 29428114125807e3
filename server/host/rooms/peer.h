// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/hostconversation.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace Chorus::Host {

class Connection;
class Room;

// One WebSocket connection as the host tracks it: which room it is in, what it still has to be
// sent this turn, its write pacing and liveness, and its conversation (what it said: auth,
// acks, awareness, rate; Protocol::HostConversation). Kept small on purpose (a host may hold
// thousands of idle ones). Owned by the Server; the connection is owned by the transport and
// outlives its Peer. Main (host) thread only.
class Peer
{
public:
    Peer(Connection *connection, const Protocol::HostConversation::Config *config, bool chorus,
         qint64 nowMs)
        : conversation(config, chorus, nowMs)
        , m_connection(connection)
    { }

    Connection *connection() const { return m_connection; }

    // What a relay to every peer of a room touches comes first (broadcasts visit tens of
    // thousands of peers a second under load); the flush reads the conversation's ack counts.
    bool closing = false; // closed by us or gone: nothing more is read or sent
    bool queued = false; // in the server's list of peers to flush, or in its wheel
    qint16 wheelSlot = -1; // the wheel slot holding it (write pacing); -1: none
    QList<QByteArray> outbox; // messages for the end of this turn (after the commit)
    qint64 lastWriteNs = 0; // paces writes under load (Server::flush)
    Protocol::HostConversation conversation;

    QString roomName;
    Room *room = nullptr;
    QHostAddress address; // the remote address (per-address connection limit)
    qint64 lastSeenMs = 0; // any message or pong
    qint64 lastPingMs = 0;
    qint64 closingSinceMs = 0;

private:
    Connection *m_connection;
};

} // namespace Chorus::Host
