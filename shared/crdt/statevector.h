#pragma once

#include "decodeerror.h"
#include "id.h"

#include <QByteArray>
#include <QByteArrayView>

#include <map>

namespace Chorus::Crdt {

// The next expected clock per client (yjs encoding.js readStateVector/writeStateVector).
// Encoded as a count and (client, clock) pairs in descending client order. A value type.
class StateVector
{
public:
    using Clocks = std::map<ClientId, quint64>;

    quint64 get(ClientId client) const
    {
        auto it = m_clocks.find(client);
        return it == m_clocks.end() ? 0 : it->second;
    }
    void set(ClientId client, quint64 clock) { m_clocks[client] = clock; }
    bool has(ClientId client) const { return m_clocks.count(client) > 0; }
    const Clocks &clocks() const { return m_clocks; }
    qsizetype size() const { return qsizetype(m_clocks.size()); }

    QByteArray encode() const;
    // An empty view decodes to the empty vector. Later duplicates win, as in Yjs.
    static StateVector decode(QByteArrayView bytes, DecodeError *error);

    friend bool operator==(const StateVector &, const StateVector &) = default;

private:
    Clocks m_clocks;
};

} // namespace Chorus::Crdt
