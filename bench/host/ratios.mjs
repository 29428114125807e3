#!/usr/bin/env node
// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench/host/ratios.mjs RESULTS_DIR — the issue-4 goals from a run-baselines results folder.
//
// Reads summary.json (written by ../shared/tools/server-bench/run-baselines.mjs, which
// scripts/bench-host runs) and prints, per scenario, each server's CPU per delivered update
// (server CPU % of one core x 10,000 us / deliveries per second), p99 latency and idle RSS per
// connection, as medians over the repeats, with chorus's ratio to @y/websocket-server ("yws")
// (the median of the ratios within each repeat) and whether each goal is met. p99 counts as met
// when the median of chorus's p99 / yws's p99 is at most 1. Markdown, for docs/performance.md.
// With --floor PCT (the kernel's own CPU for scenario a's writes, % of one core, from
// `scripts/bench-host --floor`) it adds issue 14's goal for a: chorus's total CPU at most 1.5x
// that floor and below yws's. No dependencies.
import fs from 'node:fs'
import path from 'node:path'

const dir = process.argv[2]
const floorAt = process.argv.indexOf('--floor')
const floorPct = floorAt > 0 ? Number(process.argv[floorAt + 1]) : NaN
if (!dir || (floorAt > 0 && !(floorPct > 0))) {
  console.error('usage: node bench/host/ratios.mjs RESULTS_DIR [--floor PCT]')
  process.exit(2)
}
let rows
try {
  rows = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'))
} catch (e) {
  console.error(`ratios: cannot read ${path.join(dir, 'summary.json')}: ${e.message}`)
  process.exit(1)
}

const median = xs => {
  const s = xs.filter(x => Number.isFinite(x)).sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-')

// server -> scenario -> list of per-repeat measurements
const by = new Map()
let failures = 0
for (const row of rows) {
  const r = row.result
  if (!r || row.exit !== 0) {
    failures++
    continue
  }
  const m = {
    cpuUsPerUpdate: r.deliveries && r.deliveries.perSecInWindow > 0
      ? r.server.cpuPctOfOneCoreInWindow * 10000 / r.deliveries.perSecInWindow
      : NaN,
    p99: r.latencyMs ? r.latencyMs.p99 : NaN,
    delivery: r.deliveries ? r.deliveries.ratio : NaN,
    idleKb: r.server ? r.server.rssPerConnEndOfWindowKb : NaN,
    diverged: r.convergence ? r.convergence.divergedRooms + r.convergence.lateJoinMismatchCount : NaN,
    cpuPct: r.server ? r.server.cpuPctOfOneCoreInWindow : NaN,
    rep: Number((/-r(\d+)$/.exec(row.tag) || [0, 0])[1])
  }
  if (!by.has(row.server)) by.set(row.server, new Map())
  const s = by.get(row.server)
  if (!s.has(row.scenario)) s.set(row.scenario, [])
  s.get(row.scenario).push(m)
}

const servers = [...by.keys()]
const scenarios = [...new Set(rows.map(r => r.scenario))]
const med = (server, scenario, key) => {
  const list = by.get(server) && by.get(server).get(scenario)
  return list ? median(list.map(m => m[key])) : NaN
}
// The ratio of chorus to yws in each repeat (both ran in it, one after the other), then the
// median of those: each pair shares the machine's state at that time.
const ratiosPerRepeat = (scenario, key, a = 'chorus', b = 'yws') => {
  const c = (by.get(a) && by.get(a).get(scenario)) || []
  const y = (by.get(b) && by.get(b).get(scenario)) || []
  return c.map(m => {
    const other = y.find(o => o.rep === m.rep)
    return other ? m[key] / other[key] : NaN
  })
}
const pairedRatio = (scenario, key, a, b) => median(ratiosPerRepeat(scenario, key, a, b))
const runs = (server, scenario) => ((by.get(server) && by.get(server).get(scenario)) || []).length

const out = []
out.push(`Medians over the repeats (${dir}); CPU per delivered update in µs, p99 in ms.`)
out.push('')
out.push('| scenario | runs | ' + servers.map(s => `${s} CPU/update`).join(' | ') +
  ' | chorus/yws | per run | goal ≤ 0.25 | ' + servers.map(s => `${s} p99`).join(' | ') + ' | p99 ≤ yws | delivery | diverged rooms |')
out.push('|---|---|' + servers.map(() => '--:').join('|') + '|--:|---|---|' + servers.map(() => '--:').join('|') + '|---|---|---|')
for (const sc of scenarios) {
  if (sc.startsWith('idle')) continue
  const cpu = servers.map(s => med(s, sc, 'cpuUsPerUpdate'))
  const p99 = servers.map(s => med(s, sc, 'p99'))
  const ratio = pairedRatio(sc, 'cpuUsPerUpdate')
  const p99ok = pairedRatio(sc, 'p99') <= 1
  const delivery = Math.min(...servers.map(s => med(s, sc, 'delivery')))
  const diverged = servers.reduce((n, s) =>
    n + ((by.get(s) && by.get(s).get(sc)) || []).reduce((k, m) => k + m.diverged, 0), 0)
  const each = ratiosPerRepeat(sc, 'cpuUsPerUpdate').map(x => fmt(x, 2)).join(' / ')
  out.push(`| ${sc} | ${runs('chorus', sc)} | ${cpu.map(x => fmt(x)).join(' | ')} | **${fmt(ratio, 2)}** | ${each} | ` +
    `${ratio <= 0.25 ? 'met' : 'not met'} | ${p99.map(x => fmt(x)).join(' | ')} | ${p99ok ? 'met' : 'not met'} | ${fmt(delivery, 4)} | ${diverged} |`)
}
for (const sc of scenarios.filter(s => s.startsWith('idle'))) {
  const kb = servers.map(s => `${s} ${fmt(med(s, sc, 'idleKb'))} KB`)
  const ratio = pairedRatio(sc, 'idleKb')
  out.push('')
  out.push(`${sc}: RSS per idle connection ${kb.join(', ')}; chorus/yws **${fmt(ratio, 2)}** ` +
    `(goal ≤ 0.25: ${ratio <= 0.25 ? 'met' : 'not met'})`)
}
if (Number.isFinite(floorPct) && scenarios.includes('a')) {
  const chorus = med('chorus', 'a', 'cpuPct')
  const yws = med('yws', 'a', 'cpuPct')
  const times = chorus / floorPct
  out.push('')
  out.push(`a: chorus CPU ${fmt(chorus)} % of one core = **${fmt(times, 2)}×** the write floor ` +
    `(${fmt(floorPct, 2)} %; goal ≤ 1.5×: ${times <= 1.5 ? 'met' : 'not met'}), yws ${fmt(yws)} % ` +
    `(below yws: ${chorus < yws ? 'met' : 'not met'})`)
}
// scripts/bench-host --baseline REV: the host at REV ran beside this one in every repeat.
if (by.has('chorus-before')) {
  out.push('', '| scenario | chorus/chorus-before CPU per update | per run | p99 ratio | per run |', '|---|--:|---|--:|---|')
  for (const sc of scenarios.filter(s => !s.startsWith('idle'))) {
    const cpu = ratiosPerRepeat(sc, 'cpuUsPerUpdate', 'chorus', 'chorus-before')
    const p99 = ratiosPerRepeat(sc, 'p99', 'chorus', 'chorus-before')
    out.push(`| ${sc} | **${fmt(median(cpu), 2)}** | ${cpu.map(x => fmt(x, 2)).join(' / ')} | ` +
      `**${fmt(median(p99), 2)}** | ${p99.map(x => fmt(x, 2)).join(' / ')} |`)
  }
  for (const sc of scenarios.filter(s => s.startsWith('idle'))) {
    const kb = ratiosPerRepeat(sc, 'idleKb', 'chorus', 'chorus-before')
    out.push('', `${sc}: RSS per idle connection chorus/chorus-before **${fmt(median(kb), 2)}** (${kb.map(x => fmt(x, 2)).join(' / ')})`)
  }
}
if (failures) out.push('', `${failures} run(s) without a result or with a non-zero exit: see the logs in ${dir}`)
console.log(out.join('\n'))
