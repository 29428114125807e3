// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Generates the golden vectors in vectors.json with real Yjs 13.6 (the test oracle).
//   CHORUS_NODE_DIR=build/<you>/node node tests/crdt/golden/generate.mjs > tests/crdt/golden/vectors.json
// Two kinds of vectors:
//  - "scenario": peers with fixed client ids run an op list (edits and syncs); we record every
//    update each peer emitted, each peer's final encodeStateAsUpdate/encodeStateVector and
//    content. The C++ test runs the same op list and must produce the same bytes.
//  - "decode": updates made with Yjs APIs that Chorus does not offer (formatting, embeds, XML,
//    subdocuments, binary, nested types, legacy JSON); Chorus must apply and re-encode them
//    byte for byte.
// Every vector also carries mergeUpdates / encodeStateVectorFromUpdate / diffUpdate results.
import { pathToFileURL } from 'node:url'

const { Y, encoding } = await import(pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))
const hex = u => Buffer.from(u).toString('hex')
// op values travel as lib0 Any bytes so that number kinds and key order survive JSON
const anyHex = v => { const e = encoding.createEncoder(); encoding.writeAny(e, v); return hex(encoding.toUint8Array(e)) }
const opForJson = op => op[0] === 'set' ? [op[0], op[1], op[2], anyHex(op[3])]
  : op[0] === 'ains' ? [op[0], op[1], op[2], op[3].map(anyHex)]
    : op[0] === 'txn' ? [op[0], op[1], op[2].map(opForJson)] : op

// --- scenario vectors -------------------------------------------------------------------
// ops: ["ins", peer, index, text] ["del", peer, index, len] ["set", peer, key, json]
//      ["mdel", peer, key] ["ains", peer, index, [json...]] ["adel", peer, index, len]
//      ["sync", from, to] (to applies from's state diffed against to's state vector)
//      ["txn", peer, [ops...]] (ops of one peer in one transaction)
function runScenario (name, clients, ops, opts = {}) {
  const docs = clients.map(c => {
    const d = new Y.Doc({ gc: opts.gc !== false })
    d.clientID = c
    return d
  })
  const emitted = docs.map(() => [])
  docs.forEach((d, i) => d.on('update', u => emitted[i].push(hex(u))))
  const apply = (op) => {
    const [kind, p] = op
    const d = docs[p]
    switch (kind) {
      case 'ins': d.getText('content').insert(op[2], op[3]); break
      case 'del': d.getText('content').delete(op[2], op[3]); break
      case 'set': d.getMap('map').set(op[2], op[3]); break
      case 'mdel': d.getMap('map').delete(op[2]); break
      case 'ains': d.getArray('array').insert(op[2], op[3]); break
      case 'adel': d.getArray('array').delete(op[2], op[3]); break
      case 'sync': {
        const to = docs[op[2]]
        Y.applyUpdate(to, Y.encodeStateAsUpdate(d, Y.encodeStateVector(to)))
        break
      }
      case 'txn': d.transact(() => op[2].forEach(apply)); break
      default: throw new Error('unknown op ' + kind)
    }
  }
  ops.forEach(apply)
  const all = emitted.flat()
  return {
    kind: 'scenario',
    name,
    gc: opts.gc !== false,
    clients,
    ops: ops.map(opForJson),
    peers: docs.map((d, i) => ({
      emitted: emitted[i],
      state: hex(Y.encodeStateAsUpdate(d)),
      stateVector: hex(Y.encodeStateVector(d)),
      text: d.getText('content').toString(),
      map: d.getMap('map').toJSON(),
      array: d.getArray('array').toJSON()
    })),
    ...updateLevel(all.length ? all : [hex(Y.encodeStateAsUpdate(docs[0]))])
  }
}

// --- update-level results -----------------------------------------------------------------
function updateLevel (updatesHex) {
  const updates = updatesHex.map(h => Uint8Array.from(Buffer.from(h, 'hex')))
  const merged = Y.mergeUpdates(updates)
  const sv = Y.encodeStateVectorFromUpdate(merged)
  // diff against the state vectors after each prefix of the updates
  const diffs = []
  const probe = new Y.Doc()
  for (let i = 0; i < Math.min(updates.length, 6); i++) {
    Y.applyUpdate(probe, updates[i])
    const psv = Y.encodeStateVector(probe)
    diffs.push({ sv: hex(psv), diff: hex(Y.diffUpdate(merged, psv)) })
  }
  const pairMerges = []
  for (let i = 0; i + 1 < updates.length && i < 6; i++) {
    pairMerges.push({ a: i, b: updates.length - 1 - i, merged: hex(Y.mergeUpdates([updates[i], updates[updates.length - 1 - i]])) })
  }
  return {
    updates: updatesHex,
    merged: hex(merged),
    svFromMerged: hex(sv),
    svFromUpdates: updatesHex.map(h => hex(Y.encodeStateVectorFromUpdate(Uint8Array.from(Buffer.from(h, 'hex'))))),
    diffs,
    pairMerges
  }
}

// --- decode vectors: apply updates in order to one doc ------------------------------------
function decodeVector (name, updates, opts = {}) {
  const doc = new Y.Doc({ gc: opts.gc !== false })
  updates.forEach(u => Y.applyUpdate(doc, u))
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  return {
    kind: 'decode',
    name,
    gc: opts.gc !== false,
    state: hex(Y.encodeStateAsUpdate(doc)),
    stateVector: hex(Y.encodeStateVector(doc)),
    pending,
    texts: Object.fromEntries(['content', 'text', 'rich'].map(n => [n, doc.share.has(n) ? doc.getText(n).toString() : null]).filter(([, v]) => v !== null)),
    ...updateLevel(updates.map(hex))
  }
}

function peerUpdates (clientID, fn, opts = {}) {
  const doc = new Y.Doc({ gc: opts.gc !== false })
  doc.clientID = clientID
  const ups = []
  doc.on('update', u => ups.push(u))
  fn(doc)
  return { doc, ups }
}

const vectors = []

// plain text, one peer
vectors.push(runScenario('text-typing', [1], [
  ['ins', 0, 0, 'h'], ['ins', 0, 1, 'e'], ['ins', 0, 2, 'l'], ['ins', 0, 3, 'l'], ['ins', 0, 4, 'o'],
  ['ins', 0, 5, ' world'], ['del', 0, 0, 1], ['ins', 0, 0, 'H'], ['del', 0, 3, 2], ['ins', 0, 3, 'LL']
]))
vectors.push(runScenario('text-emoji', [7], [
  ['ins', 0, 0, 'a😀b'], ['ins', 0, 3, '🎉'], ['ins', 0, 0, '𝄞x'], ['del', 0, 3, 3], ['ins', 0, 5, 'ü€'],
  ['del', 0, 0, 2]
]))
vectors.push(runScenario('text-no-gc', [5], [
  ['ins', 0, 0, 'abcdef'], ['del', 0, 1, 2], ['ins', 0, 2, 'XY'], ['del', 0, 0, 3]
], { gc: false }))
vectors.push(runScenario('text-transaction', [9], [
  ['txn', 0, [['ins', 0, 0, 'one '], ['ins', 0, 4, 'two '], ['del', 0, 0, 2], ['ins', 0, 1, 'Z']]],
  ['ins', 0, 0, '>']
]))
// concurrent inserts from three peers at the same places
vectors.push(runScenario('concurrent-3', [10, 20, 30], [
  ['ins', 0, 0, 'base'], ['sync', 0, 1], ['sync', 0, 2],
  ['ins', 0, 2, 'A'], ['ins', 1, 2, 'B'], ['ins', 2, 2, 'C'],
  ['ins', 0, 0, 'a0'], ['ins', 1, 0, 'b0'], ['ins', 2, 4, 'c4'],
  ['sync', 2, 1], ['sync', 1, 0], ['sync', 0, 2], ['sync', 0, 1],
  ['del', 1, 1, 3], ['ins', 2, 3, 'zz'], ['ins', 0, 5, 'yy'],
  ['sync', 1, 0], ['sync', 2, 0], ['sync', 0, 1], ['sync', 0, 2]
]))
vectors.push(runScenario('concurrent-interleave', [3, 1, 2], [
  ['ins', 0, 0, 'x'], ['ins', 1, 0, 'y'], ['ins', 2, 0, 'z'],
  ['sync', 0, 1], ['sync', 2, 1], ['ins', 1, 1, '1'], ['ins', 0, 1, '0'], ['ins', 2, 1, '2'],
  ['sync', 1, 0], ['sync', 1, 2], ['sync', 0, 2], ['sync', 2, 0], ['sync', 2, 1], ['sync', 0, 1],
  ['del', 0, 0, 2], ['del', 2, 2, 2], ['sync', 0, 1], ['sync', 2, 1], ['sync', 1, 0], ['sync', 1, 2]
]))
vectors.push(runScenario('concurrent-delete-same', [4, 6], [
  ['ins', 0, 0, 'abcdefgh'], ['sync', 0, 1], ['del', 0, 2, 3], ['del', 1, 3, 4], ['ins', 1, 3, 'Q'],
  ['sync', 0, 1], ['sync', 1, 0]
]))
// maps and arrays
vectors.push(runScenario('map-values', [11, 12], [
  ['set', 0, 'n', 1], ['set', 0, 'f', 1.5], ['set', 0, 'big', 4294967296], ['set', 0, 'neg', -70000],
  ['set', 0, 'pi', 3.141592653589793], ['set', 0, 's', 'str'], ['set', 0, 'b', true], ['set', 0, 'nul', null],
  ['set', 0, 'obj', { z: 1, a: [1, 'two', { x: null }], 10: 'ten', 2: 'two' }], ['set', 0, 'arr', [false, 0.25]],
  ['sync', 0, 1], ['set', 1, 'n', 2], ['set', 0, 'n', 3], ['mdel', 1, 's'], ['sync', 0, 1], ['sync', 1, 0],
  ['set', 1, 'n', 4]
]))
vectors.push(runScenario('array-ops', [21, 22], [
  ['ains', 0, 0, [1, 2, 3]], ['ains', 0, 1, ['a', 'b']], ['sync', 0, 1], ['adel', 1, 0, 2],
  ['ains', 1, 0, [{ k: 'v' }]], ['ains', 0, 5, [null, true]], ['adel', 0, 2, 2], ['sync', 0, 1], ['sync', 1, 0],
  ['ains', 0, 2, [7]]
]))

// --- decode vectors -----------------------------------------------------------------------
{
  const { ups } = peerUpdates(100, doc => {
    const t = doc.getText('rich')
    t.insert(0, 'Hello world')
    t.format(0, 5, { bold: true })
    t.insert(5, '!', { italic: true })
    t.insertEmbed(3, { image: 'x.png' })
    t.format(2, 4, { bold: null, color: '#ff0000' })
    t.delete(1, 2)
  })
  vectors.push(decodeVector('text-formats-embeds', ups))
}
{
  const { ups } = peerUpdates(101, doc => {
    const frag = doc.getXmlFragment('xml')
    const el = new Y.XmlElement('p')
    el.setAttribute('class', 'lead')
    const t = new Y.XmlText('para')
    el.insert(0, [t])
    frag.insert(0, [el, new Y.XmlText('tail'), new Y.XmlHook('hook1')])
    t.format(0, 2, { b: {} })
    el.setAttribute('id', '7')
  })
  vectors.push(decodeVector('xml-types', ups))
}
{
  const { ups } = peerUpdates(102, doc => {
    const arr = doc.getArray('array')
    const m = new Y.Map()
    m.set('k', 'v')
    const inner = new Y.Array()
    inner.push([1, 2])
    arr.push([m, inner, new Y.Text('nested text')])
    m.set('inner', new Y.Map())
    arr.delete(1, 1)
    doc.getMap('map').set('sub', new Y.Doc({ guid: 'sub-guid-1' }))
    doc.getMap('map').set('sub2', new Y.Doc({ guid: 'sub-guid-2', autoLoad: true, meta: { a: 1 } }))
    doc.getMap('map').set('bin', new Uint8Array([1, 2, 3, 255]))
    doc.getArray('array').push([new Uint8Array([9]), 'x', BigInt(-5) === -5n ? 1 : 0])
    doc.getMap('map').set('big', 12345678901234n)
    doc.getMap('map').set('undef', undefined)
  })
  vectors.push(decodeVector('nested-subdoc-binary', ups))
}
{
  // Yjs itself splits surrogate pairs when told to (Chorus's API never does): the halves
  // become U+FFFD, and a Chorus host must store exactly that
  const { ups } = peerUpdates(107, doc => {
    const t = doc.getText('content')
    t.insert(0, 'a😀b🎉c')
    t.insert(2, 'X')
    t.delete(5, 1)
  })
  vectors.push(decodeVector('surrogate-split', ups))
}
{
  // legacy ContentJSON, written through Yjs internals
  const { ups } = peerUpdates(103, doc => {
    const arr = doc.getArray('array')
    doc.transact(tr => {
      const item = new Y.Item(Y.createID(103, 0), null, null, null, null, arr, null, new Y.ContentJSON([{ a: 1 }, 'str', 2, undefined, null]))
      item.integrate(tr, 0)
    })
    arr.insert(1, ['after'])
  })
  vectors.push(decodeVector('legacy-json', ups))
}
{
  // GC: nested type deleted with content inside, gc on and off
  for (const gc of [true, false]) {
    const { ups } = peerUpdates(104, doc => {
      const arr = doc.getArray('array')
      const m = new Y.Map()
      arr.push([m, 'keep'])
      m.set('a', 'x'.repeat(20))
      m.set('b', [1, 2, 3])
      const t = doc.getText('content')
      t.insert(0, 'abcdefghij')
      t.delete(2, 5)
      arr.delete(0, 1)
    }, { gc })
    vectors.push(decodeVector('gc-' + (gc ? 'on' : 'off'), ups, { gc }))
  }
}
{
  // pending: updates arrive out of order; Skip structs when merging with gaps
  const a = peerUpdates(105, doc => {
    const t = doc.getText('content')
    t.insert(0, 'one')
    t.insert(3, ' two')
    t.insert(7, ' three')
    t.delete(0, 4)
  })
  const [u1, u2, u3, u4] = a.ups
  vectors.push(decodeVector('pending-structs', [u1, u3]))
  vectors.push(decodeVector('pending-resolved', [u3, u1, u4, u2]))
  vectors.push(decodeVector('pending-deletes', [u1, u4]))
  vectors.push(decodeVector('skip-merge', [Y.mergeUpdates([u1, u3]), u4]))
  const b = peerUpdates(106, doc => { doc.getText('content').insert(0, 'Z') })
  vectors.push(decodeVector('pending-two-clients', [b.ups[0], u2, u4]))
}
{
  // a concurrent mess from three peers, synced through merged updates
  const peers = [201, 202, 203].map(c => peerUpdates(c, () => {}))
  const rnd = (() => { let s = 42; return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 } })()
  const all = []
  peers.forEach((p, i) => p.doc.on('update', u => all.push(u)))
  for (let round = 0; round < 40; round++) {
    const p = peers[Math.floor(rnd() * 3)].doc
    const t = p.getText('content')
    if (rnd() < 0.7 || t.length === 0) {
      t.insert(Math.floor(rnd() * (t.length + 1)), ['a', 'bc', '😀', 'xyz', 'é'][Math.floor(rnd() * 5)])
    } else {
      const i = Math.floor(rnd() * t.length)
      t.delete(i, Math.min(t.length - i, 1 + Math.floor(rnd() * 3)))
    }
    if (rnd() < 0.3) {
      const from = peers[Math.floor(rnd() * 3)].doc
      const to = peers[Math.floor(rnd() * 3)].doc
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
    }
  }
  vectors.push(decodeVector('random-3-peers', all))
}

// --- relative positions: JSON and binary forms, and where they resolve after more edits -----
const relpos = []
{
  const a = peerUpdates(301, doc => { doc.getText('content').insert(0, 'hello 😀 world') })
  const b = new Y.Doc()
  b.clientID = 302
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc))
  const t = a.doc.getText('content')
  const cases = []
  for (const index of [0, 1, 6, 8, t.length - 1, t.length]) {
    for (const assoc of [0, -1]) {
      const rp = Y.createRelativePositionFromTypeIndex(t, index, assoc)
      cases.push({ index, assoc, json: Y.relativePositionToJSON(rp), bin: hex(Y.encodeRelativePosition(rp)) })
    }
  }
  // concurrent edits, then resolve everywhere
  b.getText('content').insert(0, '>> ')
  t.delete(1, 3)
  t.insert(t.length, '!')
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a.doc)))
  for (const c of cases) {
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(c.json), a.doc)
    c.resolved = abs === null ? null : abs.index
  }
  relpos.push({ name: 'text-positions', state: hex(Y.encodeStateAsUpdate(a.doc)), base: hex(a.ups[0]), cases })
}

process.stdout.write(JSON.stringify({ yjs: '13.6', vectors, relpos }, null, 1) + '\n')
