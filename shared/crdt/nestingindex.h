// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodeerror.h"
#include "id.h"

#include <QByteArrayView>

#include <map>
#include <unordered_map>

namespace Chorus::Crdt {

struct UpdateScan;

// The nesting depth of the items of a document kept at the update level (the host's rooms,
// which never integrate): for each client, runs of clocks whose items sit in a nested type,
// with that type's depth. Items of root types, the usual case, take no entry, so a text-only
// document's index is empty and checking an update without nested types costs nothing.
// Lets the host refuse an update that would nest a type past Limits::MaxNesting on top of
// what the room already holds (see checkNesting). A value type; one thread.
class NestingIndex
{
public:
    // Depth of the type holding the item at `id`: 0 for a root type or an unknown item.
    int containerDepth(ID id) const;
    bool isEmpty() const { return m_runs.empty(); }
    qsizetype runCount() const;

    // Checks an update that `scan` accepted (scanUpdate) and, if no type in it is nested too
    // deep, records its items. On error nothing is recorded. `enforce` false records what it
    // can without failing (updates that were accepted before, read back from disk).
    DecodeError add(QByteArrayView update, const UpdateScan &scan, bool enforce = true);

private:
    struct Run
    {
        quint64 end;
        int depth;
    };
    void record(ID id, quint64 length, int depth);

    std::unordered_map<ClientId, std::map<quint64, Run>> m_runs; // by client, by first clock
};

} // namespace Chorus::Crdt
