#include "sequence.h"

#include "docimpl.h"

namespace Chorus::Crdt::Sequence {

Position findContaining(YType *type, quint64 index)
{
    Item *p = type->start;
    quint64 pidx = 0;
    if (type->markerItem) {
        p = type->markerItem;
        pidx = type->markerIndex;
        while (p->left && pidx > index) {
            p = p->left;
            pidx -= p->visibleLength();
        }
    }
    for (; p; p = p->right) {
        const quint64 vl = p->visibleLength();
        if (vl > 0 && index < pidx + vl) {
            type->markerItem = p;
            type->markerIndex = pidx;
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

} // namespace Chorus::Crdt::Sequence
