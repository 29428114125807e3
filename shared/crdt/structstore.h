// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "id.h"
#include "item.h"
#include "statevector.h"

#include <QByteArray>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

namespace Chorus::Crdt {

struct Transaction;

// The structs of one client sorted by clock, indexed 0..size()-1 like a vector but stored in
// chunks of at most ChunkMax pointers, so that splitting an item in the middle of a long
// history moves a few hundred pointers instead of the whole client's array.
class ClientStructs
{
public:
    static constexpr size_t ChunkMax = 256;

    class const_iterator
    {
    public:
        const_iterator(const ClientStructs *s, size_t c, size_t k)
            : m_s(s)
            , m_c(c)
            , m_k(k)
        { }
        Item *operator*() const { return m_s->m_chunks[m_c][m_k]; }
        const_iterator &operator++()
        {
            if (++m_k == m_s->m_chunks[m_c].size()) {
                ++m_c;
                m_k = 0;
            }
            return *this;
        }
        bool operator!=(const const_iterator &o) const { return m_c != o.m_c || m_k != o.m_k; }

    private:
        const ClientStructs *m_s;
        size_t m_c;
        size_t m_k;
    };

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    Item *operator[](size_t i) const
    {
        const size_t c = chunkOf(i);
        return m_chunks[c][i - m_starts[c]];
    }
    Item *front() const { return m_chunks.front().front(); }
    Item *back() const { return m_chunks.back().back(); }
    void push_back(Item *it);
    void insert(size_t i, Item *it);
    void erase(size_t from, size_t to);
    const_iterator begin() const { return const_iterator(this, 0, 0); }
    const_iterator end() const { return const_iterator(this, m_chunks.size(), 0); }
    // yjs findIndexSS; the clock must exist.
    size_t findIndex(quint64 clock) const;

private:
    size_t chunkOf(size_t i) const
    {
        if (i >= m_starts.back()) {
            return m_starts.size() - 1; // most accesses are to the newest structs
        }
        // the last chunk whose start is <= i
        return size_t(std::upper_bound(m_starts.begin(), m_starts.end(), i) - m_starts.begin()) - 1;
    }

    std::vector<std::vector<Item *>> m_chunks;
    std::vector<size_t> m_starts; // index of each chunk's first struct
    size_t m_size = 0;
    // The index findIndex returned last: a keystroke's split, delete, GC and merge steps look
    // up the same few clocks. Only a hint: it is checked against the clocks before use.
    mutable size_t m_hint = 0;
};

// All structs of a document by client, each client's structs sorted by clock and covering
// its clocks densely (yjs StructStore.js), plus the updates that wait for missing
// dependencies. Lookup by ID is a binary search in the client's vector (yjs findIndexSS).
class StructStore
{
public:
    using Structs = ClientStructs;

    struct PendingStructs
    {
        StateVector missing; // lowest missing clock per client
        QByteArray update; // v1 update of the structs that could not be integrated
    };

    std::unordered_map<ClientId, Structs> clients;
    std::optional<PendingStructs> pendingStructs;
    QByteArray pendingDs; // v1 update with zero structs and the deletions not yet applicable

    quint64 getState(ClientId client) const;
    StateVector stateVector() const;
    void fillStateVector(StateVector &sv) const; // reuses sv's capacity
    void addStruct(Item *item);
    Structs *structsOf(ClientId client);
    // yjs findIndexSS; the clock must exist (check getState first).
    static size_t findIndexSS(const Structs &structs, quint64 clock);
    Item *find(ID id);
    bool checkInvariants(QString *why) const;

private:
    ClientId m_cachedClient = 0;
    Structs *m_cachedStructs = nullptr;
};

} // namespace Chorus::Crdt
