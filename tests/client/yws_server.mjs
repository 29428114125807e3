// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A real @y/websocket-server (the reference y-websocket host) for the interop tests: listens on
// 127.0.0.1 (port from argv[2], default 0 = any), prints "listening PORT", serves every room with
// setupWSConnection, and exits when its stdin closes, so a crashed test leaves nothing behind.
// `ws` selects the first offered subprotocol by default, as any plain deployment would.
import { pathToFileURL } from 'node:url'

const { WebSocketServer, wsServerUtils } = await import(
  pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))

const port = Number(process.argv[2] ?? 0)
const wss = new WebSocketServer({ host: '127.0.0.1', port })
wss.on('connection', (conn, req) => wsServerUtils.setupWSConnection(conn, req, { gc: true }))
wss.on('listening', () => process.stdout.write(`listening ${wss.address().port}\n`))
wss.on('error', (err) => { process.stderr.write(String(err) + '\n'); process.exit(1) })
process.stdin.on('end', () => process.exit(0))
process.stdin.on('close', () => process.exit(0))
process.stdin.resume()
setTimeout(() => process.exit(2), 600000).unref() // a hard bound, whatever happens
