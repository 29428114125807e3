// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodeerror.h"
#include "id.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <vector>

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
// Where the client sections of a valid update start and end, so that a diff can pass over the
// sections a state vector covers without decoding them (the host keeps one per room state).
// Not usable (fall back to diffUpdate) when a client has more than one section.
struct SectionIndex
{
    struct Section
    {
        ClientId client;
        quint64 endClock;
        qsizetype offset; // of the section's header
    };
    std::vector<Section> sections;
    qsizetype deleteSetOffset = 0;
    bool usable = false;
};
SectionIndex indexSections(QByteArrayView update);
// diffUpdate of a valid update with its index: the same bytes, but a section whose clocks the
// state vector covers costs nothing.
UpdateResult diffUpdate(QByteArrayView update, const SectionIndex &index,
                        QByteArrayView encodedStateVector);
// yjs encodeStateVectorFromUpdate: the state vector an update alone would produce.
UpdateResult encodeStateVectorFromUpdate(QByteArrayView update);
// Decodes the whole update without applying anything; no error means it is well formed.
DecodeError validateUpdate(QByteArrayView update);

} // namespace Chorus::Crdt
