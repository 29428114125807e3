// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodeerror.h"
#include "id.h"

#include <functional>
#include <vector>

namespace Chorus::Crdt {

struct Struct;

struct ClientSection;

// One item of an update as the nesting check sees it: where its parent comes from (a root name,
// the ID of the parent type's item, or the item its origin or right origin names) and whether
// it holds a nested type.
struct NestingRef
{
    enum class From : quint8 { Root, ParentItem, Neighbour };

    ID id;
    quint64 length = 0;
    ID ref; // ParentItem: the parent's item; Neighbour: the origin (else the right origin)
    qsizetype offset = 0; // the struct's byte offset in the update, 0 when unknown
    From from = From::Root;
    bool isType = false;
};

// Computes the nesting depth of every item of an update before anything is integrated, so that
// a type nested past Limits::MaxNesting rejects the whole update (STYLE.md: no partial
// application) instead of overflowing a recursive walk later. Depth here is the depth of the
// type that holds an item (0: a root type); the type an item holds is one deeper.
// `outside(id)` gives the depth of the type holding an item that is not in the update (the
// document's or room's own; 0 when unknown). Items whose parent cannot be found anywhere are
// counted at depth 0: they wait for a dependency, and the integrating document checks again
// (DocImpl::materialize). Reference cycles (forged) count as 0 too: they never integrate.
// On success `depths` holds one depth per ref (same order). Iterative: no recursion on input.
DecodeError checkNesting(std::vector<NestingRef> &refs, const std::function<int(ID)> &outside,
                         std::vector<int> *depths);

// The error for `ref`, a type that would be `depth` deep.
DecodeError nestingTooDeep(const NestingRef &ref, int depth);

// The ref of one item (`offset`: its byte offset in the update, for the error message).
NestingRef nestingRefOf(const Struct &item, qsizetype offset = 0);

// The refs of the items of decoded sections (GC and Skip structs have no parent).
std::vector<NestingRef> nestingRefs(const std::vector<ClientSection> &sections);

} // namespace Chorus::Crdt
