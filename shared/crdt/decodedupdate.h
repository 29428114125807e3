// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content.h"
#include "decodeerror.h"
#include "deleteset.h"
#include "id.h"

#include <QByteArrayView>
#include <QString>

#include <limits>
#include <vector>

namespace Chorus::Crdt {

class UpdateEncoderV1;

// One struct as read from an update, before integration (yjs: a GC, Skip or an Item whose
// left/right are not yet resolved). The parent is a root type name, the ID of the parent
// type's item, or unknown (then it is copied from the origin's neighbour at integration).
struct Struct
{
    enum class Parent : quint8 { None, Name, Id };

    ID id;
    quint64 length = 0;
    bool hasOrigin = false;
    bool hasRightOrigin = false;
    bool hasParentSub = false;
    Parent parent = Parent::None;
    ID origin;
    ID rightOrigin;
    ID parentId;
    QString parentName;
    QString parentSub;
    Content content;

    bool isGC() const { return content.kind == ContentKind::GC; }
    bool isSkip() const { return content.kind == ContentKind::Skip; }
    bool isItem() const { return !isGC() && !isSkip(); }
    quint64 endClock() const { return id.clock + length; }
    Struct clone() const;
    // yjs updates.js sliceStruct: the part from clock id.clock + diff on.
    Struct sliced(quint64 diff) const;
    // yjs Item.write / GC.write / Skip.write, leaving out the first `offset` units.
    void write(UpdateEncoderV1 &enc, quint64 offset) const;
};

// All structs of one client section, in the order of the update.
struct ClientSection
{
    ClientId client = 0;
    quint64 clock = 0;
    std::vector<Struct> structs;
};

// A fully decoded v1 update: nothing in it is applied yet ("decode fully, then integrate").
struct DecodedUpdate
{
    std::vector<ClientSection> sections;
    DeleteSet deleteSet;

    // Reads a whole update. Trailing bytes, zero-length structs, clocks past 2^53 and unknown
    // refs are errors; nothing is allocated beyond what the input can justify.
    // `maxStructs` caps the structs of an update from outside (Limits::MaxStructs: each costs
    // ~170 bytes decoded, however few bytes it took on the wire); error OverLimit past it.
    static DecodedUpdate decode(QByteArrayView bytes, DecodeError *error,
                                quint64 maxStructs = std::numeric_limits<quint64>::max());
};

// Reads the struct sections only (the decoder then stands at the delete set).
std::vector<ClientSection>
readClientSections(UpdateDecoderV1 &dec, quint64 maxStructs = std::numeric_limits<quint64>::max());
// Reads one struct at (client, clock); errors go to the decoder.
Struct readStruct(UpdateDecoderV1 &dec, ClientId client, quint64 clock);

} // namespace Chorus::Crdt
