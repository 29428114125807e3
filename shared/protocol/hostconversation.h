// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "closedecision.h"
#include "messagelimits.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace Chorus::Protocol {

class SyncRoom;

// What the host decided to do about one input of a connection. The adapter carries it out in
// this order: the replies, then the close (nothing else happens on a close), then join, relay
// and the awareness broadcast. Empty fields mean "nothing"; an output with nothing to do
// allocates nothing.
struct HostOutput
{
    QList<QByteArray> replies; // to this connection, in order
    // The update the room accepted (its bytes) and the message that carries it to the room's
    // other peers: after durability (group commit, Redis), never to the sender.
    QByteArray update;
    QByteArray relay;
    // An awareness change: the message for every peer of the room, the sender included
    // (y-websocket clients count the echo as liveness), and the raw update (Redis mode
    // publishes it to the other instances).
    QByteArray awarenessBroadcast;
    QByteArray awarenessUpdate;
    bool join = false; // authenticated (or no token needed): find the room and call join()
    bool ackDue = false; // an update was counted for an ack: ask takeAck() after the commit
    bool droppedReadOnly = false; // a read-only connection's edit was dropped and it was told
    std::optional<CloseDecision> close;
};

// The host side of one connection's y-sync / awareness / auth / chorus.1 conversation
// (docs/protocol.md): bytes in, a HostOutput out. It holds what the conversation knows about
// the connection — the chorus.1 choice, authentication and scope, the read-only notice, the
// counts behind acks, the awareness clients it controls, the message-rate bucket — and talks to
// its room through SyncRoom.
//
// Pure: no sockets, timers, threads or clocks. Time comes in as `nowMs` (any monotonic
// milliseconds, the same scale for every call). One per connection; not thread-safe. The
// Config is shared by every conversation of a host and must outlive them.
//
// The hot path (a sync Update from a read-write peer) decodes the header in place, copies the
// update once, makes one virtual call to apply it and relays the incoming message itself.
class HostConversation
{
public:
    struct Config
    {
        QByteArray token; // empty (and no readOnlyToken): no authentication
        QByteArray readOnlyToken; // scope "ro": the peer's edits are dropped
        double maxMessagesPerSecond = 500; // sustained (token bucket)
        int maxMessageBurst = 2000;
        qint64 authTimeoutMs = 5000; // time to send the token after connecting
        // Awareness client ids one connection may control.
        int maxAwarenessClients = MessageLimits::MaxAwarenessClientsPerConnection;
    };

    HostConversation(const Config *config, bool chorus, qint64 nowMs);

    // Once, right after the connection opened: join when no token is needed.
    HostOutput start() const;
    // One binary message from the peer.
    HostOutput receive(const QByteArray &message, qint64 nowMs);
    // The adapter found the room (after start() or receive() asked to join): the welcome
    // (Epoch on chorus.1, SyncStep1, the room's awareness states).
    HostOutput join(SyncRoom *room);
    // The connection is gone or being closed: its awareness states leave the room (the output
    // carries their removal). The room is forgotten.
    HostOutput leave(qint64 nowMs);
    // The authentication deadline, checked now and then.
    std::optional<CloseDecision> tick(qint64 nowMs) const;

    // An update the room applied as AppliedUnconfirmed became durable: it counts for the ack.
    void confirmDurable() { ++m_receivedUpdates; }
    // The Ack message for the updates counted since the last one (chorus.1 only); empty when
    // none is due. The adapter sends it once they are durable.
    bool isAckDue() const { return m_chorus && m_ackedUpdates != m_receivedUpdates; }
    QByteArray takeAck();

    bool isChorus() const { return m_chorus; }
    bool isAuthenticated() const { return m_authenticated; }
    bool isReadOnly() const { return m_readOnly; }
    bool isClosed() const { return m_closed; }
    SyncRoom *room() const { return m_room; }
    quint64 receivedUpdates() const { return m_receivedUpdates; }
    const QList<quint64> &awarenessClients() const { return m_awarenessClients; }

private:
    HostOutput authenticate(const QByteArray &message);
    void sync(const QByteArray &message, HostOutput &out);
    void dropReadOnly(const QByteArray &update, bool incremental, HostOutput &out);
    void awareness(const QByteArray &update, qint64 nowMs, HostOutput &out);
    HostOutput closing(CloseDecision decision);
    bool takeRateToken(qint64 nowMs);

    // The flags and ack counts first: a host's flush reads them for every peer it writes to.
    bool m_chorus;
    bool m_authenticated;
    bool m_readOnly = false;
    bool m_toldReadOnly = false; // the ReadOnlyNotice went out (once per connection)
    bool m_closed = false; // a close was decided: nothing more is read
    quint64 m_receivedUpdates = 0; // sync Update/Step2 counted for acks
    quint64 m_ackedUpdates = 0; // the last count acknowledged
    const Config *m_config;
    SyncRoom *m_room = nullptr;
    QList<quint64> m_awarenessClients;
    qint64 m_connectedMs;
    double m_rateTokens;
    qint64 m_rateRefilledMs;
};

} // namespace Chorus::Protocol
