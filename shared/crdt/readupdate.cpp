// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Applying updates to a document: yjs 13.6 utils/encoding.js readUpdateV2, integrateStructs
// and DeleteSet.js readAndApplyDeleteSet. A malformed update is rejected before anything is
// applied; structs and deletions whose dependencies are missing wait in the store.
#include "docimpl.h"
#include "limits.h"
#include "nestingcheck.h"
#include "updateencoder.h"
#include "updates.h"

#include <map>

namespace Chorus::Crdt {

namespace {
struct StructRefs
{
    size_t i = 0;
    std::vector<Struct *> refs;
    bool removed = false; // yjs deletes the entry; a pointer to it may still be current
};

void writePendingStructs(UpdateEncoderV1 &enc,
                         const std::map<ClientId, std::vector<Struct *>> &rest)
{
    enc.writeVarUint(quint64(rest.size()));
    for (auto it = rest.rbegin(); it != rest.rend(); ++it) {
        enc.writeVarUint(quint64(it->second.size()));
        enc.writeClient(it->first);
        enc.writeVarUint(it->second.front()->id.clock);
        for (const Struct *s : it->second) {
            s->write(enc, 0);
        }
    }
}
} // namespace

ApplyResult DocImpl::applyUpdate(QByteArrayView update, Origin origin)
{
    ApplyResult result;
    DecodedUpdate decoded = DecodedUpdate::decode(update, &result.error, Limits::MaxStructs);
    if (result.error.isError()) {
        return result;
    }
    result.error = checkNesting(decoded);
    if (result.error.isError()) {
        return result;
    }
    transact([&](Transaction &txn) { readUpdate(txn, decoded); }, origin, false);
    return result;
}

// Rejects an update that would nest a type past Limits::MaxNesting (see nestingcheck.h). Only
// updates holding a type, or documents that have nested types, need the walk.
DecodeError DocImpl::checkNesting(const DecodedUpdate &update) const
{
    bool hasTypes = types.size() > size_t(share.size());
    for (size_t i = 0; i < update.sections.size() && !hasTypes; ++i) {
        for (const Struct &s : update.sections[i].structs) {
            hasTypes = hasTypes || s.content.kind == ContentKind::Type;
        }
    }
    if (!hasTypes) {
        return {};
    }
    std::vector<NestingRef> refs = nestingRefs(update.sections);
    std::vector<int> depths;
    return Crdt::checkNesting(refs, [this](ID id) { return containerDepth(id); }, &depths);
}

int DocImpl::containerDepth(ID id) const
{
    if (id.clock >= store.getState(id.client)) {
        return 0;
    }
    const auto &structs = store.clients.at(id.client);
    const Item *item = structs[StructStore::findIndexSS(structs, id.clock)];
    return item->parent ? item->parent->depth : 0;
}

// First half of yjs Item.getMissing: the client whose struct this one waits for, if any.
std::optional<ClientId> DocImpl::missingDependency(const Struct &s) const
{
    if (!s.isItem()) {
        return std::nullopt;
    }
    if (s.hasOrigin && s.origin.client != s.id.client
        && s.origin.clock >= store.getState(s.origin.client)) {
        return s.origin.client;
    }
    if (s.hasRightOrigin && s.rightOrigin.client != s.id.client
        && s.rightOrigin.clock >= store.getState(s.rightOrigin.client)) {
        return s.rightOrigin.client;
    }
    if (s.parent == Struct::Parent::Id && s.id.client != s.parentId.client
        && s.parentId.clock >= store.getState(s.parentId.client)) {
        return s.parentId.client;
    }
    return std::nullopt;
}

// Second half of yjs Item.getMissing: resolve neighbours and parent, producing the Item.
Item *DocImpl::materialize(Transaction &txn, Struct &s)
{
    Item *item = pool.create();
    item->id = s.id;
    item->length = s.length;
    if (s.isGC()) {
        item->content = Content(ContentKind::GC);
        return item;
    }
    item->origin = s.origin;
    item->rightOrigin = s.rightOrigin;
    item->flags
        = quint8((s.hasOrigin ? Item::HasOrigin : 0) | (s.hasRightOrigin ? Item::HasRightOrigin : 0)
                 | (s.content.isCountable() ? Item::Countable : 0));
    if (s.hasParentSub) {
        item->parentSub = s.parentSub;
    }
    if (s.hasOrigin) {
        item->left = getItemCleanEnd(txn, s.origin);
        item->origin = item->left->lastId();
    }
    if (s.hasRightOrigin) {
        item->right = getItemCleanStart(txn, s.rightOrigin);
        item->rightOrigin = item->right->id;
    }
    if ((item->left && item->left->isGC()) || (item->right && item->right->isGC())) {
        item->parent = nullptr;
    } else if (s.parent == Struct::Parent::None) {
        // only copy the parent when this is not going to be garbage-collected
        if (item->left) {
            item->parent = item->left->parent;
            item->parentSub = item->left->parentSub;
        } else if (item->right) {
            item->parent = item->right->parent;
            item->parentSub = item->right->parentSub;
        }
    } else if (s.parent == Struct::Parent::Id) {
        Item *parentItem = store.find(s.parentId);
        item->parent = parentItem->isGC() || parentItem->content.kind != ContentKind::Type
            ? nullptr
            : parentItem->content.ext->type;
    } else {
        item->parent = get(s.parentName);
    }
    item->content = std::move(s.content);
    if (item->content.kind == ContentKind::Type) {
        if (item->parent && item->parent->depth >= Limits::MaxNesting) {
            // Past the limit by a path the up-front check could not see (its parent arrived in
            // a later update): kept as a collected clock range, never as a type, so no walk
            // over nested types goes deeper than the limit.
            item->parent = nullptr;
        } else {
            YType *type = newType(item->content.ext->typeRef, item->content.ext->key);
            type->depth = item->parent ? item->parent->depth + 1 : 1;
            item->content.ext->type = type;
        }
    }
    return item;
}

// Port of yjs integrateStructs. Returns the v1 update of what could not be integrated (empty
// if everything was) and fills `missing` with the lowest missing clock per client.
QByteArray DocImpl::integrateStructs(Transaction &txn, std::vector<ClientSection> &sections,
                                     StateVector *missing)
{
    std::map<ClientId, StructRefs> clientRefs;
    for (ClientSection &sec : sections) {
        StructRefs refs; // a later section of the same client replaces an earlier one, as in Yjs
        for (Struct &s : sec.structs) {
            refs.refs.push_back(&s);
        }
        clientRefs[sec.client] = std::move(refs);
    }
    std::vector<ClientId> ids; // ascending; the highest client is integrated first
    for (const auto &[client, refs] : clientRefs) {
        ids.push_back(client);
    }
    if (ids.empty()) {
        return {};
    }
    auto nextTarget = [&]() -> StructRefs * {
        while (!ids.empty()) {
            StructRefs &t = clientRefs[ids.back()];
            if (t.i < t.refs.size()) {
                return &t;
            }
            ids.pop_back();
        }
        return nullptr;
    };
    StructRefs *curTarget = nextTarget();
    if (!curTarget) {
        return {};
    }
    std::map<ClientId, std::vector<Struct *>> rest;
    std::vector<Struct *> stack;
    auto updateMissing = [&](ClientId client, quint64 clock) {
        if (!missing->has(client) || missing->get(client) > clock) {
            missing->set(client, clock);
        }
    };
    auto addStackToRest = [&]() {
        for (Struct *s : stack) {
            const ClientId client = s->id.client;
            auto it = clientRefs.find(client);
            if (it != clientRefs.end() && !it->second.removed) {
                StructRefs &inapplicable = it->second;
                --inapplicable.i; // the struct that could not be applied goes back too
                rest[client] = std::vector<Struct *>(
                    inapplicable.refs.begin() + qptrdiff(inapplicable.i), inapplicable.refs.end());
                inapplicable.removed = true;
                inapplicable.i = 0;
                inapplicable.refs.clear();
            } else {
                rest[client] = { s };
            }
            std::erase(ids, client);
        }
        stack.clear();
    };
    Struct *stackHead = curTarget->refs[curTarget->i++];
    std::unordered_map<ClientId, quint64> state; // cached local states
    while (true) {
        if (!stackHead->isSkip()) {
            auto st = state.find(stackHead->id.client);
            if (st == state.end()) {
                st = state.emplace(stackHead->id.client, store.getState(stackHead->id.client))
                         .first;
            }
            const quint64 localClock = st->second;
            if (localClock < stackHead->id.clock) {
                // a struct of the same client is missing
                stack.push_back(stackHead);
                updateMissing(stackHead->id.client, stackHead->id.clock - 1);
                addStackToRest();
            } else if (auto missingClient = missingDependency(*stackHead)) {
                stack.push_back(stackHead);
                auto it = clientRefs.find(*missingClient);
                if (it == clientRefs.end() || it->second.removed
                    || it->second.i == it->second.refs.size()) {
                    // depends on an update that has not arrived yet
                    updateMissing(*missingClient, store.getState(*missingClient));
                    addStackToRest();
                } else {
                    stackHead = it->second.refs[it->second.i++];
                    continue;
                }
            } else {
                const quint64 offset = localClock - stackHead->id.clock;
                Item *item = materialize(txn, *stackHead);
                if (offset < stackHead->length) {
                    if (item->isGC()) {
                        item->id.clock += offset;
                        item->length -= offset;
                        store.addStruct(item);
                    } else {
                        integrate(txn, item, offset);
                    }
                    st->second = stackHead->id.clock + stackHead->length;
                } else {
                    pool.release(item);
                }
            }
        }
        if (!stack.empty()) {
            stackHead = stack.back();
            stack.pop_back();
        } else if (curTarget && curTarget->i < curTarget->refs.size()) {
            stackHead = curTarget->refs[curTarget->i++];
        } else {
            curTarget = nextTarget();
            if (!curTarget) {
                break;
            }
            stackHead = curTarget->refs[curTarget->i++];
        }
    }
    if (rest.empty()) {
        return {};
    }
    UpdateEncoderV1 enc;
    writePendingStructs(enc, rest);
    enc.writeVarUint(0); // no deletions
    return enc.take();
}

// Port of yjs readAndApplyDeleteSet; returns a v1 update holding the deletions that refer to
// structs not yet known (empty if none).
QByteArray DocImpl::readAndApplyDeleteSet(Transaction &txn, const DeleteSet &ds)
{
    DeleteSet unapplied;
    // clients in encoded (descending) order, as Yjs reads them
    for (auto cit = ds.clients().rbegin(); cit != ds.clients().rend(); ++cit) {
        const ClientId client = cit->first;
        const quint64 state = store.getState(client);
        StructStore::Structs *structs = store.structsOf(client);
        for (const DeleteItem &d : cit->second) {
            const quint64 clock = d.clock;
            const quint64 clockEnd = d.clock + d.len;
            if (clock < state) {
                if (state < clockEnd) {
                    unapplied.add(client, state, clockEnd - state);
                }
                size_t index = StructStore::findIndexSS(*structs, clock);
                Item *s = (*structs)[index];
                // split the first item if necessary
                if (!s->deleted() && s->id.clock < clock) {
                    structs->insert(index + 1, splitItem(txn, s, clock - s->id.clock));
                    ++index;
                }
                while (index < structs->size()) {
                    s = (*structs)[index++];
                    if (s->id.clock >= clockEnd) {
                        break;
                    }
                    if (!s->deleted()) {
                        if (clockEnd < s->endClock()) {
                            structs->insert(index, splitItem(txn, s, clockEnd - s->id.clock));
                        }
                        deleteItem(txn, s);
                    }
                }
            } else {
                unapplied.add(client, clock, clockEnd - clock);
            }
        }
    }
    if (unapplied.isEmpty()) {
        return {};
    }
    UpdateEncoderV1 enc;
    enc.writeVarUint(0); // no structs
    unapplied.write(enc);
    return enc.take();
}

// Port of yjs readUpdateV2 (the body of its transaction).
void DocImpl::readUpdate(Transaction &txn, DecodedUpdate &update)
{
    txn.local = false;
    bool retry = false;
    StateVector missing;
    const QByteArray restStructs = integrateStructs(txn, update.sections, &missing);
    if (store.pendingStructs) {
        // something pending may be applicable now
        for (const auto &[client, clock] : store.pendingStructs->missing.clocks()) {
            if (clock < store.getState(client)) {
                retry = true;
                break;
            }
        }
        if (!restStructs.isEmpty()) {
            for (const auto &[client, clock] : missing.clocks()) {
                StateVector &pm = store.pendingStructs->missing;
                if (!pm.has(client) || pm.get(client) > clock) {
                    pm.set(client, clock);
                }
            }
            store.pendingStructs->update
                = mergeUpdates({ store.pendingStructs->update, restStructs }).update;
        }
    } else if (!restStructs.isEmpty()) {
        store.pendingStructs = StructStore::PendingStructs { missing, restStructs };
    }
    const QByteArray dsRest = readAndApplyDeleteSet(txn, update.deleteSet);
    if (!store.pendingDs.isEmpty()) {
        DecodeError err;
        const DecodedUpdate pendingDs = DecodedUpdate::decode(store.pendingDs, &err);
        Q_ASSERT(!err.isError());
        const QByteArray dsRest2 = readAndApplyDeleteSet(txn, pendingDs.deleteSet);
        if (!dsRest.isEmpty() && !dsRest2.isEmpty()) {
            store.pendingDs = mergeUpdates({ dsRest, dsRest2 }).update;
        } else {
            store.pendingDs = dsRest.isEmpty() ? dsRest2 : dsRest;
        }
    } else {
        store.pendingDs = dsRest;
    }
    if (retry) {
        const QByteArray pendingUpdate = store.pendingStructs->update;
        store.pendingStructs.reset();
        DecodeError err;
        DecodedUpdate again = DecodedUpdate::decode(pendingUpdate, &err);
        Q_ASSERT(!err.isError());
        readUpdate(txn, again);
    }
}

} // namespace Chorus::Crdt
