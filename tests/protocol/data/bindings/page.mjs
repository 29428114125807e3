// Runs in headless Chromium (bundled by record.mjs): each of the four common Yjs editor
// bindings in a real editor, with a real y-protocols Awareness. For a few selections made
// through the editor's own API, it records the awareness state the binding published (as it
// goes on the wire: the awareness update bytes and the JSON in them) and where real Yjs
// resolves the published anchor and head.
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { EditorState as CmState } from '@codemirror/state'
import { EditorView as CmView } from '@codemirror/view'
import { yCollab } from 'y-codemirror.next'
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js'
import { MonacoBinding } from 'y-monaco'
import Quill from 'quill'
import QuillCursors from 'quill-cursors'
import { QuillBinding } from 'y-quill'
import { Schema } from 'prosemirror-model'
import { EditorState as PmState, TextSelection } from 'prosemirror-state'
import { EditorView as PmView } from 'prosemirror-view'
import { ySyncPlugin, yCursorPlugin } from 'y-prosemirror'

// A text with a non-BMP character, so UTF-16 offsets matter.
const TEXT = 'h\u00e9llo \u{1F3B5} world\nline two'
const tick = (ms = 30) => new Promise(resolve => setTimeout(resolve, ms))
const toHex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')

// The editor is a fresh element; awareness and doc get fixed client ids so the fixtures are stable.
const setUp = (clientId, user) => {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalStateField('user', user)
  const parent = document.createElement('div')
  document.body.appendChild(parent)
  return { doc, awareness, parent }
}

// One recorded case: the state as a peer decodes it, and what real Yjs makes of its positions.
const snapshot = (name, doc, awareness, field, editorSelection) => {
  const bytes = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
  const state = JSON.parse(JSON.stringify(awareness.getLocalState()))
  const resolve = json => {
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc)
    if (abs === null) return null
    const root = abs.type._item === null ? Y.findRootTypeKey(abs.type) : null
    return { index: abs.index, type: abs.type.constructor.name, root }
  }
  const cursor = state[field]
  return {
    name,
    editorSelection,
    awarenessUpdate: toHex(bytes),
    state,
    resolved: cursor == null ? null : { anchor: resolve(cursor.anchor), head: resolve(cursor.head) }
  }
}

const finish = (binding, textName, doc, cases, extra = {}) => ({
  binding,
  textName,
  clientId: doc.clientID,
  text: textName === null ? null : doc.getText(textName).toString(),
  update: toHex(Y.encodeStateAsUpdate(doc)),
  ...extra,
  cases
})

const recordCodeMirror = async () => {
  const { doc, awareness, parent } = setUp(1001, { name: 'Ann (CodeMirror)', color: '#30bced', colorLight: '#30bced33' })
  const ytext = doc.getText('content')
  ytext.insert(0, TEXT)
  const view = new CmView({ state: CmState.create({ doc: ytext.toString(), extensions: [yCollab(ytext, awareness)] }), parent })
  view.focus()
  const cases = []
  const select = async (name, anchor, head) => {
    view.dispatch({ selection: { anchor, head } })
    await tick()
    cases.push(snapshot(name, doc, awareness, 'cursor', { anchor, head }))
  }
  await select('caret at the start', 0, 0)
  await select('caret after the emoji', 8, 8)
  await select('selection forwards', 2, 12)
  await select('selection backwards', 20, 5)
  await select('caret at the end', TEXT.length, TEXT.length)
  view.contentDOM.blur()
  view.dispatch({ selection: { anchor: 1, head: 1 } })
  await tick()
  cases.push(snapshot('editor lost focus', doc, awareness, 'cursor', null))
  return finish('y-codemirror.next', 'content', doc, cases)
}

const recordMonaco = async () => {
  self.MonacoEnvironment = { getWorker: () => new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' }))) }
  const { doc, awareness, parent } = setUp(1002, { name: 'Bo (Monaco)', color: '#ee6352' })
  parent.style.cssText = 'width: 600px; height: 200px'
  const ytext = doc.getText('content')
  ytext.insert(0, TEXT)
  const editor = monaco.editor.create(parent, { value: '', language: 'plaintext' })
  const model = editor.getModel()
  new MonacoBinding(ytext, model, new Set([editor]), awareness) // eslint-disable-line no-new
  editor.focus()
  const cases = []
  const select = async (name, anchor, head) => {
    const a = model.getPositionAt(anchor)
    const h = model.getPositionAt(head)
    editor.setSelection(new monaco.Selection(a.lineNumber, a.column, h.lineNumber, h.column))
    await tick()
    cases.push(snapshot(name, doc, awareness, 'selection', { anchor, head }))
  }
  await select('caret at the start', 0, 0)
  await select('caret after the emoji', 8, 8)
  await select('selection forwards', 2, 12)
  await select('selection backwards', 20, 5)
  await select('caret at the end', TEXT.length, TEXT.length)
  return finish('y-monaco', 'content', doc, cases)
}

const recordQuill = async () => {
  Quill.register('modules/cursors', QuillCursors)
  const { doc, awareness, parent } = setUp(1003, { name: 'Cy (Quill)', color: '#59cd90' })
  const ytext = doc.getText('content')
  ytext.insert(0, TEXT)
  const quill = new Quill(parent, { modules: { cursors: true, toolbar: false, history: { userOnly: true } } })
  new QuillBinding(ytext, quill, awareness) // eslint-disable-line no-new
  quill.focus()
  const cases = []
  const select = async (name, index, length) => {
    quill.setSelection(index, length, 'user')
    await tick()
    cases.push(snapshot(name, doc, awareness, 'cursor', { anchor: index, head: index + length }))
  }
  await select('caret at the start', 0, 0)
  await select('caret after the emoji', 8, 0)
  await select('selection', 2, 10)
  await select('caret before the final newline', TEXT.length, 0)
  quill.blur()
  await tick()
  cases.push(snapshot('editor lost focus', doc, awareness, 'cursor', null))
  return finish('y-quill', 'content', doc, cases)
}

const recordProseMirror = async () => {
  const schema = new Schema({
    nodes: {
      doc: { content: 'paragraph+' },
      paragraph: { content: 'text*', toDOM: () => ['p', 0], parseDOM: [{ tag: 'p' }] },
      text: {}
    }
  })
  const { doc, awareness, parent } = setUp(1004, { name: 'Di (ProseMirror)', color: '#3fa7d6' })
  const type = doc.getXmlFragment('prosemirror')
  const view = new PmView(parent, { state: PmState.create({ schema, plugins: [ySyncPlugin(type), yCursorPlugin(awareness)] }) })
  await tick(100)
  view.focus()
  view.dispatch(view.state.tr.insertText('hello world'))
  await tick(100)
  const cases = []
  const select = async (name, anchor, head) => {
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)))
    await tick()
    cases.push(snapshot(name, doc, awareness, 'cursor', { anchor, head }))
  }
  await select('caret in the paragraph', 3, 3)
  await select('selection', 2, 8)
  return finish('y-prosemirror', null, doc, cases, { fragment: 'prosemirror', xml: type.toString() })
}

window.recordAll = async () => ({
  'y-codemirror.next': await recordCodeMirror(),
  'y-monaco': await recordMonaco(),
  'y-quill': await recordQuill(),
  'y-prosemirror': await recordProseMirror()
})
