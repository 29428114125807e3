// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Interop with real Yjs: two y-websocket WebsocketProviders (Node, `ws` as the WebSocket
// polyfill) edit one Y.Text on chorus-server while a Chorus client (the C++ test) edits it too.
// Usage: node interop.mjs URL ROOM NODE_EDITS CHORUS_EDITS
// Prints SYNCED when both providers synced, then TEXT <json> once everything converged, and
// exits 0; every wait has a deadline (exit 1 with a reason on stderr).
import { pathToFileURL } from 'node:url'

const { Y, WebsocketProvider, WebSocket } = await import(pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))
const [url, room, nodeEdits, chorusEdits] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])]
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
const fail = why => { console.error('interop: ' + why); process.exit(1) }
setTimeout(() => fail('deadline (60 s)'), 60000).unref()

function provider (name) {
  const doc = new Y.Doc()
  const p = new WebsocketProvider(url, room, doc, { WebSocketPolyfill: WebSocket, disableBc: true })
  p.awareness.setLocalState({ user: { name, color: '#00aa00' } })
  return { doc, p, text: doc.getText('content') }
}
async function until (cond, ms, what) {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) fail('timed out waiting for ' + what)
    await sleep(20)
  }
}
const boundaries = t => { const s = t.toString(); const out = [0]; for (let i = 0; i < s.length; i++) if (s[i] === ']') out.push(i + 1); return out }
const tokens = (t, c) => (t.toString().match(new RegExp('\\[' + c + '\\d+\\]', 'g')) || []).length

const A = provider('node-a')
const B = provider('node-b')
await until(() => A.p.synced && B.p.synced, 10000, 'sync')
console.log('SYNCED')

// Concurrent edits: whole tokens inserted at token boundaries, and some deleted again.
let seed = 12345
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
for (let i = 0; i < nodeEdits; i++) {
  for (const [P, tag] of [[A, 'a'], [B, 'b']]) {
    const b = boundaries(P.text)
    P.text.insert(b[rnd(b.length)], `[${tag}${i}]`)
    if (i % 7 === 6) {
      const s = P.text.toString(); const at = s.indexOf(`[${tag}${i - 3}]`)
      if (at >= 0) P.text.delete(at, `[${tag}${i - 3}]`.length)
    }
  }
  await sleep(rnd(15))
}
await until(() => tokens(A.text, 'c') === chorusEdits && A.text.toString() === B.text.toString(), 30000,
  `convergence (a has ${tokens(A.text, 'c')} chorus tokens)`)
// A late joiner gets the same text from the host.
const C = provider('node-c')
await until(() => C.p.synced && C.text.toString() === A.text.toString(), 10000, 'the late joiner')
await sleep(300)
if (A.text.toString() !== B.text.toString()) fail('diverged after settling')
console.log('TEXT ' + JSON.stringify(A.text.toString()))
for (const P of [A, B, C]) P.p.destroy()
process.exit(0)
