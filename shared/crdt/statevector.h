// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodeerror.h"
#include "id.h"

#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>
#include <utility>
#include <vector>

namespace Chorus::Crdt {

// The next expected clock per client (yjs encoding.js readStateVector/writeStateVector).
// Encoded as a count and (client, clock) pairs in descending client order. A value type.
class StateVector
{
public:
    // Sorted by client: a flat list, as documents have few clients.
    using Clocks = std::vector<std::pair<ClientId, quint64>>;

    quint64 get(ClientId client) const
    {
        auto it = find(client);
        return it != m_clocks.end() && it->first == client ? it->second : 0;
    }
    void set(ClientId client, quint64 clock)
    {
        auto it = find(client);
        if (it != m_clocks.end() && it->first == client) {
            it->second = clock;
        } else {
            m_clocks.insert(it, { client, clock });
        }
    }
    bool has(ClientId client) const
    {
        auto it = find(client);
        return it != m_clocks.end() && it->first == client;
    }
    // Appends an entry; the caller sorts afterwards (sortClients) when it may be out of order.
    void append(ClientId client, quint64 clock) { m_clocks.emplace_back(client, clock); }
    void sortClients() { std::sort(m_clocks.begin(), m_clocks.end()); }
    void clear() { m_clocks.clear(); }
    const Clocks &clocks() const { return m_clocks; }
    qsizetype size() const { return qsizetype(m_clocks.size()); }

    QByteArray encode() const;
    // An empty view decodes to the empty vector. Later duplicates win, as in Yjs.
    static StateVector decode(QByteArrayView bytes, DecodeError *error);

    friend bool operator==(const StateVector &, const StateVector &) = default;

private:
    Clocks::const_iterator find(ClientId client) const
    {
        return std::lower_bound(m_clocks.begin(), m_clocks.end(), client,
                                [](const auto &e, ClientId c) { return e.first < c; });
    }
    Clocks::iterator find(ClientId client)
    {
        return std::lower_bound(m_clocks.begin(), m_clocks.end(), client,
                                [](const auto &e, ClientId c) { return e.first < c; });
    }

    Clocks m_clocks;
};

} // namespace Chorus::Crdt
