// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Item-level algorithms of a document: splitting, YATA integration, deletion, garbage
// collection and merging. Ports of yjs 13.6 structs/Item.js and utils/StructStore.js; the
// steps keep yjs's order so that the same input yields the same structs as in Yjs.
#include "docimpl.h"

#include <unordered_set>

namespace Chorus::Crdt {

// Port of yjs splitItem.
Item *DocImpl::splitItem(Transaction &txn, Item *left, quint64 diff)
{
    Item *right = pool.create();
    right->id = ID { left->id.client, left->id.clock + diff };
    right->length = left->length - diff;
    right->left = left;
    right->origin = ID { left->id.client, left->id.clock + diff - 1 };
    right->flags = quint8(Item::HasOrigin | (left->flags & Item::HasRightOrigin)
                          | (left->flags & (Item::Countable | Item::Deleted | Item::Keep)));
    right->right = left->right;
    right->rightOrigin = left->rightOrigin;
    right->parent = left->parent;
    right->parentSub = left->parentSub;
    right->content = left->content.splice(diff);
    left->right = right;
    if (right->right) {
        right->right->left = right;
    }
    txn.mergeStructs.push_back(right->id);
    if (right->hasParentSub() && !right->right && right->parent) {
        right->parent->map.insert(right->parentSub, right);
    }
    left->length = diff;
    return right;
}

size_t DocImpl::findIndexCleanStart(Transaction &txn, StructStore::Structs &structs, quint64 clock)
{
    const size_t index = StructStore::findIndexSS(structs, clock);
    Item *s = structs[index];
    if (s->id.clock < clock && !s->isGC()) {
        structs.insert(index + 1, splitItem(txn, s, clock - s->id.clock));
        return index + 1;
    }
    return index;
}

Item *DocImpl::getItemCleanStart(Transaction &txn, ID id)
{
    StructStore::Structs &structs = *store.structsOf(id.client);
    return structs[findIndexCleanStart(txn, structs, id.clock)];
}

Item *DocImpl::getItemCleanEnd(Transaction &txn, ID id)
{
    StructStore::Structs &structs = *store.structsOf(id.client);
    const size_t index = StructStore::findIndexSS(structs, id.clock);
    Item *s = structs[index];
    if (id.clock != s->endClock() - 1 && !s->isGC()) {
        structs.insert(index + 1, splitItem(txn, s, id.clock - s->id.clock + 1));
    }
    return s;
}

// Port of yjs Item.integrate (YATA): find the place among concurrently inserted items.
void DocImpl::integrate(Transaction &txn, Item *item, quint64 offset)
{
    if (offset > 0) {
        item->id.clock += offset;
        item->left = getItemCleanEnd(txn, ID { item->id.client, item->id.clock - 1 });
        item->origin = item->left->lastId();
        item->flags |= Item::HasOrigin;
        item->content = item->content.splice(offset);
        item->length -= offset;
        // Forged or colliding input (the known part of this struct lies elsewhere): keep only
        // the clock range rather than link lists of two types. Yjs would corrupt or throw.
        if (item->parent && (item->left->isGC() || item->left->parent != item->parent)) {
            item->parent = nullptr;
        }
    }
    if (!item->parent) {
        // the parent is gone: keep only the clock range, as a GC struct
        item->content = Content(ContentKind::GC);
        item->left = item->right = nullptr;
        item->parentSub = QString();
        item->flags = 0;
        store.addStruct(item);
        return;
    }
    YType *parent = item->parent;
    const bool isMapItem = item->hasParentSub();
    if ((!item->left && (!item->right || item->right->left))
        || (item->left && item->left->right != item->right)) {
        Item *left = item->left;
        Item *o;
        // o: the first conflicting item
        if (left) {
            o = left->right;
        } else if (isMapItem) {
            o = parent->map.value(item->parentSub, nullptr);
            while (o && o->left) {
                o = o->left;
            }
        } else {
            o = parent->start;
        }
        std::unordered_set<Item *> conflictingItems;
        std::unordered_set<Item *> itemsBeforeOrigin;
        // ***{origin}bbbb{this}{c,b}{c,b}{o}***  (c: conflicting, b: before origin)
        while (o && o != item->right) {
            itemsBeforeOrigin.insert(o);
            conflictingItems.insert(o);
            const bool sameOrigin = item->hasOrigin() == o->hasOrigin()
                && (!item->hasOrigin() || item->origin == o->origin);
            if (sameOrigin) {
                // case 1
                if (o->id.client < item->id.client) {
                    left = o;
                    conflictingItems.clear();
                } else if (item->hasRightOrigin() == o->hasRightOrigin()
                           && (!item->hasRightOrigin() || item->rightOrigin == o->rightOrigin)) {
                    // same integration points: the client id decides, and this goes left of o
                    break;
                }
            } else if (o->hasOrigin() && itemsBeforeOrigin.count(store.find(o->origin))) {
                // case 2
                if (!conflictingItems.count(store.find(o->origin))) {
                    left = o;
                    conflictingItems.clear();
                }
            } else {
                break;
            }
            o = o->right;
        }
        item->left = left;
    }
    // reconnect left/right and the parent's start or map entry
    if (item->left) {
        item->right = item->left->right;
        item->left->right = item;
    } else {
        Item *r;
        if (isMapItem) {
            r = parent->map.value(item->parentSub, nullptr);
            while (r && r->left) {
                r = r->left;
            }
        } else {
            r = parent->start;
            parent->start = item;
        }
        item->right = r;
    }
    if (item->right) {
        item->right->left = item;
    } else if (isMapItem) {
        parent->map.insert(item->parentSub, item);
        if (item->left) {
            // this is the newest value of the key: the previous one is overwritten
            deleteItem(txn, item->left);
        }
    }
    if (!isMapItem) {
        if (item->countable() && !item->deleted()) {
            parent->length += item->length;
        }
        if (!txn.local) {
            parent->clearMarkers(); // local edits update the markers themselves
        }
    }
    store.addStruct(item);
    // content.integrate
    switch (item->content.kind) {
    case ContentKind::Deleted:
        txn.addDeleted(item->id.client, item->id.clock, item->length);
        item->markDeleted();
        break;
    case ContentKind::Type: item->content.ext->type->item = item; break;
    default: break;
    }
    txn.addChangedType(parent, item->parentSub);
    if ((parent->item && parent->item->deleted()) || (isMapItem && item->right)) {
        // the parent is deleted, or this is not the newest value of its key
        deleteItem(txn, item);
    }
}

// Port of yjs Item.delete (with ContentType.delete).
void DocImpl::deleteItem(Transaction &txn, Item *item)
{
    if (item->deleted()) {
        return;
    }
    YType *parent = item->parent;
    if (item->countable() && !item->hasParentSub()) {
        parent->length -= item->length;
        if (!txn.local) {
            parent->clearMarkers();
        }
    }
    item->markDeleted();
    txn.addDeleted(item->id.client, item->id.clock, item->length);
    txn.addChangedType(parent, item->parentSub);
    if (item->content.kind == ContentKind::Type) {
        YType *type = item->content.ext->type;
        const quint64 before = 0;
        Q_UNUSED(before);
        for (Item *it = type->start; it; it = it->right) {
            if (!it->deleted()) {
                deleteItem(txn, it);
            } else if (it->id.clock < txn.beforeState.get(it->id.client)) {
                txn.mergeStructs.push_back(it->id);
            }
        }
        for (Item *it : std::as_const(type->map)) {
            if (!it->deleted()) {
                deleteItem(txn, it);
            } else if (it->id.clock < txn.beforeState.get(it->id.client)) {
                txn.mergeStructs.push_back(it->id);
            }
        }
        txn.removeChangedType(type);
    }
}

// Port of yjs Item.gc (with ContentType.gc).
void DocImpl::gcItem(Item *item, bool parentGCd)
{
    Q_ASSERT(item->deleted());
    if (item->content.kind == ContentKind::Type) {
        YType *type = item->content.ext->type;
        for (Item *it = type->start; it; it = it->right) {
            gcItem(it, true);
        }
        type->start = nullptr;
        for (Item *it : std::as_const(type->map)) {
            for (; it; it = it->left) {
                gcItem(it, true);
            }
        }
        type->map.clear();
        type->clearMarkers();
    }
    if (parentGCd) {
        item->content = Content(ContentKind::GC);
        item->parent = nullptr;
        item->parentSub = QString();
    } else {
        item->content = Content(ContentKind::Deleted);
    }
}

// Port of yjs Item.mergeWith for two items (GC structs merge in tryToMergeWithLefts).
bool DocImpl::mergeWith(Item *left, Item *right)
{
    if (!(right->hasOrigin() && right->origin == left->lastId() && left->right == right
          && left->hasRightOrigin() == right->hasRightOrigin()
          && (!left->hasRightOrigin() || left->rightOrigin == right->rightOrigin)
          && left->id.client == right->id.client && left->endClock() == right->id.clock
          && left->deleted() == right->deleted() && left->content.kind == right->content.kind
          && left->content.mergeWith(right->content))) {
        return false;
    }
    YType *parent = left->parent;
    if (parent && !parent->markers.empty()) {
        parent->markerMerged(right, left, left->visibleLength());
    }
    if (right->keep()) {
        left->setKeep(true);
    }
    left->right = right->right;
    if (left->right) {
        left->right->left = left;
    }
    left->length += right->length;
    return true;
}

// Port of yjs tryToMergeWithLefts; returns how many structs were merged away.
size_t DocImpl::tryToMergeWithLefts(StructStore::Structs &structs, size_t pos)
{
    size_t i = pos;
    for (; i > 0; --i) {
        Item *left = structs[i - 1];
        Item *right = structs[i];
        if (left->deleted() == right->deleted() && left->isGC() == right->isGC()) {
            bool merged = false;
            if (left->isGC()) {
                left->length += right->length;
                merged = true;
            } else if (mergeWith(left, right)) {
                merged = true;
                if (right->hasParentSub() && right->parent
                    && right->parent->map.value(right->parentSub) == right) {
                    right->parent->map.insert(right->parentSub, left);
                }
            }
            if (merged) {
                continue;
            }
        }
        break;
    }
    const size_t merged = pos - i;
    if (merged) {
        for (size_t k = pos + 1 - merged; k <= pos; ++k) {
            pool.release(structs[k]);
        }
        structs.erase(pos + 1 - merged, pos + 1);
    }
    return merged;
}

void DocImpl::tryGcDeleteSet(const DeleteSet &ds)
{
    for (const auto &[client, dels] : ds.clients()) {
        StructStore::Structs &structs = *store.structsOf(client);
        for (auto di = dels.rbegin(); di != dels.rend(); ++di) {
            const quint64 end = di->clock + di->len;
            for (size_t si = StructStore::findIndexSS(structs, di->clock);
                 si < structs.size() && structs[si]->id.clock < end; ++si) {
                Item *s = structs[si];
                if (!s->isGC() && s->deleted() && !s->keep()) {
                    gcItem(s, false);
                }
            }
        }
    }
}

void DocImpl::tryMergeDeleteSet(const DeleteSet &ds)
{
    for (const auto &[client, dels] : ds.clients()) {
        StructStore::Structs &structs = *store.structsOf(client);
        for (auto di = dels.rbegin(); di != dels.rend(); ++di) {
            // start with the struct right of the last deleted one
            qsizetype si = qsizetype(
                std::min(structs.size() - 1,
                         1 + StructStore::findIndexSS(structs, di->clock + di->len - 1)));
            while (si > 0 && structs[size_t(si)]->id.clock >= di->clock) {
                si -= 1 + qsizetype(tryToMergeWithLefts(structs, size_t(si)));
            }
        }
    }
}

Item *DocImpl::insertLocal(Transaction &txn, YType *parent, Item *left, Item *right,
                           const QString &parentSub, Content content, quint64 length)
{
    Item *item = pool.create();
    item->id = ID { clientId, store.getState(clientId) };
    item->length = length;
    item->left = left;
    item->setOrigin(left);
    item->right = right;
    item->setRightOrigin(right);
    item->parent = parent;
    item->parentSub = parentSub;
    if (content.isCountable()) {
        item->flags |= Item::Countable;
    }
    item->content = std::move(content);
    integrate(txn, item, 0);
    return item;
}

} // namespace Chorus::Crdt
