// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content.h"
#include "id.h"

#include <QHash>
#include <QString>

#include <functional>
#include <vector>

namespace Chorus::Crdt {

struct Item;
struct Transaction;

// A shared type inside a document (yjs AbstractType.js): a sequence (items from `start`,
// linked left to right) and/or a map (`map` holds the newest item per key, older ones are
// reachable through `left`). Root types have a name and no item; nested types belong to the
// item whose ContentType holds them. `ref` is unknown for a root until the application asks
// for it by kind. Owned by the document; handles (Text, Map, Array) point at it.
class YType
{
public:
    bool hasRef = false;
    TypeRef ref = TypeRef::Array;
    QString nodeName; // XmlElement/XmlHook
    Item *start = nullptr;
    QHash<QString, Item *> map;
    quint64 length = 0; // visible countable units of the sequence
    Item *item = nullptr; // the item whose content this type is; null for a root
    QString name; // root name
    int depth = 0; // 0 for a root; a nested type is one deeper than the type holding its item

    // Position index for local edits (in the spirit of yjs search markers): each marker says
    // "the visible index at which `item` starts". Local edits shift them; remote changes
    // clear them; a merge moves a marker to the surviving item. See docs/internals.md.
    struct Marker
    {
        Item *item;
        quint64 index;
        quint64 used; // for replacing the least recently used
    };
    // Few: every keystroke scans them three times (find, shift, drop), and typing stays near
    // one or two places; 8 replays the editing traces ~15% faster than 32 did.
    static constexpr size_t MaxMarkers = 8;
    std::vector<Marker> markers;
    quint64 markerClock = 0;

    void clearMarkers() { markers.clear(); }
    // A local insert of `len` units now starting at visible `index`.
    void markersInserted(quint64 index, quint64 len)
    {
        std::erase_if(markers, [index](const Marker &m) { return m.index == index; });
        for (Marker &m : markers) {
            if (m.index > index) {
                m.index += len;
            }
        }
    }
    // A local deletion of the visible range [index, index + len).
    void markersDeleted(quint64 index, quint64 len)
    {
        for (Marker &m : markers) {
            if (m.index >= index + len) {
                m.index -= len;
            } else if (m.index > index) {
                m.index = index;
            }
        }
    }
    // `right` is merged into `left`.
    void markerMerged(const Item *right, Item *left, quint64 leftVisible)
    {
        for (Marker &m : markers) {
            if (m.item == right) {
                m.item = left;
                m.index -= leftVisible;
            }
        }
    }
    void addMarker(Item *at, quint64 index);

    // Observers of this type, called once per transaction that changed it.
    struct Observer
    {
        quint64 id;
        std::function<void(Transaction &, const QSet<QString> &)> fn;
    };
    std::vector<Observer> observers;

    bool isRoot() const { return item == nullptr; }
};

} // namespace Chorus::Crdt
