// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "id.h"

namespace Chorus::Crdt {

class DocImpl;
class YType;
struct Item;
struct Transaction;

// Index lookups in a type's sequence, shared by Text and Array. Positions count visible
// countable units (UTF-16 code units for text). The walk starts at the type's position
// marker when it has one, so edits near the previous one cost O(distance).
namespace Sequence {

struct Position
{
    Item *item = nullptr; // visible item whose range holds the position; null at the end
    quint64 index = 0; // visible index at which `item` starts
};

// The visible item containing `index` (index < type->length), without splitting.
Position findContaining(YType *type, quint64 index);
// Splits so that a visible item starts exactly at `index`; returns it (null at the end).
Item *itemStartingAt(DocImpl *doc, Transaction &txn, YType *type, quint64 index);
// The visible item ending exactly at `index` (split if needed); null when index is 0.
Item *itemEndingAt(DocImpl *doc, Transaction &txn, YType *type, quint64 index);

} // namespace Sequence
} // namespace Chorus::Crdt
