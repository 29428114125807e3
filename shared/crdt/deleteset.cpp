// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deleteset.h"

#include "limits.h"
#include "updatedecoder.h"
#include "updateencoder.h"

#include <algorithm>

namespace Chorus::Crdt {

void DeleteSet::add(ClientId client, quint64 clock, quint64 len)
{
    m_clients[client].push_back({ clock, len });
}

// Port of yjs sortAndMergeDeleteSet.
void DeleteSet::sortAndMerge()
{
    for (auto &[client, dels] : m_clients) {
        std::sort(dels.begin(), dels.end(),
                  [](const DeleteItem &a, const DeleteItem &b) { return a.clock < b.clock; });
        size_t j = 1;
        for (size_t i = 1; i < dels.size(); ++i) {
            DeleteItem &left = dels[j - 1];
            const DeleteItem right = dels[i];
            if (left.clock + left.len >= right.clock) {
                left.len = std::max(left.len, right.clock + right.len - left.clock);
            } else {
                dels[j++] = right;
            }
        }
        if (!dels.empty()) {
            dels.resize(j);
        }
    }
}

bool DeleteSet::isDeleted(ID id) const
{
    auto it = m_clients.find(id.client);
    if (it == m_clients.end()) {
        return false;
    }
    const auto &dels = it->second;
    // ranges are sorted after sortAndMerge(); binary search for the last range starting <= clock
    auto pos = std::upper_bound(dels.begin(), dels.end(), id.clock,
                                [](quint64 c, const DeleteItem &d) { return c < d.clock; });
    if (pos == dels.begin()) {
        return false;
    }
    --pos;
    return id.clock < pos->clock + pos->len;
}

DeleteSet DeleteSet::merge(const std::vector<const DeleteSet *> &sets)
{
    DeleteSet merged;
    for (const DeleteSet *ds : sets) {
        for (const auto &[client, dels] : ds->m_clients) {
            auto &out = merged.m_clients[client];
            out.insert(out.end(), dels.begin(), dels.end());
        }
    }
    merged.sortAndMerge();
    return merged;
}

void DeleteSet::append(DeleteSet &&other)
{
    for (auto &[client, dels] : other.m_clients) {
        auto &out = m_clients[client];
        if (out.empty()) {
            out = std::move(dels);
        } else {
            out.insert(out.end(), dels.begin(), dels.end());
        }
    }
    other.m_clients.clear();
}

void DeleteSet::write(UpdateEncoderV1 &enc) const
{
    enc.writeVarUint(quint64(m_clients.size()));
    for (auto it = m_clients.rbegin(); it != m_clients.rend(); ++it) {
        enc.writeVarUint(it->first);
        enc.writeVarUint(quint64(it->second.size()));
        for (const DeleteItem &d : it->second) {
            enc.writeDsClock(d.clock);
            enc.writeDsLen(d.len);
        }
    }
}

// yjs readDeleteSet, handing each range to `add` (which may keep it or not).
template<typename Add> void DeleteSet::readRanges(UpdateDecoderV1 &dec, Add &&add)
{
    const quint64 numClients = dec.readVarUint();
    if (numClients > Limits::MaxClients) {
        dec.fail(DecodeError::Code::OverLimit,
                 QStringLiteral("%1 clients in the delete set, more than the limit of %2")
                     .arg(numClients)
                     .arg(Limits::MaxClients));
        return;
    }
    for (quint64 i = 0; i < numClients && dec.ok(); ++i) {
        const ClientId client = dec.readVarUint();
        const qsizetype countAt = dec.offset();
        const quint64 n = dec.readVarUint();
        if (n > quint64(dec.remaining()) / 2) {
            dec.failAt(countAt, DecodeError::Code::LengthTooLarge,
                       QStringLiteral("%1 delete ranges declared").arg(n));
            break;
        }
        for (quint64 k = 0; k < n && dec.ok(); ++k) {
            const qsizetype at = dec.offset();
            const quint64 clock = dec.readDsClock();
            const quint64 len = dec.readDsLen();
            if (clock + len > Lib0Decoder::MaxSafeInteger) {
                dec.failAt(at, DecodeError::Code::IntegerOverflow,
                           QStringLiteral("delete range past 2^53"));
            }
            add(client, n, DeleteItem { clock, len });
        }
    }
}

DeleteSet DeleteSet::read(UpdateDecoderV1 &dec)
{
    DeleteSet ds;
    std::vector<DeleteItem> *dels = nullptr;
    ClientId current = 0;
    readRanges(dec, [&](ClientId client, quint64 n, DeleteItem d) {
        if (!dels || client != current) {
            current = client;
            dels = &ds.m_clients[client];
            dels->reserve(dels->size() + size_t(n)); // n fits in the input: checked
        }
        dels->push_back(d);
    });
    if (!dec.ok()) {
        return {};
    }
    return ds;
}

void DeleteSet::skip(UpdateDecoderV1 &dec)
{
    readRanges(dec, [](ClientId, quint64, DeleteItem) { });
}

} // namespace Chorus::Crdt
