// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/hostconversation.h"

#include <QByteArray>
#include <QList>

// One message on a simulated connection and when it was put on the wire (latency is bounded
// from that time; see tst_conversationconvergence).
struct SimMessage
{
    QByteArray bytes;
    qint64 sentMs = 0;
};

// One WebSocket connection of the simulated network in the conversation tests: a FIFO queue in
// each direction (TCP keeps the order within one connection; nothing orders two connections)
// and the host's conversation for it. Dropping the link loses everything in both queues and
// in `held`. The WebSocket handshake is not simulated: `chorus` is what it would have settled.
struct SimLink
{
    SimLink(int linkId, int clientIndex, bool chorusSelected,
            const Chorus::Protocol::HostConversation::Config *config, qint64 nowMs)
        : id(linkId)
        , client(clientIndex)
        , chorus(chorusSelected)
        , host(config, chorusSelected, nowMs)
    { }

    bool hasTraffic() const { return !toHost.isEmpty() || !toClient.isEmpty(); }

    const int id;
    const int client;
    const bool chorus;
    Chorus::Protocol::HostConversation host;
    QList<SimMessage> toHost;
    QList<SimMessage> toClient;
    // A batching host's output to this client, written at its next commit (as the host's
    // per-peer outbox is written after the group commit).
    QList<SimMessage> held;
};
