// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The CodeMirror 6 view: a plain-text editor with line numbers, the default key bindings and
// the collaboration extension (y-codemirror.next's yCollab, which brings its own undo).
import { defaultKeymap, indentWithTab } from '@codemirror/commands'
import { Compartment, EditorState } from '@codemirror/state'
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, keymap, lineNumbers
} from '@codemirror/view'

const editable = new Compartment()

export function createEditor (parent, text, collaboration) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        keymap.of([...defaultKeymap, indentWithTab]),
        editable.of([]),
        collaboration
      ]
    })
  })
}

// Read-only: the text cannot be changed here, the caret still moves and is still shared.
export function setReadOnly (view, readOnly) {
  view.dispatch({
    effects: editable.reconfigure(readOnly ? [EditorState.readOnly.of(true)] : [])
  })
}
