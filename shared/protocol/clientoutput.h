// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "closedecision.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Chorus::Protocol {

// Something the client side of a conversation learnt that its owner reacts to (a signal, a
// state shown to the person, the epoch written to disk). A tagged value rather than a variant
// so that tests can compare and print it in one line (describeEvent).
struct ClientEvent
{
    enum class Kind {
        Synced, // the host's SyncStep2 arrived: the first one on this connection
        ChorusChanged, // `on`: the connection speaks chorus.1 (epoch, acks, token auth)
        Authenticated, // `text`: the scope the host granted, "rw" or "ro"
        AuthFailed, // `text`: the host's reason; empty when it closed with 1008 saying none
        ReadOnlyChanged, // `on`, `text`: the host's reason; empty when it follows from the scope
        EditsRejected, // `text`: the host dropped our edits (once per connection)
        EpochMismatch, // `text`: the epoch last synced, `other`: the host's; sync waits
        EpochRecorded, // `text`: the epoch to remember as synced with this room
        PeersChanged, // someone else's awareness state came, changed or went
    };

    Kind kind = Kind::Synced;
    bool on = false;
    QString text;
    QString other;

    bool operator==(const ClientEvent &) const = default;

    static ClientEvent synced() { return { Kind::Synced, false, {}, {} }; }
    static ClientEvent chorusChanged(bool on) { return { Kind::ChorusChanged, on, {}, {} }; }
    static ClientEvent authenticated(const QString &scope)
    {
        return { Kind::Authenticated, false, scope, {} };
    }
    static ClientEvent authFailed(const QString &reason)
    {
        return { Kind::AuthFailed, false, reason, {} };
    }
    static ClientEvent readOnlyChanged(bool on, const QString &reason)
    {
        return { Kind::ReadOnlyChanged, on, reason, {} };
    }
    static ClientEvent editsRejected(const QString &reason)
    {
        return { Kind::EditsRejected, false, reason, {} };
    }
    static ClientEvent epochMismatch(const QString &known, const QString &host)
    {
        return { Kind::EpochMismatch, false, known, host };
    }
    static ClientEvent epochRecorded(const QString &epoch)
    {
        return { Kind::EpochRecorded, false, epoch, {} };
    }
    static ClientEvent peersChanged() { return { Kind::PeersChanged, false, {}, {} }; }
};

// One line for logs and test tables: "synced", "readOnly true why", "epochMismatch e1 e2".
QString describeEvent(const ClientEvent &event);

// What the client side decided about one input. The owner carries it out in this order: the
// replies (sent only while the connection is open), the close, the confirmed outbox entries
// (removed from the outbox), then the events. Empty fields mean "nothing".
struct ClientOutput
{
    QList<QByteArray> replies; // to the host, in order
    std::optional<CloseDecision> close;
    QList<quint64> confirmed; // outbox entries the host has: they leave the outbox
    QList<ClientEvent> events; // in the order they happened

    bool isEmpty() const
    {
        return replies.isEmpty() && !close && confirmed.isEmpty() && events.isEmpty();
    }
};

} // namespace Chorus::Protocol
