// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The session's documents, read live from the host's `.chorus/index` room: a Y.Map named
// `documents` whose keys are the room names (docs/host.md). Shown in the bar's drop-down and,
// when the page names no document, as a list to pick from.
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { connectRoom, roomOfPath } from './connection.js'

export const IndexRoom = '.chorus/index'

export class DocumentList {
  constructor ({ password, onChanged, onRefused }) {
    this.doc = new Y.Doc()
    const awareness = new Awareness(this.doc)
    awareness.setLocalState(null) // nobody edits the index: no presence there
    this.provider = connectRoom(IndexRoom, this.doc, {
      awareness,
      password,
      onReadOnly: () => {},
      onRefused
    })
    this.map = this.doc.getMap('documents')
    this.map.observe(() => onChanged(this.names()))
  }

  // Room names in plain text, oldest first (the index stores when each was created).
  names () {
    const entries = []
    this.map.forEach((value, key) => {
      const created = value && typeof value.created === 'number' ? value.created : 0
      entries.push([created, roomOfPath(key)])
    })
    entries.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))
    return entries.map((e) => e[1])
  }

  reconnect () {
    this.provider.connect()
  }
}
