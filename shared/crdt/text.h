// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "events.h"
#include "id.h"

#include <QString>

#include <functional>
#include <optional>

namespace Chorus::Crdt {

class DocImpl;
class YType;

// A handle to a Y.Text (yjs types/YText.js) without formatting: plain UTF-16 text. Indexes and
// lengths are UTF-16 code units, as in Yjs and QString. insert/remove never split a surrogate
// pair: an index inside a pair moves to the pair's start and a removal grows to whole pairs.
// Out-of-range indexes are clamped. Each call runs in its own transaction unless it is inside
// Doc::transact. A cheap copyable handle; valid while its document lives.
class Text
{
public:
    Text(DocImpl *doc, YType *type)
        : m_doc(doc)
        , m_type(type)
    { }

    void insert(qsizetype index, const QString &text);
    void remove(qsizetype index, qsizetype length);
    QString toString() const;
    qsizetype length() const;

    // One event per transaction that changed this text, with the delta (yjs YTextEvent).
    ObserverId observe(std::function<void(const TextEvent &)> fn);

    // The current index of the visible character with this ID (for the undo manager).
    std::optional<qsizetype> indexOfId(ID id) const;
    // The UTF-16 content of the clock range [id.clock, id.clock + len) of id.client as far as
    // it is still stored (deleted text stays while garbage collection is off).
    QString deletedTextOf(ID id, qsizetype len) const;
    // The ID of the visible character at index (for relative positions and tests).
    std::optional<ID> idAt(qsizetype index) const;

    YType *type() const { return m_type; }
    DocImpl *doc() const { return m_doc; }

private:
    DocImpl *m_doc;
    YType *m_type;
};

} // namespace Chorus::Crdt
