// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content.h"
#include "id.h"

#include <deque>
#include <vector>

namespace Chorus::Crdt {

class YType;

// One integrated struct of a document (yjs Item.js, and GC.js when content.kind is GC): a run
// of `length` clock units from one client with its YATA origins and its place in the parent's
// doubly linked list. Items live in an ItemPool and are addressed by stable pointers; the
// struct store and the lists hold those pointers. GC structs take no part in any list.
struct Item
{
    enum Flag : quint8 {
        HasOrigin = 1,
        HasRightOrigin = 2,
        Keep = 4, // yjs BIT1: not garbage-collected (undo)
        Countable = 8, // yjs BIT2
        Deleted = 16, // yjs BIT3
    };

    ID id;
    quint64 length = 0;
    Item *left = nullptr;
    Item *right = nullptr;
    ID origin;
    ID rightOrigin;
    YType *parent = nullptr;
    QString parentSub; // map key; null for sequence items
    quint8 flags = 0;
    Content content;

    bool isGC() const { return content.kind == ContentKind::GC; }
    bool deleted() const { return isGC() || (flags & Deleted); }
    bool countable() const { return flags & Countable; }
    bool keep() const { return flags & Keep; }
    bool hasOrigin() const { return flags & HasOrigin; }
    bool hasRightOrigin() const { return flags & HasRightOrigin; }
    bool hasParentSub() const { return !parentSub.isNull(); }
    void markDeleted() { flags |= Deleted; }
    void setKeep(bool k) { flags = k ? (flags | Keep) : (flags & ~Keep); }
    void setOrigin(const Item *l)
    {
        if (l) {
            origin = l->lastId();
            flags |= HasOrigin;
        } else {
            flags &= ~HasOrigin;
        }
    }
    void setRightOrigin(const Item *r)
    {
        if (r) {
            rightOrigin = r->id;
            flags |= HasRightOrigin;
        } else {
            flags &= ~HasRightOrigin;
        }
    }
    ID lastId() const { return ID { id.client, id.clock + length - 1 }; }
    quint64 endClock() const { return id.clock + length; }
    // Visible length in the parent sequence (0 when deleted or not countable).
    quint64 visibleLength() const
    {
        return (flags & (Deleted | Countable)) == Countable ? length : 0;
    }
};

// Stable storage for items: chunks that never move, with a free list for items that were
// merged away. Not thread-safe.
class ItemPool
{
public:
    Item *create()
    {
        if (!m_free.empty()) {
            Item *it = m_free.back();
            m_free.pop_back();
            return it;
        }
        return &m_items.emplace_back();
    }
    void release(Item *it)
    {
        *it = Item();
        m_free.push_back(it);
    }
    qsizetype liveCount() const { return qsizetype(m_items.size() - m_free.size()); }

private:
    std::deque<Item> m_items;
    std::vector<Item *> m_free;
};

} // namespace Chorus::Crdt
