#pragma once

#include "deleteset.h"
#include "id.h"
#include "statevector.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <vector>

namespace Chorus::Crdt {

class DocImpl;
class YType;

// The changes made to one type in a transaction: its sequence and/or these map keys.
struct TypeChanges
{
    bool sequence = false;
    QSet<QString> keys;
};

// One unit of change (yjs Transaction.js). Everything is applied immediately; the
// transaction records what changed so that cleanup can fire events, garbage-collect deleted
// content, merge adjacent structs and emit one update. Nested transact() calls join it.
struct Transaction
{
    DocImpl *doc = nullptr;
    DeleteSet deleteSet;
    StateVector beforeState;
    StateVector afterState;
    // changed types in the order they first changed (few per transaction: a flat list)
    std::vector<std::pair<YType *, TypeChanges>> changed;
    std::vector<ID> mergeStructs; // split-off items to try merging back (by ID: items move)
    Origin origin = 0;
    bool local = true;

    void addChangedType(YType *type, const QString &parentSub);
    // Clears for reuse, keeping allocated capacity.
    void reset()
    {
        deleteSet.clients().clear();
        changed.clear();
        mergeStructs.clear();
        origin = 0;
        local = true;
    }
    void removeChangedType(YType *type);
};

} // namespace Chorus::Crdt
