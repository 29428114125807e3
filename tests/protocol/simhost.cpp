// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "simhost.h"

#include "protocol/message.h"
#include "simlink.h"

using namespace Chorus::Protocol;

SimHost::SimHost(const Options &options, const qint64 *clockMs)
    : m_options(options)
    , m_clock(clockMs)
{
    // The host's defaults (rate, burst, awareness clients, auth deadline) and its token.
    m_config.token = options.token;
    m_room.outcome
        = options.durableLater ? SyncRoom::Outcome::AppliedUnconfirmed : SyncRoom::Outcome::Applied;
}

void SimHost::connect(SimLink *link)
{
    Q_ASSERT(link->chorus ? m_options.offersChorus : true);
    m_links.append(link);
    carryOut(link, link->host.start());
}

void SimHost::receive(SimLink *link, const QByteArray &message)
{
    carryOut(link, link->host.receive(message, *m_clock));
}

void SimHost::drop(SimLink *link)
{
    const HostOutput removed = link->host.leave(*m_clock);
    m_links.removeOne(link);
    m_peers.removeOne(link);
    link->held.clear();
    if (!removed.awarenessBroadcast.isEmpty()) {
        broadcast(removed.awarenessBroadcast, nullptr);
    }
}

// The durability step: in Redis mode what became durable is confirmed to its sender and
// relayed; then each client gets its ack after what was held for it (Server's flush).
void SimHost::commit()
{
    for (const Unconfirmed &u : std::exchange(m_unconfirmed, {})) {
        SimLink *from = findLink(u.from);
        if (from) {
            from->host.confirmDurable();
        }
        broadcast(u.relay, from);
    }
    for (SimLink *link : std::as_const(m_links)) {
        if (link->host.isAckDue()) {
            send(link, link->host.takeAck());
        }
        for (SimMessage &m : link->held) {
            m.sentMs = *m_clock;
            link->toClient.append(m);
        }
        link->held.clear();
    }
}

void SimHost::sweep()
{
    const qint64 now = *m_clock;
    for (SimLink *link : std::as_const(m_links)) {
        if (const auto timedOut = link->host.tick(now)) {
            m_problems.append(QStringLiteral("host closed link %1 (tick) %2: %3")
                                  .arg(link->id)
                                  .arg(int(timedOut->code))
                                  .arg(timedOut->reason));
        }
    }
    Awareness &awareness = m_room.awareness();
    const AwarenessChange expired = awareness.removeOutdated(now);
    if (!expired.removed.isEmpty()) {
        broadcast(encodeAwarenessMessage(awareness.encodeUpdate(expired.removed)), nullptr);
    }
}

bool SimHost::hasWork() const
{
    if (!m_unconfirmed.isEmpty()) {
        return true;
    }
    for (const SimLink *link : m_links) {
        if (!link->held.isEmpty() || link->host.isAckDue()) {
            return true;
        }
    }
    return false;
}

qint64 SimHost::oldestWorkMs() const
{
    qint64 oldest = m_unconfirmed.isEmpty() ? -1 : m_unconfirmed.first().sinceMs;
    for (const SimLink *link : m_links) {
        if (!link->held.isEmpty() && (oldest < 0 || link->held.first().sentMs < oldest)) {
            oldest = link->held.first().sentMs;
        }
    }
    return oldest;
}

// In the order HostOutput names: replies, the close (nothing else then), join, then the
// relay and the awareness broadcast (Server::carryOut).
void SimHost::carryOut(SimLink *link, HostOutput &&output)
{
    for (const QByteArray &reply : std::as_const(output.replies)) {
        send(link, reply);
    }
    if (output.close) {
        m_problems.append(QStringLiteral("host closed link %1 %2: %3")
                              .arg(link->id)
                              .arg(int(output.close->code))
                              .arg(output.close->reason));
        return;
    }
    if (output.join) {
        join(link);
        return;
    }
    if (!link->host.room()) {
        return;
    }
    // output.ackDue: commit() asks every link whether an ack is due.
    if (!output.relay.isEmpty()) {
        if (m_options.durableLater) {
            m_unconfirmed.append({ link->id, output.relay, *m_clock });
        } else {
            broadcast(output.relay, link);
        }
    }
    if (!output.awarenessBroadcast.isEmpty()) {
        broadcast(output.awarenessBroadcast, nullptr); // the sender too, as the hosts do
    }
}

void SimHost::join(SimLink *link)
{
    m_peers.append(link);
    carryOut(link, link->host.join(&m_room));
}

void SimHost::send(SimLink *link, const QByteArray &message)
{
    (m_options.batched ? link->held : link->toClient).append({ message, *m_clock });
}

void SimHost::broadcast(const QByteArray &message, const SimLink *except)
{
    for (SimLink *peer : std::as_const(m_peers)) {
        if (peer != except) {
            send(peer, message);
        }
    }
}

SimLink *SimHost::findLink(int id) const
{
    for (SimLink *link : m_links) {
        if (link->id == id) {
            return link;
        }
    }
    return nullptr;
}
