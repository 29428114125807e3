// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "id.h"
#include "undotextmirror.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QVariantMap>

#include <functional>
#include <optional>
#include <vector>

namespace Chorus::Crdt {

class Doc;

// One entry of the undo or redo stack (yjs StackItem): a group of tracked transactions.
// `meta` is for the application, e.g. the cursor as a relative position to restore when the
// item is popped (yjs stackItem.meta).
struct StackItem
{
    quint32 id = 0;
    QVariantMap meta;
};

// yjs StackItemEvent.
struct StackItemEvent
{
    enum class Stack { Undo, Redo };
    StackItem &stackItem;
    Stack stack; // the stack the item was added to or popped from ('undo' / 'redo' in yjs)
    Origin origin; // the transaction's origin (the manager's own origin for undo/redo)
};

// Undo/redo for one Y.Text with yjs 13.6 UndoManager semantics
// (yjs src/utils/UndoManager.js):
// - only transactions whose origin is in trackedOrigins() are captured; the default is {0}
//   (yjs: new Set([null])), and the manager's own origin() is always tracked. Apply remote
//   updates with a non-zero origin, or they count as local edits, as in Yjs;
// - transactions less than captureTimeout() ms apart (500 by default) merge into one stack
//   item, by an injected clock (setClock: the engine has no clocks; without one nothing merges);
//   stopCapturing() ends the current group;
// - undo() reverts only this manager's changes: it removes the text its items inserted and
//   re-inserts the text they deleted where it was; other peers' edits are untouched;
// - an undo is itself a transaction with origin() and lands on the redo stack, a redo on the
//   undo stack; any other tracked change clears the redo stack;
// - stack-item events let the application save and restore its cursor (StackItem::meta).
// One deliberate difference: when text an undo restored is later split by an edit inside it,
// yjs 13.6 follows Item.redone to the first fragment only, so an older undo leaves the rest
// behind; this manager removes all of it.
// Works on the text's visible content through UndoTextMirror (see there for the why). Texts are
// UTF-16; a surrogate pair is never split. Not thread-safe; lives as long as the Doc or less.
class UndoManager
{
public:
    using Clock = std::function<qint64()>; // milliseconds, any epoch
    using Handler = std::function<void(const StackItemEvent &)>;

    UndoManager(Doc &doc, const QString &textName);
    ~UndoManager();
    UndoManager(const UndoManager &) = delete;
    UndoManager &operator=(const UndoManager &) = delete;

    bool undo(); // false when nothing was undone (stack empty or nothing left to change)
    bool redo();
    bool canUndo() const { return !m_undoStack.isEmpty(); }
    bool canRedo() const { return !m_redoStack.isEmpty(); }
    void stopCapturing() { m_lastChange.reset(); }
    void clear(bool undoStack = true, bool redoStack = true);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setCaptureTimeout(qint64 ms) { m_captureTimeout = ms; }
    qint64 captureTimeout() const { return m_captureTimeout; }
    QSet<Origin> trackedOrigins() const { return m_trackedOrigins; }
    void addTrackedOrigin(Origin origin) { m_trackedOrigins.insert(origin); }
    void removeTrackedOrigin(Origin origin) { m_trackedOrigins.remove(origin); }
    Origin origin() const { return reinterpret_cast<Origin>(this); }

    const QList<StackItem> &undoStack() const { return m_undoStack; }
    const QList<StackItem> &redoStack() const { return m_redoStack; }

    // yjs 'stack-item-added' / 'stack-item-updated' / 'stack-item-popped' / 'stack-cleared'.
    void onStackItemAdded(Handler h) { m_added.push_back(std::move(h)); }
    void onStackItemUpdated(Handler h) { m_updated.push_back(std::move(h)); }
    void onStackItemPopped(Handler h) { m_popped.push_back(std::move(h)); }
    void onStackCleared(std::function<void(bool undoCleared, bool redoCleared)> h)
    {
        m_cleared.push_back(std::move(h));
    }

    // Test support: the mirror agrees with the document's text.
    bool checkInvariants() const;

private:
    void textChanged(const QList<UndoTextMirror::Op> &delta, Origin origin);
    bool popStackItem(QList<StackItem> &stack, StackItemEvent::Stack which);
    void emit(const std::vector<Handler> &handlers, StackItem &item, StackItemEvent::Stack which,
              Origin origin);
    void pruneMirror();

    Doc &m_doc;
    QString m_textName;
    quint64 m_observer = 0; // ObserverId of the text observer
    UndoTextMirror m_mirror;
    QList<StackItem> m_undoStack;
    QList<StackItem> m_redoStack;
    QSet<Origin> m_trackedOrigins { Origin(0) };
    Clock m_clock;
    qint64 m_captureTimeout = 500;
    std::optional<qint64> m_lastChange;
    quint32 m_nextId = 1;
    // While undo()/redo() runs its transaction: the popped item and the one that captures it.
    quint32 m_popping = 0;
    quint32 m_capturing = 0;
    bool m_undoing = false;
    std::vector<Handler> m_added, m_updated, m_popped;
    std::vector<std::function<void(bool, bool)>> m_cleared;
};

} // namespace Chorus::Crdt
