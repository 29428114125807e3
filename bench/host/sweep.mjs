#!/usr/bin/env node
// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench/host/sweep.mjs — the host's load sweep (issue 14): one room shape at rising per-peer
// rates, every server started fresh for each point, all in one run, then a table and a chart.
//
//   node bench/host/sweep.mjs --harness DIR --server 'chorus=CMD with {port}' [--server …]
//        [--servers chorus,yws] [--rates 0.25,0.5,1,2,3] [--rooms 50] [--clients 20]
//        [--duration 15] [--repeat 1] [--wait-quiet SEC] --out DIR [--chart FILE.svg] [--render]
//
// DIR is a copy of ../shared/tools/server-bench with its node_modules (scripts/bench-host makes
// it); its loadgen.mjs drives each point (every client inserts at the rate and sends awareness
// at a quarter of it) and reads the server's CPU from the PID this script started (the command
// must exec the server). "yws" is the reference @y/websocket-server from DIR. Points run in the
// order rate → repeat → server, so the servers of one point share the machine's state.
// Writes OUT/sweep.json (every run), OUT/sweep.md (medians over the repeats: deliveries/s,
// p50, p99, CPU per delivered update = server CPU % of one core × 10,000 / deliveries/s, in
// µs, and the median load of other processes during the windows, % of one core) and, with
// --chart, an SVG drawn by gnuplot (p50, p99 and CPU per update against the
// load) plus OUT/sweep.png for a quick look. Loopback only; every run is bounded.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const args = process.argv.slice(2)
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d }
const optAll = k => args.flatMap((a, i) => (a === k ? [args[i + 1]] : []))
const harness = opt('--harness')
const out = opt('--out')
if (!harness || !out) {
  console.error('usage: node bench/host/sweep.mjs --harness DIR --out DIR [--server NAME=CMD] …')
  process.exit(2)
}
const commands = { yws: `${process.execPath} ${path.join(harness, 'yws-server.mjs')} {port}` }
for (const s of optAll('--server')) {
  const i = s.indexOf('=')
  commands[s.slice(0, i)] = s.slice(i + 1)
}
const servers = opt('--servers', 'chorus,yws').split(',')
const rates = opt('--rates', '0.25,0.5,1,2,3').split(',').map(Number)
const rooms = opt('--rooms', '50')
const clients = opt('--clients', '20')
const duration = opt('--duration', '15')
const repeat = Number(opt('--repeat', '1'))
const waitQuiet = Number(opt('--wait-quiet', '60'))
const chart = opt('--chart')
fs.mkdirSync(out, { recursive: true })
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

// % of one core the machine was busy over `ms` (2 cores: 200 % is all of it).
async function machineBusy (ms) {
  const read = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
    return { total: f.reduce((a, b) => a + b, 0), idle: f[3] + f[4] }
  }
  const a = read()
  await sleep(ms)
  const b = read()
  const dt = b.total - a.total
  return dt > 0 ? (100 * (dt - (b.idle - a.idle)) / dt) * 2 : 0
}
async function quiet () {
  const end = Date.now() + waitQuiet * 1000
  let busy = await machineBusy(1000)
  while (busy > 15 && Date.now() < end) {
    process.stderr.write(`  machine busy ${busy.toFixed(0)} % of one core; waiting\n`)
    await sleep(5000)
    busy = await machineBusy(1000)
  }
  return busy
}
async function portOpen (port) {
  for (const end = Date.now() + 10000; Date.now() < end; await sleep(100)) {
    const ok = await new Promise(resolve => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true) })
      s.on('error', () => resolve(false))
    })
    if (ok) return true
  }
  return false
}
function runLoadgen (argv, log) {
  return new Promise(resolve => {
    const p = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    p.stdout.on('data', d => { text += d })
    p.stderr.on('data', d => { text += d })
    const timer = setTimeout(() => p.kill('SIGKILL'), 150e3)
    p.on('exit', code => { clearTimeout(timer); fs.writeFileSync(log, text); resolve(code) })
  })
}

async function point (server, rate, rep, port) {
  const tag = `${server}-r${rate}-${rep}`
  const before = await quiet()
  const srv = spawn('/bin/sh', ['-c', 'exec ' + commands[server].replaceAll('{port}', String(port))],
    { stdio: ['ignore', 'ignore', 'pipe'] })
  let srvLog = ''
  srv.stderr.on('data', d => { srvLog += d })
  if (!(await portOpen(port))) {
    srv.kill('SIGKILL')
    return { tag, server, rate, rep, error: 'server did not start' }
  }
  await sleep(1000)
  const json = path.join(out, tag + '.json')
  const code = await runLoadgen([path.join(harness, 'loadgen.mjs'), '--url', `ws://127.0.0.1:${port}`,
    '--rooms', rooms, '--clients-per-room', clients, '--rate', String(rate), '--duration', duration,
    '--warmup', '3', '--server-pid', String(srv.pid), '--label', tag, '--json', json],
  path.join(out, tag + '.log'))
  srv.kill('SIGTERM')
  await sleep(500)
  srv.kill('SIGKILL')
  fs.writeFileSync(path.join(out, tag + '.server.log'), srvLog)
  let r = null
  try { r = JSON.parse(fs.readFileSync(json, 'utf8')) } catch {}
  if (!r) return { tag, server, rate, rep, exit: code, error: 'no result' }
  const deliveries = r.deliveries.perSecInWindow
  const row = {
    tag, server, rate, rep, exit: code, quietBefore: Math.round(before),
    deliveries, delivery: r.deliveries.ratio, p50: r.latencyMs.p50, p99: r.latencyMs.p99,
    cpu: r.server.cpuPctOfOneCoreInWindow,
    cpuUs: deliveries > 0 ? r.server.cpuPctOfOneCoreInWindow * 10000 / deliveries : NaN,
    loadgenCpu: r.loadgen.cpuPctOfOneCoreInWindow,
    other: r.machineCpuInWindow ? r.machineCpuInWindow.otherProcessesPctOfOneCore : NaN
  }
  console.error(`${tag}: ${row.deliveries.toFixed(0)}/s p50 ${row.p50.toFixed(2)} p99 ${row.p99.toFixed(1)} ms, ` +
    `CPU ${row.cpu.toFixed(0)} % (${row.cpuUs.toFixed(1)} µs/update), loadgen ${row.loadgenCpu.toFixed(0)} %, other ${row.other.toFixed(0)} %, exit ${code}`)
  return row
}

// --render: table and chart again from OUT/sweep.json, without running anything.
const rows = args.includes('--render') ? JSON.parse(fs.readFileSync(path.join(out, 'sweep.json'), 'utf8')) : []
let port = 18600
for (const rate of args.includes('--render') ? [] : rates) {
  for (let rep = 0; rep < repeat; rep++) {
    for (const server of servers) rows.push(await point(server, rate, rep, ++port))
    fs.writeFileSync(path.join(out, 'sweep.json'), JSON.stringify(rows, null, 2) + '\n')
  }
}

const median = xs => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const med = (server, rate, key) => median(rows.filter(r => r.server === server && r.rate === rate && !r.error).map(r => r[key]))
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-')
const L = []
L.push(`${rooms} rooms × ${clients} clients, each inserting at the rate (awareness at a quarter of it); ` +
  `${duration} s windows; medians of ${repeat} run(s) per point; CPU per delivered update in µs.`)
L.push('')
L.push('| updates/s per peer | deliveries/s | ' + servers.map(s => `${s} p50 ms | ${s} p99 ms | ${s} CPU % | ${s} µs/update`).join(' | ') +
  ' | p50 ≤ yws | p99 ≤ yws | µs/update chorus/yws | other load % |')
L.push('|--:|--:|' + servers.map(() => '--:|--:|--:|--:').join('|') + '|---|---|--:|--:|')
for (const rate of rates) {
  const cells = servers.map(s => `${fmt(med(s, rate, 'p50'), 2)} | ${fmt(med(s, rate, 'p99'))} | ${fmt(med(s, rate, 'cpu'), 0)} | ${fmt(med(s, rate, 'cpuUs'))}`)
  const cmp = key => (servers.includes('chorus') && servers.includes('yws')
    ? (med('chorus', rate, key) <= med('yws', rate, key) ? 'yes' : 'no') : '-')
  const ratio = med('chorus', rate, 'cpuUs') / med('yws', rate, 'cpuUs')
  const other = median(rows.filter(r => r.rate === rate && !r.error).map(r => r.other))
  L.push(`| ${rate} | ${fmt(med(servers[0], rate, 'deliveries'), 0)} | ${cells.join(' | ')} | ${cmp('p50')} | ${cmp('p99')} | ${fmt(ratio, 2)} | ${fmt(other, 0)} |`)
}
const failed = rows.filter(r => r.error || r.exit !== 0)
if (failed.length) L.push('', `${failed.length} run(s) failed or lost updates: ${failed.map(r => `${r.tag} (${r.error || 'exit ' + r.exit})`).join(', ')}`)
fs.writeFileSync(path.join(out, 'sweep.md'), L.join('\n') + '\n')
console.log(L.join('\n'))

if (chart) {
  // One data file per server (columns: rate, deliveries/s, p50, p99, µs/update), one gnuplot
  // script with three panels; log scales (latency and load both span orders of magnitude).
  const plots = []
  for (const s of servers) {
    const file = path.join(out, `sweep-${s}.dat`)
    fs.writeFileSync(file, rates.map(r => [r, med(s, r, 'deliveries'), med(s, r, 'p50'), med(s, r, 'p99'), med(s, r, 'cpuUs')]
      .map(x => (Number.isFinite(x) ? x : 'NaN')).join(' ')).join('\n') + '\n')
    plots.push({ s, file })
  }
  // x: the offered load (the rate every peer sends at), not what was delivered: a run that
  // falls behind must not move its point to the left.
  const series = col => plots.map(({ s, file }) => `'${file}' using 1:${col} with linespoints title '${s}'`).join(', ')
  const script = (term, file) => `set terminal ${term}
set output '${file}'
set multiplot layout 1,3 title "Host load sweep: ${rooms} rooms x ${clients} clients (medians of ${repeat})"
set logscale x 2
set xtics (${rates.join(', ')})
set xrange [${rates[0] / 1.3}:${rates[rates.length - 1] * 1.3}]
set xlabel 'updates a second per peer (x19 deliveries each)'
set grid
set key top left
set logscale y
set ylabel 'ms'
set title 'p50 latency'
plot ${series(3)}
set title 'p99 latency'
plot ${series(4)}
unset logscale y
set yrange [0:*]
set key top right
set ylabel 'µs of server CPU'
set title 'CPU per delivered update'
plot ${series(5)}
unset multiplot
`
  const svg = path.resolve(chart)
  const gp = path.join(out, 'sweep.gp')
  fs.writeFileSync(gp, script("svg size 1200,420 dynamic font 'DejaVu Sans,11' background '#ffffff'", svg))
  const r1 = spawnSync('gnuplot', [gp], { stdio: 'inherit' })
  fs.writeFileSync(gp + '.png', script("pngcairo size 1200,420 font 'DejaVu Sans,10'", path.join(out, 'sweep.png')))
  const r2 = spawnSync('gnuplot', [gp + '.png'], { stdio: 'inherit' })
  if (r1.status !== 0 || r2.status !== 0) {
    console.error('sweep: gnuplot failed')
    process.exit(1)
  }
  console.error(`chart: ${svg}`)
}
