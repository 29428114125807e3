// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The real-browser test (issue 15). A real chorus-server on 127.0.0.1, Debian's headless
// Chromium (driven by playwright-core; never a downloaded browser) with two pages on the host's
// own web editor, and the real Chorus app (chorus-app-driver, offscreen) in one room:
//   1. everyone types at once and all three texts converge;
//   2. each browser shows exactly one named caret for each other participant, the app included;
//   3. the app shows each browser user's caret where that browser's cursor is;
//   4. screenshots of both sides land in CHORUS_WEB_OUT (web-*.png, app.png);
//   5. a page from another origin is refused, the host's own page is not;
//   6. with a password: the page asks for it, a wrong one is refused, the read-only one makes
//      the page read-only.
// Exit 0: all passed; 1: a check failed; 77: skipped (no Chromium).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppDriver } from './appdriver.mjs'

const Chromium = '/usr/bin/chromium'
const env = process.env
const out = env.CHORUS_WEB_OUT || join(tmpdir(), 'chorus-web-out')
const require = createRequire(join(env.CHORUS_WEB_NODE_DIR || '.', 'package.json'))
const cleanups = []
let passed = 0
let failed = 0

function check (ok, what, detail = '') {
  if (ok) {
    passed++
    console.log(`PASS   : ${what}`)
  } else {
    failed++
    console.log(`FAIL!  : ${what}${detail ? '\n   ' + detail : ''}`)
  }
  return ok
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// Polls `probe` until `done(value)` holds or the time is up; returns the last value.
async function waitFor (probe, done, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  let value = await probe()
  while (!done(value) && Date.now() < deadline) {
    await sleep(100)
    value = await probe()
  }
  return value
}

function freePort () {
  return new Promise((resolve, reject) => {
    const s = createNetServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

async function startHost (extraArgs = []) {
  const port = await freePort()
  const child = spawn(env.CHORUS_SERVER, ['--bind', '127.0.0.1', '--port', String(port),
    '--log-level', 'warning', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] })
  cleanups.push(() => child.kill('SIGKILL'))
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('chorus-server did not start')), 10000)
    child.stdout.on('data', (d) => {
      if (String(d).includes('listening on')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`chorus-server exited with ${code}`)))
  })
  return { port, url: `http://127.0.0.1:${port}`, child }
}

// A page on the host's web editor, joined as `name`.
async function openEditor (browser, url, name) {
  const context = await browser.newContext({ viewport: { width: 760, height: 420 } })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.log(`[${name}] page error: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && console.log(`[${name}] console: ${m.text()}`))
  await page.goto(url)
  await page.fill('#name-input', name)
  await page.press('#name-input', 'Enter')
  return page
}

const synced = (page) => page.evaluate(() => !!(window.chorus.session &&
  window.chorus.session.provider.synced))
const textOf = (page) => page.evaluate(() => window.chorus.session.view.state.doc.toString())
const headOf = (page) => page.evaluate(() => window.chorus.session.view.state.selection.main.head)
// The remote carets y-codemirror.next draws: one .cm-ySelectionCaret per peer, its name inside.
const caretNames = (page) => page.$$eval('.cm-ySelectionCaret',
  (carets) => carets.map((c) => c.querySelector('.cm-ySelectionInfo')?.textContent || '').sort())

async function typeAt (page, index, text) {
  await placeCaret(page, index)
  await page.keyboard.type(text, { delay: 15 })
}

async function typeAtEnd (page, text) {
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text, { delay: 15 })
}

// Puts the caret of `page` at `index` (UTF-16 units) through CodeMirror, as a click would.
async function placeCaret (page, index) {
  await page.evaluate((at) => {
    const view = window.chorus.session.view
    view.focus()
    view.dispatch({ selection: { anchor: at } })
  }, index)
}

async function sharedRoom (browser, room) {
  const host = await startHost()
  const url = `${host.url}/?doc=${room}`
  const ada = await openEditor(browser, url, 'Ada')
  const grace = await openEditor(browser, url, 'Grace')
  const app = new AppDriver(env.CHORUS_APP_DRIVER, cleanups)
  await app.start([`ws://127.0.0.1:${host.port}/${room}`, '--place', '0,0,760,420',
    '--user', 'Lin,#30a46c'])
  check((await waitFor(() => Promise.all([synced(ada), synced(grace)]),
    (s) => s[0] && s[1], 15000)).every(Boolean), 'both pages connect and sync')
  check((await app.waitForState((s) => s.connected && s.synced, 15000)).synced,
    'the app connects and syncs')

  // 1. Everyone types at once, each on a line of their own (at one spot, concurrent typing
  // may interleave letter by letter, as it may in any CRDT editor).
  await app.ask('type ' + encodeURIComponent('Ada: \nGrace: \nLin: '))
  const lines = await waitFor(() => textOf(ada), (t) => t.endsWith('Lin: '), 10000)
  await waitFor(() => textOf(grace), (t) => t === lines, 10000)
  const lineEnd = (t, who) => t.indexOf(who + ': ') + who.length + 2
  await Promise.all([
    typeAt(ada, lineEnd(lines, 'Ada'), 'typing in Chromium.'),
    typeAt(grace, lineEnd(lines, 'Grace'), 'typing too, in another tab.'),
    app.ask('type ' + encodeURIComponent('typing in the app.'))
  ])
  const texts = await waitFor(async () => [await textOf(ada), await textOf(grace),
    (await app.state()).text], (t) => t[0] === t[1] && t[1] === t[2] &&
    ['Chromium.', 'tab.', 'app.'].every((s) => t[0].includes(s)), 15000)
  check(texts[0] === texts[1] && texts[1] === texts[2], 'the three texts converge',
    JSON.stringify(texts))
  check(texts[0] === 'Ada: typing in Chromium.\nGrace: typing too, in another tab.\n' +
    'Lin: typing in the app.', 'every insertion is in the text whole, where it was typed',
  texts[0])

  // 2. and 3. Distinct caret places, then what each side shows.
  const text = texts[0]
  const adaAt = text.indexOf('Chromium') + 3
  const graceAt = text.indexOf('another') + 2
  await placeCaret(ada, adaAt)
  await placeCaret(grace, graceAt)
  await app.ask('select 2 5 8') // selects "typ" on Lin's line
  for (const [page, name, other] of [[ada, 'Ada', 'Grace'], [grace, 'Grace', 'Ada']]) {
    const names = await waitFor(() => caretNames(page),
      (n) => JSON.stringify(n) === JSON.stringify(['Lin', other].sort()), 10000)
    check(JSON.stringify(names) === JSON.stringify(['Lin', other].sort()),
      `${name}'s page shows exactly one named caret for Lin (the app) and ${other}`,
      `carets: ${JSON.stringify(names)}`)
  }
  // The app's selection as the pages draw it: the caret widget sits at its head.
  const appHead = text.indexOf('Lin: ') + 8
  const linAt = await waitFor(() => ada.evaluate(() => {
    const view = window.chorus.session.view
    const caret = [...document.querySelectorAll('.cm-ySelectionCaret')]
      .find((c) => c.textContent.includes('Lin'))
    return caret ? view.posAtDOM(caret) : -1
  }), (at) => at === appHead, 10000)
  check(linAt === appHead, `Ada's page draws Lin's caret at ${appHead}`, `at ${linAt}`)
  const want = { Ada: adaAt, Grace: graceAt }
  const carets = await waitFor(() => app.carets(),
    (c) => Object.entries(want).every(([n, at]) => c.some((p) => p.name === n && p.head === at)),
    10000)
  for (const [n, at] of Object.entries(want)) {
    const seen = carets.filter((p) => p.name === n)
    check(seen.length === 1 && seen[0].head === at,
      `the app shows ${n}'s caret once, at ${at}`, `app carets: ${JSON.stringify(carets)}`)
  }
  check(await headOf(ada) === adaAt, "Ada's own caret stayed where it was put")
  const flags = await waitFor(() => ada.$$eval('.cm-ySelectionCaret',
    (c) => c.map((e) => e.style.backgroundColor)), (c) => c.length === 2, 3000)
  check(new Set(flags).size === flags.length, 'the carets on a page have distinct colours',
    JSON.stringify(flags))
  const colours = await waitFor(async () => [await ada.evaluate(() => window.chorus.color),
    await grace.evaluate(() => window.chorus.color), '#30a46c'],
  (c) => new Set(c).size === 3, 5000)
  check(new Set(colours).size === 3, 'the three people wear three colours',
    JSON.stringify(colours))

  // 4. Screenshots of both sides.
  mkdirSync(out, { recursive: true })
  await ada.screenshot({ path: join(out, 'web-ada.png') })
  await grace.screenshot({ path: join(out, 'web-grace.png') })
  const grabbed = await app.ask('grab ' + encodeURIComponent(join(out, 'app.png')))
  check(grabbed.startsWith('grabbed'), 'the app window is grabbed', grabbed)
  console.log(`screenshots in ${out}`)

  // The session's documents, from the host's .chorus/index: in the bar, and as the list a page
  // without ?doc= shows.
  const listed = await waitFor(() => ada.$$eval('#documents option', (o) => o.map((e) => e.value)),
    (o) => o.includes(room), 10000)
  check(listed.includes(room), 'the document drop-down lists the room', JSON.stringify(listed))
  const lobby = await openEditor(browser, host.url + '/', 'Visitor')
  const picks = await waitFor(() => lobby.$$eval('#picker-list a', (a) => a.map((e) => e.textContent)),
    (a) => a.includes(room), 10000)
  check(picks.includes(room), 'a page without ?doc= lists the documents', JSON.stringify(picks))
  await lobby.screenshot({ path: join(out, 'web-documents.png') })
  await lobby.click(`#picker-list a >> text=${room}`)
  check(await waitFor(() => synced(lobby), Boolean, 10000) && await textOf(lobby) === text,
    'choosing a document opens it')

  // 5. Origins: the host's own page is in (above); a page elsewhere is refused.
  const foreign = await foreignOriginAttempt(browser, host.port, room)
  check(foreign.messages === 0 && foreign.code !== 'open',
    'a page from another origin gets no document', JSON.stringify(foreign))
  await app.ask('quit')
}

// A page served from another origin (a local web server) opens the host's WebSocket.
async function foreignOriginAttempt (browser, hostPort, room) {
  const site = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'))
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => site.close())
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`http://127.0.0.1:${site.address().port}/`)
  return page.evaluate(([port, r]) => new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/${r}`)
    let messages = 0
    ws.onmessage = () => messages++
    ws.onclose = (e) => resolve({ code: e.code, messages })
    setTimeout(() => resolve({ code: 'open', messages }), 5000)
  }), [hostPort, room])
}

async function passwordRoom (browser) {
  const host = await startHost(['--token', 'opensesame', '--read-only-token', 'lookonly'])
  const url = `${host.url}/?doc=secret`
  const page = await openEditor(browser, url, 'Ada')
  await page.waitForSelector('#password-dialog[open]', { timeout: 10000 })
  check(true, 'the page asks for the password')
  await page.fill('#password-input', 'wrong')
  await page.press('#password-input', 'Enter')
  await page.waitForSelector('#password-dialog[open]', { timeout: 10000 })
  const reason = await page.textContent('#password-reason')
  check(/not accepted/.test(reason), 'a wrong password is refused and asked again', reason)
  await page.fill('#password-input', 'opensesame')
  await page.press('#password-input', 'Enter')
  check(await waitFor(() => synced(page), Boolean, 10000), 'the right password joins')
  await typeAtEnd(page, 'written with the password')

  const reader = await openEditor(browser, url, 'Grace')
  await reader.waitForSelector('#password-dialog[open]', { timeout: 10000 })
  await reader.fill('#password-input', 'lookonly')
  await reader.press('#password-input', 'Enter')
  check(await waitFor(() => synced(reader), Boolean, 10000), 'the read-only password joins')
  const before = await waitFor(() => textOf(reader), (t) => t.includes('password'), 10000)
  check(before === 'written with the password', 'the reader sees the text', before)
  check(await reader.isVisible('#readonly'), 'the page shows it is read-only')
  await typeAtEnd(reader, 'sneaky')
  await sleep(500)
  check(await textOf(reader) === before && await textOf(page) === before,
    'typing on the read-only page changes nothing')
  await reader.screenshot({ path: join(out, 'web-readonly.png') })
}

async function main () {
  if (!existsSync(Chromium)) {
    console.log(`SKIP   : ${Chromium} is missing (Debian package chromium)`)
    process.exit(77)
  }
  const { chromium } = require('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'chorus-chromium-'))
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }))
  // launch() gives the browser a fresh profile of its own (--user-data-dir in a temporary
  // folder); the flags keep it off the network and away from updates.
  const browser = await chromium.launch({
    executablePath: Chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile }
  })
  cleanups.push(() => browser.close())
  await sharedRoom(browser, 'shared-notes')
  await passwordRoom(browser)
}

const watchdog = setTimeout(() => {
  console.log('FAIL!  : the test did not finish within 240 s')
  process.exit(1)
}, 240000)
try {
  await main()
} catch (e) {
  check(false, 'the test ran to its end', e.stack)
}
clearTimeout(watchdog)
for (const c of cleanups.reverse()) {
  try { await c() } catch {}
}
console.log(`Totals: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
