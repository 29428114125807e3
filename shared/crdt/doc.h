// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "events.h"
#include "id.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

namespace Chorus::Crdt {

class DocImpl;
class Text;
class Map;
class Array;

// A Yjs-compatible document (yjs Doc.js): root types by name, transactions, update v1
// encoding and decoding. The client id is injected (no randomness inside). Garbage collection
// of deleted content is on by default. Not thread-safe: use a document and its handles on one
// thread. Handles (Text, Map, Array) stay valid as long as the document lives.
class Doc
{
public:
    explicit Doc(ClientId clientId);
    ~Doc();
    Doc(const Doc &) = delete;
    Doc &operator=(const Doc &) = delete;

    ClientId clientId() const;

    // Root types by name, created on first use (yjs doc.getText/getMap/getArray).
    Text text(const QString &name);
    Map map(const QString &name);
    Array array(const QString &name);

    // Runs fn in one transaction; nested calls join the outer transaction.
    void transact(const std::function<void()> &fn, Origin origin = 0);

    // yjs encodeStateAsUpdate: everything the holder of `encodedStateVector` lacks (all of the
    // document when empty), pending updates included. A malformed state vector gives an
    // empty result.
    QByteArray encodeStateAsUpdate(QByteArrayView encodedStateVector = {}) const;
    QByteArray encodeStateVector() const;
    // Decodes the whole update first: a malformed update is rejected and nothing is applied.
    // Structs and deletions with missing dependencies wait (see hasPending()).
    ApplyResult applyUpdate(QByteArrayView update, Origin origin = 0);
    bool hasPending() const;

    // Called once per transaction that changed something, with its v1 update (yjs 'update').
    ObserverId
    onUpdate(std::function<void(const QByteArray &update, Origin origin, bool local)> fn);
    // Called after every transaction, before garbage collection (yjs 'afterTransaction').
    ObserverId onAfterTransaction(std::function<void(const TransactionInfo &)> fn);
    void removeObserver(ObserverId id);

    void setGcEnabled(bool enabled);
    bool isGcEnabled() const;

    QString debugDump() const;
    bool checkInvariants() const;
    QString invariantViolation() const; // empty when checkInvariants() holds

    DocImpl *impl() const { return d.get(); } // for the engine's own classes

private:
    std::unique_ptr<DocImpl> d;
};

} // namespace Chorus::Crdt
