// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "docroom.h"
#include "protocol/hostconversation.h"

#include <QList>
#include <QStringList>

struct SimLink;

// The host of the simulated network: one room (a DocRoom) and a HostConversation per link,
// carried out as the host's adapters do (server/host/rooms/serverrooms.cpp, and the mini host
// in tests/client). Two choices make the adapters it stands for:
// - `batched` (Host::Server): everything for a client waits in the link's `held` queue until
//   the next commit, which writes the due acks after it; otherwise (the mini host) replies
//   and relays go on the wire at once and only the acks wait for the commit.
// - `durableLater` (Host::Server with Redis): the room applies an update at once but it is
//   durable, relayed and acknowledged only at the next commit (confirmDurable).
// commit() is the host's durability step; sweep() its periodic one (the conversations'
// authentication deadline, the room's awareness timeouts). Close decisions, which
// well-formed traffic never causes, are collected in problems(). Time is read from `clockMs`.
class SimHost
{
public:
    struct Options
    {
        bool offersChorus = true; // selects chorus.1 when a client offers it
        QByteArray token; // non-empty: clients must send it first
        bool batched = false;
        bool durableLater = false;
    };

    SimHost(const Options &options, const qint64 *clockMs);

    const Options &options() const { return m_options; }
    const Chorus::Protocol::HostConversation::Config *config() const { return &m_config; }
    DocRoom &room() { return m_room; }
    const QStringList &problems() const { return m_problems; }

    // The connection opened (link->host is new): start() and, when it says so, join.
    void connect(SimLink *link);
    void receive(SimLink *link, const QByteArray &message);
    // The connection is gone: leave(), and whatever waited for this client is lost.
    void drop(SimLink *link);
    void commit();
    void sweep();

    // What waits for commit(): held messages, unconfirmed updates, acks due.
    bool hasWork() const;
    // When the oldest held message or unconfirmed update arrived; -1 when none.
    qint64 oldestWorkMs() const;

private:
    struct Unconfirmed
    {
        int from; // link id: the sender may be gone by the time it is durable
        QByteArray relay;
        qint64 sinceMs;
    };

    void carryOut(SimLink *link, Chorus::Protocol::HostOutput &&output);
    void join(SimLink *link);
    void send(SimLink *link, const QByteArray &message);
    void broadcast(const QByteArray &message, const SimLink *except);
    SimLink *findLink(int id) const;

    Options m_options;
    const qint64 *m_clock;
    Chorus::Protocol::HostConversation::Config m_config;
    DocRoom m_room;
    QList<SimLink *> m_links; // connected
    QList<SimLink *> m_peers; // joined the room, in join order
    QList<Unconfirmed> m_unconfirmed;
    QStringList m_problems;
};
