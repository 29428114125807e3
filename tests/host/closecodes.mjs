// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/closecodes.mjs URL ROOM CONNECTIONS EXTRA — for tst_interop: a Node `ws` client
// that pipelines. Each connection sends a text frame (which the host answers with close 1003)
// and EXTRA binary messages right behind it, then waits for the close. Prints the close codes
// seen, e.g. CODES {"1003":25}.
import { pathToFileURL } from 'node:url'
const { WebSocket } = await import(pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))
const [url, room, connections, extra] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])]
const codes = {}
for (let i = 0; i < connections; i++) {
  const code = await new Promise(resolve => {
    const ws = new WebSocket(`${url}/${room}`)
    const timer = setTimeout(() => { ws.terminate(); resolve('timeout') }, 10000)
    ws.on('error', () => {})
    ws.on('open', () => {
      ws.send('text')
      for (let k = 0; k < extra; k++) ws.send(Uint8Array.of(3)) // query-awareness
    })
    ws.on('close', c => { clearTimeout(timer); resolve(c) })
  })
  codes[code] = (codes[code] || 0) + 1
}
console.log('CODES ' + JSON.stringify(codes))
