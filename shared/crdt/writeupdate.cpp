// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Encoding a document: yjs 13.6 utils/encoding.js writeClientsStructs/encodeStateAsUpdate,
// Item.write and DeleteSet.js createDeleteSetFromStructStore.
#include "docimpl.h"
#include "updateencoder.h"
#include "updates.h"

#include <algorithm>

namespace Chorus::Crdt {

// Port of yjs Item.write / GC.write.
void DocImpl::writeItem(UpdateEncoderV1 &enc, const Item *item, quint64 offset) const
{
    if (item->isGC()) {
        enc.writeInfo(0);
        enc.writeLen(item->length - offset);
        return;
    }
    const bool hasOrigin = offset > 0 || item->hasOrigin();
    const ID origin
        = offset > 0 ? ID { item->id.client, item->id.clock + offset - 1 } : item->origin;
    const bool hasRightOrigin = item->hasRightOrigin();
    const quint8 info = quint8(quint8(item->content.kind) | (hasOrigin ? 0x80 : 0)
                               | (hasRightOrigin ? 0x40 : 0) | (item->hasParentSub() ? 0x20 : 0));
    enc.writeInfo(info);
    if (hasOrigin) {
        enc.writeLeftID(origin);
    }
    if (hasRightOrigin) {
        enc.writeRightID(item->rightOrigin);
    }
    if (!hasOrigin && !hasRightOrigin) {
        const YType *parent = item->parent;
        if (parent->isRoot()) {
            enc.writeParentInfo(true);
            enc.writeString(parent->name);
        } else {
            enc.writeParentInfo(false);
            enc.writeLeftID(parent->item->id);
        }
        if (item->hasParentSub()) {
            enc.writeString(item->parentSub);
        }
    }
    item->content.write(enc, offset, item->length);
}

// Port of yjs writeClientsStructs: everything newer than `sv`, higher clients first.
void DocImpl::writeClientsStructs(UpdateEncoderV1 &enc, const StateVector &sv) const
{
    std::vector<std::pair<ClientId, quint64>> &sm = m_scratchClocks;
    sm.clear();
    for (const auto &[client, clock] : sv.clocks()) {
        if (store.getState(client) > clock) {
            sm.emplace_back(client, clock);
        }
    }
    for (const auto &[client, structs] : store.clients) {
        if (!structs.empty() && !sv.has(client)) {
            sm.emplace_back(client, 0);
        }
    }
    std::sort(sm.begin(), sm.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    enc.writeVarUint(quint64(sm.size()));
    for (auto [client, clock] : sm) {
        const StructStore::Structs &structs = store.clients.at(client);
        clock = std::max(clock, structs.front()->id.clock);
        const size_t start = StructStore::findIndexSS(structs, clock);
        enc.writeVarUint(quint64(structs.size() - start));
        enc.writeClient(client);
        enc.writeVarUint(clock);
        writeItem(enc, structs[start], clock - structs[start]->id.clock);
        for (size_t i = start + 1; i < structs.size(); ++i) {
            writeItem(enc, structs[i], 0);
        }
    }
}

// Port of yjs createDeleteSetFromStructStore.
DeleteSet DocImpl::deleteSetFromStore() const
{
    DeleteSet ds;
    for (const auto &[client, structs] : store.clients) {
        for (size_t i = 0; i < structs.size(); ++i) {
            if (!structs[i]->deleted()) {
                continue;
            }
            const quint64 clock = structs[i]->id.clock;
            quint64 len = structs[i]->length;
            while (i + 1 < structs.size() && structs[i + 1]->deleted()) {
                len += structs[++i]->length;
            }
            ds.add(client, clock, len);
        }
    }
    return ds;
}

// Port of yjs encodeStateAsUpdateV2 with the v1 encoder, including pending updates.
QByteArray DocImpl::encodeStateAsUpdate(const StateVector &sv, QByteArrayView encodedSv) const
{
    UpdateEncoderV1 enc;
    writeClientsStructs(enc, sv);
    deleteSetFromStore().write(enc);
    QList<QByteArray> updates { enc.take() };
    if (!store.pendingDs.isEmpty()) {
        updates.append(store.pendingDs);
    }
    if (store.pendingStructs) {
        static const char emptySv[] = { 0 };
        updates.append(diffUpdate(store.pendingStructs->update,
                                  encodedSv.isEmpty() ? QByteArrayView(emptySv, 1) : encodedSv)
                           .update);
    }
    if (updates.size() > 1) {
        return mergeUpdates(updates).update;
    }
    return updates.first();
}

} // namespace Chorus::Crdt
