// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sequence.h"

#include "docimpl.h"

namespace Chorus::Crdt {

void YType::addMarker(Item *at, quint64 index)
{
    ++markerClock;
    Marker *target = nullptr;
    for (Marker &m : markers) {
        if (m.item == at) {
            m.index = index;
            m.used = markerClock;
            return;
        }
        // close enough to an existing one: move that one here (as yjs findMarker does)
        const quint64 dist = m.index > index ? m.index - index : index - m.index;
        if (dist * MaxMarkers < length && (!target || m.used < target->used)) {
            target = &m;
        }
    }
    if (!target && markers.size() < MaxMarkers) {
        markers.push_back({ at, index, markerClock });
        return;
    }
    if (!target) {
        target
            = &*std::min_element(markers.begin(), markers.end(),
                                 [](const Marker &a, const Marker &b) { return a.used < b.used; });
    }
    *target = { at, index, markerClock };
}

namespace Sequence {

Position findContaining(YType *type, quint64 index)
{
    Item *p = type->start;
    quint64 pidx = 0;
    // start at the nearest marker
    quint64 best = index;
    YType::Marker *nearest = nullptr;
    for (YType::Marker &m : type->markers) {
        const quint64 dist = m.index > index ? m.index - index : index - m.index;
        if (dist < best) {
            best = dist;
            nearest = &m;
        }
    }
    if (nearest) {
        p = nearest->item;
        pidx = nearest->index;
    }
    int steps = 0;
    while (p && p->left && pidx > index) {
        p = p->left;
        pidx -= p->visibleLength();
        ++steps;
    }
    for (; p; p = p->right, ++steps) {
        const quint64 vl = p->visibleLength();
        if (vl > 0 && index < pidx + vl) {
            if (nearest && steps < 32) {
                // a short walk: move that marker along rather than place another one
                nearest->item = p;
                nearest->index = pidx;
                nearest->used = ++type->markerClock;
            } else {
                type->addMarker(p, pidx);
            }
            return { p, pidx };
        }
        pidx += vl;
    }
    return { nullptr, pidx };
}

Item *itemStartingAt(DocImpl *doc, Transaction &txn, YType *type, quint64 index)
{
    const Position pos = findContaining(type, index);
    if (!pos.item || pos.index == index) {
        return pos.item;
    }
    return doc->getItemCleanStart(
        txn, ID { pos.item->id.client, pos.item->id.clock + (index - pos.index) });
}

Item *itemEndingAt(DocImpl *doc, Transaction &txn, YType *type, quint64 index)
{
    if (index == 0) {
        return nullptr;
    }
    const Position pos = findContaining(type, index - 1);
    Q_ASSERT(pos.item);
    if (pos.index + pos.item->length > index) {
        doc->getItemCleanStart(
            txn, ID { pos.item->id.client, pos.item->id.clock + (index - pos.index) });
    }
    return pos.item;
}

} // namespace Sequence
} // namespace Chorus::Crdt
