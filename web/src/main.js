// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Chorus web editor: what a Chorus host serves at its HTTP root for guests without the app.
// http://HOST:PORT/?doc=ROOM edits the room ROOM (ws://HOST:PORT/ROOM) with CodeMirror 6 bound to
// the root Y.Text `content` (?text=NAME for a host configured otherwise) by y-codemirror.next;
// without ?doc it lists the session's documents.
import * as Y from 'yjs'
import { yCollab } from 'y-codemirror.next'
import { connectRoom } from './connection.js'
import { DocumentList } from './documentlist.js'
import { freeColor, lightOf, Palette, storedName, storeName } from './identity.js'
import { createEditor, setReadOnly } from './editor.js'
import { ui } from './ui.js'

const params = new URLSearchParams(location.search)
const textName = params.get('text') || 'content'
const PasswordKey = 'chorus.password'

const page = {
  room: params.get('doc') || '',
  name: '',
  color: Palette[0], // until the others' colours are known (the first sync)
  password: sessionStorage.getItem(PasswordKey) || '',
  documents: null,
  session: null // { doc, ytext, provider, view }
}
window.chorus = page // for the browser test and for curious guests

function userState () {
  return { name: page.name, color: page.color, colorLight: lightOf(page.color) }
}

function onRefused ({ code, reason }) {
  if (code !== 1008) {
    return
  }
  if (/token|authentication|password/i.test(reason)) {
    ui.setStatus('refused', 'Password needed')
    askPassword(page.password ? 'That password was not accepted.' : 'This session needs a password.')
  } else {
    ui.setStatus('refused', 'Refused: ' + (reason || 'not allowed'))
  }
}

async function askPassword (reason) {
  page.password = await ui.askPassword(reason)
  sessionStorage.setItem(PasswordKey, page.password)
  page.documents.reconnect()
  if (page.session) {
    page.session.provider.connect()
  }
}

// Two people in one room never wear one colour while the palette lasts: on a clash the one
// with the larger client id moves at once, the other after a moment (a peer that never moves,
// such as an older app, is then given way to).
function resolveColorClash (awareness) {
  const self = awareness.clientID
  let clash = null
  awareness.getStates().forEach((state, client) => {
    if (client !== self && state.user && String(state.user.color).toLowerCase() === page.color) {
      clash = clash === null ? client : Math.min(clash, client)
    }
  })
  if (clash === null) {
    return
  }
  setTimeout(() => {
    const next = freeColor(awareness.getStates(), self, null)
    if (page.session && page.session.provider.awareness === awareness && next !== page.color) {
      page.color = next
      awareness.setLocalStateField('user', userState())
      ui.showMe(page.name, page.color)
    }
  }, clash < self ? 0 : 1500)
}

function openDocument (room) {
  closeDocument()
  page.room = room
  document.title = room + ' · Chorus'
  ui.showPicker(false)
  const doc = new Y.Doc()
  const ytext = doc.getText(textName)
  const provider = connectRoom(room, doc, {
    password: () => page.password,
    onReadOnly: (readOnly, reason) => {
      setReadOnly(page.session.view, readOnly)
      ui.setReadOnly(readOnly, reason)
    },
    onRefused
  })
  const awareness = provider.awareness
  awareness.setLocalStateField('user', userState())
  const undoManager = new Y.UndoManager(ytext)
  const view = createEditor(ui.editorElement, ytext.toString(),
    yCollab(ytext, awareness, { undoManager }))
  page.session = { doc, ytext, provider, view }
  provider.on('status', ({ status }) => ui.setStatus(status, ui.statusText(status, provider.synced)))
  provider.on('sync', (synced) => synced && ui.setStatus('connected', 'Connected'))
  // The first states are in with the sync: keep the colour if nobody wears it, else move.
  provider.once('sync', () => {
    const free = freeColor(awareness.getStates(), awareness.clientID, page.color)
    if (free !== page.color) {
      page.color = free
      awareness.setLocalStateField('user', userState())
      ui.showMe(page.name, page.color)
    }
  })
  awareness.on('change', () => {
    ui.showPeople(awareness, page.name)
    resolveColorClash(awareness)
  })
  ui.showPeople(awareness, page.name)
  ui.showDocuments(page.documents.names(), room)
  view.focus()
}

function closeDocument () {
  if (!page.session) {
    return
  }
  page.session.provider.destroy()
  page.session.view.destroy()
  page.session.doc.destroy()
  page.session = null
  ui.setReadOnly(false, '')
}

function navigate (room) {
  history.pushState(null, '', '?doc=' + encodeURIComponent(room))
  openDocument(room)
}

async function rename () {
  page.name = await ui.askName(page.name)
  storeName(page.name)
  ui.showMe(page.name, page.color)
  if (page.session) {
    page.session.provider.awareness.setLocalStateField('user', userState())
  }
}

async function start () {
  page.name = storedName() || await ui.askName('')
  storeName(page.name)
  ui.showMe(page.name, page.color)
  ui.onRename(rename)
  ui.onDocumentChosen(navigate)
  page.documents = new DocumentList({
    password: () => page.password,
    onChanged: (names) => {
      ui.showDocuments(names, page.room)
      if (!page.room) {
        ui.showPicker(true, names)
      }
    },
    onRefused
  })
  window.addEventListener('popstate', () => {
    const room = new URLSearchParams(location.search).get('doc') || ''
    room ? openDocument(room) : (closeDocument(), ui.showPicker(true, page.documents.names()))
  })
  if (page.room) {
    openDocument(page.room)
  } else {
    ui.setStatus('connecting', 'Choose a document')
    ui.showPicker(true, page.documents.names())
  }
}

start()
