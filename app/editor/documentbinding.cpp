// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/documentbinding.h"

#include "app/editor/codeeditor.h"
#include "crdt/doc.h"
#include "crdt/undomanager.h"

#include <QTextBlock>
#include <QTextDocument>

namespace Chorus::App {

DocumentBinding::DocumentBinding(Crdt::Doc &doc, const QString &textName, CodeEditor *editor,
                                 QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_text(doc.text(textName))
    , m_textName(textName)
    , m_editor(editor)
{
    QTextDocument *document = editor->document();
    if (m_text.length() == 0 && !document->isEmpty()) {
        // The editor's text becomes the shared text; it is the starting point, not an edit
        // anyone could undo, so it goes in with an untracked origin.
        const QString text = documentText(0, document->characterCount() - 1);
        m_shadow.reset(text);
        const auto loadOrigin = reinterpret_cast<Crdt::Origin>(&m_shadow);
        m_doc.transact([&] { m_text.insert(0, text); }, loadOrigin);
    } else {
        const QString text = m_text.toString();
        m_shadow.reset(text);
        m_applyingRemote = true;
        editor->setPlainText(text);
        m_applyingRemote = false;
    }
    // Made once the text is in: the undo manager's mirror is built from the whole text in
    // small chunks then (fed the same text as one insert, it would hold it in one huge chunk
    // and every keystroke would move megabytes).
    createUndoManager();
    m_observer = m_text.observe([this](const Crdt::TextEvent &event) { onTextEvent(event); });

    editor->setExternalUndo(true);
    connect(document, &QTextDocument::contentsChange, this, &DocumentBinding::onContentsChange);
    connect(editor, &CodeEditor::undoRequested, this, &DocumentBinding::undo);
    connect(editor, &CodeEditor::redoRequested, this, &DocumentBinding::redo);
    connect(editor, &CodeEditor::compositionAboutToEnd, this, &DocumentBinding::flushQueued);
    connect(editor, &CodeEditor::compoundEditStarted, this, [this] { ++m_compoundDepth; });
    connect(editor, &CodeEditor::compoundEditFinished, this, [this] {
        if (--m_compoundDepth == 0 && !m_compound.isEmpty()) {
            const QList<Op> ops = std::exchange(m_compound, {});
            commit(ops);
        }
    });
}

void DocumentBinding::createUndoManager()
{
    m_undo = std::make_unique<Crdt::UndoManager>(m_doc, m_textName);
    m_undo->removeTrackedOrigin(0);
    m_undo->addTrackedOrigin(origin());
    m_undo->setClock(&CodeEditor::clockMs);
}

void DocumentBinding::renewUndoManagerIfIdle()
{
    m_undoRenewScheduled = false;
    // Only while there is no history to lose (a joined document's first sync, typically).
    if (!m_undo->canUndo() && !m_undo->canRedo()) {
        createUndoManager();
    }
}

DocumentBinding::~DocumentBinding()
{
    m_doc.removeObserver(m_observer);
    if (m_editor) {
        m_editor->setExternalUndo(false);
    }
}

QString DocumentBinding::documentText(int position, int length) const
{
    if (length <= 0) {
        return {};
    }
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(position);
    cursor.setPosition(position + length, QTextCursor::KeepAnchor);
    QString text = cursor.selectedText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    return text;
}

void DocumentBinding::onContentsChange(int position, int charsRemoved, int charsAdded)
{
    if (m_applyingRemote || !m_editor) {
        return;
    }
    // QTextDocument sometimes reports ranges that include its implicit final block separator,
    // and the highlighter reports format-only "changes": derive the real extent from lengths
    // and let the diff below find what actually changed.
    const qsizetype newLength = m_editor->document()->characterCount() - 1;
    const qsizetype oldLength = m_shadow.size();
    qsizetype from = std::clamp<qsizetype>(position, 0, qMin(oldLength, newLength));
    qsizetype added = std::clamp<qsizetype>(charsAdded, 0, newLength - from);
    qsizetype removed = added - (newLength - oldLength);
    if (removed < 0 || from + removed > oldLength || charsRemoved < 0) {
        from = 0; // cannot happen with a sane report; fall back to the whole text
        added = newLength;
        removed = oldLength;
    }
    const QString inserted = documentText(int(from), int(added));
    // Only the replaced range of the old text is needed (usually a few units; a whole block
    // when the highlighter re-marks one).
    const QString old = m_shadow.mid(from, removed);
    // Trim what stayed the same, never splitting a surrogate pair.
    qsizetype prefix = 0;
    const qsizetype common = qMin(removed, added);
    while (prefix < common && old.at(prefix) == inserted.at(prefix)) {
        ++prefix;
    }
    if (prefix > 0 && QChar::isHighSurrogate(inserted.at(prefix - 1).unicode())) {
        --prefix;
    }
    qsizetype suffix = 0;
    while (suffix < common - prefix
           && old.at(removed - 1 - suffix) == inserted.at(added - 1 - suffix)) {
        ++suffix;
    }
    if (suffix > 0 && QChar::isLowSurrogate(inserted.at(added - suffix).unicode())) {
        --suffix;
    }
    Op op { from + prefix, removed - prefix - suffix,
            inserted.mid(prefix, added - prefix - suffix) };
    if (op.removed == 0 && op.inserted.isEmpty()) {
        return;
    }
    m_shadow.replace(op.index, op.removed, op.inserted);
    if (m_compoundDepth > 0) {
        m_compound << op;
        return;
    }
    commit({ op });
}

void DocumentBinding::commit(const QList<Op> &ops)
{
    m_doc.transact(
        [&] {
            for (const Op &op : ops) {
                if (op.removed > 0) {
                    m_text.remove(op.index, op.removed);
                }
                if (!op.inserted.isEmpty()) {
                    m_text.insert(op.index, op.inserted);
                }
            }
        },
        origin());
    Q_EMIT localChangeApplied();
}

void DocumentBinding::onTextEvent(const Crdt::TextEvent &event)
{
    if (event.origin == origin() || !m_editor) {
        return;
    }
    if (m_editor->isComposing() || !m_queued.isEmpty()) {
        m_queued << event.delta;
        return;
    }
    applyDelta(event.delta, event.origin == m_undo->origin());
    qsizetype inserted = 0;
    for (const Crdt::TextDelta &step : event.delta) {
        inserted += step.kind == Crdt::TextDelta::Kind::Insert ? step.text.size() : 0;
    }
    if (inserted >= LargeRemoteInsert && !m_undoRenewScheduled && !m_undo->canUndo()
        && !m_undo->canRedo()) {
        // A large text arrived (a joined document's first sync): rebuild the undo manager's
        // mirror from the whole text, in small chunks. Not from inside this observer, which
        // the old manager's observer runs beside.
        m_undoRenewScheduled = true;
        QMetaObject::invokeMethod(this, &DocumentBinding::renewUndoManagerIfIdle,
                                  Qt::QueuedConnection);
    }
}

void DocumentBinding::flushQueued()
{
    const auto queued = std::exchange(m_queued, {});
    for (const auto &delta : queued) {
        applyDelta(delta, false);
    }
}

void DocumentBinding::applyDelta(const QList<Crdt::TextDelta> &delta, bool moveCursor)
{
    QTextCursor cursor(m_editor->document());
    qsizetype index = 0;
    qsizetype changedAt = -1;
    m_applyingRemote = true;
    cursor.beginEditBlock();
    for (const Crdt::TextDelta &step : delta) {
        switch (step.kind) {
        case Crdt::TextDelta::Kind::Retain: index += step.length; break;
        case Crdt::TextDelta::Kind::Insert:
            cursor.setPosition(int(index));
            cursor.insertText(step.text);
            m_shadow.replace(index, 0, step.text);
            index += step.text.size();
            changedAt = index;
            break;
        case Crdt::TextDelta::Kind::Delete:
            cursor.setPosition(int(index));
            cursor.setPosition(int(index + step.length), QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
            m_shadow.replace(index, step.length, QString());
            changedAt = index;
            break;
        }
    }
    cursor.endEditBlock();
    m_applyingRemote = false;
    if (moveCursor && changedAt >= 0) {
        // After an undo or redo the caret goes where the change was, as in every editor.
        QTextCursor caret = m_editor->textCursor();
        caret.setPosition(int(changedAt));
        m_editor->setTextCursor(caret);
    }
    Q_EMIT remoteChangeApplied();
}

bool DocumentBinding::undo()
{
    m_undo->stopCapturing();
    return m_undo->undo();
}

bool DocumentBinding::redo()
{
    return m_undo->redo();
}

Crdt::RelativePosition DocumentBinding::relativePosition(int index) const
{
    return Crdt::createRelativePositionFromTypeIndex(m_text, index);
}

int DocumentBinding::absolutePosition(const Crdt::RelativePosition &position) const
{
    const auto index = Crdt::createAbsolutePositionFromRelativePosition(position, m_text);
    return index ? int(*index) : -1;
}

} // namespace Chorus::App
