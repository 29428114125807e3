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

    // Position cache for local index lookups: the visible offset at which `markerItem`
    // starts. Reset when the list changes in ways not tracked (see docs/internals.md).
    Item *markerItem = nullptr;
    quint64 markerIndex = 0;

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
