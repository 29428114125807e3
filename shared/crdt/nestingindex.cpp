// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "nestingindex.h"

#include "limits.h"
#include "nestingcheck.h"
#include "structreader.h"

#include <algorithm>

namespace Chorus::Crdt {

namespace {
// Where an update's client sections lie, to tell an ID of the update from one of the room and
// whether the update's reader has passed it.
class SectionMap
{
public:
    explicit SectionMap(QByteArrayView update)
    {
        UpdateDecoderV1 dec(update);
        StructReader reader(dec);
        Struct s;
        for (size_t i = 0; reader.nextSection(); ++i) {
            quint64 end = reader.sectionClock();
            while (reader.nextStruct(&s)) {
                end = s.endClock();
            }
            m_sections[reader.client()].push_back({ reader.sectionClock(), end, i });
        }
        for (auto &[client, ranges] : m_sections) {
            std::sort(ranges.begin(), ranges.end(),
                      [](const Range &a, const Range &b) { return a.start < b.start; });
        }
    }
    // The index of the section holding `id`, or -1.
    qsizetype find(ID id) const
    {
        auto c = m_sections.find(id.client);
        if (c == m_sections.end()) {
            return -1;
        }
        // the last section starting at or before the clock (overlapping sections are forged:
        // any answer will do)
        auto it = std::upper_bound(c->second.begin(), c->second.end(), id.clock,
                                   [](quint64 x, const Range &r) { return x < r.start; });
        if (it == c->second.begin()) {
            return -1;
        }
        --it;
        return id.clock < it->end ? qsizetype(it->section) : -1;
    }

private:
    struct Range
    {
        quint64 start;
        quint64 end;
        size_t section;
    };
    std::unordered_map<ClientId, std::vector<Range>> m_sections;
};
} // namespace

int NestingIndex::containerDepth(ID id) const
{
    auto c = m_runs.find(id.client);
    if (c == m_runs.end()) {
        return 0;
    }
    auto it = c->second.upper_bound(id.clock);
    if (it == c->second.begin()) {
        return 0;
    }
    --it;
    return id.clock < it->second.end ? it->second.depth : 0;
}

qsizetype NestingIndex::runCount() const
{
    qsizetype n = 0;
    for (const auto &[client, runs] : m_runs) {
        n += qsizetype(runs.size());
    }
    return n;
}

// One streaming pass resolves every item whose parent is already known (in the room, or earlier
// in this update: how Yjs writes updates, and how a nesting chain is built), failing at the
// first type past the limit; only items that name a later part of the update are kept as refs
// for checkNesting. A forged chain of 16 MiB thus costs a few kilobytes, not a ref per item.
DecodeError NestingIndex::add(QByteArrayView update, const UpdateScan &scan, bool enforce)
{
    if (!scan.hasTypes && m_runs.empty()) {
        return {}; // every item sits in a root type: nothing to record
    }
    const SectionMap sections(update);
    NestingIndex local; // the depths of this update's items, where not 0
    NestingIndex deferredAt; // items kept for later (depth 1 marks them)
    std::vector<NestingRef> deferred;
    size_t section = 0;
    quint64 clock = 0;
    // the depth of the type holding `id` if known now, or -1
    auto known = [&](ID id) {
        const qsizetype in = sections.find(id);
        if (in < 0) {
            return containerDepth(id);
        }
        const bool passed = size_t(in) < section || (size_t(in) == section && id.clock < clock);
        return passed && deferredAt.containerDepth(id) == 0 ? local.containerDepth(id) : -1;
    };
    UpdateDecoderV1 dec(update);
    StructReader reader(dec);
    Struct s;
    for (section = 0; reader.nextSection(); ++section) {
        while (reader.nextStruct(&s)) {
            clock = s.id.clock;
            if (!s.isItem()) {
                continue;
            }
            const NestingRef r = nestingRefOf(s, reader.structOffset());
            int depth = 0;
            if (r.from != NestingRef::From::Root) {
                const int at = known(r.ref);
                if (at < 0) {
                    deferred.push_back(r);
                    deferredAt.record(r.id, r.length, 1);
                    continue;
                }
                depth = at + (r.from == NestingRef::From::ParentItem ? 1 : 0);
            }
            if (r.isType && depth + 1 > Limits::MaxNesting && enforce) {
                return nestingTooDeep(r, depth + 1);
            }
            if (depth > 0) {
                local.record(r.id, r.length, depth);
            }
        }
    }
    if (!deferred.empty()) {
        std::vector<int> depths;
        const DecodeError error = checkNesting(
            deferred,
            [&](ID id) {
                return sections.find(id) < 0 ? containerDepth(id) : local.containerDepth(id);
            },
            &depths);
        if (error.isError() && enforce) {
            return error;
        }
        for (size_t i = 0; i < depths.size(); ++i) {
            if (depths[i] > 0) {
                local.record(deferred[i].id, deferred[i].length, depths[i]);
            }
        }
    }
    for (const auto &[client, runs] : local.m_runs) {
        for (const auto &[first, run] : runs) {
            record(ID { client, first }, run.end - first, run.depth);
        }
    }
    return {};
}

void NestingIndex::record(ID id, quint64 length, int depth)
{
    auto &runs = m_runs[id.client];
    auto next = runs.lower_bound(id.clock);
    if (next != runs.begin()) {
        auto prev = std::prev(next);
        if (prev->second.end > id.clock) {
            return; // known already (an update that repeats structs)
        }
        if (prev->second.end == id.clock && prev->second.depth == depth) {
            prev->second.end = id.clock + length;
            return;
        }
    }
    if (next != runs.end() && next->first == id.clock) {
        return;
    }
    runs.emplace(id.clock, Run { id.clock + length, depth });
}

} // namespace Chorus::Crdt
