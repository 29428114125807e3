// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Node side of chorus-app-driver (tests/app/appdriver.cpp): the real Chorus app in a
// process of its own, one command a line on stdin, one answer a line on stdout. Its settings and
// outbox live in a temporary home, so the test never touches the user's.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export class AppDriver {
  constructor (program, cleanups) {
    this.program = program
    this.cleanups = cleanups
    this.lines = []
    this.waiters = []
    this.buffer = ''
  }

  async start (args) {
    const home = mkdtempSync(join(tmpdir(), 'chorus-app-'))
    this.child = spawn(this.program, args, {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        QT_QPA_PLATFORM: process.env.QT_QPA_PLATFORM || 'offscreen'
      }
    })
    this.cleanups.push(() => {
      this.child.kill('SIGKILL')
      rmSync(home, { recursive: true, force: true })
    })
    this.child.stdout.on('data', (d) => this.received(String(d)))
    const identity = await this.line(20000)
    if (!identity.startsWith('identity ')) {
      throw new Error(`chorus-app-driver did not start: ${identity}`)
    }
    const [, name, color] = identity.split(' ')
    this.name = decodeURIComponent(name)
    this.color = color
  }

  received (chunk) {
    this.buffer += chunk
    let end
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).trim()
      this.buffer = this.buffer.slice(end + 1)
      const waiter = this.waiters.shift()
      waiter ? waiter(line) : this.lines.push(line)
    }
  }

  line (timeoutMs) {
    if (this.lines.length) {
      return Promise.resolve(this.lines.shift())
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done)
        resolve('')
      }, timeoutMs)
      const done = (line) => {
        clearTimeout(timer)
        resolve(line)
      }
      this.waiters.push(done)
    })
  }

  // One command, one answer ('' on timeout). Commands are sent one at a time.
  async ask (command, timeoutMs = 20000) {
    const previous = this.pending || Promise.resolve()
    const turn = previous.then(() => {
      this.child.stdin.write(command + '\n')
      return this.line(timeoutMs)
    })
    this.pending = turn.catch(() => {})
    return turn
  }

  // state <connected> <synced> <unsynced> <peers> <text>
  async state () {
    const w = (await this.ask('state')).split(' ')
    return {
      connected: w[1] === '1',
      synced: w[2] === '1',
      unsynced: Number(w[3]),
      peers: Number(w[4]),
      text: decodeURIComponent(w[5] || '')
    }
  }

  async waitForState (done, timeoutMs) {
    const deadline = Date.now() + timeoutMs
    let s = await this.state()
    while (!done(s) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      s = await this.state()
    }
    return s
  }

  // carets <n> (<name> <anchor> <head>)*
  async carets () {
    const w = (await this.ask('carets')).split(' ')
    const out = []
    for (let i = 2; i + 2 < w.length + 1 && out.length < Number(w[1]); i += 3) {
      out.push({ name: decodeURIComponent(w[i]), anchor: Number(w[i + 1]), head: Number(w[i + 2]) })
    }
    return out
  }
}
