#pragma once

#include "id.h"
#include "item.h"
#include "statevector.h"

#include <QByteArray>

#include <optional>
#include <unordered_map>
#include <vector>

namespace Chorus::Crdt {

struct Transaction;

// All structs of a document by client, each client's structs sorted by clock and covering
// its clocks densely (yjs StructStore.js), plus the updates that wait for missing
// dependencies. Lookup by ID is a binary search in the client's vector (yjs findIndexSS).
class StructStore
{
public:
    using Structs = std::vector<Item *>;

    struct PendingStructs
    {
        StateVector missing; // lowest missing clock per client
        QByteArray update; // v1 update of the structs that could not be integrated
    };

    std::unordered_map<ClientId, Structs> clients;
    std::optional<PendingStructs> pendingStructs;
    QByteArray pendingDs; // v1 update with zero structs and the deletions not yet applicable

    quint64 getState(ClientId client) const;
    StateVector stateVector() const;
    void fillStateVector(StateVector &sv) const; // reuses sv's capacity
    void addStruct(Item *item);
    Structs *structsOf(ClientId client);
    // yjs findIndexSS; the clock must exist (check getState first).
    static size_t findIndexSS(const Structs &structs, quint64 clock);
    Item *find(ID id);
    bool checkInvariants(QString *why) const;
};

} // namespace Chorus::Crdt
