// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "structstore.h"

namespace Chorus::Crdt {

quint64 StructStore::getState(ClientId client) const
{
    const Structs *s = const_cast<StructStore *>(this)->structsOf(client);
    return !s || s->empty() ? 0 : s->back()->endClock();
}

void StructStore::fillStateVector(StateVector &sv) const
{
    sv.clear();
    for (const auto &[client, structs] : clients) {
        if (!structs.empty()) {
            sv.append(client, structs.back()->endClock());
        }
    }
    sv.sortClients();
}

StateVector StructStore::stateVector() const
{
    StateVector sv;
    for (const auto &[client, structs] : clients) {
        if (!structs.empty()) {
            sv.append(client, structs.back()->endClock());
        }
    }
    sv.sortClients();
    return sv;
}

void StructStore::addStruct(Item *item)
{
    Structs *s = structsOf(item->id.client);
    Structs &structs = s ? *s : clients[item->id.client];
    Q_ASSERT(structs.empty() || structs.back()->endClock() == item->id.clock);
    structs.push_back(item);
}

StructStore::Structs *StructStore::structsOf(ClientId client)
{
    // one-entry cache: edits come in runs from one client (map nodes never move)
    if (m_cachedStructs && m_cachedClient == client) {
        return m_cachedStructs;
    }
    auto it = clients.find(client);
    if (it == clients.end()) {
        return nullptr;
    }
    m_cachedClient = client;
    m_cachedStructs = &it->second;
    return m_cachedStructs;
}

void ClientStructs::push_back(Item *it)
{
    if (m_chunks.empty() || m_chunks.back().size() >= ChunkMax) {
        m_chunks.emplace_back();
        m_chunks.back().reserve(ChunkMax);
        m_starts.push_back(m_size);
    }
    m_chunks.back().push_back(it);
    ++m_size;
}

void ClientStructs::insert(size_t i, Item *it)
{
    if (i == m_size) {
        push_back(it);
        return;
    }
    const size_t c = chunkOf(i);
    std::vector<Item *> &chunk = m_chunks[c];
    chunk.insert(chunk.begin() + qptrdiff(i - m_starts[c]), it);
    for (size_t k = c + 1; k < m_starts.size(); ++k) {
        ++m_starts[k];
    }
    ++m_size;
    if (chunk.size() > ChunkMax) {
        // split the full chunk in halves
        std::vector<Item *> upper(chunk.begin() + qptrdiff(chunk.size() / 2), chunk.end());
        chunk.resize(chunk.size() / 2);
        const size_t upperStart = m_starts[c] + chunk.size();
        m_chunks.insert(m_chunks.begin() + qptrdiff(c) + 1, std::move(upper));
        m_starts.insert(m_starts.begin() + qptrdiff(c) + 1, upperStart);
    }
}

void ClientStructs::erase(size_t from, size_t to)
{
    for (size_t n = to - from; n > 0; --n) {
        const size_t c = chunkOf(from);
        std::vector<Item *> &chunk = m_chunks[c];
        chunk.erase(chunk.begin() + qptrdiff(from - m_starts[c]));
        for (size_t k = c + 1; k < m_starts.size(); ++k) {
            --m_starts[k];
        }
        --m_size;
        if (chunk.empty()) {
            m_chunks.erase(m_chunks.begin() + qptrdiff(c));
            m_starts.erase(m_starts.begin() + qptrdiff(c));
        }
    }
}

size_t ClientStructs::findIndex(quint64 clock) const
{
    Q_ASSERT(m_size > 0);
    if (back()->id.clock <= clock) {
        return m_size - 1; // the newest struct (the caller checked the clock exists)
    }
    if (m_hint + 1 < m_size) {
        // the hinted struct or the one after it (structs cover the clocks densely)
        const Item *h = (*this)[m_hint];
        if (h->id.clock <= clock) {
            if (clock < h->endClock()) {
                return m_hint;
            }
            const Item *n = (*this)[m_hint + 1];
            if (clock < n->endClock()) {
                return ++m_hint;
            }
        }
    }
    // the last chunk whose first clock is <= clock, then the last struct in it
    const auto chunk = std::upper_bound(m_chunks.begin(), m_chunks.end(), clock,
                                        [](quint64 c, const std::vector<Item *> &ch) {
                                            return c < ch.front()->id.clock;
                                        })
        - 1;
    const auto pos = std::upper_bound(chunk->begin(), chunk->end(), clock,
                                      [](quint64 c, const Item *it) { return c < it->id.clock; })
        - 1;
    const size_t c = size_t(chunk - m_chunks.begin());
    m_hint = m_starts[c] + size_t(pos - chunk->begin());
    return m_hint;
}

size_t StructStore::findIndexSS(const Structs &structs, quint64 clock)
{
    return structs.findIndex(clock);
}

Item *StructStore::find(ID id)
{
    Structs *s = structsOf(id.client);
    Q_ASSERT(s);
    return (*s)[findIndexSS(*s, id.clock)];
}

bool StructStore::checkInvariants(QString *why) const
{
    for (const auto &[client, structs] : clients) {
        quint64 clock = structs.empty() ? 0 : structs.front()->id.clock;
        if (clock != 0) {
            *why = QStringLiteral("client %1 does not start at clock 0").arg(client);
            return false;
        }
        for (const Item *it : structs) {
            if (it->id.client != client || it->id.clock != clock || it->length == 0) {
                *why = QStringLiteral("client %1: gap or overlap at clock %2")
                           .arg(client)
                           .arg(clock);
                return false;
            }
            clock += it->length;
        }
    }
    return true;
}

} // namespace Chorus::Crdt
