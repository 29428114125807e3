// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The npm packages the test oracles use, re-exported from one place. The test set-up copies this
// file beside build/node/node_modules, so every script gets the same single copy of Yjs (two
// copies of Yjs in one process break its instanceof checks). Scripts load it with:
//   const { Y } = await import(pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))
export * as Y from 'yjs'
export * as syncProtocol from 'y-protocols/sync'
export * as awarenessProtocol from 'y-protocols/awareness'
export * as authProtocol from 'y-protocols/auth'
export * as encoding from 'lib0/encoding'
export * as decoding from 'lib0/decoding'
export { WebsocketProvider } from 'y-websocket'
export { WebSocket, WebSocketServer } from 'ws'
export * as wsServerUtils from '@y/websocket-server/utils'
