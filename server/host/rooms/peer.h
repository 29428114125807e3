// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace Chorus::Host {

class Connection;
class Room;

// One WebSocket connection as the host tracks it: which room it is in, whether it
// authenticated, what it still has to be sent this turn, and the counters behind acks, rate
// limits and liveness. Kept small on purpose (a host may hold thousands of idle ones).
// Owned by the Server; the connection is owned by the transport and outlives its Peer.
// Main (host) thread only.
class Peer
{
public:
    explicit Peer(Connection *connection)
        : m_connection(connection)
    { }

    Connection *connection() const { return m_connection; }

private:
    Connection *m_connection;

public:
    // What a relay to every peer of a room touches comes first, in one cache line (broadcasts
    // visit tens of thousands of peers a second under load).
    bool closing = false; // closed by us or gone: nothing more is read or sent
    bool queued = false; // in the server's list of peers to flush, or in its wheel
    bool chorus = false; // selected the chorus.1 subprotocol: epoch, acks, token replies
    bool authenticated = false;
    bool readOnly = false; // authenticated with the read-only token: updates are dropped
    bool toldReadOnly = false; // the ReadOnlyNotice went out (once per connection)
    qint16 wheelSlot = -1; // the wheel slot holding it (write pacing); -1: none
    QList<QByteArray> outbox; // messages for the end of this turn (after the commit)
    qint64 lastWriteNs = 0; // paces writes under load (Server::flush)
    quint64 receivedUpdates = 0; // sync Update/Step2 messages received (acks count these)
    quint64 ackedUpdates = 0; // the last count acknowledged

    QString roomName;
    Room *room = nullptr;
    QHostAddress address; // the remote address (per-address connection limit)
    QList<quint64> awarenessClients; // awareness client ids this connection controls
    qint64 connectedMs = 0;
    qint64 lastSeenMs = 0; // any message or pong
    qint64 lastPingMs = 0;
    qint64 closingSinceMs = 0;
    double rateTokens = 0;
    qint64 rateRefilledMs = 0;
};

} // namespace Chorus::Host
