#!/usr/bin/env node
// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// yjs-updates.mjs — the Yjs side of "applyKeystrokeUpdatesMs" (chorus-bench-crdt measures the
// same for Chorus): replay an editing trace in Yjs 13.6 with one transaction per trace txn,
// keep every 'update' event (v1: what a collaborative editor broadcasts per keystroke), then
// time a fresh receiver Y.Doc applying all of them in order and reading the text back.
//
//   node --expose-gc yjs-updates.mjs TRACE.json.gz [--runs N]
// Each sample is a fresh child process (as in crdt-bench's bench.mjs). Prints one JSON line:
//   {"trace", "lib":"yjs", "version", "updates", "updateBytes", "applyKeystrokeUpdatesMs" (median),
//    "samplesMs", "ok"}
// Must live beside a node_modules that has yjs (scripts/bench-crdt copies it into build/crdt-bench).
import fs from 'node:fs'
import zlib from 'node:zlib'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CLIENT_ID = 0x9E3779B9 // the one bench.mjs and chorus-bench-crdt use
const args = process.argv.slice(2)
const file = args[0]
const runs = args.includes('--runs') ? +args[args.indexOf('--runs') + 1] : 5
const child = args.includes('--child')
const median = xs => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2 }

if (child) {
  const Y = await import('yjs')
  const d = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)))
  const updates = []
  const doc = new Y.Doc()
  doc.clientID = CLIENT_ID
  doc.on('update', u => updates.push(u))
  const t = doc.getText('text')
  for (const txn of d.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del) t.delete(pos, del)
        if (ins) t.insert(pos, ins)
      }
    })
  }
  const endContent = d.endContent
  doc.destroy()
  global.gc(); global.gc()
  const t0 = performance.now()
  const r = new Y.Doc()
  for (const u of updates) Y.applyUpdate(r, u)
  const text = r.getText('text').toString()
  const ms = performance.now() - t0
  const bytes = updates.reduce((a, u) => a + u.length, 0)
  process.stdout.write('RESULT ' + JSON.stringify({ ms, ok: text === endContent, updates: updates.length, bytes }) + '\n')
} else {
  const me = fileURLToPath(import.meta.url)
  const samples = []
  let last = null
  for (let i = 0; i < runs; i++) {
    const p = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', me, file, '--child'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    const line = (p.stdout || '').split('\n').find(l => l.startsWith('RESULT '))
    if (!line) { process.stderr.write(p.stderr || 'child failed\n'); process.exit(1) }
    last = JSON.parse(line.slice(7))
    samples.push(last.ms)
  }
  const version = JSON.parse(fs.readFileSync(path.join(path.dirname(me), 'node_modules/yjs/package.json'), 'utf8')).version
  console.log(JSON.stringify({ trace: path.basename(file).replace(/\.json(\.gz)?$/, ''), lib: 'yjs', version,
    updates: last.updates, updateBytes: last.bytes, applyKeystrokeUpdatesMs: median(samples), samplesMs: samples, ok: last.ok }))
}
