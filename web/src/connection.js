// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// One room on the host that served this page: a y-websocket provider that speaks the Chorus
// extensions it needs (docs/protocol.md). It offers the `chorus.1` subprotocol so the host says
// whether a password made this connection read-only, sends the password as the first message
// (never in the URL), and understands the epoch and acknowledgement messages that chorus.1 adds.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebsocketProvider } from 'y-websocket'

const MessageAuth = 2
const AuthPermissionDenied = 0
const AuthToken = 1
const AuthAuthenticated = 2
const AuthReadOnly = 3
const MessageEpoch = 100
const MessageAck = 101
const ClosePolicy = 1008

// The host's WebSocket endpoint for this page: ws://HOST:PORT (wss:// when served over https).
export function hostUrl () {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
}

// A room's URL path as the Chorus app writes it (QUrl): the host names a room by its path as sent,
// so both must encode alike. encodeURI leaves ? and # alone, which a path cannot hold.
export function roomPath (room) {
  return encodeURI(room).replace(/\?/g, '%3F').replace(/#/g, '%23')
}

// A room named by its path (as the session index lists rooms) in plain text.
export function roomOfPath (path) {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function tokenMessage (token) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageAuth)
  encoding.writeVarUint(encoder, AuthToken)
  encoding.writeVarString(encoder, token)
  return encoding.toUint8Array(encoder)
}

// A WebSocket that offers chorus.1 and, when there is a password, sends it before anything
// else: the listener added here runs before y-websocket's onopen (registration order), so the
// token precedes its SyncStep1.
function socketClass (passwordOf) {
  return class ChorusSocket extends WebSocket {
    constructor (url) {
      super(url, ['chorus.1'])
      this.addEventListener('open', () => {
        const password = passwordOf()
        if (password) {
          this.send(tokenMessage(password))
        }
      })
    }
  }
}

// `room` is the plain name (the URL path is made here). Callbacks: onReadOnly(bool, reason), onRefused({ code, reason }) when the host closed with a
// policy code (wrong or missing password, foreign origin): the provider then stops retrying.
export function connectRoom (room, doc, { awareness, password, onReadOnly, onRefused }) {
  const provider = new WebsocketProvider(hostUrl(), roomPath(room), doc, {
    awareness,
    disableBc: true, // every tab is a participant of its own, as the host sees it
    WebSocketPolyfill: socketClass(() => password()),
    shouldReconnect: (event) => event.code !== ClosePolicy
  })
  provider.messageHandlers[MessageEpoch] = (_encoder, decoder) => {
    decoding.readVarString(decoder) // the document's epoch; a page keeps no copy to compare
  }
  provider.messageHandlers[MessageAck] = (_encoder, decoder) => {
    decoding.readVarUint(decoder) // edits are durable on the host; the page has no outbox
  }
  provider.messageHandlers[MessageAuth] = (_encoder, decoder) => {
    const type = decoding.readVarUint(decoder)
    const text = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : ''
    if (type === AuthAuthenticated) {
      onReadOnly(text === 'ro', text === 'ro' ? 'The password you gave is the read-only one.' : '')
    } else if (type === AuthReadOnly) {
      onReadOnly(true, text)
    } else if (type === AuthPermissionDenied) {
      provider.lastDenial = text
    }
  }
  provider.on('closed', (event) => onRefused({
    code: event.code,
    reason: provider.lastDenial || event.reason
  }))
  return provider
}
