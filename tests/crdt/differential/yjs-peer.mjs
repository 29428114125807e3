#!/usr/bin/env node
// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// yjs-peer.mjs — hosts real Yjs 13.6 documents for the differential tests (tst_differential,
// tst_tracereplay) in ONE long-lived Node process, driven over stdin/stdout.
//
// Protocol: line-delimited JSON. Each request is one line holding an object with a "cmd" field;
// each is answered by exactly one line. Binary values (updates, state vectors) travel as base64
// strings. An answer is {"ok":true, ...} or {"ok":false,"error":"..."}. Commands that touch a
// peer answer with its current view: "text" (the Y.Text "text"), "alen" (Y.Array "array" length)
// and the updates the command produced ("updates": base64 list, from doc.on('update')).
//
//   {cmd:"new", peer, client, gc?, undo?}         new Y.Doc with that clientID (gc: default true);
//                                                 undo: also a Y.UndoManager (captureTimeout 0)
//   {cmd:"free", peer}
//   {cmd:"insert", peer, index, text}             Y.Text "text" insert, one transaction
//   {cmd:"delete", peer, index, len}
//   {cmd:"mapSet", peer, key, value}              Y.Map "map" set (value: JSON)
//   {cmd:"mapDelete", peer, key}
//   {cmd:"arrayInsert", peer, index, values}      Y.Array "array" insert (values: JSON list)
//   {cmd:"arrayDelete", peer, index, len}
//   {cmd:"apply", peer, update}                   Y.applyUpdate with origin "remote"
//   {cmd:"sv", peer}                              -> {sv}
//   {cmd:"encode", peer, sv?}                     -> {update} = Y.encodeStateAsUpdate(doc, sv)
//   {cmd:"state", peer}                           -> {text, map, array, sv, update, pending}
//   {cmd:"load", update}                          fresh doc from one update -> {text, map, array, sv}
//   {cmd:"replay", updates, client?, gc?}         fresh doc applies the list in order -> {update, sv, text}
//   {cmd:"merge", updates}                        -> {update} = Y.mergeUpdates
//   {cmd:"diff", update, sv}                      -> {update} = Y.diffUpdate
//   {cmd:"svFromUpdate", update}                  -> {sv} = Y.encodeStateVectorFromUpdate
//   {cmd:"trace", file, client}                   replays an editing trace (gzip JSON), one Yjs
//                                                 transaction per trace txn, on Y.Text "text"
//                                                 -> {sha256, bytes, text ok}
//   {cmd:"undoManager", peer, captureTimeout}     a Y.UndoManager on the peer's "text" (default
//                                                 trackedOrigins {null}, so remote applies are not tracked)
//   {cmd:"undo"|"redo"|"stopCapturing", peer}     -> view + {done} (undo/redo returned a stack item)
//   {cmd:"nested", depth, kind, client}           a fresh doc nests `depth` Y.Maps (kind "map",
//                                                 each under key "k") or Y.Arrays (kind "array")
//                                                 from the root "root", a value in the innermost
//                                                 -> {update} (tst_nesting)
//   {cmd:"quit"}
//
// Loads Yjs through CHORUS_NODE_DIR/deps.mjs so the process has exactly one copy of Yjs.
import { pathToFileURL } from 'node:url'
import readline from 'node:readline'
import fs from 'node:fs'
import zlib from 'node:zlib'
import crypto from 'node:crypto'

const { Y } = await import(pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))

const peers = new Map() // peer name -> { doc, updates: [] }
const b64 = u8 => Buffer.from(u8).toString('base64')
const bin = s => new Uint8Array(Buffer.from(s || '', 'base64'))

function newPeer(client, gc = true) {
  const doc = new Y.Doc({ gc })
  doc.clientID = client
  const p = { doc, updates: [] }
  // Only the peer's own edits are broadcast; applied remote updates come back with origin 'remote'.
  doc.on('update', (u, origin) => { if (origin !== 'remote') p.updates.push(b64(u)) })
  return p
}

function view(p) {
  const doc = p.doc
  const out = { text: doc.getText('text').toString(), alen: doc.getArray('array').length, updates: p.updates }
  p.updates = []
  return out
}

function snapshot(doc) {
  return {
    text: doc.getText('text').toString(),
    map: doc.getMap('map').toJSON(),
    array: doc.getArray('array').toJSON(),
    sv: b64(Y.encodeStateVector(doc)),
  }
}

function peer(req) {
  const p = peers.get(req.peer)
  if (!p) throw new Error('no such peer ' + req.peer)
  return p
}

function replayTrace(file, client) {
  const d = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)))
  const doc = new Y.Doc()
  doc.clientID = client
  const t = doc.getText('text')
  for (const txn of d.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del) t.delete(pos, del)
        if (ins) t.insert(pos, ins)
      }
    })
  }
  const update = Y.encodeStateAsUpdate(doc)
  const ok = t.toString() === d.endContent
  return { sha256: crypto.createHash('sha256').update(update).digest('hex'), bytes: update.length, textOk: ok }
}

function handle(req) {
  switch (req.cmd) {
    case 'new': {
      const p = newPeer(req.client, req.gc !== false)
      // captureTimeout 0: every transaction is its own stack item, independent of wall time.
      if (req.undo) p.um = new Y.UndoManager(p.doc.getText('text'), { captureTimeout: 0 })
      peers.set(req.peer, p)
      return view(p)
    }
    case 'free': { const p = peer(req); p.doc.destroy(); peers.delete(req.peer); return {} }
    case 'insert': { const p = peer(req); p.doc.getText('text').insert(req.index, req.text); return view(p) }
    case 'delete': { const p = peer(req); p.doc.getText('text').delete(req.index, req.len); return view(p) }
    case 'mapSet': { const p = peer(req); p.doc.getMap('map').set(req.key, req.value); return view(p) }
    case 'mapDelete': { const p = peer(req); p.doc.getMap('map').delete(req.key); return view(p) }
    case 'arrayInsert': { const p = peer(req); p.doc.getArray('array').insert(req.index, req.values); return view(p) }
    case 'arrayDelete': { const p = peer(req); p.doc.getArray('array').delete(req.index, req.len); return view(p) }
    case 'apply': { const p = peer(req); Y.applyUpdate(p.doc, bin(req.update), 'remote'); return view(p) }
    case 'sv': return { sv: b64(Y.encodeStateVector(peer(req).doc)) }
    case 'encode': {
      const p = peer(req)
      return { update: b64(req.sv ? Y.encodeStateAsUpdate(p.doc, bin(req.sv)) : Y.encodeStateAsUpdate(p.doc)) }
    }
    case 'state': {
      const doc = peer(req).doc
      return { ...snapshot(doc), update: b64(Y.encodeStateAsUpdate(doc)),
        pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null }
    }
    case 'load': { const doc = new Y.Doc(); Y.applyUpdate(doc, bin(req.update)); const s = snapshot(doc); doc.destroy(); return s }
    case 'replay': {
      const doc = new Y.Doc({ gc: req.gc !== false })
      if (req.client !== undefined) doc.clientID = req.client
      for (const u of req.updates) Y.applyUpdate(doc, bin(u), 'remote')
      const out = { ...snapshot(doc), update: b64(Y.encodeStateAsUpdate(doc)) }
      doc.destroy()
      return out
    }
    case 'merge': return { update: b64(Y.mergeUpdates(req.updates.map(bin))) }
    case 'diff': return { update: b64(Y.diffUpdate(bin(req.update), bin(req.sv))) }
    case 'svFromUpdate': return { sv: b64(Y.encodeStateVectorFromUpdate(bin(req.update))) }
    case 'trace': return replayTrace(req.file, req.client)
    case 'undoManager': {
      const p = peer(req)
      p.um = new Y.UndoManager(p.doc.getText('text'), { captureTimeout: req.captureTimeout })
      return view(p)
    }
    case 'undo': { const p = peer(req); const done = p.um.undo() !== null; return { ...view(p), done } }
    case 'redo': { const p = peer(req); const done = p.um.redo() !== null; return { ...view(p), done } }
    case 'stopCapturing': { const p = peer(req); p.um.stopCapturing(); return view(p) }
    case 'nested': {
      const doc = new Y.Doc()
      doc.clientID = req.client
      const isMap = req.kind === 'map'
      doc.transact(() => {
        let parent = isMap ? doc.getMap('root') : doc.getArray('root')
        for (let i = 0; i < req.depth; i++) {
          const child = isMap ? new Y.Map() : new Y.Array()
          if (isMap) parent.set('k', child); else parent.push([child])
          parent = child
        }
        if (isMap) parent.set('leaf', 1); else parent.push([1])
      })
      const update = Y.encodeStateAsUpdate(doc)
      doc.destroy()
      return { update: b64(update) }
    }
    case 'quit': process.exit(0)
    default: throw new Error('unknown cmd ' + req.cmd)
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
rl.on('line', line => {
  if (!line.trim()) return
  let out
  try {
    out = { ok: true, ...handle(JSON.parse(line)) }
  } catch (e) {
    out = { ok: false, error: String(e && e.stack || e) }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
})
rl.on('close', () => process.exit(0))
