#include "nestingindex.h"

#include "nestingcheck.h"
#include "structreader.h"

namespace Chorus::Crdt {

namespace {
// The refs of an update's items, read one struct at a time: a ref is a fixed ~56 bytes where
// a decoded struct would be ~200 plus its strings.
std::vector<NestingRef> streamRefs(QByteArrayView update)
{
    std::vector<NestingRef> refs;
    UpdateDecoderV1 dec(update);
    StructReader reader(dec);
    Struct s;
    while (reader.nextSection()) {
        while (reader.nextStruct(&s)) {
            if (!s.isItem()) {
                continue;
            }
            NestingRef r;
            r.id = s.id;
            r.length = s.length;
            r.offset = reader.structOffset();
            r.isType = s.content.kind == ContentKind::Type;
            if (s.hasOrigin || s.hasRightOrigin) {
                r.from = NestingRef::From::Neighbour;
                r.ref = s.hasOrigin ? s.origin : s.rightOrigin;
            } else if (s.parent == Struct::Parent::Id) {
                r.from = NestingRef::From::ParentItem;
                r.ref = s.parentId;
            }
            refs.push_back(r);
        }
    }
    return refs;
}
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

DecodeError NestingIndex::add(QByteArrayView update, const UpdateScan &scan, bool enforce)
{
    if (!scan.hasTypes && m_runs.empty()) {
        return {}; // every item sits in a root type: nothing to record
    }
    std::vector<NestingRef> refs = streamRefs(update);
    std::vector<int> depths;
    const DecodeError error
        = checkNesting(refs, [this](ID id) { return containerDepth(id); }, &depths);
    if (error.isError() && enforce) {
        return error;
    }
    for (size_t i = 0; i < depths.size(); ++i) {
        if (depths[i] > 0) {
            record(refs[i].id, refs[i].length, depths[i]);
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
