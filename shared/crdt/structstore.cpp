#include "structstore.h"

namespace Chorus::Crdt {

quint64 StructStore::getState(ClientId client) const
{
    auto it = clients.find(client);
    if (it == clients.end() || it->second.empty()) {
        return 0;
    }
    return it->second.back()->endClock();
}

void StructStore::fillStateVector(StateVector &sv) const
{
    sv.clear();
    for (const auto &[client, structs] : clients) {
        if (!structs.empty()) {
            sv.append(client, structs.back()->endClock());
        }
    }
    sv.sortClients();
}

StateVector StructStore::stateVector() const
{
    StateVector sv;
    for (const auto &[client, structs] : clients) {
        if (!structs.empty()) {
            sv.append(client, structs.back()->endClock());
        }
    }
    sv.sortClients();
    return sv;
}

void StructStore::addStruct(Item *item)
{
    Structs &structs = clients[item->id.client];
    Q_ASSERT(structs.empty() || structs.back()->endClock() == item->id.clock);
    structs.push_back(item);
}

StructStore::Structs *StructStore::structsOf(ClientId client)
{
    auto it = clients.find(client);
    return it == clients.end() ? nullptr : &it->second;
}

size_t StructStore::findIndexSS(const Structs &structs, quint64 clock)
{
    Q_ASSERT(!structs.empty());
    size_t left = 0;
    size_t right = structs.size() - 1;
    const Item *mid = structs[right];
    if (mid->id.clock == clock) {
        return right;
    }
    // pivot on the clock, as yjs does: clocks are dense, so the guess is often exact
    size_t midIndex = size_t((double(clock) / double(mid->endClock() - 1)) * double(right));
    if (midIndex > right) {
        midIndex = right;
    }
    while (left <= right) {
        mid = structs[midIndex];
        if (mid->id.clock <= clock) {
            if (clock < mid->endClock()) {
                return midIndex;
            }
            left = midIndex + 1;
        } else {
            if (midIndex == 0) {
                break;
            }
            right = midIndex - 1;
        }
        midIndex = (left + right) / 2;
    }
    Q_ASSERT_X(false, "findIndexSS", "clock not in store");
    return 0;
}

Item *StructStore::find(ID id)
{
    Structs *s = structsOf(id.client);
    Q_ASSERT(s);
    return (*s)[findIndexSS(*s, id.clock)];
}

bool StructStore::checkInvariants(QString *why) const
{
    for (const auto &[client, structs] : clients) {
        quint64 clock = structs.empty() ? 0 : structs.front()->id.clock;
        if (clock != 0) {
            *why = QStringLiteral("client %1 does not start at clock 0").arg(client);
            return false;
        }
        for (const Item *it : structs) {
            if (it->id.client != client || it->id.clock != clock || it->length == 0) {
                *why = QStringLiteral("client %1: gap or overlap at clock %2")
                           .arg(client)
                           .arg(clock);
                return false;
            }
            clock += it->length;
        }
    }
    return true;
}

} // namespace Chorus::Crdt
