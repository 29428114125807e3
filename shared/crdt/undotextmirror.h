// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace Chorus::Crdt {

// The UndoManager's bookkeeping for one Y.Text: a mirror of the visible text, kept in step by
// every transaction's delta, in which each UTF-16 unit records which undo/redo stack items
// inserted (or restored) it, plus tombstones for the units a tracked transaction deleted, in
// document order, with the stack item that deleted them. Undoing stack item N is then: remove
// the visible units tagged N, re-insert the tombstones deleted by N where they sit. That gives
// yjs 13.6 UndoManager semantics without touching the document's internals:
// - units inserted and deleted within one stack item are never restored (yjs popStackItem);
// - restored units keep their earlier tags, so an older undo still removes them (what yjs
//   gets from Item.redone / followRedone);
// - units other peers inserted carry no tag and are never touched.
// Tombstone order among themselves is this peer's view; only visible order is exact, so a
// restore lands where the text was, between the same visible neighbours.
// Units are kept in chunks of at most 1024 with their visible count, so a transaction costs
// O(text length / 1024 + chunk size) to find its place; undo/redo themselves walk the text.
// Not thread-safe; owned by one UndoManager.
class UndoTextMirror
{
public:
    struct Op
    {
        enum class Kind { Retain, Insert, Delete };
        Kind kind = Kind::Retain;
        qsizetype length = 0; // Retain/Delete, in UTF-16 units
        QString text; // Insert
    };
    // One edit of an undo, at an index valid before any of the plan's edits; a plan lists them
    // from the end of the text to the start, so they can be applied in that order.
    struct Edit
    {
        qsizetype index = 0;
        qsizetype removeLength = 0;
        QString insertText;
    };

    void reset(const QString &text);
    // A transaction's delta. Inserted units are tagged `tag` (0: untracked); deleted units
    // become tombstones of `tag`, except untracked deletes and units `tag` itself inserted,
    // which are dropped.
    void apply(const QList<Op> &delta, quint32 tag);
    QList<Edit> planUndo(quint32 item) const;
    // The plan of `item` was applied in a transaction captured as stack item `newItem`.
    void commitUndo(quint32 item, quint32 newItem);
    // Drops tombstones whose stack item is gone (`isLive` false for it).
    template<typename F> void prune(F isLive);
    void clearTags(); // no stack item is left

    QString text() const;
    qsizetype tombstones() const;

private:
    struct Unit
    {
        char16_t ch = 0;
        bool visible = true;
        quint32 tags = 0; // index into m_tagSets; 0 is the empty set
        quint32 deletedBy = 0;
    };

    bool hasTag(quint32 set, quint32 tag) const;
    quint32 withTag(quint32 set, quint32 tag);

    struct Chunk
    {
        std::vector<Unit> units;
        qsizetype visible = 0;
    };
    static constexpr size_t MaxChunk = 1024;
    void recount(Chunk &c);
    void splitIfLarge(size_t ci);

    std::vector<Chunk> m_chunks { Chunk {} }; // never empty
    QList<QList<quint32>> m_tagSets { QList<quint32> {} };
    QHash<QList<quint32>, quint32> m_tagSetIds;
};

template<typename F> void UndoTextMirror::prune(F isLive)
{
    for (Chunk &c : m_chunks) {
        std::erase_if(c.units, [&](const Unit &u) { return !u.visible && !isLive(u.deletedBy); });
    }
    std::erase_if(m_chunks, [](const Chunk &c) { return c.units.empty(); });
    if (m_chunks.empty()) {
        m_chunks.push_back(Chunk {});
    }
}

} // namespace Chorus::Crdt
