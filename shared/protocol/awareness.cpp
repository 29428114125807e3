// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "awareness.h"

#include "awarenessjson.h"

namespace Chorus::Protocol {

Awareness::Awareness(quint64 clientId)
    : m_clientId(clientId)
{
    // y-protocols' constructor sets the local state {} at clock 0, and its applyAwarenessUpdate
    // ignores clock 0 from an unknown client, so real states start at clock 1. Reserve clock 0
    // the same way (without the empty state) so our first state reaches Yjs peers.
    m_meta.insert(m_clientId, Meta { 0, 0 });
}

QByteArray Awareness::state(quint64 clientId) const
{
    const auto it = m_states.constFind(clientId);
    return it == m_states.cend() ? QByteArray() : it->json;
}

QJsonValue Awareness::stateValue(quint64 clientId) const
{
    const auto it = m_states.constFind(clientId);
    return it == m_states.cend() ? QJsonValue(QJsonValue::Undefined) : it->value;
}

std::optional<Awareness::Meta> Awareness::meta(quint64 clientId) const
{
    const auto it = m_meta.constFind(clientId);
    return it == m_meta.cend() ? std::nullopt : std::optional<Meta>(*it);
}

// y-protocols reports by whether meta existed; we report by whether a state existed, so a
// client that comes back after a removal is "added" again, and a repeated removal is silent.
AwarenessChange Awareness::classify(quint64 clientId, const QJsonValue &previous,
                                    const QJsonValue &value)
{
    AwarenessChange change;
    const bool had = !previous.isUndefined();
    if (!had && !value.isNull()) {
        change.added.append(clientId);
    } else if (had && value.isNull()) {
        change.removed.append(clientId);
    } else if (had) {
        (previous == value ? change.renewed : change.updated).append(clientId);
    }
    return change;
}

// Port of y-protocols Awareness.setLocalState.
AwarenessChange Awareness::setLocalState(const QByteArray &json, qint64 nowMs)
{
    const QJsonValue value
        = json.isEmpty() ? QJsonValue(QJsonValue::Null) : parseAwarenessJson(json);
    Q_ASSERT(json.isEmpty() || isValidAwarenessJson(json));
    const quint64 clock = m_meta.value(m_clientId).clock + 1;
    const QJsonValue previous = stateValue(m_clientId);
    if (value.isNull()) {
        m_states.remove(m_clientId);
    } else {
        m_states.insert(m_clientId, State { json, value });
    }
    m_meta.insert(m_clientId, Meta { clock, nowMs });
    return classify(m_clientId, previous, value);
}

AwarenessChange Awareness::setLocalState(const QJsonObject &state, qint64 nowMs)
{
    return setLocalState(serializeAwarenessJson(state), nowMs);
}

bool Awareness::renewLocalState(qint64 nowMs)
{
    if (!hasLocalState() || nowMs - m_meta.value(m_clientId).lastUpdatedMs < RenewIntervalMs) {
        return false;
    }
    setLocalState(localState(), nowMs);
    return true;
}

AwarenessChange Awareness::removeOutdated(qint64 nowMs)
{
    QList<quint64> outdated;
    for (auto it = m_meta.cbegin(); it != m_meta.cend(); ++it) {
        if (it.key() != m_clientId && nowMs - it->lastUpdatedMs >= OutdatedTimeoutMs
            && m_states.contains(it.key())) {
            outdated.append(it.key());
        }
    }
    return removeStates(outdated, nowMs);
}

AwarenessChange Awareness::forgetStates(const QList<quint64> &clients, qint64 nowMs)
{
    QList<quint64> remote = clients;
    remote.removeAll(m_clientId);
    const AwarenessChange change = removeStates(remote, nowMs);
    for (quint64 client : std::as_const(remote)) {
        m_meta.remove(client);
    }
    return change;
}

// Port of y-protocols removeAwarenessStates.
AwarenessChange Awareness::removeStates(const QList<quint64> &clients, qint64 nowMs)
{
    AwarenessChange change;
    for (quint64 client : clients) {
        if (!m_states.remove(client)) {
            continue;
        }
        if (client == m_clientId) {
            Meta &meta = m_meta[client];
            meta.clock += 1;
            meta.lastUpdatedMs = nowMs;
        }
        change.removed.append(client);
    }
    return change;
}

QByteArray Awareness::encodeUpdate(const QList<quint64> &clients) const
{
    QList<AwarenessEntry> entries;
    entries.reserve(clients.size());
    for (quint64 client : clients) {
        const auto meta = m_meta.constFind(client);
        if (meta == m_meta.cend()) {
            continue;
        }
        const auto it = m_states.constFind(client);
        entries.append(
            { client, meta->clock, it == m_states.cend() ? QByteArrayLiteral("null") : it->json });
    }
    return encodeAwarenessUpdate(entries);
}

AwarenessApplyResult Awareness::applyUpdate(QByteArrayView update, qint64 nowMs)
{
    AwarenessApplyResult result;
    DecodedAwarenessUpdate decoded = decodeAwarenessUpdate(update);
    if (!decoded.isOk()) {
        result.error = decoded.error;
        return result;
    }
    result.change = applyEntries(decoded.entries, nowMs);
    return result;
}

// Port of y-protocols applyAwarenessUpdate, for entries that decoded fully.
AwarenessChange Awareness::applyEntries(const QList<AwarenessEntry> &entries, qint64 nowMs)
{
    AwarenessChange change;
    for (const AwarenessEntry &entry : entries) {
        const QJsonValue value = parseAwarenessJson(entry.json);
        const bool removal = value.isNull();
        const quint64 currentClock = m_meta.value(entry.clientId).clock;
        const bool has = m_states.contains(entry.clientId);
        if (!(currentClock < entry.clock || (currentClock == entry.clock && removal && has))) {
            continue;
        }
        quint64 clock = entry.clock;
        const QJsonValue previous = stateValue(entry.clientId);
        if (removal && entry.clientId == m_clientId && hasLocalState()) {
            // A peer may not remove our own state: outbid its clock so the next broadcast of
            // our state wins again.
            ++clock;
            m_meta.insert(entry.clientId, Meta { clock, nowMs });
            change.renewed.append(entry.clientId);
            continue;
        }
        if (removal) {
            m_states.remove(entry.clientId);
        } else {
            m_states.insert(entry.clientId, State { entry.json, value });
        }
        m_meta.insert(entry.clientId, Meta { clock, nowMs });
        const AwarenessChange one = classify(entry.clientId, previous, value);
        change.added += one.added;
        change.updated += one.updated;
        change.renewed += one.renewed;
        change.removed += one.removed;
    }
    return change;
}

} // namespace Chorus::Protocol
