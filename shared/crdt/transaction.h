// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
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
    DeleteSet::Clients::node_type spareDeleteNode; // see addDeleted

    void addChangedType(YType *type, const QString &parentSub);
    // deleteSet.add, reusing the map node (and its range vector) of an earlier transaction:
    // most keystrokes delete from one client, so this saves two allocations per deletion.
    void addDeleted(ClientId client, quint64 clock, quint64 len)
    {
        DeleteSet::Clients &clients = deleteSet.clients();
        if (!spareDeleteNode.empty() && !clients.contains(client)) {
            spareDeleteNode.key() = client;
            spareDeleteNode.mapped().clear();
            clients.insert(std::move(spareDeleteNode));
        }
        deleteSet.add(client, clock, len);
    }
    // Clears for reuse, keeping allocated capacity.
    void reset()
    {
        DeleteSet::Clients &clients = deleteSet.clients();
        if (!clients.empty() && spareDeleteNode.empty()) {
            spareDeleteNode = clients.extract(clients.begin());
        }
        clients.clear();
        changed.clear();
        mergeStructs.clear();
        origin = 0;
        local = true;
    }
    void removeChangedType(YType *type);
};

} // namespace Chorus::Crdt
