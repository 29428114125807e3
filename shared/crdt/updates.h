#pragma once

#include "decodeerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Chorus::Crdt {

// The result of an update-level operation: the produced bytes, or why the input was rejected.
struct UpdateResult
{
    QByteArray update;
    DecodeError error;
    bool ok() const { return !error.isError(); }
};

// Update-level operations that need no document (yjs utils/updates.js), for the host. All
// inputs are untrusted v1 updates: each is fully decoded first, and a malformed one rejects the
// whole call with its typed error and offset. Outputs are byte-identical to Yjs 13.6's.

// yjs mergeUpdates: one update equivalent to all of them. A single update is returned as is.
UpdateResult mergeUpdates(const QList<QByteArray> &updates);
// yjs diffUpdate: the part of `update` that a peer with `encodedStateVector` lacks.
UpdateResult diffUpdate(QByteArrayView update, QByteArrayView encodedStateVector);
// yjs encodeStateVectorFromUpdate: the state vector an update alone would produce.
UpdateResult encodeStateVectorFromUpdate(QByteArrayView update);
// Decodes the whole update without applying anything; no error means it is well formed.
DecodeError validateUpdate(QByteArrayView update);

} // namespace Chorus::Crdt
