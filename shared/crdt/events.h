// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "any.h"
#include "decodeerror.h"
#include "deleteset.h"
#include "id.h"

#include <QList>
#include <QSet>
#include <QString>

namespace Chorus::Crdt {

using ObserverId = quint64;

// The outcome of Doc::applyUpdate: a malformed update is rejected whole.
struct ApplyResult
{
    DecodeError error;
    bool ok() const { return !error.isError(); }
};

// What one transaction did, for the undo manager (yjs 'afterTransaction').
struct TransactionInfo
{
    Origin origin = 0;
    bool local = true;
    IdSet inserted; // ID ranges of items inserted in this transaction (all clients)
    DeleteSet deleted; // ID ranges deleted in this transaction, sorted and merged
};

// One step of a text change, in UTF-16 code units (yjs YTextEvent.delta without attributes).
struct TextDelta
{
    enum class Kind { Retain, Insert, Delete };
    Kind kind = Kind::Retain;
    qsizetype length = 0;
    QString text; // Insert only; an embed or nested type is inserted as U+FFFC
    friend bool operator==(const TextDelta &, const TextDelta &) = default;
};

struct TextEvent
{
    QList<TextDelta> delta;
    Origin origin = 0;
    bool local = true;
};

struct MapEvent
{
    QSet<QString> keysChanged;
    Origin origin = 0;
    bool local = true;
};

struct ArrayDelta
{
    enum class Kind { Retain, Insert, Delete };
    Kind kind = Kind::Retain;
    qsizetype length = 0;
    QList<Any> values; // Insert only
};

struct ArrayEvent
{
    QList<ArrayDelta> delta;
    Origin origin = 0;
    bool local = true;
};

} // namespace Chorus::Crdt
