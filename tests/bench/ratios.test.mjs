// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench/host/ratios.mjs against a hand-made results folder: the ratios are taken within each
// repeat and their median reported, verdicts follow the goals, and runs without a
// result are counted rather than dropped silently.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const script = path.join(process.env.CHORUS_SOURCE_DIR || path.resolve(import.meta.dirname, '../..'),
  'bench/host/ratios.mjs')

function run (rows, extra = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-ratios-'))
  try {
    if (rows) fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(rows))
    return spawnSync(process.execPath, [script, dir, ...extra], { encoding: 'utf8' })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// One run-baselines row: CPU % of one core, deliveries per second, p99 ms, idle KB per conn.
function row (server, scenario, rep, cpu, perSec, p99, idleKb = 0, diverged = 0) {
  return {
    tag: `${server}-${scenario}-r${rep}`,
    server,
    scenario,
    exit: 0,
    result: {
      deliveries: { ratio: 1, perSecInWindow: perSec },
      latencyMs: { p99 },
      server: { cpuPctOfOneCoreInWindow: cpu, rssPerConnEndOfWindowKb: idleKb },
      convergence: { divergedRooms: diverged, lateJoinMismatchCount: 0 }
    }
  }
}

const line = (out, scenario) => out.split('\n').find(l => l.startsWith(`| ${scenario} |`))

test('paired ratios, their median, and the verdicts', () => {
  const r = run([
    // a: 10 vs 50 us (0.20) and 18 vs 60 us (0.30): median 0.25, met; p99 above yws: not met
    row('chorus', 'a', 0, 10, 10000, 8), row('yws', 'a', 0, 50, 10000, 6),
    row('chorus', 'a', 1, 18, 10000, 9), row('yws', 'a', 1, 60, 10000, 7),
    // b: 0.5 in the only repeat, and a diverged room
    row('chorus', 'b', 0, 20, 20000, 100, 0, 1), row('yws', 'b', 0, 40, 20000, 200),
    row('chorus', 'idle', 0, 0, 0, 0, 2.5), row('yws', 'idle', 0, 0, 0, 0, 25)
  ])
  assert.equal(r.status, 0, r.stderr)
  const a = line(r.stdout, 'a').split('|').map(c => c.trim())
  // scenario, runs, chorus, yws, ratio, per run, goal, chorus p99, yws p99, p99 verdict, delivery, diverged
  assert.deepEqual(a.slice(1, 13),
    ['a', '2', '14.0', '55.0', '**0.25**', '0.20 / 0.30', 'met', '8.5', '6.5', 'not met', '1.0000', '0'])
  const b = line(r.stdout, 'b').split('|').map(c => c.trim())
  assert.equal(b[5], '**0.50**')
  assert.equal(b[7], 'not met')
  assert.equal(b[10], 'met')
  assert.equal(b[12], '1')
  assert.match(r.stdout, /idle: RSS per idle connection chorus 2\.5 KB, yws 25\.0 KB; chorus\/yws \*\*0\.10\*\* \(goal ≤ 0\.25: met\)/)
})

test('runs without a result are counted', () => {
  const failed = { tag: 'chorus-c', server: 'chorus', scenario: 'c', exit: 1, result: null }
  const r = run([row('chorus', 'a', 0, 10, 10000, 5), row('yws', 'a', 0, 20, 10000, 6), failed])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /1 run\(s\) without a result or with a non-zero exit/)
})

test('a folder without summary.json is an error', () => {
  const r = run(null)
  assert.equal(r.status, 1)
  assert.match(r.stderr, /cannot read .*summary\.json/)
})

test('scenario a against the write floor (issue 14)', () => {
  const rows = [row('chorus', 'a', 0, 6, 4500, 5), row('yws', 'a', 0, 20, 4500, 6),
    row('chorus', 'a', 1, 8, 4500, 5), row('yws', 'a', 1, 22, 4500, 6)]
  // median chorus CPU 7 % against a 4 % floor: 1.75x, not met; below yws's 21 %: met
  const r = run(rows, ['--floor', '4'])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /a: chorus CPU 7\.0 % of one core = \*\*1\.75×\*\* the write floor \(4\.00 %; goal ≤ 1\.5×: not met\), yws 21\.0 % \(below yws: met\)/)
  assert.match(run(rows, ['--floor', '5']).stdout, /1\.40×\*\* the write floor \(5\.00 %; goal ≤ 1\.5×: met\)/)
  assert.equal(run(rows, ['--floor', 'x']).status, 2)
})

test('a host against its parent revision (scripts/bench-host --baseline)', () => {
  const r = run([
    // a: after/before 12/10 = 1.2 and 9/10 = 0.9, median 1.05; p99 4/5 and 6/5
    row('chorus', 'a', 0, 12, 10000, 4), row('chorus-before', 'a', 0, 10, 10000, 5),
    row('yws', 'a', 0, 50, 10000, 6),
    row('chorus', 'a', 1, 9, 10000, 6), row('chorus-before', 'a', 1, 10, 10000, 5),
    row('yws', 'a', 1, 50, 10000, 6)
  ])
  assert.equal(r.status, 0, r.stderr)
  const rows = r.stdout.split('\n').filter(l => l.startsWith('| a |'))
  assert.equal(rows.length, 2, r.stdout)
  assert.deepEqual(rows[1].split('|').map(c => c.trim()).slice(1, 6),
    ['a', '**1.05**', '1.20 / 0.90', '**1.00**', '0.80 / 1.20'])
})
