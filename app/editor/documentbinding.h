// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/editor/shadowtext.h"
#include "crdt/events.h"
#include "crdt/relativeposition.h"
#include "crdt/text.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace Chorus::Crdt {
class Doc;
class UndoManager;
} // namespace Chorus::Crdt

namespace Chorus::App {

class CodeEditor;

// Keeps a CodeEditor's QTextDocument and a Y.Text equal (the role of y-codemirror's binding).
//
// - Local edits: every QTextDocument::contentsChange becomes Text::remove/insert at the same
//   UTF-16 offsets (QTextDocument's block separator counts as one unit, like "\n"), in one
//   transaction with origin() per change; a large paste is one change and so one transaction.
//   The change is diffed against a shadow copy of the text first, so the format-only
//   "changes" the syntax highlighter reports produce nothing and a replaced word sends only
//   the characters that differ (never splitting a surrogate pair). Compound edits
//   (CodeEditor::compoundEdit, e.g. Replace All) collect their changes into one transaction.
// - Remote edits: every Text event whose origin is not origin() (the session's, the undo
//   manager's, or any other) is applied to the document with the binding's listener muted,
//   so nothing echoes back. The local cursor and selection are QTextCursors, which the
//   document moves through each insert and delete: text inserted above the cursor keeps the
//   cursor on the same character (mapping the delta, as y-codemirror does).
// - Input methods: while a composition is in progress, remote events are queued and applied
//   just before the composed text is committed, so the preedit never lands in a block that
//   changed under it, and the committed text goes in at the right offset.
// - Undo/redo: the editor's own stack is switched off; undo and redo go to a CRDT UndoManager
//   that tracks only origin(), so only this user's edits are undone.
//
// Both the document and the editor must outlive the binding. GUI thread only.
class DocumentBinding : public QObject
{
    Q_OBJECT
public:
    // If the Y.Text is empty, it takes the editor's current text (not undoable); otherwise the
    // editor's text is replaced by the Y.Text's.
    DocumentBinding(Crdt::Doc &doc, const QString &textName, CodeEditor *editor,
                    QObject *parent = nullptr);
    ~DocumentBinding() override;

    Crdt::Origin origin() const { return reinterpret_cast<Crdt::Origin>(this); }
    Crdt::Doc &doc() const { return m_doc; }
    Crdt::Text text() const { return m_text; }
    CodeEditor *editor() const { return m_editor; }
    Crdt::UndoManager &undoManager() const { return *m_undo; }
    // Remote changes waiting for an input-method composition to end.
    int queuedRemoteChanges() const { return int(m_queued.size()); }

    Crdt::RelativePosition relativePosition(int index) const;
    // -1 when the position cannot be resolved (yet).
    int absolutePosition(const Crdt::RelativePosition &position) const;

    bool undo();
    bool redo();

Q_SIGNALS:
    // A local edit went into the Y.Text.
    void localChangeApplied();
    // A remote (or undo) change was applied to the editor.
    void remoteChangeApplied();

private:
    struct Op
    {
        qsizetype index;
        qsizetype removed;
        QString inserted;
    };
    void onContentsChange(int position, int charsRemoved, int charsAdded);
    void onTextEvent(const Crdt::TextEvent &event);
    void applyDelta(const QList<Crdt::TextDelta> &delta, bool moveCursor);
    void flushQueued();
    void commit(const QList<Op> &ops);
    QString documentText(int position, int length) const;
    void createUndoManager();
    void renewUndoManagerIfIdle();

    // Remote inserts this large, with no undo history yet, rebuild the undo manager.
    static constexpr qsizetype LargeRemoteInsert = 64 * 1024;

    Crdt::Doc &m_doc;
    Crdt::Text m_text;
    QString m_textName;
    QPointer<CodeEditor> m_editor;
    std::unique_ptr<Crdt::UndoManager> m_undo;
    Crdt::ObserverId m_observer = 0;
    ShadowText m_shadow; // the editor's text as of the last change the binding saw
    QList<QList<Crdt::TextDelta>> m_queued;
    QList<Op> m_compound;
    int m_compoundDepth = 0;
    bool m_applyingRemote = false;
    bool m_undoRenewScheduled = false;
};

} // namespace Chorus::App
