#!/usr/bin/env node
// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// report.mjs — turns one scripts/bench-crdt run into the markdown table of docs/performance.md.
//   node report.mjs BENCH.json CHORUS.jsonl YJS-UPDATES.jsonl
// BENCH.json: the --out file of crdt-bench's bench.mjs (libs yjs and diamond-types);
// CHORUS.jsonl: one chorus-bench-crdt line per trace; YJS-UPDATES.jsonl: one yjs-updates.mjs
// line per trace. Ratios are ours/Yjs (lower is better); goals from issue 3 (automerge-paper).
import fs from 'node:fs'

const [benchFile, chorusFile, yjsUpdFile] = process.argv.slice(2)
const bench = JSON.parse(fs.readFileSync(benchFile, 'utf8'))
const lines = f => fs.readFileSync(f, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l))
const chorus = Object.fromEntries(lines(chorusFile).map(r => [r.trace, r]))
const yjsUpd = Object.fromEntries(lines(yjsUpdFile).map(r => [r.trace, r]))
const median = xs => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN }
const row = (lib, trace) => bench.rows.find(r => r.lib === lib && r.trace === trace && r.replayMs)
const ms = x => x == null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)
const mb = b => b == null || b < 0 ? '–' : (b / 1048576).toFixed(2)
const ratio = (a, b, goal) => {
  if (a == null || b == null || !b) return '–'
  const r = a / b
  const txt = r >= 0.1 ? r.toFixed(2) : r.toFixed(3)
  return goal == null ? txt : `${txt} ${r <= goal ? '(goal ≤ ' + goal + ' met)' : '(goal ≤ ' + goal + ' MISSED)'}`
}

const traces = [...new Set(bench.rows.map(r => r.trace))]
const out = []
const e = bench.env
out.push(`Node ${e.node}, ${e.cpu} ×${e.cpus}, ${e.runs} samples per cell; Yjs ${e.versions.yjs}, diamond-types-node ${e.versions['diamond-types-node']}; ${e.started}`)
out.push('')
out.push('| trace | measure | Chorus | Yjs | Chorus/Yjs | diamond-types |')
out.push('|---|---|--:|--:|--:|--:|')
for (const t of traces) {
  const c = chorus[t] || {}
  const y = row('yjs', t) || {}
  const d = row('diamond-types', t) || {}
  const yu = yjsUpd[t] || {}
  const isGoal = t === 'automerge-paper'
  const yReplay = y.replayMs && median(y.replayMs)
  const yLoad = y.loadColdMs && median(y.loadColdMs)
  const yMem = y.retainedMB != null ? y.retainedMB * 1048576 : null
  out.push(`| ${t} | local replay ms | ${ms(c.localReplayMs)} | ${ms(yReplay)} | ${ratio(c.localReplayMs, yReplay, isGoal ? 0.05 : null)} | ${ms(d.replayMs && median(d.replayMs))} |`)
  const yCpu = y.replayCpuMs && median(y.replayCpuMs)
  out.push(`| ${t} | local replay CPU ms | ${ms(c.localReplayCpuMs)} | ${ms(yCpu)} | ${ratio(c.localReplayCpuMs, yCpu, isGoal ? 0.05 : null)} | ${ms(d.replayCpuMs && median(d.replayCpuMs))} |`)
  out.push(`| ${t} | remote load ms | ${ms(c.remoteLoadMs)} | ${ms(yLoad)} | ${ratio(c.remoteLoadMs, yLoad, isGoal ? 0.2 : null)} | ${ms(d.loadColdMs && median(d.loadColdMs))} |`)
  out.push(`| ${t} | keystroke updates applied ms | ${ms(c.applyKeystrokeUpdatesMs)} | ${ms(yu.applyKeystrokeUpdatesMs)} | ${ratio(c.applyKeystrokeUpdatesMs, yu.applyKeystrokeUpdatesMs, isGoal ? 0.1 : null)} | – |`)
  out.push(`| ${t} | encode ms | ${ms(c.encodeMs)} | ${ms(y.encodeMs && median(y.encodeMs))} | ${ratio(c.encodeMs, y.encodeMs && median(y.encodeMs))} | ${ms(d.encodeMs && median(d.encodeMs))} |`)
  out.push(`| ${t} | encoded bytes | ${c.encodedBytes ?? '–'} | ${y.bytes ?? '–'} | ${ratio(c.encodedBytes, y.bytes)} | ${d.bytes ?? '–'} |`)
  out.push(`| ${t} | memory after replay MB | ${mb(c.heapBytesAfterReplay)} | ${mb(yMem)} | ${ratio(c.heapBytesAfterReplay, yMem, isGoal ? 1 : null)} | ${mb(d.retainedMB != null ? d.retainedMB * 1048576 : null)} |`)
  const okC = c.endContentMatches ? 'yes' : 'NO'
  out.push(`| ${t} | end text matches (Chorus / Yjs) | ${okC} | ${y.ok ? 'yes' : 'NO'} | |  ${d.ok ? 'yes' : '–'} |`)
}
console.log(out.join('\n'))
