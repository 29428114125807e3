// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "awarenessupdate.h"
#include "crdt/decodeerror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>

#include <optional>

namespace Chorus::Protocol {

// What one awareness operation changed, in y-protocols' terms. `updated` lists the clients whose
// state changed (y-protocols' "change" event); `renewed` those whose clock moved on with the same
// state (in y-protocols' "update" event only). A host rebroadcasts touched(); a UI repaints on
// hasChanges().
struct AwarenessChange
{
    QList<quint64> added;
    QList<quint64> updated;
    QList<quint64> renewed;
    QList<quint64> removed;

    bool hasChanges() const { return !added.isEmpty() || !updated.isEmpty() || !removed.isEmpty(); }
    bool isEmpty() const { return !hasChanges() && renewed.isEmpty(); }
    QList<quint64> touched() const { return added + updated + renewed + removed; }
};

struct AwarenessApplyResult
{
    AwarenessChange change;
    Crdt::DecodeError error; // set => nothing was applied

    bool isOk() const { return !error.isError(); }
};

// The awareness CRDT of y-protocols (awareness.js) as a value: every known client's state (a JSON
// value, kept as the JSON text it arrived as so relaying is byte-exact) and meta {clock,
// lastUpdated}. A client's state wins when its clock is higher; the text "null" removes it.
//
// Not a QObject and has no clock of its own: every call that needs the time takes `nowMs`
// (milliseconds on any monotonic scale, the same one for every call). The owner calls
// renewLocalState() and removeOutdated() periodically (y-protocols checks every 3 s) and
// broadcasts what they return. Not thread-safe.
class Awareness
{
public:
    static constexpr qint64 OutdatedTimeoutMs = 30000; // a state without renewal expires
    static constexpr qint64 RenewIntervalMs = OutdatedTimeoutMs / 2; // the local state is resent

    struct Meta
    {
        quint64 clock = 0;
        qint64 lastUpdatedMs = 0;
    };

    explicit Awareness(quint64 clientId);

    quint64 clientId() const { return m_clientId; }

    // The local state. An empty or "null" text removes it (and tells peers so).
    QByteArray localState() const { return state(m_clientId); }
    bool hasLocalState() const { return hasState(m_clientId); }
    AwarenessChange setLocalState(const QByteArray &json, qint64 nowMs);
    AwarenessChange setLocalState(const QJsonObject &state, qint64 nowMs);
    AwarenessChange clearLocalState(qint64 nowMs) { return setLocalState(QByteArray(), nowMs); }
    // Re-sets the local state (clock + 1) when RenewIntervalMs passed since it was last set, so
    // peers don't time it out. True when it did: broadcast encodeUpdate({clientId()}).
    bool renewLocalState(qint64 nowMs);

    // Every client that has a state, in ascending client id order.
    QList<quint64> clients() const { return m_states.keys(); }
    bool hasState(quint64 clientId) const { return m_states.contains(clientId); }
    QByteArray state(quint64 clientId) const; // JSON text; empty when none
    QJsonValue stateValue(quint64 clientId) const; // Undefined when none
    std::optional<Meta> meta(quint64 clientId) const;

    // Drops remote states not renewed for OutdatedTimeoutMs (never the local one).
    AwarenessChange removeOutdated(qint64 nowMs);
    // y-protocols removeAwarenessStates: e.g. a host removing a disconnected peer's clients.
    AwarenessChange removeStates(const QList<quint64> &clients, qint64 nowMs);
    // Removes remote clients' states and forgets their clocks, so the next state they announce
    // is taken whatever its clock. For a client whose connection dropped: the host's welcome
    // on the next connection re-announces the others with the clocks they had, which a
    // remembered clock would refuse until each renewed (up to RenewIntervalMs later). The local
    // client is never forgotten.
    AwarenessChange forgetStates(const QList<quint64> &clients, qint64 nowMs);

    // y-protocols encodeAwarenessUpdate for the given clients (those without meta are skipped);
    // a client without a state is written as "null", i.e. a removal.
    QByteArray encodeUpdate(const QList<quint64> &clients) const;
    // Every client with a state (what a host sends a newcomer).
    QByteArray encodeAll() const { return encodeUpdate(clients()); }
    // y-protocols applyAwarenessUpdate. A malformed update changes nothing.
    AwarenessApplyResult applyUpdate(QByteArrayView update, qint64 nowMs);
    // Applies already-decoded entries (for a host that decoded once to learn client ids).
    AwarenessChange applyEntries(const QList<AwarenessEntry> &entries, qint64 nowMs);

private:
    static AwarenessChange classify(quint64 clientId, const QJsonValue &previous,
                                    const QJsonValue &value);

    struct State
    {
        QByteArray json;
        QJsonValue value;
    };

    quint64 m_clientId;
    QMap<quint64, State> m_states;
    QMap<quint64, Meta> m_meta;
};

} // namespace Chorus::Protocol
