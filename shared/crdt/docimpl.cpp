// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Document plumbing: types, transactions and their cleanup (yjs Doc.js, Transaction.js).
#include "docimpl.h"

#include "updateencoder.h"

namespace Chorus::Crdt {

void Transaction::addChangedType(YType *type, const QString &parentSub)
{
    // yjs addChangedTypeToTransaction: only types that existed before and still exist
    const Item *item = type->item;
    if (item && !(item->id.clock < beforeState.get(item->id.client) && !item->deleted())) {
        return;
    }
    auto it = std::find_if(changed.begin(), changed.end(),
                           [type](const auto &c) { return c.first == type; });
    if (it == changed.end()) {
        changed.emplace_back(type, TypeChanges());
        it = changed.end() - 1;
    }
    if (parentSub.isNull()) {
        it->second.sequence = true;
    } else {
        it->second.keys.insert(parentSub);
    }
}

void Transaction::removeChangedType(YType *type)
{
    std::erase_if(changed, [type](const auto &c) { return c.first == type; });
}

DocImpl::~DocImpl() = default;

YType *DocImpl::get(const QString &name)
{
    YType *&t = share[name];
    if (!t) {
        types.push_back(std::make_unique<YType>());
        t = types.back().get();
        t->name = name;
    }
    return t;
}

YType *DocImpl::newType(TypeRef ref, const QString &nodeName)
{
    types.push_back(std::make_unique<YType>());
    YType *t = types.back().get();
    t->hasRef = true;
    t->ref = ref;
    t->nodeName = nodeName;
    return t;
}

// Port of yjs transact: nested calls join the running transaction; the outermost one cleans
// up, and transactions started by observers are cleaned up one after another.
bool DocImpl::beginTransaction(Origin origin, bool local)
{
    if (transaction) {
        return false;
    }
    std::unique_ptr<Transaction> txn;
    if (!spareTransactions.empty()) {
        txn = std::move(spareTransactions.back());
        spareTransactions.pop_back();
        txn->reset();
    } else {
        txn = std::make_unique<Transaction>();
    }
    txn->doc = this;
    txn->origin = origin;
    txn->local = local;
    store.fillStateVector(txn->beforeState);
    transaction = txn.get();
    cleanups.push_back(std::move(txn));
    return true;
}

void DocImpl::endTransaction()
{
    const bool finishCleanup = transaction == cleanups.front().get();
    transaction = nullptr;
    if (finishCleanup) {
        cleanupTransactions();
    }
}

void DocImpl::cleanupTransactions()
{
    for (size_t i = 0; i < cleanups.size(); ++i) {
        cleanupTransaction(*cleanups[i]);
    }
    for (auto &t : cleanups) {
        if (spareTransactions.size() < 2) {
            spareTransactions.push_back(std::move(t));
        }
    }
    cleanups.clear();
}

// Port of yjs cleanupTransactions for one transaction.
void DocImpl::cleanupTransaction(Transaction &txn)
{
    DeleteSet &ds = txn.deleteSet;
    ds.sortAndMerge();
    store.fillStateVector(txn.afterState);
    // observers see the transaction before content is garbage-collected
    for (size_t i = 0; i < txn.changed.size(); ++i) {
        YType *type = txn.changed[i].first;
        if ((type->item && type->item->deleted()) || type->observers.empty()) {
            continue;
        }
        const QSet<QString> keys = txn.changed[i].second.keys;
        const auto observers = type->observers; // an observer may remove itself
        for (const auto &o : observers) {
            o.fn(txn, keys);
        }
    }
    if (!afterTransactionObservers.empty()) {
        TransactionInfo info;
        info.origin = txn.origin;
        info.local = txn.local;
        for (const auto &[client, clock] : txn.afterState.clocks()) {
            const quint64 before = txn.beforeState.get(client);
            if (clock > before) {
                info.inserted.add(client, before, clock - before);
            }
        }
        info.deleted = ds;
        const auto observers = afterTransactionObservers;
        for (const auto &o : observers) {
            o.second(info);
        }
    }
    if (gc) {
        tryGcDeleteSet(ds);
    }
    tryMergeDeleteSet(ds);
    for (const auto &[client, clock] : txn.afterState.clocks()) {
        const quint64 before = txn.beforeState.get(client);
        if (before != clock) {
            StructStore::Structs &structs = *store.structsOf(client);
            const qsizetype firstChangePos
                = std::max<qsizetype>(qsizetype(StructStore::findIndexSS(structs, before)), 1);
            for (qsizetype i = qsizetype(structs.size()) - 1; i >= firstChangePos;) {
                i -= 1 + qsizetype(tryToMergeWithLefts(structs, size_t(i)));
            }
        }
    }
    for (auto it = txn.mergeStructs.rbegin(); it != txn.mergeStructs.rend(); ++it) {
        StructStore::Structs &structs = *store.structsOf(it->client);
        const size_t pos = StructStore::findIndexSS(structs, it->clock);
        if (pos + 1 < structs.size() && tryToMergeWithLefts(structs, pos + 1) > 1) {
            continue; // both neighbours are merged already
        }
        if (pos > 0) {
            tryToMergeWithLefts(structs, pos);
        }
    }
    if (!updateObservers.empty()) {
        bool changedState = false;
        for (const auto &[client, clock] : txn.afterState.clocks()) {
            if (txn.beforeState.get(client) != clock || !txn.beforeState.has(client)) {
                changedState = true;
            }
        }
        if (!ds.isEmpty() || changedState) {
            UpdateEncoderV1 enc;
            enc.reserve(64); // one allocation for a keystroke's update
            writeClientsStructs(enc, txn.beforeState);
            ds.write(enc);
            const QByteArray update = enc.take();
            const auto observers = updateObservers;
            for (const auto &o : observers) {
                o.second(update, txn.origin, txn.local);
            }
        }
    }
}

QString DocImpl::debugDump() const
{
    QString out;
    std::vector<ClientId> ids;
    for (const auto &[client, structs] : store.clients) {
        ids.push_back(client);
    }
    std::sort(ids.begin(), ids.end());
    for (ClientId client : ids) {
        out += QStringLiteral("client %1:").arg(client);
        for (const Item *it : store.clients.at(client)) {
            out += QStringLiteral(" [%1+%2%3 %4]")
                       .arg(it->id.clock)
                       .arg(it->length)
                       .arg(it->deleted() && !it->isGC() ? QStringLiteral(" del") : QString())
                       .arg(it->content.debugString());
        }
        out += u'\n';
    }
    if (store.pendingStructs) {
        out += QStringLiteral("pending structs: %1 bytes\n")
                   .arg(store.pendingStructs->update.size());
    }
    if (!store.pendingDs.isEmpty()) {
        out += QStringLiteral("pending deletes: %1 bytes\n").arg(store.pendingDs.size());
    }
    return out;
}

bool DocImpl::checkInvariants(QString *why) const
{
    if (!store.checkInvariants(why)) {
        return false;
    }
    for (const auto &t : types) {
        quint64 len = 0;
        const Item *prev = nullptr;
        for (const Item *it = t->start; it; it = it->right) {
            if (it->left != prev || it->parent != t.get()) {
                *why = QStringLiteral("broken list in type %1").arg(t->name);
                return false;
            }
            len += it->visibleLength();
            prev = it;
        }
        if (len != t->length) {
            *why = QStringLiteral("type %1: length %2, items sum %3")
                       .arg(t->name)
                       .arg(t->length)
                       .arg(len);
            return false;
        }
        for (const YType::Marker &m : t->markers) {
            quint64 idx = 0;
            const Item *it = t->start;
            for (; it && it != m.item; it = it->right) {
                idx += it->visibleLength();
            }
            if (!it || idx != m.index) {
                *why = QStringLiteral("type %1: stale position marker").arg(t->name);
                return false;
            }
        }
    }
    return true;
}

} // namespace Chorus::Crdt
