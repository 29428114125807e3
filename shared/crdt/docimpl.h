// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodedupdate.h"
#include "events.h"
#include "item.h"
#include "structstore.h"
#include "transaction.h"
#include "ytype.h"

#include <QByteArray>
#include <QHash>

#include <functional>
#include <memory>
#include <vector>

namespace Chorus::Crdt {

class UpdateEncoderV1;

// The document's state and algorithms behind the public Doc handle (yjs Doc.js plus the
// functions of Item.js, StructStore.js, Transaction.js and encoding.js that act on a doc).
// Not thread-safe: one thread uses a document and its handles.
class DocImpl
{
public:
    explicit DocImpl(ClientId id)
        : clientId(id)
    { }
    ~DocImpl();

    ClientId clientId;
    bool gc = true;
    StructStore store;
    ItemPool pool;
    std::vector<std::unique_ptr<YType>> types;
    QHash<QString, YType *> share;
    Transaction *transaction = nullptr;
    std::vector<std::unique_ptr<Transaction>> cleanups;
    quint64 nextObserverId = 1;
    std::vector<std::pair<ObserverId, std::function<void(const QByteArray &, Origin, bool)>>>
        updateObservers;
    std::vector<std::pair<ObserverId, std::function<void(const TransactionInfo &)>>>
        afterTransactionObservers;

    // --- types
    YType *get(const QString &name); // root type, created on first use
    YType *newType(TypeRef ref, const QString &nodeName);

    // --- transactions (Transaction.js)
    // yjs transact: nested calls join the running transaction (a template: no std::function
    // allocation per keystroke).
    template<typename F> void transact(F &&fn, Origin origin, bool local)
    {
        const bool initialCall = beginTransaction(origin, local);
        fn(*transaction);
        if (initialCall) {
            endTransaction();
        }
    }
    bool beginTransaction(Origin origin, bool local);
    void endTransaction();
    std::vector<std::unique_ptr<Transaction>> spareTransactions; // reused, keeping capacity
    void cleanupTransactions();
    void cleanupTransaction(Transaction &txn);

    // --- struct store operations that split (StructStore.js, Item.js)
    Item *splitItem(Transaction &txn, Item *left, quint64 diff);
    Item *getItemCleanStart(Transaction &txn, ID id);
    Item *getItemCleanEnd(Transaction &txn, ID id);
    size_t findIndexCleanStart(Transaction &txn, StructStore::Structs &structs, quint64 clock);

    // --- Item.js
    void integrate(Transaction &txn, Item *item, quint64 offset);
    void deleteItem(Transaction &txn, Item *item);
    void gcItem(Item *item, bool parentGCd);
    bool mergeWith(Item *left, Item *right);
    size_t tryToMergeWithLefts(StructStore::Structs &structs, size_t pos);
    void tryGcDeleteSet(const DeleteSet &ds);
    void tryMergeDeleteSet(const DeleteSet &ds);
    // A new local item (yjs `new Item(nextID, left, left.lastId, right, right.id, ...)`),
    // integrated right away.
    Item *insertLocal(Transaction &txn, YType *parent, Item *left, Item *right,
                      const QString &parentSub, Content content, quint64 length);

    // --- encoding.js
    ApplyResult applyUpdate(QByteArrayView update, Origin origin);
    void readUpdate(Transaction &txn, DecodedUpdate &update);
    QByteArray encodeStateAsUpdate(const StateVector &sv, QByteArrayView encodedSv) const;
    void writeClientsStructs(UpdateEncoderV1 &enc, const StateVector &sv) const;
    void writeItem(UpdateEncoderV1 &enc, const Item *item, quint64 offset) const;
    DeleteSet deleteSetFromStore() const;

    QString debugDump() const;
    bool checkInvariants(QString *why) const;

private:
    mutable std::vector<std::pair<ClientId, quint64>> m_scratchClocks; // writeClientsStructs
    QByteArray integrateStructs(Transaction &txn, std::vector<ClientSection> &sections,
                                StateVector *missing);
    std::optional<ClientId> missingDependency(const Struct &s) const;
    DecodeError checkNesting(const DecodedUpdate &update) const;
    int containerDepth(ID id) const; // depth of the type holding the item at id, 0 if none
    Item *materialize(Transaction &txn, Struct &s);
    QByteArray readAndApplyDeleteSet(Transaction &txn, const DeleteSet &ds);
};

} // namespace Chorus::Crdt
