// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "nestingcheck.h"

#include "decodedupdate.h"
#include "limits.h"

#include <algorithm>
#include <numeric>

namespace Chorus::Crdt {

namespace {
constexpr int Unknown = -1;
constexpr int Visiting = -2;

// The update's items sorted by ID, for finding the one that holds a clock.
class RefFinder
{
public:
    explicit RefFinder(const std::vector<NestingRef> &refs)
        : m_refs(refs)
        , m_order(refs.size())
    {
        std::iota(m_order.begin(), m_order.end(), size_t(0));
        std::sort(m_order.begin(), m_order.end(),
                  [&](size_t a, size_t b) { return refs[a].id < refs[b].id; });
    }
    // The index of the ref holding `id`, or -1.
    qsizetype find(ID id) const
    {
        auto it = std::upper_bound(m_order.begin(), m_order.end(), id,
                                   [&](ID x, size_t k) { return x < m_refs[k].id; });
        if (it == m_order.begin()) {
            return -1;
        }
        const NestingRef &r = m_refs[*--it];
        return r.id.client == id.client && id.clock < r.id.clock + r.length ? qsizetype(*it) : -1;
    }

private:
    const std::vector<NestingRef> &m_refs;
    std::vector<size_t> m_order;
};
} // namespace

DecodeError nestingTooDeep(const NestingRef &ref, int depth)
{
    DecodeError e;
    e.code = DecodeError::Code::TooDeep;
    e.offset = ref.offset;
    e.detail = QStringLiteral("a shared type nested %1 deep (client %2 clock %3); the limit is %4")
                   .arg(depth)
                   .arg(ref.id.client)
                   .arg(ref.id.clock)
                   .arg(Limits::MaxNesting);
    return e;
}

DecodeError checkNesting(std::vector<NestingRef> &refs, const std::function<int(ID)> &outside,
                         std::vector<int> *depths)
{
    const RefFinder finder(refs);
    std::vector<int> &depth = *depths;
    depth.assign(refs.size(), Unknown);
    std::vector<size_t> stack;
    for (size_t start = 0; start < refs.size(); ++start) {
        if (depth[start] != Unknown) {
            continue;
        }
        stack.push_back(start);
        while (!stack.empty()) {
            const size_t t = stack.back();
            const NestingRef &r = refs[t];
            int d = 0;
            if (r.from != NestingRef::From::Root) {
                const int step = r.from == NestingRef::From::ParentItem ? 1 : 0;
                const qsizetype j = finder.find(r.ref);
                if (j < 0) {
                    d = outside(r.ref) + step;
                } else if (depth[size_t(j)] >= 0) {
                    d = depth[size_t(j)] + step;
                } else if (depth[size_t(j)] == Unknown) {
                    depth[t] = Visiting;
                    stack.push_back(size_t(j));
                    continue;
                } // else a cycle: 0
            }
            depth[t] = d;
            stack.pop_back();
            if (r.isType && d + 1 > Limits::MaxNesting) {
                return nestingTooDeep(r, d + 1);
            }
        }
    }
    return {};
}

NestingRef nestingRefOf(const Struct &s, qsizetype offset)
{
    NestingRef r;
    r.id = s.id;
    r.length = s.length;
    r.offset = offset;
    r.isType = s.content.kind == ContentKind::Type;
    if (s.hasOrigin || s.hasRightOrigin) {
        r.from = NestingRef::From::Neighbour;
        r.ref = s.hasOrigin ? s.origin : s.rightOrigin;
    } else if (s.parent == Struct::Parent::Id) {
        r.from = NestingRef::From::ParentItem;
        r.ref = s.parentId;
    }
    return r;
}

std::vector<NestingRef> nestingRefs(const std::vector<ClientSection> &sections)
{
    std::vector<NestingRef> refs;
    for (const ClientSection &sec : sections) {
        for (const Struct &s : sec.structs) {
            if (s.isItem()) {
                refs.push_back(nestingRefOf(s));
            }
        }
    }
    return refs;
}

} // namespace Chorus::Crdt
