// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The client side of the package install test: real y-websocket (Node, `ws` as the WebSocket
// polyfill) against the chorus-server that runs inside the clean Debian root.
// Usage: node sync-client.mjs write URL ROOM TEXT   insert TEXT, then check that a second,
//                                                    fresh client syncs it from the host
//        node sync-client.mjs read URL ROOM TEXT    a fresh client must find exactly TEXT
//        node sync-client.mjs peer URL ROOM TEXT    as read, then wait until another client
//                                                    (the installed app) shows its user name
//        node sync-client.mjs web URL               the host serves its web editor page
// Prints what it did and exits 0; every wait has a deadline (exit 1 with a reason).
import { pathToFileURL } from 'node:url'

const { Y, WebsocketProvider, WebSocket } = await import(pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))
const [mode, url, room, expected] = process.argv.slice(2)
const fail = why => { console.error('sync-client: ' + why); process.exit(1) }
setTimeout(() => fail('deadline (30 s)'), 30000).unref()
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function until (cond, ms, what) {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) fail('timed out waiting for ' + what)
    await sleep(20)
  }
}
async function connect (name) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url, room, doc, { WebSocketPolyfill: WebSocket, disableBc: true })
  provider.awareness.setLocalState({ user: { name, color: '#2a9d8f' } })
  await until(() => provider.synced, 10000, name + ' to sync')
  return { doc, provider, text: doc.getText('content') }
}

if (mode === 'write') {
  const writer = await connect('writer')
  writer.text.insert(0, expected)
  const reader = await connect('reader')
  await until(() => reader.text.toString() === expected, 10000,
    `the reader to get the text (has ${JSON.stringify(reader.text.toString())})`)
  console.log('synced ' + JSON.stringify(reader.text.toString()))
  writer.provider.destroy()
  reader.provider.destroy()
} else if (mode === 'read') {
  const reader = await connect('reader')
  await sleep(200) // an update after SyncStep2 would mean the stored state was incomplete
  if (reader.text.toString() !== expected) fail('read ' + JSON.stringify(reader.text.toString()))
  console.log('read back ' + JSON.stringify(reader.text.toString()))
  reader.provider.destroy()
} else if (mode === 'peer') {
  const watcher = await connect('watcher')
  if (watcher.text.toString() !== expected) fail('read ' + JSON.stringify(watcher.text.toString()))
  const others = () => [...watcher.provider.awareness.getStates()]
    .filter(([id, state]) => id !== watcher.doc.clientID && state.user && state.user.name)
  await until(() => others().length > 0, 20000, 'another client in the room')
  console.log('peer in the room: ' + JSON.stringify(others()[0][1].user))
  watcher.provider.destroy()
} else if (mode === 'web') {
  // The web editor page is compiled into the host library: the installed server serves it.
  const page = await fetch(url.replace(/^ws/, 'http') + '/', { signal: AbortSignal.timeout(10000) })
  const body = await page.text()
  if (page.status !== 200 || !/text\/html/.test(page.headers.get('content-type') || '') || !/<html/i.test(body)) {
    fail(`GET / answered ${page.status} ${page.headers.get('content-type')}: ${body.slice(0, 200)}`)
  }
  console.log(`web editor page served (${body.length} bytes of HTML)`)
} else {
  fail('usage: sync-client.mjs write|read|peer|web URL [ROOM TEXT]')
}
process.exit(0)
