// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "undomanager.h"

#include "doc.h"
#include "events.h"
#include "text.h"

namespace Chorus::Crdt {

namespace {

// The text event's delta (yjs YTextEvent.delta: insert / retain / delete) as mirror ops.
QList<UndoTextMirror::Op> mirrorOps(const TextEvent &event)
{
    QList<UndoTextMirror::Op> ops;
    ops.reserve(event.delta.size());
    for (const TextDelta &d : event.delta) {
        using Kind = UndoTextMirror::Op::Kind;
        switch (d.kind) {
        case TextDelta::Kind::Insert: ops.append({ Kind::Insert, 0, d.text }); break;
        case TextDelta::Kind::Delete: ops.append({ Kind::Delete, d.length, {} }); break;
        case TextDelta::Kind::Retain: ops.append({ Kind::Retain, d.length, {} }); break;
        }
    }
    return ops;
}

} // namespace

UndoManager::UndoManager(Doc &doc, const QString &textName)
    : m_doc(doc)
    , m_textName(textName)
{
    auto &&text = m_doc.text(m_textName);
    m_mirror.reset(text.toString());
    m_observer = text.observe(
        [this](const TextEvent &event) { textChanged(mirrorOps(event), event.origin); });
}

UndoManager::~UndoManager()
{
    m_doc.removeObserver(m_observer);
}

bool UndoManager::checkInvariants() const
{
    return m_mirror.text() == m_doc.text(m_textName).toString();
}

void UndoManager::emit(const std::vector<Handler> &handlers, StackItem &item,
                       StackItemEvent::Stack which, Origin origin)
{
    const StackItemEvent event { item, which, origin };
    for (const Handler &h : handlers) {
        h(event);
    }
}

// Port of the afterTransaction handler of yjs UndoManager (constructor), for one text.
void UndoManager::textChanged(const QList<UndoTextMirror::Op> &delta, Origin origin)
{
    const bool tracked = origin == this->origin() || m_trackedOrigins.contains(origin);
    if (!tracked) {
        m_mirror.apply(delta, 0);
        return;
    }
    if (m_popping != 0) {
        // Our own undo/redo: it goes to the other stack as a new item, never merged.
        m_mirror.commitUndo(m_popping, m_capturing);
        QList<StackItem> &stack = m_undoing ? m_redoStack : m_undoStack;
        stack.append(StackItem { m_capturing, {} });
        if (m_undoing) {
            stopCapturing(); // the next undo must not join this item
        }
        emit(m_added, stack.last(),
             m_undoing ? StackItemEvent::Stack::Redo : StackItemEvent::Stack::Undo, origin);
        return;
    }
    clear(false, true); // a new change makes the redo stack meaningless
    const std::optional<qint64> now = m_clock ? std::optional<qint64>(m_clock()) : std::nullopt;
    const bool merge
        = now && m_lastChange && *now - *m_lastChange < m_captureTimeout && !m_undoStack.isEmpty();
    if (!merge) {
        m_undoStack.append(StackItem { m_nextId++, {} });
    }
    m_mirror.apply(delta, m_undoStack.last().id);
    m_lastChange = now;
    emit(merge ? m_updated : m_added, m_undoStack.last(), StackItemEvent::Stack::Undo, origin);
}

// Port of yjs popStackItem: pops items until one changes the text.
bool UndoManager::popStackItem(QList<StackItem> &stack, StackItemEvent::Stack which)
{
    while (!stack.isEmpty()) {
        StackItem item = stack.takeLast();
        const QList<UndoTextMirror::Edit> edits = m_mirror.planUndo(item.id);
        if (edits.isEmpty()) {
            pruneMirror();
            continue;
        }
        m_popping = item.id;
        m_capturing = m_nextId++;
        m_doc.transact(
            [&] {
                auto &&text = m_doc.text(m_textName);
                for (const UndoTextMirror::Edit &e : edits) {
                    if (e.removeLength > 0) {
                        text.remove(e.index, e.removeLength);
                    }
                    if (!e.insertText.isEmpty()) {
                        text.insert(e.index, e.insertText);
                    }
                }
            },
            origin());
        m_popping = 0;
        m_capturing = 0;
        pruneMirror();
        emit(m_popped, item, which, origin());
        return true;
    }
    return false;
}

bool UndoManager::undo()
{
    m_undoing = true;
    const bool done = popStackItem(m_undoStack, StackItemEvent::Stack::Undo);
    m_undoing = false;
    return done;
}

bool UndoManager::redo()
{
    return popStackItem(m_redoStack, StackItemEvent::Stack::Redo);
}

void UndoManager::clear(bool undoStack, bool redoStack)
{
    const bool clearUndo = undoStack && canUndo();
    const bool clearRedo = redoStack && canRedo();
    if (!clearUndo && !clearRedo) {
        return;
    }
    if (clearUndo) {
        m_undoStack.clear();
    }
    if (clearRedo) {
        m_redoStack.clear();
    }
    pruneMirror();
    for (const auto &h : m_cleared) {
        h(clearUndo, clearRedo);
    }
}

void UndoManager::pruneMirror()
{
    if (m_undoStack.isEmpty() && m_redoStack.isEmpty()) {
        m_mirror.clearTags();
        return;
    }
    QSet<quint32> live;
    for (const StackItem &s : std::as_const(m_undoStack)) {
        live.insert(s.id);
    }
    for (const StackItem &s : std::as_const(m_redoStack)) {
        live.insert(s.id);
    }
    m_mirror.prune([&live](quint32 id) { return live.contains(id); });
}

} // namespace Chorus::Crdt
