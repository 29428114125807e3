// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Writes y-protocols' own encodings of a fixed set of messages as JSON on stdout, for
// tst_yprotocols to compare byte for byte with Chorus::Protocol. Run with CHORUS_NODE_DIR set.
import { pathToFileURL } from 'node:url'

const { Y, syncProtocol, awarenessProtocol, authProtocol, encoding } = await import(
  pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))

const hex = (u8) => Buffer.from(u8).toString('hex')
const message = (write) => {
  const enc = encoding.createEncoder()
  write(enc)
  return hex(encoding.toUint8Array(enc))
}
const out = {}

const doc = new Y.Doc()
doc.clientID = 1234
doc.getText('content').insert(0, 'Hello, 世界 😀')
const peer = new Y.Doc()
peer.clientID = 99
peer.getText('content').insert(0, 'x')
Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer))
const sv = Y.encodeStateVector(doc)
const peerSv = Y.encodeStateVector(peer)
out.stateVector = hex(sv)
out.peerStateVector = hex(peerSv)
out.update = hex(Y.encodeStateAsUpdate(doc))
out.diff = hex(Y.encodeStateAsUpdate(doc, peerSv))

out.syncStep1 = message((e) => { encoding.writeVarUint(e, 0); syncProtocol.writeSyncStep1(e, doc) })
out.syncStep2 = message((e) => { encoding.writeVarUint(e, 0); syncProtocol.writeSyncStep2(e, doc, peerSv) })
out.syncUpdate = message((e) => { encoding.writeVarUint(e, 0); syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc)) })
out.permissionDenied = message((e) => { encoding.writeVarUint(e, 2); authProtocol.writePermissionDenied(e, 'bad token: Zoë 😀') })
out.queryAwareness = message((e) => { encoding.writeVarUint(e, 3) })

// Awareness: the constructor sets the local state to {} at clock 0.
const awareness = new awarenessProtocol.Awareness(doc)
awareness.setLocalState({ user: { name: 'Zoë 😀', color: '#ff0000' }, cursor: null })
out.awarenessState = hex(awarenessProtocol.encodeAwarenessUpdate(awareness, [1234]))
out.awarenessMessage = message((e) => {
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [1234]))
})
// Keys in alphabetical order, as QJsonObject writes them.
awareness.setLocalState({ cursor: null, user: { color: '#00ff00', name: 'B' } })
out.awarenessSorted = hex(awarenessProtocol.encodeAwarenessUpdate(awareness, [1234]))
// A second client learned from an update, then removed.
const other = new awarenessProtocol.Awareness(peer)
other.setLocalState({ n: 1 })
awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(other, [99]), 'test')
out.awarenessBoth = hex(awarenessProtocol.encodeAwarenessUpdate(awareness, [1234, 99]))
awarenessProtocol.removeAwarenessStates(awareness, [99], 'test')
out.awarenessRemoved = hex(awarenessProtocol.encodeAwarenessUpdate(awareness, [99]))
awareness.setLocalState(null)
out.awarenessLocalNull = hex(awarenessProtocol.encodeAwarenessUpdate(awareness, [1234]))
awareness.destroy()
other.destroy()

process.stdout.write(JSON.stringify(out))
